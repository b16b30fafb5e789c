"""Reads of the symbiosis app. Who may see a stream, and whose identity, is decided here only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from obieg.core.errors import NotFoundError
from obieg.core.filters import QueryFilters
from obieg.core.search_text import search_terms
from obieg.directory.models import Organisation
from obieg.symbiosis import choices
from obieg.symbiosis.matching.reference import normalise_code
from obieg.symbiosis.models import (
    Exchange,
    GoodPractice,
    Match,
    MatchingRun,
    MatchTransition,
    Stream,
    StreamImport,
)

# An anonymous listing shows its place to about 0.1 degree (~10 km), not its gate.
ANONYMOUS_COORDINATE_DECIMALS = 1
# Below a kilogram (or kWh, litre) a remainder is float noise of the allocation, not potential.
UNMATCHED_EPSILON = 1e-3


@dataclass
class StreamViewer:
    """What one user may learn about streams: listings, and organisations behind them."""

    user: Any
    is_manager: bool = False
    is_member: bool = False
    organisation_id: int | None = None
    _revealed: set[int] | None = field(default=None, repr=False)

    @classmethod
    def of(cls, user: Any) -> StreamViewer:
        signed_in = bool(getattr(user, "is_authenticated", False))
        return cls(
            user=user,
            is_manager=signed_in and bool(user.is_manager),
            is_member=signed_in and bool(user.is_member),
            organisation_id=getattr(user, "organisation_id", None) if signed_in else None,
        )

    def revealed_stream_ids(self) -> set[int]:
        """Streams on the other side of a match where both organisations agreed to meet."""
        if self._revealed is None:
            self._revealed = set()
            if self.organisation_id is not None:
                rows = Match.objects.filter(
                    Q(offer__organisation_id=self.organisation_id)
                    | Q(need__organisation_id=self.organisation_id),
                    offer_consented_at__isnull=False,
                    need_consented_at__isnull=False,
                ).values_list("offer_id", "need_id")
                for offer_id, need_id in rows:
                    self._revealed.update((offer_id, need_id))
        return self._revealed

    def owns(self, stream: Stream) -> bool:
        return self.organisation_id is not None and stream.organisation_id == self.organisation_id

    def sees_identity(self, stream: Stream) -> bool:
        """Anonymous listings hide their organisation until both sides of a match consent."""
        if stream.visibility != choices.Visibility.ANONYMOUS:
            return True
        return self.is_manager or self.owns(stream) or stream.pk in self.revealed_stream_ids()

    def present(self, stream: Stream) -> Stream:
        """Attach what this viewer may see as `shown_*` attributes (for pages and the API)."""
        visible = self.sees_identity(stream)
        shown: dict[str, Any] = {
            "shown_organisation": stream.organisation if visible else None,
            "shown_address": stream.address if visible else "",
            "shown_city": stream.city if visible else "",
            "shown_lat": stream.lat
            if visible
            else round(stream.lat, ANONYMOUS_COORDINATE_DECIMALS),
            "shown_lon": stream.lon
            if visible
            else round(stream.lon, ANONYMOUS_COORDINATE_DECIMALS),
            "identity_hidden": not visible,
            "editable": self.is_manager or self.owns(stream),
        }
        for key, value in shown.items():
            setattr(stream, key, value)
        return stream


def _visible_filter(viewer: StreamViewer) -> Q:
    listed = Q(status=choices.StreamStatus.OPEN)
    open_to_all = listed & Q(
        visibility__in=[choices.Visibility.PUBLIC, choices.Visibility.ANONYMOUS]
    )
    if viewer.is_member:
        open_to_all |= listed & Q(visibility=choices.Visibility.MEMBERS)
    if viewer.organisation_id is not None:
        open_to_all |= Q(organisation_id=viewer.organisation_id)
    return open_to_all


@dataclass(frozen=True)
class StreamFilters(QueryFilters):
    """What the stream list, the export and the API filter by."""

    q: str = ""
    kind: str = ""
    category: str = ""
    code: str = ""
    region: str = ""
    country: str = ""
    basis: str = ""
    mine: str = ""


def stream_list_for_user(*, user: Any, filters: StreamFilters | None = None) -> QuerySet[Stream]:
    """Streams the user may see: open public and anonymous ones, members-only ones for
    members, every stream of their own organisation; managers see all."""
    viewer = StreamViewer.of(user)
    queryset = Stream.objects.select_related("organisation", "country", "region")
    if not viewer.is_manager:
        queryset = queryset.filter(_visible_filter(viewer))
    return _apply_filters(queryset, filters or StreamFilters(), viewer)


def _apply_filters(
    queryset: QuerySet[Stream], filters: StreamFilters, viewer: StreamViewer
) -> QuerySet[Stream]:
    for term in search_terms(filters.q):
        queryset = queryset.filter(search_text__contains=term)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.code:
        queryset = queryset.filter(ewc_code__startswith=normalise_code(filters.code))
    if filters.region:
        queryset = queryset.filter(region__code__startswith=filters.region.upper())
    if filters.country:
        queryset = queryset.filter(country_id=filters.country.upper())
    if filters.basis:
        queryset = queryset.filter(basis=filters.basis)
    if filters.mine and viewer.organisation_id is not None:
        queryset = queryset.filter(organisation_id=viewer.organisation_id)
    return queryset


def stream_get_for_user(*, user: Any, stream_id: int) -> Stream:
    """One stream the user may see, presented for them, or NotFoundError."""
    stream = stream_list_for_user(user=user).filter(pk=stream_id).first()
    if stream is None:
        raise NotFoundError(
            _("Stream %(id)s does not exist or is not visible to you.") % {"id": stream_id},
            field="id",
        )
    return StreamViewer.of(user).present(stream)


def present_streams(*, user: Any, streams: Any) -> list[Stream]:
    """Present several streams for one user (one query for revealed identities)."""
    viewer = StreamViewer.of(user)
    return [viewer.present(stream) for stream in streams]


def match_list_for_user(*, user: Any) -> QuerySet[Match]:
    """Matches of the user's organisation (either side); managers see every match."""
    queryset = Match.objects.select_related(
        "offer", "need", "offer__organisation", "need__organisation", "matching_run"
    )
    viewer = StreamViewer.of(user)
    if viewer.is_manager:
        return queryset
    if viewer.organisation_id is None:
        return queryset.none()
    org = viewer.organisation_id
    return queryset.filter(Q(offer__organisation_id=org) | Q(need__organisation_id=org))


