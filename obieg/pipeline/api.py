# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Query, Router, Schema
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from obieg.accounts.authentication import WRITE_AUTH, api_user
from obieg.accounts.models import User
from obieg.core.errors import ApplicationError, NotFoundError
from obieg.core.schemas import ErrorOut
from obieg.directory.selectors import organisation_get_by_id
from obieg.pipeline import api_payloads, selectors, services
from obieg.pipeline.models import Barrier, ExchangeRate, InvestmentProject, ProjectTask
from obieg.pipeline.schemas import (
    BarrierIn,
    BarrierOut,
    CallIn,
    CaseIn,
    CaseOut,
    DocumentOut,
    EligibleProjectOut,
    ExchangeRateIn,
    ExchangeRateOut,
    FundingOut,
    ImpactIn,
    ImpactOut,
    InstrumentDetailOut,
    InstrumentIn,
    InstrumentOut,
    InstrumentPatch,
    NoteIn,
    NoteOut,
    PartnerIn,
    PartnerOut,
    PolicyReportOut,
    PortfolioOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    ServingProjectOut,
    StackStatusIn,
    StackStatusOut,
    StageIn,
    StrategyFitOut,
    TaskIn,
    TaskOut,
    TaskPatch,
    TeaserIn,
)
from obieg.pipeline.selectors.policy import policy_report
from obieg.pipeline.selectors.portfolio import portfolio
from obieg.pipeline.services.funding import require_manager
from obieg.pipeline.strategy_fit import projects_for_strategy, strategies_for_project

router = Router()
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class ProjectQuery(Schema):
    q: str = ""
    stage: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    r_strategy: str = ""
    promoter: str = ""
    adviser: str = ""


def _visible(request: HttpRequest, project_id: int) -> tuple[InvestmentProject, Any]:
    slug = selectors.project_slug_for_id(project_id=project_id)
    return selectors.project_get_for_user(user=api_user(request), slug=slug)


def _full(request: HttpRequest, project_id: int) -> InvestmentProject:
    slug = selectors.project_slug_for_id(project_id=project_id)
    return selectors.project_get_full(user=api_user(request), slug=slug)


def _detail(request: HttpRequest, project_id: int) -> dict[str, Any]:
    project, access = _visible(request, project_id)
    return api_payloads.project_detail_payload(project, access)


@router.get("/projects", response=list[ProjectOut])
@paginate(LimitOffsetPagination)
def project_list(request: HttpRequest, filters: ProjectQuery = Query(...)) -> Any:  # noqa: B008
    """List the projects you may see; teaser fields only (full_access says where you see more)."""
    user = api_user(request)
    projects = selectors.project_list_for_user(
        user=user, filters=selectors.ProjectFilters(**filters.dict())
    )
    # full_access is annotated by the selector.
    return [
        api_payloads.project_payload(p, full=p.full_access)  # type: ignore[attr-defined]
        for p in projects
    ]


