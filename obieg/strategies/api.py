# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from obieg.accounts.authentication import WRITE_AUTH, api_user
from obieg.accounts.permissions import require_manager
from obieg.core.models import Run
from obieg.core.schemas import ErrorOut, RunOut
from obieg.strategies import open_data, selectors, services
from obieg.strategies.models import Passage, Strategy
from obieg.strategies.permissions import (
    require_editor,
    require_reviewer,
    require_uploader,
)
from obieg.strategies.schemas import (
    CompareOut,
    CorrectionIn,
    PassageOut,
    QueuedOut,
    ScorecardOut,
    SearchOut,
    StrategyDetailOut,
    StrategyOut,
    StrategyPatch,
    StrategyUploadIn,
    V4Out,
)

router = Router()
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}
UPLOAD_ERRORS = {**ERRORS, 409: ErrorOut, 413: ErrorOut}


class StrategyQuery(Schema):
    q: str = ""
    country: str = ""
    region: str = ""
    kind: str = ""
    year: str = ""
    goal: str = ""
    target: str = ""
    green_deal: str = ""
    language: str = ""
    status: str = ""


def _filters(query: StrategyQuery) -> selectors.StrategyFilters:
    return selectors.StrategyFilters(**query.dict())


@router.get("/strategies", response=list[StrategyOut])
@paginate(LimitOffsetPagination)
def strategy_list(request: HttpRequest, filters: StrategyQuery = Query(...)) -> Any:  # noqa: B008
    """List the strategies you may read; filter by country, NUTS prefix, kind, year, SDG…"""
    return selectors.strategy_list(user=api_user(request), filters=_filters(filters))


@router.get("/strategies/{strategy_id}", response={200: StrategyDetailOut, **ERRORS})
def strategy_detail(request: HttpRequest, strategy_id: int) -> Strategy:
    """One strategy: metadata, files, processing status (samples carry `is_sample`)."""
    return selectors.strategy_get_for_user(user=api_user(request), strategy_id=strategy_id)


@router.post("/strategies", response={201: list[StrategyOut], **UPLOAD_ERRORS}, auth=WRITE_AUTH)
def strategy_upload(
    request: HttpRequest,
    payload: StrategyUploadIn = Form(...),  # noqa: B008
    files: list[UploadedFile] = File(...),  # noqa: B008
) -> Status[list[Strategy]]:
    """Upload one or more documents (multipart `files`); each becomes a strategy processed in
    the background. Bad files (type, size, encryption, no text layer, zip bombs, duplicates)
    are refused at once and nothing is stored."""
    require_uploader(request.user)
    documents = services.documents_from_uploads(files)
    strategies = services.strategy_upload(documents=documents, user=request.user, **payload.dict())
    return Status(
        201,
        [selectors.strategy_get_for_user(user=request.user, strategy_id=s.pk) for s in strategies],
    )


