from __future__ import annotations

import pytest
from django.test import Client

from obieg.directory.models import Organisation
from tests.symbiosis.factories import offer

pytestmark = pytest.mark.django_db

MODELS = ("stream", "match", "matchingrun", "savingsfactors", "goodpractice", "streamimport")


def test_managers_open_every_symbiosis_admin_page(
    organisation: Organisation, manager_client: Client
) -> None:
    stream = offer(organisation)

    pages = [f"/admin/symbiosis/{model}/" for model in MODELS]
    pages += [f"/admin/symbiosis/{model}/add/" for model in MODELS]
    pages.append(f"/admin/symbiosis/stream/{stream.pk}/change/")
    statuses = {page: manager_client.get(page).status_code for page in pages}

    assert statuses == dict.fromkeys(pages, 200)


def test_members_do_not_enter_the_admin(member_client: Client) -> None:
    response = member_client.get("/admin/symbiosis/savingsfactors/")

    assert response.status_code == 302


def _form_data(form: object) -> dict[str, object]:
    data: dict[str, object] = {}
    for name in form.fields:  # type: ignore[attr-defined]
        value = form[name].value()  # type: ignore[index]
        if value is not None and value is not False:
            data[name] = value
    return data


def test_an_admin_edit_recomputes_the_annual_quantity(
    organisation: Organisation, manager_client: Client
) -> None:
    stream = offer(organisation)
    url = f"/admin/symbiosis/stream/{stream.pk}/change/"
    data = _form_data(manager_client.get(url).context["adminform"].form)
    data.update(quantity="10", frequency="month")

    response = manager_client.post(url, data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    stream.refresh_from_db()
    assert stream.annual_quantity == pytest.approx(120)


def test_the_admin_refuses_an_unknown_waste_code(
    organisation: Organisation, manager_client: Client
) -> None:
    stream = offer(organisation)
    url = f"/admin/symbiosis/stream/{stream.pk}/change/"
    data = _form_data(manager_client.get(url).context["adminform"].form)
    data.update(ewc_code="999999")

    response = manager_client.post(url, data)

    assert response.status_code == 200
    assert "ewc_code" in response.context["adminform"].form.errors
