from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from obieg.core.models import TimestampedModel
from obieg.core.translation import pick_translation
from obieg.directory.models import Organisation
from obieg.pipeline import choices
from obieg.pipeline.funding_rules import ORG_KINDS, ORG_SIZES, STAGES


def document_path(instance: ProjectDocument, filename: str) -> str:
    """Store each confidential file under a random folder, so that no path can be guessed."""
    return f"pipeline/{secrets.token_urlsafe(16)}/{filename[-120:]}"


@deconstructible
class CodeListValidator:
    """A JSON list of strings, each among `allowed` when given (the core's vocabularies)."""

    def __init__(self, allowed: tuple[str, ...] = ()) -> None:
        self.allowed = tuple(allowed)

    def __call__(self, value: Any) -> None:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValidationError(_("Give a list of codes."))
        unknown = sorted(set(value) - set(self.allowed)) if self.allowed else []
        if unknown:
            raise ValidationError(
                _("Unknown codes %(codes)s; use %(allowed)s.")
                % {"codes": ", ".join(unknown), "allowed": ", ".join(self.allowed)}
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CodeListValidator) and other.allowed == self.allowed

    def __hash__(self) -> int:
        return hash(self.allowed)


validate_codes = CodeListValidator()
validate_org_kinds = CodeListValidator(ORG_KINDS)
validate_org_sizes = CodeListValidator(ORG_SIZES)
validate_core_stages = CodeListValidator(STAGES)


def _empty_dict() -> dict[str, object]:
    return {}


def _empty_list() -> list[object]:
    return []


