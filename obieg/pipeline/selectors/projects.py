"""Who sees which investment project: the one place where pipeline visibility is decided.

A project is seen in full by its promoter's members, its assigned advisers and cluster
managers. Everyone else sees only public teasers (opted in and investment-ready or later), and
only the teaser fields of them; any other project does not exist for them (404, never 403, so
that its existence does not leak either).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any

from django.db.models import BooleanField, Exists, OuterRef, Q, QuerySet, Value
from django.utils.translation import gettext as _

from obieg.core.errors import NotFoundError
from obieg.core.filters import QueryFilters
from obieg.core.search_text import search_terms
from obieg.pipeline import choices
from obieg.pipeline.models import InvestmentProject


class Access(enum.IntEnum):
    NONE = 0
    TEASER = 1
    FULL = 2


def public_q() -> Q:
    """Projects whose teaser anyone may read."""
    return Q(teaser_published=True, stage__in=choices.TEASER_STAGES)


def _full_q(user: Any) -> Q:
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    advised = Exists(
        InvestmentProject.advisers.through.objects.filter(
            investmentproject_id=OuterRef("pk"), user_id=user.pk
        )
    )
    own = Q(promoter_id=user.organisation_id) if user.organisation_id else Q(pk__in=[])
    return own | Q(advised)


def project_access(*, user: Any, project: InvestmentProject) -> Access:
    """Return how much of one project the user may see."""
    if getattr(user, "is_manager", False):
        return Access.FULL
    if getattr(user, "is_authenticated", False):
        if user.organisation_id and user.organisation_id == project.promoter_id:
            return Access.FULL
        if project.advisers.filter(pk=user.pk).exists():
            return Access.FULL
    return Access.TEASER if project.is_public else Access.NONE


@dataclass(frozen=True)
class ProjectFilters(QueryFilters):
    """What the project list, the board, the dashboard and the API filter by."""

    q: str = ""
    stage: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    r_strategy: str = ""
    promoter: str = ""
    adviser: str = ""

    def active(self) -> list[tuple[str, str]]:
        return [(k, v) for k, v in vars(self).items() if v]


def project_list_for_user(
    *, user: Any, filters: ProjectFilters | None = None
) -> QuerySet[InvestmentProject]:
    """Return the projects the user may see, each annotated with `full_access`."""
    queryset = InvestmentProject.objects.select_related("promoter", "country", "region", "sector")
    if getattr(user, "is_manager", False):
        queryset = queryset.annotate(full_access=Value(True, output_field=BooleanField()))
    else:
        full = _full_q(user)
        # Who advises a project is confidential: that filter looks only at projects seen in full.
        seen = full if (filters and filters.adviser) else public_q() | full
        queryset = queryset.filter(seen).annotate(
            full_access=Exists(InvestmentProject.objects.filter(full, pk=OuterRef("pk")))
        )
    return _filtered(queryset, filters or ProjectFilters()).order_by("-updated_at", "pk")


def project_list_full_for_user(
    *, user: Any, filters: ProjectFilters | None = None
) -> QuerySet[InvestmentProject]:
    """Return the projects the user sees in full (and works on), for the board and matching."""
    queryset = InvestmentProject.objects.select_related("promoter", "country", "region", "sector")
    if not getattr(user, "is_manager", False):
        queryset = queryset.filter(_full_q(user))
    return _filtered(queryset, filters or ProjectFilters()).order_by("-updated_at", "pk")


def project_ids_for_user(*, user: Any, filters: ProjectFilters | None = None) -> QuerySet[Any]:
    """Return the ids of the visible projects, for aggregate queries (dashboard, reports)."""
    queryset = InvestmentProject.objects.all()
    if not getattr(user, "is_manager", False):
        full = _full_q(user)
        queryset = queryset.filter(full if (filters and filters.adviser) else public_q() | full)
    return _filtered(queryset, filters or ProjectFilters()).values("pk")


def _filtered(
    queryset: QuerySet[InvestmentProject], filters: ProjectFilters
) -> QuerySet[InvestmentProject]:
    # search_text holds only teaser fields, so a search never matches confidential details.
    for term in search_terms(filters.q):
        queryset = queryset.filter(search_text__contains=term)
    if filters.stage:
        queryset = queryset.filter(stage=filters.stage)
    if filters.country:
        queryset = queryset.filter(country_id=filters.country.upper())
    if filters.region:
        queryset = queryset.filter(region__code__startswith=filters.region.upper())
    if filters.sector:
        queryset = queryset.filter(sector__code__startswith=filters.sector.upper())
    if filters.r_strategy:
        queryset = queryset.filter(r_strategy=filters.r_strategy)
    if filters.promoter:
        queryset = queryset.filter(promoter__slug=filters.promoter)
    if filters.adviser:
        queryset = queryset.filter(advisers__username=filters.adviser)
    return queryset


def project_get_for_user(*, user: Any, slug: str) -> tuple[InvestmentProject, Access]:
    """Return a project the user may see and how much of it, or raise NotFoundError."""
    project = (
        InvestmentProject.objects.select_related(
            "promoter", "country", "region", "sector", "case", "impact"
        )
        .filter(slug=slug)
        .first()
    )
    access = Access.NONE if project is None else project_access(user=user, project=project)
    if project is None or access is Access.NONE:
        raise NotFoundError(_("Investment project “%(slug)s” does not exist.") % {"slug": slug})
    return project, access


def project_get_full(*, user: Any, slug: str) -> InvestmentProject:
    """Return a project the user may see in full (and so edit), or raise NotFoundError."""
    project, access = project_get_for_user(user=user, slug=slug)
    if access is not Access.FULL:
        raise NotFoundError(_("Investment project “%(slug)s” does not exist.") % {"slug": slug})
    return project


def project_slug_for_id(*, project_id: int) -> str:
    """Return the slug of a project id (existence only; visibility is checked by the caller)."""
    slug = InvestmentProject.objects.filter(pk=project_id).values_list("slug", flat=True).first()
    if slug is None:
        raise NotFoundError(
            _("Investment project %(id)s does not exist.") % {"id": project_id}, field="id"
        )
    return str(slug)


def project_detail_related(project: InvestmentProject) -> dict[str, Any]:
    """Load the confidential parts a full-access page shows."""
    return {
        "partners": list(project.partnerships.select_related("organisation")),
        "documents": list(project.documents.all()),
        "advisers": list(project.advisers.all()),
        "history": list(project.stage_changes.select_related("changed_by").order_by("-entered_at")),
        "notes": list(project.notes.select_related("author")),
        "tasks": list(project.tasks.select_related("assignee")),
        "barriers": list(project.barriers.all()),
        "stack": list(project.stack_items.select_related("instrument")),
    }


def board_columns(*, user: Any, filters: ProjectFilters) -> list[tuple[str, str, list[Any]]]:
    """Return (stage, label, projects) for every stage, for the kanban board."""
    projects = project_list_full_for_user(user=user, filters=filters)
    by_stage: dict[str, list[Any]] = {stage: [] for stage in choices.Stage.values}
    for project in projects[:2000]:
        by_stage[project.stage].append(project)
    return [(value, str(label), by_stage[value]) for value, label in choices.Stage.choices]