@router.patch(
    "/strategies/{strategy_id}", response={200: StrategyDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def strategy_update(request: HttpRequest, strategy_id: int, payload: StrategyPatch) -> Strategy:
    """Change metadata (uploader, their organisation, or managers)."""
    strategy = selectors.strategy_get_for_user(user=request.user, strategy_id=strategy_id)
    require_editor(request.user, strategy)
    services.strategy_update(strategy=strategy, data=payload.dict(exclude_unset=True))
    return selectors.strategy_get_for_user(user=request.user, strategy_id=strategy_id)


@router.delete("/strategies/{strategy_id}", response={204: None, **ERRORS}, auth=WRITE_AUTH)
def strategy_delete(request: HttpRequest, strategy_id: int) -> Status[None]:
    """Delete a strategy with its passages, corrections and files (managers)."""
    require_manager(request.user)
    strategy = selectors.strategy_get_for_user(user=request.user, strategy_id=strategy_id)
    services.strategy_delete(strategy=strategy)
    return Status(204, None)


@router.post("/strategies/{strategy_id}/retry", response={202: RunOut, **ERRORS}, auth=WRITE_AUTH)
def strategy_retry(request: HttpRequest, strategy_id: int) -> Status[Run]:
    """Process a strategy's files again, e.g. after a failure."""
    strategy = selectors.strategy_get_for_user(user=request.user, strategy_id=strategy_id)
    require_editor(request.user, strategy)
    return Status(202, services.strategy_retry(strategy=strategy, user=request.user))


@router.post(
    "/strategies/{strategy_id}/reclassify", response={202: RunOut, **ERRORS}, auth=WRITE_AUTH
)
def strategy_reclassify(request: HttpRequest, strategy_id: int) -> Status[Run]:
    """Label the passages again with the current model; corrections keep winning (managers)."""
    require_manager(request.user)
    strategy = selectors.strategy_get_for_user(user=request.user, strategy_id=strategy_id)
    return Status(202, services.strategy_queue_reclassify(strategy=strategy, user=request.user))


@router.post("/reclassify-outdated", response={202: QueuedOut, **ERRORS}, auth=WRITE_AUTH)
def reclassify_outdated(request: HttpRequest) -> Status[dict[str, int]]:
    """Queue every strategy classified by an older model version (managers)."""
    require_manager(request.user)
    return Status(202, {"queued": services.strategies_reclassify_outdated(user=request.user)})


@router.get("/strategies/{strategy_id}/scorecard", response={200: ScorecardOut, **ERRORS})
def strategy_scorecard(request: HttpRequest, strategy_id: int) -> dict[str, Any]:
    """The 17-goal profile, top targets with evidence passages, Green Deal and Taxonomy."""
    strategy = selectors.strategy_get_for_user(user=api_user(request), strategy_id=strategy_id)
    return selectors.scorecard_data(card=selectors.scorecard(strategy=strategy))


@router.get("/strategies/{strategy_id}/passages", response=list[PassageOut])
@paginate(LimitOffsetPagination)
def strategy_passages(
    request: HttpRequest, strategy_id: int, goal: int | None = None, reviewed: bool | None = None
) -> Any:
    """The passages of a strategy in reading order, with their effective and model labels;
    optionally only those addressing `goal`, or only those (not) `reviewed`."""
    strategy = selectors.strategy_get_for_user(user=api_user(request), strategy_id=strategy_id)
    return selectors.passage_list(strategy=strategy, goal=goal, reviewed=reviewed)


@router.post(
    "/passages/{passage_id}/corrections", response={201: PassageOut, **ERRORS}, auth=WRITE_AUTH
)
def passage_correct(
    request: HttpRequest, passage_id: int, payload: CorrectionIn
) -> Status[Passage]:
    """Confirm or correct a passage's goals and targets (advisers and managers)."""
    require_reviewer(request.user)
    passage = selectors.passage_get_for_user(user=request.user, passage_id=passage_id)
    services.passage_correct(passage=passage, user=request.user, **payload.dict())
    return Status(201, selectors.passage_get_for_user(user=request.user, passage_id=passage_id))


@router.get("/search", response={200: SearchOut, 401: ErrorOut})
def search(
    request: HttpRequest,
    filters: StrategyQuery = Query(...),  # noqa: B008
    page: int = 1,
    per_page: int = 20,
) -> dict[str, Any]:
    """Full-text search of titles and passages in all five languages, with filters."""
    results = selectors.search_strategies(
        user=api_user(request),
        filters=_filters(filters),
        page=page,
        per_page=max(1, min(per_page, 100)),
    )
    return {
        "total": results.total,
        "page": results.page,
        "per_page": results.per_page,
        "strategies": results.strategies,
        "results": [
            {
                "passage": hit.passage,
                "strategy_id": hit.passage.strategy_id,
                "strategy_title": hit.passage.strategy.title,
                "strategy_is_sample": hit.passage.strategy.is_sample,
                "page": hit.passage.page,
                "highlighted": str(hit.highlighted),
            }
            for hit in results.hits
        ],
    }


@router.get("/compare", response={200: CompareOut, **ERRORS})
def compare(request: HttpRequest, ids: list[int] = Query(...)) -> Any:  # noqa: B008
    """Two to six strategies side by side: goal shares, shared and missing goals."""
    return selectors.compare(user=api_user(request), ids=ids)


@router.get("/v4", response=V4Out)
def v4(request: HttpRequest) -> dict[str, Any]:
    """SDG coverage by V4 country and NUTS 2 region, and strategies per region."""
    overview = selectors.v4_overview(user=api_user(request))
    for key in ("countries", "regions"):
        heatmap = overview[key]
        overview[key] = {
            "areas": [
                {
                    "code": code,
                    "name": name,
                    "strategies": count,
                    "goal_shares": heatmap.cells[code],
                }
                for code, name, count in heatmap.areas
            ]
        }
    return overview


@router.get("/corrections", response={200: list[dict[str, Any]], **ERRORS})
def corrections(request: HttpRequest) -> list[dict[str, Any]]:
    """Reviewer corrections as training data (advisers and managers)."""
    user = api_user(request)
    require_reviewer(user)
    return [open_data.correction_row(c) for c in selectors.correction_list(user=user)]


@router.get("/dump", response={200: None, 401: ErrorOut})
def dump(request: HttpRequest) -> HttpResponse:
    """Everything you may read as a zip of CSV files with the licence (for researchers)."""
    strategies, passages, corrections_qs = selectors.dump_querysets(user=api_user(request))
    response = HttpResponse(
        open_data.dump_zip(strategies, passages, corrections_qs), content_type="application/zip"
    )
    response["Content-Disposition"] = 'attachment; filename="obieg-strategies.zip"'
    return response
