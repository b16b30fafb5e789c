"""Funding instruments and calls, funding stacks and barriers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from obieg.core.models import TimestampedModel
from obieg.pipeline import choices
from obieg.pipeline.funding_rules import ORG_KINDS, ORG_SIZES, STAGES
from obieg.pipeline.models.common import _empty_list
from obieg.pipeline.models.projects import InvestmentProject


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
