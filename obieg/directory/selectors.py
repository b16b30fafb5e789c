from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError, NotFoundError
from obieg.core.filters import QueryFilters
from obieg.core.search_text import search_terms
from obieg.directory import choices
from obieg.directory.models import (
    Alliance,
    AllianceMembership,
    ClusterProject,
    Country,
    Event,
    NutsRegion,
    Organisation,
    Person,
    ProjectPartner,
)


@dataclass(frozen=True)
class OrganisationFilters(QueryFilters):
    """What the directory page and the API filter organisations by."""

    q: str = ""
    kind: str = ""
    country: str = ""
    region: str = ""
    sector: str = ""
    alliance: str = ""
    membership: str = ""
    theme: str = ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class DirectoryPage:
    organisations: QuerySet[Organisation]
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)


def organisation_list(*, filters: OrganisationFilters | None = None) -> QuerySet[Organisation]:
    """Return organisations matching the filters, ready for a list (country, region joined)."""
    filters = filters or OrganisationFilters()
    queryset = Organisation.objects.select_related("country", "region").prefetch_related("themes")
    return _apply_filters(queryset, filters).order_by("name", "pk")


def _apply_filters(
    queryset: QuerySet[Organisation], filters: OrganisationFilters, *, skip: str = ""
) -> QuerySet[Organisation]:
    for term in search_terms(filters.q):
        queryset = queryset.filter(search_text__contains=term)
    if filters.kind and skip != "kind":
        queryset = queryset.filter(kind=filters.kind)
    if filters.country and skip != "country":
        queryset = queryset.filter(country_id=filters.country.upper())
    if filters.region and skip != "region":
        queryset = queryset.filter(region__code__startswith=filters.region.upper())
    if filters.membership and skip != "membership":
        queryset = queryset.filter(membership_status=filters.membership)
    if filters.sector and skip != "sector":
        queryset = queryset.filter(
            pk__in=Organisation.sectors.through.objects.filter(
                _sector_condition(filters.sector.upper())
            ).values("organisation_id")
        )
    if filters.alliance and skip != "alliance":
        queryset = queryset.filter(
            pk__in=AllianceMembership.objects.filter(alliance__slug=filters.alliance).values(
                "organisation_id"
            )
        )
    if filters.theme and skip != "theme":
        queryset = queryset.filter(themes__slug=filters.theme)
    return queryset


def _sector_condition(code: str) -> Q:
    """A NACE code and everything under it; a section letter covers its divisions."""
    if code.isalpha():
        return (
            Q(naceactivity__code=code)
            | Q(naceactivity__parent__code=code)
            | Q(naceactivity__parent__parent__code=code)
            | Q(naceactivity__parent__parent__parent__code=code)
        )
    return Q(naceactivity__code__startswith=code)


def organisation_facets(*, filters: OrganisationFilters) -> dict[str, list[FacetValue]]:
    """Count organisations per facet value, each facet ignoring its own selection."""
    return {
        "kind": _choice_facet(filters, "kind", choices.OrganisationKind),
        "membership": _choice_facet(
            filters, "membership", choices.MembershipStatus, column="membership_status"
        ),
        "country": _country_facet(filters),
        "region": _region_facet(filters),
        "sector": _sector_facet(filters),
        "alliance": _alliance_facet(filters),
    }


def _counts(filters: OrganisationFilters, facet: str, column: str) -> list[dict[str, Any]]:
    base = _apply_filters(Organisation.objects.all(), filters, skip=facet)
    rows = base.values(column).annotate(n=Count("pk", distinct=True)).order_by("-n")
    return [row for row in rows if row[column]]


def _choice_facet(
    filters: OrganisationFilters, facet: str, choice: Any, *, column: str | None = None
) -> list[FacetValue]:
    selected = getattr(filters, facet)
    labels = dict(choice.choices)
    return [
        FacetValue(
            row[column or facet],
            str(labels.get(row[column or facet], "")),
            row["n"],
            row[column or facet] == selected,
        )
        for row in _counts(filters, facet, column or facet)
    ]


