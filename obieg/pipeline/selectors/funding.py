"""Reads on funding instruments and on the instruments that suit a project."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from obieg.core.errors import NotFoundError
from obieg.pipeline.funding_match import ProjectFunding, eligible_projects, project_funding
from obieg.pipeline.models import FundingCall, FundingInstrument, InvestmentProject
from obieg.pipeline.selectors.projects import project_list_full_for_user


def instrument_list(
    *, q: str = "", instrument_type: str = "", country: str = "", verified: str = ""
) -> QuerySet[FundingInstrument]:
    """Return the active instruments with their calls counted."""
    queryset = FundingInstrument.objects.filter(is_active=True).annotate(call_count=Count("calls"))
    if q:
        queryset = queryset.filter(Q(programme__icontains=q) | Q(managing_body__icontains=q))
    if instrument_type:
        queryset = queryset.filter(instrument_type=instrument_type)
    if country:
        # JSON list membership differs per database; an empty list means "every country".
        ids = [i.pk for i in queryset if not i.countries or country.upper() in i.countries]
        queryset = queryset.filter(pk__in=ids)
    if verified in ("yes", "no"):
        queryset = queryset.filter(verified=verified == "yes")
    return queryset.order_by("programme", "instrument_type")


def instrument_get(*, instrument_id: int) -> FundingInstrument:
    """Return one instrument with its calls, or raise NotFoundError."""
    instrument = (
        FundingInstrument.objects.prefetch_related(
            Prefetch("calls", queryset=FundingCall.objects.order_by("identifier"))
        )
        .select_related("verified_by")
        .filter(pk=instrument_id)
        .first()
    )
    if instrument is None:
        raise NotFoundError(_("Funding instrument %(id)s does not exist.") % {"id": instrument_id})
    return instrument


def instrument_eligible_projects(
    *, user: Any, instrument: FundingInstrument
) -> list[tuple[InvestmentProject, float]]:
    """Return the projects the user sees in full that are eligible for an instrument."""
    projects = list(project_list_full_for_user(user=user)[:5000])
    return eligible_projects(instrument, projects)


def project_funding_view(*, project: InvestmentProject) -> ProjectFunding:
    """Rank every instrument for a project, with reasons, and propose a stack."""
    return project_funding(project)
