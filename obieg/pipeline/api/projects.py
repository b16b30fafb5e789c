# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import File, Form, Query, Status
from ninja.files import UploadedFile
from ninja.pagination import LimitOffsetPagination, paginate

from obieg.accounts.authentication import WRITE_AUTH, api_user
from obieg.accounts.models import User
from obieg.core.errors import ApplicationError, NotFoundError
from obieg.directory.selectors import organisation_get_by_id
from obieg.pipeline import api_payloads, selectors, services
from obieg.pipeline.api.lookups import ERRORS, ProjectQuery, detail_payload, full_project
from obieg.pipeline.api.routes import router
from obieg.pipeline.models import ProjectTask
from obieg.pipeline.schemas import (
    DocumentOut,
    NoteIn,
    NoteOut,
    PartnerIn,
    PartnerOut,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
    StackStatusIn,
    StackStatusOut,
    StageIn,
    TaskIn,
    TaskOut,
    TaskPatch,
    TeaserIn,
)

# Projects, their people, documents, notes, tasks and stack status.


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
def project_create(request: HttpRequest, payload: ProjectIn) -> Status[dict[str, Any]]:
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
    return Status(201, detail_payload(request, project.pk))


@router.get("/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS})
def project_detail(request: HttpRequest, project_id: int) -> dict[str, Any]:
    """One project; confidential fields are null unless you are its promoter, adviser or a
    manager. A project you may not see answers 404."""
    return detail_payload(request, project_id)


@router.patch("/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH)
def project_update(request: HttpRequest, project_id: int, payload: ProjectPatch) -> dict[str, Any]:
    """Change a project (promoter, advisers, managers)."""
    project = full_project(request, project_id)
    services.project_update(
        project=project, user=request.user, data=payload.dict(exclude_unset=True)
    )
    return detail_payload(request, project_id)


@router.post(
    "/projects/{project_id}/stage", response={200: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def project_move(request: HttpRequest, project_id: int, payload: StageIn) -> dict[str, Any]:
    """Move a project to another stage, with the reason recorded in its history."""
    project = full_project(request, project_id)
    services.project_move(
        project=project, user=request.user, to_stage=payload.stage, reason=payload.reason
    )
    return detail_payload(request, project_id)


@router.post(
    "/projects/{project_id}/teaser", response={200: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def project_teaser(request: HttpRequest, project_id: int, payload: TeaserIn) -> dict[str, Any]:
    """Publish (promoter only) or withdraw the investor teaser."""
    project = full_project(request, project_id)
    services.project_teaser_publish(project=project, user=request.user, published=payload.published)
    return detail_payload(request, project_id)


@router.put(
    "/projects/{project_id}/advisers/{user_id}",
    response={200: ProjectDetailOut, **ERRORS},
    auth=WRITE_AUTH,
)
def project_adviser_add(request: HttpRequest, project_id: int, user_id: int) -> dict[str, Any]:
    """Assign an adviser (managers)."""
    project = full_project(request, project_id)
    adviser = User.objects.filter(pk=user_id).first()
    if adviser is None:
        raise NotFoundError(f"User {user_id} does not exist.")
    services.project_adviser_set(project=project, user=request.user, adviser=adviser)
    return detail_payload(request, project_id)


@router.put(
    "/projects/{project_id}/partners/{organisation_id}",
    response={200: list[PartnerOut], **ERRORS},
    auth=WRITE_AUTH,
)
def partner_set(
    request: HttpRequest, project_id: int, organisation_id: int, payload: PartnerIn
) -> list[dict[str, Any]]:
    """Add a partner organisation to a project, or change its role."""
    project = full_project(request, project_id)
    organisation = organisation_get_by_id(organisation_id=organisation_id)
    services.project_partner_set(
        project=project, user=request.user, organisation=organisation, role=payload.role
    )
    return partner_list(request, project_id)


@router.get("/projects/{project_id}/partners", response={200: list[PartnerOut], **ERRORS})
def partner_list(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """The partner organisations of a project and their roles."""
    project = full_project(request, project_id)
    return [
        {"organisation_id": p.organisation_id, "name": p.organisation.name, "role": p.role}
        for p in project.partnerships.select_related("organisation")
    ]


@router.get("/projects/{project_id}/documents", response={200: list[DocumentOut], **ERRORS})
def document_list(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """The confidential documents of a project (files are downloaded from the project page)."""
    project = full_project(request, project_id)
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
) -> Status[dict[str, Any]]:
    """Attach a document to a project: a file (multipart) or a link."""
    project = full_project(request, project_id)
    document = services.project_document_add(
        project=project, user=request.user, title=title, url=url, file=file
    )
    return Status(201, _document(document))


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
    project = full_project(request, project_id)
    item = project.stack_items.filter(instrument_id=instrument_id).first()
    if item is None:
        raise NotFoundError(f"Instrument {instrument_id} is not in this project's stack.")
    item = services.stack_item_set_status(item=item, user=request.user, status=payload.status)
    return {
        "instrument_id": item.instrument_id,
        "amount_eur": float(item.amount_eur),
        "status": item.status,
    }


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
    return [_note(n) for n in full_project(request, project_id).notes.select_related("author")]


@router.post("/projects/{project_id}/notes", response={201: NoteOut, **ERRORS}, auth=WRITE_AUTH)
def note_add(request: HttpRequest, project_id: int, payload: NoteIn) -> Status[dict[str, Any]]:
    """Add a note."""
    project = full_project(request, project_id)
    return Status(
        201, _note(services.project_note_add(project=project, user=request.user, text=payload.text))
    )


@router.get("/projects/{project_id}/tasks", response={200: list[TaskOut], **ERRORS})
def task_list(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """Advisers' tasks on a project."""
    return [_task(t) for t in full_project(request, project_id).tasks.select_related("assignee")]


@router.post("/projects/{project_id}/tasks", response={201: TaskOut, **ERRORS}, auth=WRITE_AUTH)
def task_add(request: HttpRequest, project_id: int, payload: TaskIn) -> Status[dict[str, Any]]:
    """Add a task, assigned to someone who works on the project."""
    project = full_project(request, project_id)
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
    return Status(201, _task(task))


@router.patch(
    "/projects/{project_id}/tasks/{task_id}", response={200: TaskOut, **ERRORS}, auth=WRITE_AUTH
)
def task_update(
    request: HttpRequest, project_id: int, task_id: int, payload: TaskPatch
) -> dict[str, Any]:
    """Tick a task off or reopen it."""
    project = full_project(request, project_id)
    task = project.tasks.filter(pk=task_id).first()
    if task is None:
        raise NotFoundError(f"Task {task_id} does not exist.")
    return _task(services.project_task_set_done(task=task, user=request.user, done=payload.done))