class ExchangeRate(TimestampedModel):
    """Units of a currency per euro on a date (ECB reference-rate convention)."""

    currency = models.CharField(_("currency"), max_length=3, choices=choices.Currency.choices)
    valid_on = models.DateField(_("valid on"))
    units_per_eur = models.DecimalField(_("units per euro"), max_digits=14, decimal_places=6)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["currency", "-valid_on"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_on"], name="exchange_rate_unique"),
            models.CheckConstraint(condition=Q(units_per_eur__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 EUR = {self.units_per_eur} {self.currency} ({self.valid_on})"


class InvestmentProject(TimestampedModel):
    """A business-led circular-economy investment project in the pipeline."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.JSONField(_("title"), default=_empty_dict)
    summary = models.JSONField(
        _("public summary"),
        default=_empty_dict,
        blank=True,
        help_text=_("The teaser: shown publicly once the promoter publishes it."),
    )
    details = models.JSONField(
        _("confidential details"),
        default=_empty_dict,
        blank=True,
        help_text=_("Seen only by the promoter, its advisers and cluster managers."),
    )
    original_language = models.CharField(_("original language"), max_length=8, default="en")
    promoter = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("promoter"),
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    region = models.ForeignKey(
        "directory.NutsRegion",
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    sector = models.ForeignKey(
        "directory.NaceActivity",
        verbose_name=_("sector (NACE)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    r_strategy = models.CharField(
        _("circular strategy (10-R)"), max_length=2, choices=choices.RStrategy.choices, blank=True
    )
    eib_category = models.CharField(
        _("EIB circular-economy category"),
        max_length=20,
        choices=choices.EibCategory.choices,
        blank=True,
    )
    trl = models.PositiveSmallIntegerField(_("technology readiness level"), default=6)
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=choices.Stage.choices,
        default=choices.Stage.IDEA,
        db_index=True,
    )
    budget = models.DecimalField(_("budget needed"), max_digits=18, decimal_places=2)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=choices.Currency.choices,
        default=choices.Currency.EUR,
    )
    budget_eur = models.DecimalField(
        _("budget in EUR"),
        null=True,
        blank=True,
        editable=False,
        max_digits=18,
        decimal_places=2,
        help_text=_("Converted at the latest stored rate; empty when no rate is known."),
    )
    own_share = models.DecimalField(
        _("promoter's own share"),
        max_digits=4,
        decimal_places=3,
        default=0,
        help_text=_("Share of the budget the promoter pays itself (0–1)."),
    )
    needed_cofinancing_rate = models.DecimalField(
        _("co-financing rate needed"),
        max_digits=4,
        decimal_places=3,
        default=0,
        help_text=_("Least share of the budget one instrument must fund (0 = any)."),
    )
    furthest_stage = models.PositiveSmallIntegerField(
        _("furthest stage reached"),
        default=0,
        editable=False,
        help_text=_("Position in the funnel (0 = idea); kept so that conversion is one count."),
    )
    teaser_published = models.BooleanField(
        _("investor teaser published"),
        default=False,
        help_text=_(
            "The promoter's opt-in: the public teaser shows once the project is investment-ready."
        ),
    )
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisers"),
        blank=True,
        related_name="advised_projects",
    )
    partners: models.ManyToManyField[Organisation, ProjectPartner] = models.ManyToManyField(
        "directory.Organisation",
        through="ProjectPartner",
        verbose_name=_("partners"),
        related_name="partner_in_investment_projects",
    )
    alignment = models.JSONField(_("SDG and Green Deal alignment"), default=_empty_dict, blank=True)
    alignment_source = models.CharField(
        _("text the alignment was computed from (hash)"),
        max_length=64,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        indexes = [
            models.Index(fields=["stage", "country"]),
            models.Index(fields=["promoter", "stage"]),
            models.Index(fields=["teaser_published", "stage"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(trl__gte=1, trl__lte=9), name="project_trl_1_9"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="project_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(own_share__gte=0, own_share__lte=1), name="project_own_share_0_1"
            ),
            models.CheckConstraint(
                condition=Q(needed_cofinancing_rate__gte=0, needed_cofinancing_rate__lte=1),
                name="project_needed_rate_0_1",
            ),
        ]

    def __str__(self) -> str:
        return self.title_text

    @property
    def title_text(self) -> str:
        return pick_translation(self.title, original=self.original_language) or self.slug

    @property
    def summary_text(self) -> str:
        return pick_translation(self.summary, original=self.original_language)

    @property
    def details_text(self) -> str:
        return pick_translation(self.details, original=self.original_language)

    @property
    def is_public(self) -> bool:
        """Whether the teaser is public: opted in and investment-ready or later."""
        return self.teaser_published and self.stage in choices.TEASER_STAGES


class ProjectPartner(TimestampedModel):
    """An organisation taking part in an investment project."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="investment_partnerships",
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=choices.PartnerRole.choices,
        default=choices.PartnerRole.OTHER,
    )

    class Meta:
        ordering = ["project", "organisation__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="investment_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.project}"


class ProjectDocument(TimestampedModel):
    """A confidential document of a project: a business plan, a feasibility study."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "title"]
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")

    def __str__(self) -> str:
        return self.title


class StageChange(TimestampedModel):
    """One move of a project between stages: who, when (created_at) and why."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="stage_changes",
    )
    from_stage = models.CharField(
        _("from stage"), max_length=20, choices=choices.Stage.choices, blank=True
    )
    to_stage = models.CharField(_("to stage"), max_length=20, choices=choices.Stage.choices)
    reason = models.CharField(_("why"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered the stage at"), db_index=True)
    left_at = models.DateTimeField(_("left the stage at"), null=True, blank=True)
    # Set when the project leaves the stage, so that time in stage is one average in SQL.
    seconds_in_stage = models.FloatField(_("seconds in the stage"), null=True, blank=True)

    class Meta:
        ordering = ["project", "entered_at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["to_stage", "project"])]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_stage or '–'} → {self.to_stage}"


class ProjectNote(TimestampedModel):
    """An adviser's note on a project."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["project", "-created_at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.text[:60]


class ProjectTask(TimestampedModel):
    """A to-do for the advisers of a project."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    title = models.CharField(_("task"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pipeline_tasks",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["project", "done", "due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title


class InvestmentCase(TimestampedModel):
    """The financial case of a project: discount rate and output; yearly flows hang off it."""

    project = models.OneToOneField(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="case",
    )
    discount_rate = models.DecimalField(
        _("discount rate"),
        max_digits=6,
        decimal_places=4,
        default=0.04,
        help_text=_("Real financial discount rate; the EU benchmark is 4 %."),
    )
    output_unit = models.CharField(
        _("unit of output"), max_length=40, blank=True, help_text=_("e.g. t, MWh, pieces")
    )

    class Meta:
        ordering = ["project"]
        verbose_name = _("investment case")
        verbose_name_plural = _("investment cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(discount_rate__gt=-1), name="case_discount_rate_above_minus_one"
            )
        ]

    def __str__(self) -> str:
        return f"{self.project} @ {self.discount_rate}"


class CashFlowYear(TimestampedModel):
    """One year of an investment case, amounts positive, in the project's currency."""

    case = models.ForeignKey(
        InvestmentCase,
        verbose_name=_("investment case"),
        on_delete=models.CASCADE,
        related_name="years",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    capex = models.DecimalField(_("CAPEX"), default=0, max_digits=18, decimal_places=2)
    opex = models.DecimalField(_("OPEX"), default=0, max_digits=18, decimal_places=2)
    revenues = models.DecimalField(_("revenues"), default=0, max_digits=18, decimal_places=2)
    savings = models.DecimalField(_("savings"), default=0, max_digits=18, decimal_places=2)
    residual_value = models.DecimalField(
        _("residual value"), default=0, max_digits=18, decimal_places=2
    )
    output = models.DecimalField(_("output"), max_digits=18, decimal_places=4, default=0)

    class Meta:
        ordering = ["case", "year"]
        verbose_name = _("cash-flow year")
        verbose_name_plural = _("cash-flow years")
        constraints = [
            models.UniqueConstraint(fields=["case", "year"], name="cash_flow_year_unique"),
            models.CheckConstraint(
                condition=Q(
                    capex__gte=0,
                    opex__gte=0,
                    revenues__gte=0,
                    savings__gte=0,
                    residual_value__gte=0,
                    output__gte=0,
                ),
                name="cash_flow_amounts_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.project} year {self.year}"


class ImpactRecord(TimestampedModel):
    """The circular-economy impact inputs of a project (material flows per year, MCI, checklist)."""

    project = models.OneToOneField(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="impact",
    )
    material_flows = models.JSONField(
        _("material flows per year"),
        default=_empty_list,
        blank=True,
        help_text=_("[{material, tonnes_kept_in_use, tonnes_diverted, route}] in a typical year"),
    )
    factor_overrides = models.JSONField(
        _("emission-factor overrides"),
        default=_empty_dict,
        blank=True,
        help_text=_('{"glass": {"landfill": 20.0}} in kg CO2e per tonne'),
    )
    mci_inputs = models.JSONField(_("MCI inputs"), default=_empty_dict, blank=True)
    taxonomy_criteria = models.JSONField(
        _("EU Taxonomy circular-economy criteria met"), default=_empty_list, blank=True
    )

    class Meta:
        ordering = ["project"]
        verbose_name = _("impact record")
        verbose_name_plural = _("impact records")

    def __str__(self) -> str:
        return f"{self.project} impact"


class FundingInstrument(TimestampedModel):
    """A grant, loan, guarantee, equity, blended or advisory instrument and its rules."""

    key = models.CharField(_("key"), max_length=80, unique=True)
    programme = models.CharField(_("programme"), max_length=300)
    managing_body = models.CharField(_("managing body"), max_length=300, blank=True)
    instrument_type = models.CharField(
        _("instrument type"), max_length=12, choices=choices.InstrumentType.choices
    )
    countries = models.JSONField(
        _("eligible countries"), default=_empty_list, blank=True, validators=[validate_codes]
    )
    nuts_prefixes = models.JSONField(
        _("eligible NUTS regions"), default=_empty_list, blank=True, validators=[validate_codes]
    )
    org_kinds = models.JSONField(
        _("eligible kinds of organisation"),
        default=_empty_list,
        blank=True,
        validators=[validate_org_kinds],
        help_text=_(
            "Any of company, research, public_body, municipality, ngo, cluster; empty for all."
        ),
    )
    org_sizes = models.JSONField(
        _("eligible sizes"), default=_empty_list, blank=True, validators=[validate_org_sizes]
    )
    trl_min = models.PositiveSmallIntegerField(_("lowest TRL"), default=1)
    trl_max = models.PositiveSmallIntegerField(_("highest TRL"), default=9)
    ticket_min_eur = models.DecimalField(
        _("smallest ticket (EUR)"), default=0, max_digits=18, decimal_places=2
    )
    ticket_max_eur = models.DecimalField(
        _("largest ticket (EUR)"),
        null=True,
        blank=True,
        help_text=_("Empty: no maximum."),
        max_digits=18,
        decimal_places=2,
    )
    max_cofinancing_rate = models.DecimalField(
        _("maximum co-financing rate"), max_digits=4, decimal_places=3, default=1
    )
    themes = models.JSONField(
        _("themes"),
        default=_empty_list,
        blank=True,
        validators=[validate_codes],
        help_text=_(
            "SDG12, GD-INDUSTRY, CE, R8 … as the classifier and the 10-R ladder name them."
        ),
    )
    stages = models.JSONField(
        _("preferred stages"),
        default=_empty_list,
        blank=True,
        validators=[validate_core_stages],
        help_text=_(
            "Any of idea, concept, feasibility, structuring, investment_ready, "
            "implementation, operation (the matcher's stages)."
        ),
    )
    verified = models.BooleanField(_("verified by a manager"), default=False)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["programme", "instrument_type"]
        verbose_name = _("funding instrument")
        verbose_name_plural = _("funding instruments")
        constraints = [
            models.CheckConstraint(
                condition=Q(trl_min__gte=1, trl_max__lte=9, trl_min__lte=models.F("trl_max")),
                name="instrument_trl_range",
            ),
            models.CheckConstraint(
                condition=Q(max_cofinancing_rate__gt=0, max_cofinancing_rate__lte=1),
                name="instrument_cofinancing_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.programme} ({self.get_instrument_type_display()})"


class FundingCall(TimestampedModel):
    """A call for proposals of an instrument, with its deadlines."""

    instrument = models.ForeignKey(
        FundingInstrument,
        verbose_name=_("instrument"),
        on_delete=models.CASCADE,
        related_name="calls",
    )
    identifier = models.CharField(_("identifier"), max_length=120)
    title = models.CharField(_("title"), max_length=500)
    deadlines = models.JSONField(_("deadlines"), default=_empty_list, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    budget_min_eur = models.DecimalField(
        _("smallest grant (EUR)"), null=True, blank=True, max_digits=18, decimal_places=2
    )
    budget_max_eur = models.DecimalField(
        _("largest grant (EUR)"), null=True, blank=True, max_digits=18, decimal_places=2
    )

    class Meta:
        ordering = ["instrument", "identifier"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.UniqueConstraint(fields=["instrument", "identifier"], name="call_unique")
        ]

    def __str__(self) -> str:
        return self.identifier


class StackItem(TimestampedModel):
    """An instrument's part of a project's funding stack (proposed by matching, or secured)."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="stack_items",
    )
    instrument = models.ForeignKey(
        FundingInstrument,
        verbose_name=_("instrument"),
        on_delete=models.CASCADE,
        related_name="stack_items",
    )
    amount_eur = models.DecimalField(_("amount (EUR)"), max_digits=18, decimal_places=2)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.StackStatus.choices,
        default=choices.StackStatus.PROPOSED,
    )

    class Meta:
        ordering = ["project", "-amount_eur"]
        verbose_name = _("funding stack item")
        verbose_name_plural = _("funding stack items")
        constraints = [
            models.UniqueConstraint(fields=["project", "instrument"], name="stack_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.instrument} {self.amount_eur}"


class Barrier(TimestampedModel):
    """What keeps a project from funding, recorded for the policy-feedback report."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="barriers",
    )
    code = models.CharField(_("barrier"), max_length=30, choices=choices.BarrierCode.choices)
    message = models.CharField(_("details"), max_length=1000, blank=True)
    instrument_keys = models.JSONField(_("instruments"), default=_empty_list, blank=True)
    source = models.CharField(
        _("source"),
        max_length=10,
        choices=choices.BarrierSource.choices,
        default=choices.BarrierSource.ADVISER,
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "code"]
        verbose_name = _("barrier")
        verbose_name_plural = _("barriers")
        indexes = [models.Index(fields=["code", "project"])]

    def __str__(self) -> str:
        return f"{self.project}: {self.get_code_display()}"
