from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from obieg.core.models import Run, TimestampedModel
from obieg.directory.models import Country, NutsRegion, Organisation, TranslatableDescription
from obieg.symbiosis import choices


def _empty_list() -> list[str]:
    return []


def _empty_dict() -> dict[str, object]:
    return {}


class Stream(TimestampedModel, TranslatableDescription):
    """A resource stream an organisation offers (by-product, waste, heat…) or needs."""

    kind = models.CharField(_("offer or need"), max_length=8, choices=choices.StreamKind.choices)
    category = models.CharField(
        _("category"), max_length=12, choices=choices.StreamCategory.choices
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="symbiosis_streams",
    )
    title = models.CharField(_("title"), max_length=200)
    ewc_code = models.CharField(
        _("waste code"),
        max_length=6,
        blank=True,
        help_text=_("Six digits of the European List of Waste, e.g. 100102."),
    )
    hazardous = models.BooleanField(_("hazardous"), default=False, editable=False)
    nace_code = models.CharField(_("NACE activity"), max_length=8, blank=True)
    cpa_code = models.CharField(_("CPA product code"), max_length=12, blank=True)
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=4, choices=choices.Unit.choices)
    frequency = models.CharField(
        _("frequency"),
        max_length=6,
        choices=choices.Frequency.choices,
        default=choices.Frequency.YEAR,
    )
    annual_quantity = models.FloatField(_("quantity on the common basis"), editable=False)
    basis = models.CharField(_("basis"), max_length=8, choices=choices.Basis.choices)
    quality = models.CharField(_("quality or specification"), max_length=500, blank=True)
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        NutsRegion,
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    location_precision = models.CharField(
        _("location precision"),
        max_length=12,
        choices=choices.LocationPrecision.choices,
        default=choices.LocationPrecision.COORDINATES,
    )
    accepted_codes = models.JSONField(
        _("accepted waste codes"),
        default=_empty_list,
        blank=True,
        help_text=_("Needs: 6-digit codes or 4- and 2-digit prefixes; empty = any."),
    )
    treatments = models.JSONField(
        _("permitted recovery operations"),
        default=_empty_list,
        blank=True,
        help_text=_("R/D codes such as R5 or R10; empty = any."),
    )
    accepts_hazardous = models.BooleanField(_("accepts hazardous waste"), default=False)
    max_distance_km = models.FloatField(_("maximum distance (km)"), null=True, blank=True)
    visibility = models.CharField(
        _("visibility"),
        max_length=10,
        choices=choices.Visibility.choices,
        default=choices.Visibility.PUBLIC,
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=choices.StreamStatus.choices,
        default=choices.StreamStatus.OPEN,
    )
    is_sample = models.BooleanField(
        _("sample"), default=False, help_text=_("Invented for the demonstration.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("resource stream")
        verbose_name_plural = _("resource streams")
        indexes = [
            models.Index(fields=["status", "kind"]),
            models.Index(fields=["organisation", "status"]),
            models.Index(fields=["ewc_code"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="stream_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="stream_coordinates_in_range",
            ),
            models.CheckConstraint(
                condition=Q(kind="offer") | Q(max_distance_km__isnull=False),
                name="stream_need_has_max_distance",
            ),
            models.CheckConstraint(
                condition=Q(available_until__isnull=True)
                | Q(available_from__isnull=True)
                | Q(available_until__gte=F("available_from")),
                name="stream_window_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"

    @property
    def is_offer(self) -> bool:
        return self.kind == choices.StreamKind.OFFER


class MatchingRun(TimestampedModel):
    """One pass of the matching engine over all open streams, with its totals."""

    run = models.OneToOneField(
        Run, verbose_name=_("run record"), on_delete=models.CASCADE, related_name="matching_run"
    )
    objective = models.CharField(
        _("objective"),
        max_length=4,
        choices=choices.Objective.choices,
        default=choices.Objective.TKM,
    )
    offers_count = models.PositiveIntegerField(_("offers"), default=0)
    needs_count = models.PositiveIntegerField(_("needs"), default=0)
    candidates_count = models.PositiveIntegerField(_("candidate pairs"), default=0)
    matches_count = models.PositiveIntegerField(_("matches stored"), default=0)
    allocated_t = models.FloatField(_("tonnes allocated"), default=0)
    co2e_avoided_t = models.FloatField(_("t CO₂e avoided"), default=0)
    money_saved_eur = models.FloatField(_("money saved (EUR)"), default=0)
    solver = models.CharField(_("solver"), max_length=60, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("matching run")
        verbose_name_plural = _("matching runs")

    def __str__(self) -> str:
        return f"{self.run.title} ({self.get_objective_display()})"


class Match(TimestampedModel):
    """A suggested exchange between an offer and a need, with its score, savings and workflow."""

    offer = models.ForeignKey(
        Stream, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="offer_matches"
    )
    need = models.ForeignKey(
        Stream, verbose_name=_("need"), on_delete=models.CASCADE, related_name="need_matches"
    )
    matching_run = models.ForeignKey(
        MatchingRun,
        verbose_name=_("matching run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="matches",
    )
    score = models.FloatField(_("score"))
    components = models.JSONField(_("score components"), default=_empty_list)
    distance_km = models.FloatField(_("distance (km)"))
    basis = models.CharField(_("basis"), max_length=8, choices=choices.Basis.choices)
    potential_quantity = models.FloatField(_("largest possible quantity"))
    allocated_quantity = models.FloatField(_("quantity in the optimal plan"), default=0)
    tonnes_diverted = models.FloatField(_("tonnes diverted from landfill"), default=0)
    co2e_avoided_kg = models.FloatField(_("kg CO₂e avoided"), default=0)
    money_saved_eur = models.FloatField(_("money saved (EUR)"), default=0)
    savings_detail = models.JSONField(_("savings detail"), default=_empty_dict)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=choices.MatchStatus.choices,
        default=choices.MatchStatus.SUGGESTED,
    )
    offer_consented_at = models.DateTimeField(
        _("offer side agreed to reveal its identity at"), null=True, blank=True
    )
    need_consented_at = models.DateTimeField(
        _("need side agreed to reveal its identity at"), null=True, blank=True
    )
    notified_at = models.DateTimeField(_("notified at"), null=True, blank=True)

    class Meta:
        ordering = ["-score", "pk"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["offer", "need"], name="match_offer_need_unique"),
            models.CheckConstraint(
                condition=Q(allocated_quantity__gte=0) & Q(potential_quantity__gte=0),
                name="match_quantities_not_negative",
            ),
        ]
        indexes = [models.Index(fields=["status", "-score"])]

    def __str__(self) -> str:
        return f"{self.offer.title} → {self.need.title}"

    @property
    def both_consented(self) -> bool:
        return self.offer_consented_at is not None and self.need_consented_at is not None

    @property
    def quantity(self) -> float:
        """The quantity the savings refer to: the optimal plan's, else the largest possible."""
        return self.allocated_quantity or self.potential_quantity


class MatchTransition(TimestampedModel):
    """One step of a match's workflow, kept as its history."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=12, choices=choices.MatchStatus.choices)
    to_status = models.CharField(_("to"), max_length=12, choices=choices.MatchStatus.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("match transition")
        verbose_name_plural = _("match transitions")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Exchange(TimestampedModel):
    """A quantity actually exchanged under a match during a period."""

    match = models.ForeignKey(
        Match, verbose_name=_("match"), on_delete=models.CASCADE, related_name="exchanges"
    )
    period_start = models.DateField(_("from"))
    period_end = models.DateField(_("until"))
    quantity = models.FloatField(_("quantity"))
    unit = models.CharField(_("unit"), max_length=4, choices=choices.Unit.choices)
    quantity_on_basis = models.FloatField(_("quantity on the common basis"), editable=False)
    note = models.CharField(_("note"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-period_end", "pk"]
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=0), name="exchange_quantity_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="exchange_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity:g} {self.unit} ({self.period_start} – {self.period_end})"


class SavingsFactors(TimestampedModel):
    """Country overrides of the default savings factors (money in EUR)."""

    country = models.OneToOneField(
        Country, verbose_name=_("country"), on_delete=models.CASCADE, related_name="+"
    )
    transport_kgco2e_tkm = models.FloatField(
        _("transport kg CO₂e per tonne-km"),
        null=True,
        blank=True,
        help_text=_("Empty = the DEFRA/DESNZ 2024 average lorry factor."),
    )
    transport_eur_tkm = models.FloatField(_("transport EUR per tonne-km"), default=0.12)
    landfill_eur_t = models.FloatField(
        _("landfill fee and tax avoided, EUR per tonne"), default=100
    )
    treatment_eur_t = models.FloatField(_("receiver's handling, EUR per tonne"), default=20)
    heat_kgco2e_mwh = models.FloatField(_("kg CO₂e per MWh of heat replaced"), default=183)
    heat_eur_mwh = models.FloatField(_("EUR per MWh of heat replaced"), default=0)
    water_eur_m3 = models.FloatField(_("EUR per m³ of water replaced"), default=0)
    source_note = models.CharField(_("source of these figures"), max_length=500, blank=True)

    class Meta:
        ordering = ["country"]
        verbose_name = _("savings factors of a country")
        verbose_name_plural = _("savings factors by country")

    def __str__(self) -> str:
        return str(self.country_id)


class GoodPractice(TimestampedModel, TranslatableDescription):
    """A documented case of by-product replacement, energy or water exchange."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=choices.PracticeKind.choices)
    sectors = models.JSONField(
        _("NACE sectors involved"),
        default=_empty_list,
        blank=True,
        help_text=_("NACE Rev. 2 codes of the giving and receiving activities."),
    )
    receiver_nace = models.CharField(
        _("receiving NACE division"),
        max_length=8,
        blank=True,
        help_text=_("Two digits; used as evidence when suggesting receivers."),
    )
    materials = models.CharField(_("materials"), max_length=500, blank=True)
    ewc_codes = models.JSONField(
        _("waste codes"),
        default=_empty_list,
        blank=True,
        help_text=_("6-digit codes or 4- and 2-digit prefixes the case concerns."),
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    place = models.CharField(_("place or region"), max_length=200, blank=True)
    benefits = models.TextField(_("benefits"), blank=True)
    source_title = models.CharField(_("source"), max_length=500)
    source_url = models.URLField(_("source link"), max_length=500, blank=True)
    year_started = models.PositiveSmallIntegerField(_("since"), null=True, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        ordering = ["title"]
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")

    def __str__(self) -> str:
        return self.title


class StreamImport(TimestampedModel):
    """An uploaded CSV/XLSX of streams, validated row by row before anything is imported."""

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.ImportStatus.choices,
        default=choices.ImportStatus.VALIDATED,
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    valid_rows = models.JSONField(_("valid rows"), default=_empty_list)
    errors = models.JSONField(_("errors"), default=_empty_list)
    imported_count = models.PositiveIntegerField(_("streams imported"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("stream import")
        verbose_name_plural = _("stream imports")

    def __str__(self) -> str:
        return self.filename
