"""The investment case (yearly cash flows) and the impact inputs of a project."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from obieg.core.models import TimestampedModel
from obieg.pipeline.models.common import _empty_dict, _empty_list
from obieg.pipeline.models.projects import InvestmentProject


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