def match_get_for_user(*, user: Any, match_id: int) -> Match:
    """One match the user takes part in (or any, for managers), with its history."""
    match = (
        match_list_for_user(user=user)
        .prefetch_related(
            Prefetch("transitions", queryset=MatchTransition.objects.select_related("user")),
            Prefetch("exchanges", queryset=Exchange.objects.all()),
        )
        .filter(pk=match_id)
        .first()
    )
    if match is None:
        raise NotFoundError(
            _("Match %(id)s does not exist or is not yours.") % {"id": match_id}, field="id"
        )
    return present_match(user=user, match=match)


def present_match(*, user: Any, match: Match) -> Match:
    """Present both streams of a match for the user."""
    return present_matches(user=user, matches=[match])[0]


def present_matches(*, user: Any, matches: Any) -> list[Match]:
    """Present the streams of several matches (one query for revealed identities)."""
    viewer = StreamViewer.of(user)
    out = list(matches)
    for match in out:
        viewer.present(match.offer)
        viewer.present(match.need)
    return out


def matches_for_stream(*, user: Any, stream: Stream) -> list[Match]:
    """The matches of one stream that the user may follow, best first."""
    column = "offer" if stream.is_offer else "need"
    queryset = match_list_for_user(user=user).filter(**{column: stream}).order_by("-score")
    return present_matches(user=user, matches=queryset)


@dataclass(frozen=True)
class SavingsOverview:
    """Savings a year of the exchanges the organisations committed to, and what they recorded."""

    matches: int
    tonnes_diverted: float
    co2e_avoided_t: float
    money_saved_eur: float
    exchanged_t: float


def savings_overview() -> SavingsOverview:
    """Totals over agreed, running and ended matches (no organisation is named)."""
    committed = Match.objects.filter(status__in=choices.MatchStatus.committed())
    totals = committed.aggregate(
        n=Count("pk"),
        t=Sum("tonnes_diverted"),
        co2=Sum("co2e_avoided_kg"),
        eur=Sum("money_saved_eur"),
    )
    exchanged = Exchange.objects.filter(match__basis=choices.Basis.TONNES).aggregate(
        t=Sum("quantity_on_basis")
    )
    return SavingsOverview(
        matches=totals["n"] or 0,
        tonnes_diverted=totals["t"] or 0.0,
        co2e_avoided_t=(totals["co2"] or 0.0) / 1000,
        money_saved_eur=totals["eur"] or 0.0,
        exchanged_t=exchanged["t"] or 0.0,
    )


def matching_run_list() -> QuerySet[MatchingRun]:
    """Matching runs, newest first, with their run records."""
    return MatchingRun.objects.select_related("run", "run__created_by")


def matching_run_get(*, matching_run_id: int) -> MatchingRun:
    run = matching_run_list().filter(pk=matching_run_id).first()
    if run is None:
        raise NotFoundError(_("Matching run %(id)s does not exist.") % {"id": matching_run_id})
    return run


def matching_run_latest() -> MatchingRun | None:
    return matching_run_list().first()


