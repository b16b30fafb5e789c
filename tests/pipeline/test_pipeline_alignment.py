from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from obieg.accounts.models import User
from obieg.core.choices import RunStatus
from obieg.core.models import Run
from obieg.pipeline import services
from obieg.pipeline.alignment import alignment_themes
from obieg.pipeline.funding_match import project_dataclass
from obieg.pipeline.services.alignment import RUN_KIND

pytestmark = pytest.mark.django_db

SUMMARY = (
    "A recycling plant that turns post-consumer plastic packaging waste into secondary raw "
    "materials, diverting it from landfill and cutting greenhouse-gas emissions."
)


def test_a_new_description_is_classified_in_a_recorded_background_run(
    member: User, django_capture_on_commit_callbacks: Any
) -> None:
    # when a member creates a project with a description
    with django_capture_on_commit_callbacks(execute=True):
        project = services.project_create(
            user=member,
            promoter=member.organisation,
            title={"en": "Packaging loop"},
            summary={"en": SUMMARY},
            country="PL",
            budget=Decimal("1000000"),
        )

    # then a run records the classification, and the project carries SDG 12 as a theme
    run = Run.objects.get(kind=RUN_KIND)
    project.refresh_from_db()
    assert run.status == RunStatus.SUCCEEDED
    assert run.subject == f"pipeline.investmentproject:{project.pk}"
    assert 12 in [g["goal"] for g in project.alignment["goals"]]
    assert "SDG12" in project_dataclass(project).themes


def test_an_unchanged_description_is_not_classified_again(
    member: User, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        project = services.project_create(
            user=member,
            promoter=member.organisation,
            title={"en": "Packaging loop"},
            summary={"en": SUMMARY},
            country="PL",
            budget=Decimal("1000000"),
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.project_update(project=project, user=member, data={"trl": 8})
    with django_capture_on_commit_callbacks(execute=True):
        services.project_update(
            project=project, user=member, data={"summary": {"en": SUMMARY + " Now with glass."}}
        )

    assert Run.objects.filter(kind=RUN_KIND).count() == 2


def test_weak_green_deal_areas_are_not_themes() -> None:
    alignment = {
        "goals": [{"goal": 12}],
        "green_deal": [{"key": "GD-INDUSTRY", "score": 0.9}, {"key": "GD-CLIMATE", "score": 0.3}],
        "taxonomy": [{"key": "CE", "score": 0.8}],
    }

    assert alignment_themes(alignment) == {"SDG12", "GD-INDUSTRY", "CE"}
