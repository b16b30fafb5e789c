# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from obieg.accounts.authentication import WRITE_AUTH, api_user
from obieg.accounts.permissions import require_manager
from obieg.core.schemas import ErrorOut
from obieg.directory import selectors, services
from obieg.directory.models import Alliance, ClusterProject, Event, Organisation
from obieg.directory.permissions import require_organisation_editor
from obieg.directory.schemas import (
    AllianceDetailOut,
    AllianceIn,
    AllianceMemberIn,
    AllianceOut,
    AlliancePatch,
    EventDetailOut,
    EventIn,
    EventOut,
    EventPatch,
    FundingSourceIn,
    OrganisationDetailOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    ProjectDetailOut,
    ProjectIn,
    ProjectOut,
    ProjectPatch,
)

router = Router()
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut}


class OrganisationQuery(Schema):
    q: str = ""
    kind: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    alliance: str = ""
    membership: str = ""
    theme: str = ""


def _organisation_detail(request: HttpRequest, organisation: Organisation) -> Organisation:
    user = api_user(request)
    organisation.visible_people = [  # type: ignore[attr-defined]
        {
            "full_name": p.full_name,
            "role_title": p.role_title,
            "email": p.email if selectors.person_contact_visible(user=user, person=p) else None,
            "phone": p.phone if selectors.person_contact_visible(user=user, person=p) else None,
        }
        for p in organisation.people.all()
    ]
    return organisation


@router.get("/organisations", response=list[OrganisationOut])
@paginate(LimitOffsetPagination)
def organisation_list(request: HttpRequest, filters: OrganisationQuery = Query(...)) -> Any:  # noqa: B008
    """List organisations; filter by text, kind, country, NUTS region prefix, NACE prefix…"""
    api_user(request)
    return selectors.organisation_list(filters=selectors.OrganisationFilters(**filters.dict()))


@router.get("/organisations/{organisation_id}", response={200: OrganisationDetailOut, **ERRORS})
def organisation_detail(request: HttpRequest, organisation_id: int) -> Organisation:
    """One organisation; contact data only for members, and only with recorded consent."""
    organisation = selectors.organisation_get_by_id(organisation_id=organisation_id)
    full = selectors.organisation_get(slug=organisation.slug)
    return _organisation_detail(request, full)


@router.post("/organisations", response={201: OrganisationDetailOut, **ERRORS}, auth=WRITE_AUTH)
def organisation_create(request: HttpRequest, payload: OrganisationIn) -> Status[Any]:
    """Add an organisation (cluster managers)."""
    require_manager(request.user)
    data = payload.dict()
    data["size_class"] = data["size_class"] or ""
    organisation = services.organisation_create(**data)
    return Status(
        201, _organisation_detail(request, selectors.organisation_get(slug=organisation.slug))
    )


@router.patch(
    "/organisations/{organisation_id}",
    response={200: OrganisationDetailOut, **ERRORS},
    auth=WRITE_AUTH,
)
def organisation_update(
    request: HttpRequest, organisation_id: int, payload: OrganisationPatch
) -> Organisation:
    """Change an organisation (managers, or members of that organisation)."""
    organisation = selectors.organisation_get_by_id(organisation_id=organisation_id)
    require_organisation_editor(request.user, organisation)
    services.organisation_update(organisation=organisation, data=payload.dict(exclude_unset=True))
    return _organisation_detail(request, selectors.organisation_get(slug=organisation.slug))


@router.get("/alliances", response=list[AllianceOut])
@paginate(LimitOffsetPagination)
def alliance_list(request: HttpRequest, kind: str = "") -> Any:
    """List alliances, consortia and networks."""
    queryset = selectors.alliance_list()
    return queryset.filter(kind=kind) if kind else queryset


@router.get("/alliances/{alliance_id}", response={200: AllianceDetailOut, **ERRORS})
def alliance_detail(request: HttpRequest, alliance_id: int) -> Alliance:
    """One alliance with its members and their roles."""
    return selectors.alliance_get(slug=selectors.slug_for_id(Alliance, alliance_id))


@router.post("/alliances", response={201: AllianceDetailOut, **ERRORS}, auth=WRITE_AUTH)
def alliance_create(request: HttpRequest, payload: AllianceIn) -> Status[Alliance]:
    """Add an alliance (cluster managers)."""
    require_manager(request.user)
    alliance = services.alliance_create(**payload.dict())
    return Status(201, selectors.alliance_get(slug=alliance.slug))


