from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import numpy_financial as npf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.pipeline import selectors, services
from tests.conftest import bearer
from tests.pipeline.factories import InvestmentProjectFactory

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent / "core" / "fixtures" / "cash_flows_ok.csv"
YEARS = [
    {"year": 0, "capex": "1000000"},
    {"year": 1, "opex": "50000", "revenues": "250000", "output": "1000"},
    {"year": 2, "opex": "50000", "revenues": "300000", "output": "1000"},
    {"year": 3, "opex": "50000", "revenues": "300000", "savings": "20000", "output": "1000"},
    {
        "year": 4,
        "opex": "50000",
        "revenues": "320000",
        "residual_value": "200000",
        "output": "1000",
    },
]
NET = [-1_000_000, 200_000, 250_000, 270_000, 470_000]


def test_the_api_metrics_equal_numpy_financial(member: User) -> None:
    # given a project with five years of flows at 6 %
    project = InvestmentProjectFactory(promoter=member.organisation)
    client, headers = Client(), bearer(member)

    # when the case is stored through the API
    response = client.put(
        f"/api/v1/pipeline/projects/{project.pk}/case",
        data={"discount_rate": "0.06", "output_unit": "t", "years": YEARS},
        content_type="application/json",
        **headers,
    )

    # then NPV, IRR and MIRR equal numpy-financial's to 1e-9
    body = response.json()
    assert response.status_code == 200
    assert body["npv"]["value"] == pytest.approx(npf.npv(0.06, NET), abs=1e-9)
    assert body["irr"]["value"] == pytest.approx(npf.irr(NET), abs=1e-9)
    assert body["mirr"]["value"] == pytest.approx(npf.mirr(NET, 0.06, 0.06), abs=1e-9)
    assert [y["net"] for y in body["years"]] == NET
    assert body["payback_years"]["value"] == pytest.approx(3 + 280_000 / 470_000)
    assert body["levelised_cost"]["defined"] is True
    assert len(body["tornado"]) == 6
    assert [s["name"] for s in body["scenarios"]] == ["base", "optimistic", "pessimistic"]


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    capex=st.integers(1, 10_000_000),
    inflows=st.lists(st.integers(0, 5_000_000), min_size=1, max_size=12),
    rate=st.integers(0, 200).map(lambda r: r / 1000),
)
def test_stored_cases_keep_numpy_financial_npv_and_irr(
    capex: int, inflows: list[int], rate: float, organisation: Organisation, member: User
) -> None:
    # given any conventional case stored through the service (amounts pass through Decimal)
    project = InvestmentProjectFactory(promoter=organisation)
    years = [{"year": 0, "capex": capex}] + [
        {"year": t, "revenues": v} for t, v in enumerate(inflows, start=1)
    ]
    services.case_set(project=project, user=member, years=years, discount_rate=rate)

    # when it is analysed
    analysis = selectors.case_analysis(project=project)

    # then NPV and IRR agree with numpy-financial (IRR only where it is defined)
    net = [-capex, *inflows]
    assert analysis is not None
    assert analysis.metrics.npv.value == pytest.approx(npf.npv(rate, net), abs=1e-6)
    expected_irr = npf.irr(net)
    if analysis.metrics.irr.value is None:
        assert expected_irr != expected_irr or sum(inflows) == 0  # nan in numpy-financial
    else:
        assert analysis.metrics.irr.value == pytest.approx(expected_irr, abs=1e-9)