def _country_facet(filters: OrganisationFilters) -> list[FacetValue]:
    rows = _counts(filters, "country", "country_id")
    names = {
        c.code: c.name for c in Country.objects.filter(code__in=[r["country_id"] for r in rows])
    }
    return [
        FacetValue(
            r["country_id"],
            names.get(r["country_id"], r["country_id"]),
            r["n"],
            r["country_id"] == filters.country.upper(),
        )
        for r in rows
    ]


def _region_facet(filters: OrganisationFilters) -> list[FacetValue]:
    rows = _counts(filters, "region", "region_id")
    names = dict(
        NutsRegion.objects.filter(code__in=[r["region_id"] for r in rows]).values_list(
            "code", "name"
        )
    )
    return [
        FacetValue(
            r["region_id"],
            f"{r['region_id']} {names.get(r['region_id'], '')}",
            r["n"],
            r["region_id"] == filters.region.upper(),
        )
        for r in rows[:30]
    ]


def _sector_facet(filters: OrganisationFilters) -> list[FacetValue]:
    base = _apply_filters(Organisation.objects.all(), filters, skip="sector")
    rows = (
        Organisation.sectors.through.objects.filter(organisation__in=base)
        .values("naceactivity_id", "naceactivity__names")
        .annotate(n=Count("organisation_id", distinct=True))
        .order_by("-n")[:30]
    )
    return [
        FacetValue(
            r["naceactivity_id"],
            f"{r['naceactivity_id']} {(r['naceactivity__names'] or {}).get('en', '')}",
            r["n"],
            r["naceactivity_id"] == filters.sector.upper(),
        )
        for r in rows
    ]


def _alliance_facet(filters: OrganisationFilters) -> list[FacetValue]:
    base = _apply_filters(Organisation.objects.all(), filters, skip="alliance")
    rows = (
        AllianceMembership.objects.filter(organisation__in=base)
        .values("alliance__slug", "alliance__name", "alliance__short_name")
        .annotate(n=Count("organisation_id", distinct=True))
        .order_by("-n")[:30]
    )
    return [
        FacetValue(
            r["alliance__slug"],
            r["alliance__short_name"] or r["alliance__name"],
            r["n"],
            r["alliance__slug"] == filters.alliance,
        )
        for r in rows
    ]


def country_get_by_code(*, code: str | None) -> Country | None:
    """Return the country with ISO code `code` (None for none), or a 422 naming the field."""
    if not code:
        return None
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise ApplicationError(
            _("Unknown country code “%(code)s”.") % {"code": code}, field="country", status=422
        )
    return country


def region_get_by_code(*, code: str | None, country: Country | None) -> NutsRegion | None:
    """Return the NUTS 2024 region `code`, checking it lies in `country` when one is given."""
    if not code:
        return None
    region = NutsRegion.objects.filter(code=code.upper()).first()
    if region is None:
        raise ApplicationError(
            _("Unknown NUTS 2024 region “%(code)s”.") % {"code": code}, field="region", status=422
        )
    if country is not None and region.country_id and region.country_id != country.code:
        raise ApplicationError(
            _("Region %(region)s is not in %(country)s.")
            % {"region": region.code, "country": country.code},
            field="region",
            status=422,
        )
    return region


