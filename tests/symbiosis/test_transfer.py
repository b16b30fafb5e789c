from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook, load_workbook

from obieg.accounts.models import User
from obieg.directory.models import Organisation
from obieg.symbiosis.models import Stream, StreamImport
from tests.conftest import bearer
from tests.symbiosis.factories import offer

pytestmark = pytest.mark.django_db

HEADER = (
    "kind,category,title,ewc_code,quantity,unit,frequency,country,region,lat,lon,"
    "accepted_codes,max_distance_km"
)
GOOD_ROWS = [
    "offer,by_product,Fly ash,10 01 02,1200,t,year,PL,PL213,50.07,20.05,,",
    "need,by_product,Ash for blocks,,50,t,month,PL,PL213,49.98,19.83,1001,80",
]
BAD_ROWS = [
    "offer,waste,Mystery waste,99 99 99,10,t,year,PL,PL213,50.0,20.0,,",  # row 4
    "offer,by_product,Negative,10 01 02,-5,t,year,PL,PL213,50.0,20.0,,",  # row 5
    "offer,by_product,Odd unit,10 01 02,5,barrels,year,PL,PL213,50.0,20.0,,",  # row 6
    "offer,by_product,Nowhere,10 01 02,5,t,year,PL,,,,,",  # row 7
]


def _csv(*rows: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "streams.csv", "\n".join([HEADER, *rows]).encode(), content_type="text/csv"
    )


def test_a_clean_file_is_imported_at_once(member: User, client: Client) -> None:
    response = client.post(
        "/api/v1/symbiosis/imports", {"file": _csv(*GOOD_ROWS)}, **bearer(member)
    )

    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "imported"
    assert Stream.objects.count() == 2
    assert Stream.objects.get(kind="need").annual_quantity == pytest.approx(600)


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_imported(
    member: User, client: Client
) -> None:
    response = client.post(
        "/api/v1/symbiosis/imports", {"file": _csv(*GOOD_ROWS, *BAD_ROWS)}, **bearer(member)
    )

    body = response.json()
    assert body["status"] == "validated"
    assert body["valid_count"] == 2
    problems = {(e["row"], e["column"]) for e in body["errors"]}
    assert problems == {(4, "ewc_code"), (5, "quantity"), (6, "unit"), (7, "lat")}
    assert not Stream.objects.exists()


def test_a_partial_import_takes_only_the_valid_rows_once_accepted(
    member: User, client: Client
) -> None:
    created = client.post(
        "/api/v1/symbiosis/imports", {"file": _csv(GOOD_ROWS[0], BAD_ROWS[0])}, **bearer(member)
    ).json()

    accepted = client.post(f"/api/v1/symbiosis/imports/{created['id']}/accept", **bearer(member))
    again = client.post(f"/api/v1/symbiosis/imports/{created['id']}/accept", **bearer(member))

    assert accepted.json()["imported_count"] == 1
    assert Stream.objects.get().title == "Fly ash"
    assert again.status_code == 422


def test_a_discarded_import_imports_nothing(member: User, member_client: Client) -> None:
    upload = member_client.post(
        "/en/symbiosis/streams/import/", {"file": _csv(GOOD_ROWS[0], BAD_ROWS[1])}
    )
    stream_import = StreamImport.objects.get()
    assert upload.status_code == 302

    page = member_client.get(f"/en/symbiosis/imports/{stream_import.pk}/").content.decode()
    member_client.post(f"/en/symbiosis/imports/{stream_import.pk}/", {"decision": "discard"})

    assert "quantity" in page
    assert StreamImport.objects.get().status == "discarded"
    assert not Stream.objects.exists()


def test_a_file_without_required_columns_is_refused(member: User, client: Client) -> None:
    upload = SimpleUploadedFile("streams.csv", b"title,quantity\nAsh,5\n")

    response = client.post("/api/v1/symbiosis/imports", {"file": upload}, **bearer(member))

    assert response.status_code == 422
    assert "kind" in response.json()["detail"]


def test_an_xlsx_file_is_imported(member: User, client: Client) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(HEADER.split(","))
    sheet.append(
        [
            "offer",
            "by_product",
            "Sawdust",
            "030105",
            12.5,
            "t",
            "month",
            "SK",
            "SK04",
            48.72,
            21.26,
            None,
            None,
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("streams.xlsx", buffer.getvalue())

    response = client.post("/api/v1/symbiosis/imports", {"file": upload}, **bearer(member))

    assert response.json()["status"] == "imported", response.json()
    assert Stream.objects.get().annual_quantity == pytest.approx(150)


def test_an_export_imports_back_unchanged(
    organisation: Organisation, member: User, client: Client
) -> None:
    offer(organisation, treatments=["R5"], available_from="2026-01-01")
    exported = client.get("/api/v1/symbiosis/streams/export?format=xlsx", **bearer(member))
    Stream.objects.all().delete()

    upload = SimpleUploadedFile("back.xlsx", exported.content)
    response = client.post("/api/v1/symbiosis/imports", {"file": upload}, **bearer(member))

    assert response.json()["status"] == "imported", response.json()
    stream = Stream.objects.get()
    assert stream.treatments == ["R5"]
    assert stream.annual_quantity == pytest.approx(1000)
    sheet = load_workbook(io.BytesIO(exported.content)).active
    assert sheet is not None
    assert sheet["A1"].value == "id"