def test_an_undefined_irr_is_shown_with_its_reason_never_as_a_number(member: User) -> None:
    # given a case whose flows never change sign (savings only, no investment)
    project = InvestmentProjectFactory(promoter=member.organisation)
    services.case_set(
        project=project,
        user=member,
        years=[{"year": 1, "savings": 100}, {"year": 2, "savings": 100}],
    )
    client = Client()
    client.force_login(member)

    # when the case is read on the page and through the API
    page = client.get(reverse("pipeline:case_edit", args=[project.slug])).content.decode()
    api = client.get(f"/api/v1/pipeline/projects/{project.pk}/case").json()

    # then IRR is undefined with the reason, and no number is given
    assert api["irr"] == {
        "value": None,
        "defined": False,
        "code": "no_sign_change",
        "reason": "cash flows never change sign",
        "flags": [],
        "note": None,
    }
    irr_cell = page.split('id="metric-irr"')[1].split("</dd>")[0]
    assert "undefined" in irr_cell
    assert "cash flows never change sign" in irr_cell
    assert "data-value" not in irr_cell


def test_the_case_page_saves_the_form_and_shows_metrics_and_the_tornado(
    member_client: Client, member: User
) -> None:
    # given a project of the member
    project = InvestmentProjectFactory(promoter=member.organisation)
    url = reverse("pipeline:case_edit", args=[project.slug])
    form: dict[str, Any] = {
        "discount_rate": "0.05",
        "output_unit": "t",
        "years-TOTAL_FORMS": "3",
        "years-INITIAL_FORMS": "0",
    }
    for k, (capex, revenues) in enumerate([(1000, 0), (0, 600), (0, 700)]):
        form |= {f"years-{k}-year": k, f"years-{k}-capex": capex, f"years-{k}-revenues": revenues}

    # when the member saves the form
    saved = member_client.post(url, form)
    page = member_client.get(url).content.decode()

    # then the metrics and a tornado chart appear
    assert saved.status_code == 302
    assert f'data-value="{float(npf.npv(0.05, [-1000, 600, 700]))!r}"' in page
    assert "<svg" in page
    assert "Optimistic" in page


def test_it_imports_cash_flows_from_a_csv_upload(member_client: Client, member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)
    upload = SimpleUploadedFile("flows.csv", FIXTURE.read_bytes(), content_type="text/csv")

    response = member_client.post(
        reverse("pipeline:case_import", args=[project.slug]), {"file": upload}
    )

    analysis = selectors.case_analysis(project=project)
    assert response.status_code == 302
    assert analysis is not None
    assert len(analysis.years) >= 2


def test_a_bad_table_is_rejected_naming_the_cell(member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)
    upload = SimpleUploadedFile("flows.csv", b"year,capex\n0,abc\n", content_type="text/csv")

    response = Client().post(
        f"/api/v1/pipeline/projects/{project.pk}/case/import", {"file": upload}, **bearer(member)
    )

    assert response.status_code == 422
    assert "row 2" in response.json()["detail"]
    assert "capex" in response.json()["detail"]


def test_it_rejects_a_year_entered_twice(member: User) -> None:
    project = InvestmentProjectFactory(promoter=member.organisation)

    response = Client().put(
        f"/api/v1/pipeline/projects/{project.pk}/case",
        data={"years": [{"year": 1}, {"year": 1}]},
        content_type="application/json",
        **bearer(member),
    )

    assert response.status_code == 422
    assert response.json()["field"] == "years"


def test_it_imports_cash_flows_from_an_xlsx_upload(member: User) -> None:
    # given a workbook with a header row and three years
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in (["Year", "CAPEX", "Revenues"], [0, 5000, 0], [1, 0, 3000], [2, 0, 3000]):
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    project = InvestmentProjectFactory(promoter=member.organisation)
    upload = SimpleUploadedFile("flows.xlsx", buffer.getvalue())

    # when it is uploaded through the API
    body = (
        Client()
        .post(
            f"/api/v1/pipeline/projects/{project.pk}/case/import",
            {"file": upload},
            **bearer(member),
        )
        .json()
    )

    # then the case holds the three years and their NPV
    assert [y["net"] for y in body["years"]] == [-5000, 3000, 3000]
    assert body["npv"]["value"] == pytest.approx(
        npf.npv(body["discount_rate"], [-5000, 3000, 3000])
    )
