# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from obieg.accounts.authentication import WRITE_AUTH, api_user
from obieg.accounts.permissions import require_manager, require_signed_in
from obieg.core.errors import ApplicationError
from obieg.core.schemas import ErrorOut
from obieg.symbiosis import selectors, services
from obieg.symbiosis.matching.reference import normalise_code, waste_codes
from obieg.symbiosis.models import GoodPractice, Match, MatchingRun, SavingsFactors, Stream
from obieg.symbiosis.permissions import (
    publishing_organisation,
    require_match_party,
    require_stream_editor,
)
from obieg.symbiosis.schemas import (
    ExchangeIn,
    ExchangeOut,
    GoodPracticeIn,
    GoodPracticeOut,
    GoodPracticePatch,
    MatchDetailOut,
    MatchingRunIn,
    MatchingRunOut,
    MatchOut,
    MatchTransitionIn,
    PotentialOut,
    ReceiverSuggestionOut,
    SavingsFactorsIn,
    SavingsFactorsOut,
    StreamImportOut,
    StreamIn,
    StreamOut,
    StreamPatch,
    WasteCodeOut,
)
from obieg.symbiosis.services import practices as practice_services
from obieg.symbiosis.services import transfer
from obieg.symbiosis.services.suggestions import receiver_suggestions

router = Router()
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class StreamQuery(Schema):
    q: str = ""
    kind: str = ""
    category: str = ""
    code: str = ""
    region: str = ""
    country: str = ""
    basis: str = ""
    mine: str = ""


@router.get("/streams", response=list[StreamOut])
@paginate(LimitOffsetPagination)
def stream_list(request: HttpRequest, filters: StreamQuery = Query(...)) -> Any:  # noqa: B008
    """Offers and needs you may see; anonymous listings show no organisation until revealed."""
    user = api_user(request)
    return selectors.stream_list_for_user(
        user=user, filters=selectors.StreamFilters(**filters.dict())
    )


@router.get("/streams/export", response={200: None, **ERRORS})
def stream_export(
    request: HttpRequest,
    format: str = "csv",
    filters: StreamQuery = Query(...),  # noqa: B008
) -> HttpResponse:
    """The streams you may see as CSV or XLSX (identities masked as on the pages)."""
    user = api_user(request)
    streams = selectors.present_streams(
        user=user,
        streams=selectors.stream_list_for_user(
            user=user, filters=selectors.StreamFilters(**filters.dict())
        ),
    )
    if format == "xlsx":
        body = transfer.export_xlsx(streams)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        body, kind = transfer.export_csv(streams), "text/csv; charset=utf-8"
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="obieg-streams.{format}"'
    return response


@router.get("/streams/{stream_id}", response={200: StreamOut, **ERRORS})
def stream_detail(request: HttpRequest, stream_id: int) -> Stream:
    """One stream you may see."""
    return selectors.stream_get_for_user(user=api_user(request), stream_id=stream_id)


@router.post("/streams", response={201: StreamOut, **ERRORS}, auth=WRITE_AUTH)
def stream_create(request: HttpRequest, payload: StreamIn) -> Status[Stream]:
    """Publish an offer or a need for your organisation (managers: for any organisation)."""
    data = payload.dict()
    organisation = publishing_organisation(request.user, data.pop("organisation_id"))
    stream = services.stream_create(organisation=organisation, created_by=request.user, **data)
    return Status(201, selectors.stream_get_for_user(user=request.user, stream_id=stream.pk))


@router.patch("/streams/{stream_id}", response={200: StreamOut, **ERRORS}, auth=WRITE_AUTH)
def stream_update(request: HttpRequest, stream_id: int, payload: StreamPatch) -> Stream:
    """Change a stream of your organisation (managers: any)."""
    stream = selectors.stream_get_for_user(user=request.user, stream_id=stream_id)
    require_stream_editor(request.user, stream)
    services.stream_update(stream=stream, data=payload.dict(exclude_unset=True))
    return selectors.stream_get_for_user(user=request.user, stream_id=stream_id)


@router.get("/streams/{stream_id}/matches", response={200: list[MatchOut], **ERRORS})
def stream_matches(request: HttpRequest, stream_id: int) -> list[Match]:
    """Matches of one stream that your organisation takes part in."""
    user = api_user(request)
    stream = selectors.stream_get_for_user(user=user, stream_id=stream_id)
    return selectors.matches_for_stream(user=user, stream=stream)


