from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.pipeline.models import StageChange
from tests.pipeline.factories import InvestmentProjectFactory

pytestmark = pytest.mark.django_db


def test_the_board_shows_the_projects_a_user_works_on_by_stage(
    member_client: Client, member: User, other_organisation: Organisation
) -> None:
    InvestmentProjectFactory(promoter=member.organisation, title={"en": "Mine"}, stage="screening")
    InvestmentProjectFactory(
        promoter=other_organisation,
        title={"en": "Theirs"},
        stage="screening",
        teaser_published=True,
    )

    html = member_client.get(reverse("pipeline:board")).content.decode()

    screening = html.split('id="column-screening"')[1].split("</section>")[0]
    assert "Mine" in screening
    assert "Theirs" not in html


def test_a_drop_on_the_board_moves_the_project_and_returns_its_card(
    member_client: Client, member: User
) -> None:
    # given a project at screening
    project = InvestmentProjectFactory(promoter=member.organisation, stage="screening")

    # when the board posts the drop through HTMX
    response = member_client.post(
        reverse("pipeline:project_move", args=[project.slug]),
        {"stage": "structuring", "reason": ""},
        HTTP_HX_REQUEST="true",
    )

    # then the card comes back in its new stage, and the history names the member
    project.refresh_from_db()
    assert project.stage == "structuring"
    assert 'data-stage="structuring"' in response.content.decode()
    assert StageChange.objects.filter(
        project=project, to_stage="structuring", changed_by=member
    ).exists()


def test_the_no_javascript_form_moves_the_project_and_goes_back(
    member_client: Client, member: User
) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation, stage="idea")
    board = reverse("pipeline:board")

    response = member_client.post(
        reverse("pipeline:project_move", args=[project.slug]),
        {"stage": "on_hold", "reason": "Waiting for permit", "next": board},
    )

    project.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == board
    assert project.stage == "on_hold"
    assert StageChange.objects.get(project=project, to_stage="on_hold").reason == (
        "Waiting for permit"
    )


def test_it_refuses_to_redirect_to_another_site(member_client: Client, member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation, stage="idea")

    response = member_client.post(
        reverse("pipeline:project_move", args=[project.slug]),
        {"stage": "screening", "next": "https://evil.example/"},
    )

    assert response["Location"] == reverse("pipeline:project_detail", args=[project.slug])


def test_advisers_keep_notes_and_tasks(member_client: Client, member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)
    detail = reverse("pipeline:project_detail", args=[project.slug])

    member_client.post(reverse("pipeline:note_add", args=[project.slug]), {"text": "Call the bank"})
    member_client.post(
        reverse("pipeline:task_add", args=[project.slug]),
        {"title": "Collect offtake letters", "due_on": "2026-12-15"},
    )
    task = project.tasks.get()
    member_client.post(reverse("pipeline:task_toggle", args=[project.slug, task.pk]))

    html = member_client.get(detail).content.decode()
    task.refresh_from_db()
    assert "Call the bank" in html
    assert "<s>Collect offtake letters</s>" in html
    assert task.done is True


def test_the_board_and_the_list_need_a_fixed_number_of_queries(
    member_client: Client, member: User, django_assert_max_num_queries: Any
) -> None:
    InvestmentProjectFactory.create_batch(25, promoter=member.organisation)

    with django_assert_max_num_queries(12):
        board = member_client.get(reverse("pipeline:board"))
    with django_assert_max_num_queries(12):
        listing = member_client.get(reverse("pipeline:project_list"))

    assert board.content.decode().count('class="board-card"') == 25
    assert listing.status_code == 200