def good_practice_list(
    *, q: str = "", kind: str = "", code: str = "", country: str = ""
) -> QuerySet[GoodPractice]:
    """Good practices matching a text query, kind, waste code prefix and country."""
    queryset = GoodPractice.objects.select_related("country")
    for term in search_terms(q):
        queryset = queryset.filter(search_text__contains=term)
    if kind:
        queryset = queryset.filter(kind=kind)
    if country:
        queryset = queryset.filter(country_id=country.upper())
    if code:
        ids = [p.pk for p in queryset if _practice_covers(p, normalise_code(code))]
        queryset = queryset.filter(pk__in=ids)
    return queryset


def _practice_covers(practice: GoodPractice, code: str) -> bool:
    listed = [normalise_code(c) for c in practice.ewc_codes]
    return any(code.startswith(c) or c.startswith(code) for c in listed if c)


def good_practice_get(*, slug: str) -> GoodPractice:
    practice = GoodPractice.objects.select_related("country").filter(slug=slug).first()
    if practice is None:
        raise NotFoundError(_("Good practice “%(slug)s” does not exist.") % {"slug": slug})
    return practice


def good_practices_similar(*, match: Match, limit: int = 3) -> list[GoodPractice]:
    """Good practices on the same material: same code, sub-chapter or chapter; else the kind."""
    code = match.offer.ewc_code
    practices = list(GoodPractice.objects.select_related("country"))
    scored = []
    for practice in practices:
        level = (
            max((_shared_digits(code, normalise_code(c)) for c in practice.ewc_codes), default=0)
            if code
            else 0
        )
        if not code and match.basis != choices.Basis.TONNES:
            level = (
                2
                if practice.kind in (choices.PracticeKind.ENERGY, choices.PracticeKind.WATER)
                else 0
            )
        if level:
            scored.append((level, practice))
    scored.sort(key=lambda item: (-item[0], item[1].title))
    return [practice for _level, practice in scored[:limit]]


def _shared_digits(code: str, listed: str) -> int:
    if listed and code.startswith(listed):
        return len(listed)
    for length in (4, 2):
        if len(listed) > length and code[:length] == listed[:length]:
            return length
    return 0


def stream_import_get(*, user: Any, import_id: int) -> StreamImport:
    """An import of the user's organisation (managers: any)."""
    queryset = StreamImport.objects.select_related("organisation")
    if not getattr(user, "is_manager", False):
        queryset = queryset.filter(organisation_id=getattr(user, "organisation_id", None) or -1)
    found = queryset.filter(pk=import_id).first()
    if found is None:
        raise NotFoundError(_("Import %(id)s does not exist or is not yours.") % {"id": import_id})
    return found


def organisations_publishable(*, user: Any) -> QuerySet[Organisation]:
    """Organisations the user may publish streams for."""
    if getattr(user, "is_manager", False):
        return Organisation.objects.all()
    return Organisation.objects.filter(pk=getattr(user, "organisation_id", None) or -1)


@dataclass(frozen=True)
class PotentialRow:
    """Unmatched quantity of one kind in one region and waste chapter."""

    region: str
    chapter: str
    kind: str
    basis: str
    quantity: float
    streams: int


def _matched_quantities() -> dict[int, float]:
    rows = (
        Match.objects.exclude(status=choices.MatchStatus.DECLINED)
        .filter(allocated_quantity__gt=0)
        .values_list("offer_id", "need_id", "allocated_quantity")
    )
    matched: dict[int, float] = {}
    for offer_id, need_id, quantity in rows:
        matched[offer_id] = matched.get(offer_id, 0.0) + quantity
        matched[need_id] = matched.get(need_id, 0.0) + quantity
    return matched


def stream_chapter(stream: Stream) -> str:
    """The waste chapter a stream counts under ('' when it has no code)."""
    if stream.ewc_code:
        return stream.ewc_code[:2]
    chapters = {code[:2] for code in stream.accepted_codes}
    return chapters.pop() if len(chapters) == 1 else ""


def unmatched_potential(*, user: Any, level: int = 2) -> list[PotentialRow]:
    """Open supply and demand not covered by current matches, by NUTS region and chapter.

    Only streams the user may see are counted, so members-only listings stay hidden from
    visitors; no organisation is ever named.
    """
    streams = stream_list_for_user(user=user).filter(
        status=choices.StreamStatus.OPEN, region__isnull=False
    )
    matched = _matched_quantities()
    cells: dict[tuple[str, str, str, str], list[float]] = {}
    for stream in streams:
        left = stream.annual_quantity - matched.get(stream.pk, 0.0)
        if left < UNMATCHED_EPSILON:
            continue
        key = (
            (stream.region_id or "")[: 2 + level],
            stream_chapter(stream),
            stream.kind,
            stream.basis,
        )
        cell = cells.setdefault(key, [0.0, 0])
        cell[0] += left
        cell[1] += 1
    return [
        PotentialRow(region, chapter, kind, basis, values[0], int(values[1]))
        for (region, chapter, kind, basis), values in sorted(cells.items())
    ]