@router.get("/streams/{stream_id}/receivers", response={200: list[ReceiverSuggestionOut], **ERRORS})
def stream_receivers(request: HttpRequest, stream_id: int) -> Any:
    """For an offer: the NACE divisions most likely to take it, each with its evidence."""
    stream = selectors.stream_get_for_user(user=api_user(request), stream_id=stream_id)
    return receiver_suggestions(stream=stream)


@router.post("/imports", response={201: StreamImportOut, **ERRORS}, auth=WRITE_AUTH)
def import_create(
    request: HttpRequest,
    file: UploadedFile = File(...),  # noqa: B008
    organisation_id: int | None = Form(None),
) -> Status[Any]:
    """Upload CSV/XLSX streams: all valid = imported; any error = nothing imported, report."""
    organisation = publishing_organisation(request.user, organisation_id)
    return Status(
        201,
        transfer.stream_import_create(
            organisation=organisation,
            user=request.user,
            filename=file.name or "upload.csv",
            content=file.read(),
        ),
    )


@router.get("/imports/{import_id}", response={200: StreamImportOut, **ERRORS})
def import_detail(request: HttpRequest, import_id: int) -> Any:
    """The row-by-row validation report of an upload."""
    return selectors.stream_import_get(user=api_user(request), import_id=import_id)


@router.post(
    "/imports/{import_id}/accept", response={200: StreamImportOut, **ERRORS}, auth=WRITE_AUTH
)
def import_accept(request: HttpRequest, import_id: int) -> Any:
    """Accept a partial import: the valid rows are imported, the bad ones left out."""
    stream_import = selectors.stream_import_get(user=request.user, import_id=import_id)
    return transfer.stream_import_accept(stream_import=stream_import, user=request.user)


@router.post(
    "/imports/{import_id}/discard", response={200: StreamImportOut, **ERRORS}, auth=WRITE_AUTH
)
def import_discard(request: HttpRequest, import_id: int) -> Any:
    """Drop an upload with errors without importing anything."""
    stream_import = selectors.stream_import_get(user=request.user, import_id=import_id)
    return transfer.stream_import_discard(stream_import=stream_import)


@router.get("/matches", response=list[MatchOut])
@paginate(LimitOffsetPagination)
def match_list(request: HttpRequest, status: str = "") -> Any:
    """Matches of your organisation (managers: all), best first."""
    queryset = selectors.match_list_for_user(user=api_user(request))
    return queryset.filter(status=status) if status else queryset


def _match_detail(request: HttpRequest, match_id: int) -> Match:
    match = selectors.match_get_for_user(user=request.user, match_id=match_id)
    match.similar_practices = selectors.good_practices_similar(match=match)  # type: ignore[attr-defined]
    return match


@router.get("/matches/{match_id}", response={200: MatchDetailOut, **ERRORS})
def match_detail(request: HttpRequest, match_id: int) -> Match:
    """One match: score breakdown, savings, history, exchanges and similar good practices."""
    api_user(request)
    return _match_detail(request, match_id)