@router.patch(
    "/alliances/{alliance_id}", response={200: AllianceDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def alliance_update(request: HttpRequest, alliance_id: int, payload: AlliancePatch) -> Alliance:
    """Change an alliance (cluster managers)."""
    require_manager(request.user)
    alliance = selectors.alliance_get(slug=selectors.slug_for_id(Alliance, alliance_id))
    services.alliance_update(alliance=alliance, data=payload.dict(exclude_unset=True))
    return selectors.alliance_get(slug=alliance.slug)


@router.put(
    "/alliances/{alliance_id}/members", response={200: AllianceDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def alliance_member_set(
    request: HttpRequest, alliance_id: int, payload: AllianceMemberIn
) -> Alliance:
    """Add a member to an alliance or change its role (cluster managers)."""
    require_manager(request.user)
    alliance = selectors.alliance_get(slug=selectors.slug_for_id(Alliance, alliance_id))
    organisation = selectors.organisation_get_by_id(organisation_id=payload.organisation_id)
    services.alliance_member_set(
        alliance=alliance, organisation=organisation, role=payload.role, since=payload.since
    )
    return selectors.alliance_get(slug=alliance.slug)


@router.get("/projects", response=list[ProjectOut])
@paginate(LimitOffsetPagination)
def project_list(request: HttpRequest, status: str = "") -> Any:
    """List cluster projects."""
    queryset = selectors.project_list()
    return queryset.filter(status=status) if status else queryset


@router.get("/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS})
def project_detail(request: HttpRequest, project_id: int) -> ClusterProject:
    """One cluster project with partners and funding sources."""
    return selectors.project_get(slug=selectors.slug_for_id(ClusterProject, project_id))


@router.post("/projects", response={201: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH)
def project_create(request: HttpRequest, payload: ProjectIn) -> Status[ClusterProject]:
    """Add a cluster project (cluster managers)."""
    require_manager(request.user)
    project = services.project_create(**payload.dict())
    return Status(201, selectors.project_get(slug=project.slug))


@router.patch("/projects/{project_id}", response={200: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH)
def project_update(request: HttpRequest, project_id: int, payload: ProjectPatch) -> ClusterProject:
    """Change a cluster project (cluster managers)."""
    require_manager(request.user)
    project = selectors.project_get(slug=selectors.slug_for_id(ClusterProject, project_id))
    services.project_update(project=project, data=payload.dict(exclude_unset=True))
    return selectors.project_get(slug=project.slug)


@router.post(
    "/projects/{project_id}/funding", response={201: ProjectDetailOut, **ERRORS}, auth=WRITE_AUTH
)
def project_funding_add(
    request: HttpRequest, project_id: int, payload: FundingSourceIn
) -> Status[ClusterProject]:
    """Record a funding source of a project (cluster managers)."""
    require_manager(request.user)
    project = selectors.project_get(slug=selectors.slug_for_id(ClusterProject, project_id))
    services.project_funding_add(project=project, **payload.dict())
    return Status(201, selectors.project_get(slug=project.slug))


@router.get("/events", response=list[EventOut])
@paginate(LimitOffsetPagination)
def event_list(request: HttpRequest, kind: str = "", year: int | None = None) -> Any:
    """List events, newest first."""
    return selectors.event_list(kind=kind, year=year)


@router.get("/events/{event_id}", response={200: EventDetailOut, **ERRORS})
def event_detail(request: HttpRequest, event_id: int) -> Event:
    """One event with participants, topics and documents."""
    return selectors.event_get(slug=selectors.slug_for_id(Event, event_id))


@router.post("/events", response={201: EventDetailOut, **ERRORS}, auth=WRITE_AUTH)
def event_create(request: HttpRequest, payload: EventIn) -> Status[Event]:
    """Record an event (cluster managers)."""
    require_manager(request.user)
    data = payload.dict()
    refs = _event_refs(data)
    event = services.event_create(**data, **refs)
    return Status(201, selectors.event_get(slug=event.slug))


@router.patch("/events/{event_id}", response={200: EventDetailOut, **ERRORS}, auth=WRITE_AUTH)
def event_update(request: HttpRequest, event_id: int, payload: EventPatch) -> Event:
    """Change an event (cluster managers)."""
    require_manager(request.user)
    event = selectors.event_get(slug=selectors.slug_for_id(Event, event_id))
    services.event_update(event=event, data=payload.dict(exclude_unset=True))
    return selectors.event_get(slug=event.slug)


def _event_refs(data: dict[str, Any]) -> dict[str, Any]:
    organiser_id = data.pop("organiser_id")
    alliance_id, project_id = data.pop("alliance_id"), data.pop("project_id")
    participant_ids = data.pop("participant_ids")
    return {
        "organiser": (
            selectors.organisation_get_by_id(organisation_id=organiser_id) if organiser_id else None
        ),
        "participants": [
            selectors.organisation_get_by_id(organisation_id=pk) for pk in participant_ids
        ],
        "alliance": selectors.alliance_get(slug=selectors.slug_for_id(Alliance, alliance_id))
        if alliance_id
        else None,
        "project": selectors.project_get(slug=selectors.slug_for_id(ClusterProject, project_id))
        if project_id
        else None,
    }