def organisation_get(*, slug: str) -> Organisation:
    """Return one organisation with everything its page shows."""
    organisation = (
        Organisation.objects.select_related("country", "region", "region__parent")
        .prefetch_related(
            "sectors",
            "themes",
            "people",
            Prefetch(
                "alliance_memberships",
                queryset=AllianceMembership.objects.select_related("alliance"),
            ),
            Prefetch(
                "project_partnerships",
                queryset=ProjectPartner.objects.select_related("project"),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if organisation is None:
        raise NotFoundError(_("Organisation “%(slug)s” does not exist.") % {"slug": slug})
    return organisation


def organisation_get_by_id(*, organisation_id: int) -> Organisation:
    """Return one organisation by id, or raise NotFoundError naming the id."""
    organisation = organisation_list().filter(pk=organisation_id).first()
    if organisation is None:
        raise NotFoundError(
            _("Organisation %(id)s does not exist.") % {"id": organisation_id}, field="id"
        )
    return organisation


def person_contact_visible(*, user: Any, person: Person) -> bool:
    """Contact data is shown to signed-in members only, and only with recorded consent."""
    return bool(getattr(user, "is_member", False)) and person.has_consent


def alliance_list() -> QuerySet[Alliance]:
    """Return alliances with their member count."""
    return Alliance.objects.select_related("parent").annotate(member_count=Count("memberships"))


def alliance_get(*, slug: str) -> Alliance:
    """Return one alliance with its members and events."""
    alliance = (
        Alliance.objects.select_related("parent")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=AllianceMembership.objects.select_related(
                    "organisation", "organisation__country"
                ),
            ),
            "children",
            "events",
        )
        .filter(slug=slug)
        .first()
    )
    if alliance is None:
        raise NotFoundError(_("Alliance “%(slug)s” does not exist.") % {"slug": slug})
    return alliance


def project_list() -> QuerySet[ClusterProject]:
    """Return cluster projects with their partners counted."""
    return ClusterProject.objects.annotate(partner_count=Count("partnerships"))


def project_get(*, slug: str) -> ClusterProject:
    """Return one cluster project with partners, funding and events."""
    project = (
        ClusterProject.objects.prefetch_related(
            Prefetch(
                "partnerships",
                queryset=ProjectPartner.objects.select_related(
                    "organisation", "organisation__country"
                ),
            ),
            "funding_sources",
            "events",
        )
        .filter(slug=slug)
        .first()
    )
    if project is None:
        raise NotFoundError(_("Project “%(slug)s” does not exist.") % {"slug": slug})
    return project


def event_list(*, kind: str = "", year: int | None = None) -> QuerySet[Event]:
    """Return events, newest first, with organiser and place joined."""
    queryset = Event.objects.select_related("organiser", "country", "alliance", "project")
    if kind:
        queryset = queryset.filter(kind=kind)
    if year:
        queryset = queryset.filter(starts_on__year=year)
    return queryset


def event_get(*, slug: str) -> Event:
    """Return one event with participants, topics and documents."""
    event = (
        event_list()
        .prefetch_related("participants", "topics", "documents")
        .filter(slug=slug)
        .first()
    )
    if event is None:
        raise NotFoundError(_("Event “%(slug)s” does not exist.") % {"slug": slug})
    return event


def members_by_region(*, level: int = 2) -> dict[str, int]:
    """Count current cluster members and partners per NUTS region of the given level."""
    rows = (
        Organisation.objects.filter(region__isnull=False)
        .exclude(membership_status=choices.MembershipStatus.NONE)
        .values_list("region_id", flat=True)
    )
    counts: dict[str, int] = {}
    for code in rows:
        key = code[: 2 + level]
        counts[key] = counts.get(key, 0) + 1
    return counts


def countries_with_regions() -> list[str]:
    """Countries that have organisations placed in a NUTS region (the map's extent)."""
    return sorted(
        Organisation.objects.filter(region__isnull=False)
        .order_by()  # the default ordering by name would defeat DISTINCT
        .values_list("country_id", flat=True)
        .distinct()
    )


def directory_overview() -> dict[str, int]:
    """Headline counts for the start page."""
    return {
        "organisations": Organisation.objects.count(),
        "members": Organisation.objects.filter(
            membership_status=choices.MembershipStatus.MEMBER
        ).count(),
        "alliances": Alliance.objects.count(),
        "projects": ClusterProject.objects.count(),
        "events": Event.objects.count(),
    }


def slug_for_id(model: Any, pk: int) -> str:
    """Return the slug of the row `pk` of a directory model, or raise NotFoundError."""
    slug = model.objects.filter(pk=pk).values_list("slug", flat=True).first()
    if slug is None:
        raise NotFoundError(
            _("%(kind)s %(id)s does not exist.")
            % {"kind": str(model._meta.verbose_name).capitalize(), "id": pk},
            field="id",
        )
    return str(slug)


def region_names(*, codes: list[str]) -> dict[str, str]:
    """Map NUTS codes to their names."""
    return dict(NutsRegion.objects.filter(code__in=codes).values_list("code", "name"))