@router.post(
    "/matches/{match_id}/accept", response={200: MatchDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def match_accept(request: HttpRequest, match_id: int) -> Match:
    """Accept for your side; when both sides accepted, identities are revealed."""
    match = selectors.match_get_for_user(user=request.user, match_id=match_id)
    services.match_accept(match=match, user=request.user)
    return _match_detail(request, match_id)


@router.post(
    "/matches/{match_id}/transition", response={200: MatchDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def match_transition(request: HttpRequest, match_id: int, payload: MatchTransitionIn) -> Match:
    """Move a match along suggested → contacted → negotiating → agreed → running → ended."""
    match = selectors.match_get_for_user(user=request.user, match_id=match_id)
    services.match_transition(
        match=match, user=request.user, to_status=payload.status, note=payload.note
    )
    return _match_detail(request, match_id)


@router.post(
    "/matches/{match_id}/exchanges", response={201: ExchangeOut, **ERRORS}, auth=WRITE_AUTH
)
def exchange_create(request: HttpRequest, match_id: int, payload: ExchangeIn) -> Status[Any]:
    """Record a quantity actually exchanged under an agreed match."""
    match = selectors.match_get_for_user(user=request.user, match_id=match_id)
    require_match_party(request.user, match)
    return Status(201, services.exchange_record(match=match, user=request.user, **payload.dict()))


@router.get("/runs", response=list[MatchingRunOut])
@paginate(LimitOffsetPagination)
def run_list(request: HttpRequest) -> Any:
    """Matching runs, newest first, with their totals."""
    return selectors.matching_run_list()


@router.get("/runs/{matching_run_id}", response={200: MatchingRunOut, **ERRORS})
def run_detail(request: HttpRequest, matching_run_id: int) -> MatchingRun:
    """One matching run; its log is at run_url."""
    return selectors.matching_run_get(matching_run_id=matching_run_id)


@router.post("/runs", response={202: MatchingRunOut, **ERRORS}, auth=WRITE_AUTH)
def run_start(request: HttpRequest, payload: MatchingRunIn) -> Status[MatchingRun]:
    """Match all open streams in the background (members and managers)."""
    require_signed_in(request.user)
    if not (request.user.is_manager or request.user.organisation_id):  # type: ignore[union-attr]
        raise ApplicationError(
            _("Only members and managers may run the matching."),
            status=403,
            code="permission_denied",
        )
    matching_run = services.matching_run_start(user=request.user, objective=payload.objective)
    matching_run.refresh_from_db()
    return Status(202, selectors.matching_run_get(matching_run_id=matching_run.pk))


@router.get("/potential", response=list[PotentialOut])
def potential(request: HttpRequest, level: int = 2, kind: str = "") -> Any:
    """Unmatched supply and demand by NUTS region (level 0-3) and waste chapter."""
    rows = selectors.unmatched_potential(user=api_user(request), level=max(0, min(level, 3)))
    return [row for row in rows if not kind or row.kind == kind]


@router.get("/practices", response=list[GoodPracticeOut])
@paginate(LimitOffsetPagination)
def practice_list(
    request: HttpRequest, q: str = "", kind: str = "", code: str = "", country: str = ""
) -> Any:
    """The good-practice catalogue: search text, kind, waste code (prefix) and country."""
    return selectors.good_practice_list(q=q, kind=kind, code=code, country=country)


@router.get("/practices/{practice_id}", response={200: GoodPracticeOut, **ERRORS})
def practice_detail(request: HttpRequest, practice_id: int) -> GoodPractice:
    """One good practice with its source."""
    slug = GoodPractice.objects.filter(pk=practice_id).values_list("slug", flat=True).first()
    return selectors.good_practice_get(slug=slug or "-")


@router.post("/practices", response={201: GoodPracticeOut, **ERRORS}, auth=WRITE_AUTH)
def practice_create(request: HttpRequest, payload: GoodPracticeIn) -> Status[GoodPractice]:
    """Add a case to the catalogue (cluster managers)."""
    require_manager(request.user)
    return Status(201, practice_services.good_practice_create(**payload.dict()))


@router.patch(
    "/practices/{practice_id}", response={200: GoodPracticeOut, **ERRORS}, auth=WRITE_AUTH
)
def practice_update(
    request: HttpRequest, practice_id: int, payload: GoodPracticePatch
) -> GoodPractice:
    """Change a case (cluster managers)."""
    require_manager(request.user)
    practice = practice_detail(request, practice_id)
    return practice_services.good_practice_update(
        practice=practice, data=payload.dict(exclude_unset=True)
    )


@router.get("/factors", response=list[SavingsFactorsOut])
def factors_list(request: HttpRequest) -> Any:
    """Country overrides of the savings factors (others use the shipped defaults)."""
    return SavingsFactors.objects.all()


@router.put("/factors/{country}", response={200: SavingsFactorsOut, **ERRORS}, auth=WRITE_AUTH)
def factors_set(request: HttpRequest, country: str, payload: SavingsFactorsIn) -> Any:
    """Set the savings factors of one country (cluster managers)."""
    require_manager(request.user)
    return services.savings_factors_set(country=country, **payload.dict())


@router.get("/waste-codes", response=list[WasteCodeOut])
def waste_code_list(request: HttpRequest, q: str = "", limit: int = 20) -> Any:
    """Look up the European List of Waste by code prefix or words (EN/PL)."""
    digits, words = normalise_code(q), q.lower().strip()
    found = []
    for code in waste_codes().values():
        if (digits and code.code.startswith(digits)) or (
            not digits and words and (words in code.en.lower() or words in code.pl.lower())
        ):
            found.append(code)
        if len(found) >= max(1, min(limit, 100)):
            break
    return found