@router.post("/projects", response={201: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH)
def project_create(request: HttpRequest, payload: ProjectIn) -> tuple[int, dict[str, Any]]:
    """Add an investment project (members for their organisation; advisers and managers)."""
    data = payload.dict()
    promoter_id = data.pop("promoter_id") or getattr(request.user, "organisation_id", None)
    if promoter_id is None:
        raise ApplicationError("Give promoter_id.", field="promoter_id", status=422)
    data["r_strategy"] = data["r_strategy"] or ""
    data["eib_category"] = data["eib_category"] or ""
    project = services.project_create(
        user=request.user, promoter=organisation_get_by_id(organisation_id=promoter_id), **data
    )
    return 201, _detail(request, project.pk)


@router.get("/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS})
def project_detail(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """One project; confidential fields are null unless you are its promoter, adviser or a
    manager. A project you may not see answers 404."""
    return _detail(request, project_id)


@router.patch("/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH)
def project_update(request: HttpRequest, project_id: int, payload: ProjectPatch) -> dict[str, Any]:
    """Change a project (promoter, advisers, managers)."""
    project = _full(request, project_id)
    services.project_update(
        project=project, user=request.user, data=payload.dict(exclude_unset=True)
    )
    return _detail(request, project_id)


@router.post(
    "/projects/{project_id}/stage", response={200: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def project_move(request: HttpRequest, project_id: int, payload: StageIn) -> dict[str, Any]:
    """Move a project to another stage, with the reason recorded in its history."""
    project = _full(request, project_id)
    services.project_move(
        project=project, user=request.user, to_stage=payload.stage, reason=payload.reason
    )
    return _detail(request, project_id)


@router.post(
    "/projects/{project_id}/teaser", response={200: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def project_teaser(request: HttpRequest, project_id: int, payload: TeaserIn) -> dict[str, Any]:
    """Publish (promoter only) or withdraw the investor teaser."""
    project = _full(request, project_id)
    services.project_teaser_publish(project=project, user=request.user, published=payload.published)
    return _detail(request, project_id)


@router.put(
    "/projects/{project_id}/advisers/{user_id}",
    response={200: ProjectDetailOut, **ERRORS},
    auth=WRITE_AUTH,
)
def project_adviser_add(request: HttpRequest, project_id: int, user_id: int) -> dict[str, Any]:
    """Assign an adviser (managers)."""
    project = _full(request, project_id)
    adviser = User.objects.filter(pk=user_id).first()
    if adviser is None:
        raise NotFoundError(f"User {user_id} does not exist.")
    services.project_adviser_set(project=project, user=request.user, adviser=adviser)
    return _detail(request, project_id)


@router.put(
    "/projects/{project_id}/partners/{organisation_id}",
    response={200: list[PartnerOut], **ERRORS},
    auth=WRITE_AUTH,
)
def partner_set(
    request: HttpRequest, project_id: int, organisation_id: int, payload: PartnerIn
) -> list[dict[str, Any]]:
    """Add a partner organisation to a project, or change its role."""
    project = _full(request, project_id)
    organisation = organisation_get_by_id(organisation_id=organisation_id)
    services.project_partner_set(
        project=project, user=request.user, organisation=organisation, role=payload.role
    )
    return partner_list(request, project_id)


@router.get("/projects/{project_id}/partners", response={200: list[PartnerOut], **ERRORS})
def partner_list(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """The partner organisations of a project and their roles."""
    project = _full(request, project_id)
    return [
        {"organisation_id": p.organisation_id, "name": p.organisation.name, "role": p.role}
        for p in project.partnerships.select_related("organisation")
    ]


@router.get("/projects/{project_id}/documents", response={200: list[DocumentOut], **ERRORS})
def document_list(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """The confidential documents of a project (files are downloaded from the project page)."""
    project = _full(request, project_id)
    return [_document(d) for d in project.documents.all()]


@router.post(
    "/projects/{project_id}/documents", response={201: DocumentOut, **ERRORS}, auth=WRITE_AUTH
)
def document_add(
    request: HttpRequest,
    project_id: int,
    title: str = Form(...),
    url: str = Form(""),
    file: UploadedFile | None = File(None),  # noqa: B008
) -> tuple[int, dict[str, Any]]:
    """Attach a document to a project: a file (multipart) or a link."""
    project = _full(request, project_id)
    document = services.project_document_add(
        project=project, user=request.user, title=title, url=url, file=file
    )
    return 201, _document(document)


def _document(document: Any) -> dict[str, Any]:
    download = (
        reverse("pipeline:document_download", args=[document.project.slug, document.pk])
        if document.file
        else ""
    )
    return {
        "id": document.pk,
        "title": document.title,
        "url": document.url,
        "download_url": download,
        "created_at": document.created_at,
    }


@router.patch(
    "/projects/{project_id}/stack/{instrument_id}",
    response={200: StackStatusOut, **ERRORS},
    auth=WRITE_AUTH,
)
def stack_item_status(
    request: HttpRequest, project_id: int, instrument_id: int, payload: StackStatusIn
) -> dict[str, Any]:
    """Mark an instrument of the funding stack as applied for or secured."""
    project = _full(request, project_id)
    item = project.stack_items.filter(instrument_id=instrument_id).first()
    if item is None:
        raise NotFoundError(f"Instrument {instrument_id} is not in this project's stack.")
    item = services.stack_item_set_status(item=item, user=request.user, status=payload.status)
    return {
        "instrument_id": item.instrument_id,
        "amount_eur": float(item.amount_eur),
        "status": item.status,
    }


@router.get("/projects/{project_id}/case", response={200: CaseOut, **ERRORS})
def case_detail(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """The investment case: yearly flows and every metric (undefined ones with their reason)."""
    project = _full(request, project_id)
    analysis = selectors.case_analysis(project=project)
    if analysis is None:
        raise NotFoundError("This project has no cash flows yet.")
    return api_payloads.case_payload(analysis, project.currency)


@router.put("/projects/{project_id}/case", response={200: CaseOut, **ERRORS}, auth=WRITE_AUTH)
def case_set(request: HttpRequest, project_id: int, payload: CaseIn) -> dict[str, Any]:
    """Replace the yearly cash flows, the discount rate and the unit of output."""
    project = _full(request, project_id)
    data = payload.dict()
    services.case_set(
        project=project,
        user=request.user,
        years=data["years"],
        discount_rate=data["discount_rate"],
        output_unit=data["output_unit"],
    )
    return case_detail(request, project_id)


@router.post(
    "/projects/{project_id}/case/import", response={200: CaseOut, **ERRORS}, auth=WRITE_AUTH
)
def case_import(
    request: HttpRequest,
    project_id: int,
    file: UploadedFile = File(...),  # noqa: B008
) -> dict[str, Any]:
    """Replace the cash flows with an uploaded CSV or XLSX table (every bad cell is named)."""
    project = _full(request, project_id)
    services.case_import(
        project=project, user=request.user, data=file.read(), filename=file.name or "upload.csv"
    )
    return case_detail(request, project_id)


@router.get("/projects/{project_id}/impact", response={200: ImpactOut, **ERRORS})
def impact_detail(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """Tonnes, CO2e per year and per euro, MCI, Taxonomy checklist and SDG alignment."""
    project = _full(request, project_id)
    return api_payloads.impact_payload(selectors.project_impact(project=project), project)


@router.put("/projects/{project_id}/impact", response={200: ImpactOut, **ERRORS}, auth=WRITE_AUTH)
def impact_set(request: HttpRequest, project_id: int, payload: ImpactIn) -> dict[str, Any]:
    """Change the impact inputs; each part given replaces the stored one."""
    project = _full(request, project_id)
    services.impact_set(project=project, user=request.user, **payload.dict())
    return impact_detail(request, project_id)


@router.get("/projects/{project_id}/funding", response={200: FundingOut, **ERRORS})
def project_funding(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """Every instrument ranked: eligible by fit (explained), excluded with each failed rule."""
    project = _full(request, project_id)
    return api_payloads.funding_payload(selectors.project_funding_view(project=project), project)


@router.get("/projects/{project_id}/barriers", response={200: list[BarrierOut], **ERRORS})
def barrier_list(request: HttpRequest, project_id: int) -> list[Barrier]:
    """Barriers found by matching or recorded by advisers."""
    return list(_full(request, project_id).barriers.all())


@router.post(
    "/projects/{project_id}/barriers", response={201: BarrierOut, **ERRORS}, auth=WRITE_AUTH
)
def barrier_add(request: HttpRequest, project_id: int, payload: BarrierIn) -> tuple[int, Barrier]:
    """Record a barrier (state-aid limits, collateral, …) for the policy-feedback report."""
    project = _full(request, project_id)
    return 201, services.barrier_record(project=project, user=request.user, **payload.dict())


def _note(note: Any) -> dict[str, Any]:
    author = note.author.get_username() if note.author else None
    return {"id": note.pk, "text": note.text, "author": author, "created_at": note.created_at}


def _task(task: ProjectTask) -> dict[str, Any]:
    assignee = task.assignee.get_username() if task.assignee else None
    return {
        "id": task.pk,
        "title": task.title,
        "due_on": task.due_on,
        "done": task.done,
        "assignee": assignee,
    }


@router.get("/projects/{project_id}/notes", response={200: list[NoteOut], **ERRORS})
def note_list(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """Advisers' notes on a project."""
    return [_note(n) for n in _full(request, project_id).notes.select_related("author")]


@router.post("/projects/{project_id}/notes", response={201: NoteOut, **ERRORS}, auth=WRITE_AUTH)
def note_add(request: HttpRequest, project_id: int, payload: NoteIn) -> tuple[int, dict[str, Any]]:
    """Add a note."""
    project = _full(request, project_id)
    return 201, _note(
        services.project_note_add(project=project, user=request.user, text=payload.text)
    )


@router.get("/projects/{project_id}/tasks", response={200: list[TaskOut], **ERRORS})
def task_list(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """Advisers' tasks on a project."""
    return [_task(t) for t in _full(request, project_id).tasks.select_related("assignee")]


@router.post("/projects/{project_id}/tasks", response={201: TaskOut, **ERRORS}, auth=WRITE_AUTH)
def task_add(request: HttpRequest, project_id: int, payload: TaskIn) -> tuple[int, dict[str, Any]]:
    """Add a task, assigned to someone who works on the project."""
    project = _full(request, project_id)
    assignee = User.objects.filter(pk=payload.assignee_id).first() if payload.assignee_id else None
    if (
        assignee is not None
        and selectors.project_access(user=assignee, project=project) is not selectors.Access.FULL
    ):
        raise ApplicationError(
            "The assignee does not work on this project.", field="assignee_id", status=422
        )
    task = services.project_task_add(
        project=project,
        user=request.user,
        title=payload.title,
        due_on=payload.due_on,
        assignee=assignee,
    )
    return 201, _task(task)


@router.patch(
    "/projects/{project_id}/tasks/{task_id}", response={200: TaskOut, **ERRORS}, auth=WRITE_AUTH
)
def task_update(
    request: HttpRequest, project_id: int, task_id: int, payload: TaskPatch
) -> dict[str, Any]:
    """Tick a task off or reopen it."""
    project = _full(request, project_id)
    task = project.tasks.filter(pk=task_id).first()
    if task is None:
        raise NotFoundError(f"Task {task_id} does not exist.")
    return _task(services.project_task_set_done(task=task, user=request.user, done=payload.done))


@router.get("/projects/{project_id}/strategies", response={200: list[StrategyFitOut], **ERRORS})
def project_strategies(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """The strategies of the project's territory and the SDGs both address."""
    project = _full(request, project_id)
    fits = strategies_for_project(user=api_user(request), project=project)
    return [
        {
            "strategy_id": f.strategy.pk,
            "slug": f.strategy.slug,
            "title": f.strategy.title,
            "goals": list(f.goals),
        }
        for f in fits
    ]


@router.get("/strategies/{strategy_id}/projects", response={200: list[ServingProjectOut], **ERRORS})
def strategy_projects(request: HttpRequest, strategy_id: int) -> list[dict[str, Any]]:
    """The projects you work on whose alignment serves the goals of a strategy."""
    from obieg.strategies.selectors import strategy_get_for_user

    user = api_user(request)
    strategy = strategy_get_for_user(user=user, strategy_id=strategy_id)
    return [
        {"project_id": p.pk, "slug": p.slug, "title": p.title_text, "goals": list(goals)}
        for p, goals in projects_for_strategy(user=user, strategy=strategy)
    ]


@router.get("/instruments", response=list[InstrumentOut])
@paginate(LimitOffsetPagination)
def instrument_list(
    request: HttpRequest,
    q: str = "",
    instrument_type: str = "",
    country: str = "",
    verified: str = "",
) -> Any:
    """Funding instruments (public); `verified=no` lists those a manager has not confirmed."""
    return selectors.instrument_list(
        q=q, instrument_type=instrument_type, country=country, verified=verified
    )


@router.get("/instruments/{instrument_id}", response={200: InstrumentDetailOut, **ERRORS})
def instrument_detail(request: HttpRequest, instrument_id: int) -> Any:
    """One instrument with its calls and deadlines."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    return {
        **InstrumentOut.from_orm(instrument).dict(),
        "calls": [
            {"identifier": c.identifier, "title": c.title, "deadlines": c.deadlines, "url": c.url}
            for c in instrument.calls.all()
        ],
    }


@router.get(
    "/instruments/{instrument_id}/eligible-projects",
    response={200: list[EligibleProjectOut], **ERRORS},
)
def instrument_eligible_projects(request: HttpRequest, instrument_id: int) -> list[dict[str, Any]]:
    """The projects you work on that are eligible for this instrument, best fit first."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    pairs = selectors.instrument_eligible_projects(user=api_user(request), instrument=instrument)
    return [
        {"project_id": p.pk, "slug": p.slug, "title": p.title_text, "fit": fit} for p, fit in pairs
    ]


@router.post("/instruments", response={201: InstrumentOut, **ERRORS}, auth=WRITE_AUTH)
def instrument_create(request: HttpRequest, payload: InstrumentIn) -> tuple[int, Any]:
    """Add an instrument (managers)."""
    return 201, services.instrument_create(user=request.user, **payload.dict())


@router.patch(
    "/instruments/{instrument_id}", response={200: InstrumentOut, **ERRORS}, auth=WRITE_AUTH
)
def instrument_update(request: HttpRequest, instrument_id: int, payload: InstrumentPatch) -> Any:
    """Change an instrument (managers)."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    return services.instrument_update(
        instrument=instrument, user=request.user, data=payload.dict(exclude_unset=True)
    )


@router.post(
    "/instruments/{instrument_id}/verify", response={200: InstrumentOut, **ERRORS}, auth=WRITE_AUTH
)
def instrument_verify(request: HttpRequest, instrument_id: int) -> Any:
    """Confirm an instrument's details against its official source (managers)."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    services.instrument_verify(instrument=instrument, user=request.user)
    return selectors.instrument_get(instrument_id=instrument_id)


@router.put(
    "/instruments/{instrument_id}/calls",
    response={200: InstrumentDetailOut, **ERRORS},
    auth=WRITE_AUTH,
)
def call_set(request: HttpRequest, instrument_id: int, payload: CallIn) -> Any:
    """Add a call with its deadlines to an instrument, or change it (managers)."""
    instrument = selectors.instrument_get(instrument_id=instrument_id)
    services.call_set(instrument=instrument, user=request.user, **payload.dict())
    return instrument_detail(request, instrument_id)


@router.get("/portfolio", response={200: PortfolioOut, **ERRORS})
def portfolio_figures(request: HttpRequest, filters: ProjectQuery = Query(...)) -> Any:  # noqa: B008
    """Counts and capital by stage, country, sector, R-strategy and instrument; time in stage;
    conversion. Over the projects you may see only."""
    data = portfolio(user=api_user(request), filters=selectors.ProjectFilters(**filters.dict()))
    return api_payloads.portfolio_payload(data)


@router.get("/reports/policy", response={200: PolicyReportOut, **ERRORS})
def policy_report_figures(request: HttpRequest, filters: ProjectQuery = Query(...)) -> Any:  # noqa: B008
    """Barriers aggregated for policy makers (no project named), over the projects you may see."""
    return policy_report(user=api_user(request), filters=selectors.ProjectFilters(**filters.dict()))


@router.get("/exchange-rates", response=list[ExchangeRateOut])
@paginate(LimitOffsetPagination)
def exchange_rate_list(request: HttpRequest, currency: str = "") -> Any:
    """Stored conversion rates (units per euro, by date)."""
    rates = ExchangeRate.objects.all()
    return rates.filter(currency=currency.upper()) if currency else rates


@router.post("/exchange-rates", response={201: ExchangeRateOut, **ERRORS}, auth=WRITE_AUTH)
def exchange_rate_set(request: HttpRequest, payload: ExchangeRateIn) -> tuple[int, Any]:
    """Store a rate (managers)."""
    require_manager(request.user)
    return 201, services.exchange_rate_set(**payload.dict())
