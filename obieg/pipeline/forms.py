from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from obieg.directory.models import Organisation
from obieg.pipeline import choices
from obieg.pipeline.finance import DRIVERS
from obieg.pipeline.impact import CIRCULAR_ECONOMY_CRITERIA

LANGUAGES = [(code, name) for code, name in settings.LANGUAGES]


class ProjectForm(forms.Form):
    """One language at a time: the texts are stored under the chosen original language."""

    title = forms.CharField(label=_("Title"), max_length=300)
    summary = forms.CharField(
        label=_("Public summary (teaser)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    details = forms.CharField(
        label=_("Confidential details"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Seen only by the promoter, its advisers and cluster managers."),
    )
    original_language = forms.ChoiceField(label=_("Language of the texts"), choices=LANGUAGES)
    promoter = forms.ModelChoiceField(
        label=_("Promoter"), queryset=Organisation.objects.order_by("name"), required=False
    )
    country = forms.CharField(label=_("Country (ISO code)"), max_length=2)
    region = forms.CharField(label=_("NUTS region"), max_length=5, required=False)
    sector = forms.CharField(label=_("Sector (NACE code)"), max_length=8, required=False)
    r_strategy = forms.ChoiceField(
        label=_("Circular strategy (10-R)"),
        required=False,
        choices=[("", "—"), *choices.RStrategy.choices],
    )
    eib_category = forms.ChoiceField(
        label=_("EIB circular-economy category"),
        required=False,
        choices=[("", "—"), *choices.EibCategory.choices],
    )
    trl = forms.IntegerField(label=_("Technology readiness level"), min_value=1, max_value=9)
    budget = forms.DecimalField(
        label=_("Budget needed"), min_value=0, max_digits=18, decimal_places=2
    )
    currency = forms.ChoiceField(label=_("Currency"), choices=choices.Currency.choices)
    own_share = forms.DecimalField(
        label=_("Own share of the budget (0–1)"),
        min_value=0,
        max_value=1,
        initial=0,
        decimal_places=3,
        required=False,
    )
    needed_cofinancing_rate = forms.DecimalField(
        label=_("Co-financing rate needed from one instrument (0–1)"),
        min_value=0,
        max_value=1,
        initial=0,
        decimal_places=3,
        required=False,
    )

    def service_data(self) -> dict[str, Any]:
        """Return the cleaned data as the project services take it."""
        data = dict(self.cleaned_data)
        language = data["original_language"]
        for name in ("title", "summary", "details"):
            data[name] = {language: data[name]} if data[name] else {}
        for name in ("own_share", "needed_cofinancing_rate"):
            data[name] = data[name] or 0
        data["region"] = data["region"] or None
        data["sector"] = data["sector"] or None
        data.pop("promoter", None)
        return data


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("Move to stage"), choices=choices.Stage.choices)
    reason = forms.CharField(
        label=_("Why"),
        max_length=500,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Why (optional)")}),
    )


class CaseSettingsForm(forms.Form):
    discount_rate = forms.DecimalField(
        label=_("Discount rate (e.g. 0.04 for 4 %)"),
        max_digits=6,
        decimal_places=4,
        min_value=-0.99,
        max_value=1,
    )
    output_unit = forms.CharField(label=_("Unit of output"), max_length=40, required=False)


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=0, max_value=60)
    capex = forms.DecimalField(label=_("CAPEX"), min_value=0, required=False)
    opex = forms.DecimalField(label=_("OPEX"), min_value=0, required=False)
    revenues = forms.DecimalField(label=_("Revenues"), min_value=0, required=False)
    savings = forms.DecimalField(label=_("Savings"), min_value=0, required=False)
    residual_value = forms.DecimalField(label=_("Residual value"), min_value=0, required=False)
    output = forms.DecimalField(label=_("Output"), min_value=0, required=False)

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(data.get(name) for name in (*DRIVERS, "output"))


YearFormSet = forms.formset_factory(YearForm, extra=0, max_num=61)


class CaseImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX table"))


class ImpactForm(forms.Form):
    material = forms.ChoiceField(label=_("Material"), required=False)
    tonnes_kept_in_use = forms.FloatField(
        label=_("Tonnes kept in use per year"), min_value=0, required=False
    )
    tonnes_diverted = forms.FloatField(
        label=_("Tonnes diverted from landfill per year"), min_value=0, required=False
    )
    route = forms.ChoiceField(label=_("Route"), choices=choices.MaterialRoute.choices)
    factor_overrides = forms.JSONField(
        label=_("Emission-factor overrides (kg CO2e per tonne)"),
        required=False,
        help_text=_(
            'National values replacing the UK defaults, e.g. {"glass": {"landfill": 20}}; '
            "fields: primary, secondary, reused, landfill, recycling."
        ),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    taxonomy_criteria = forms.MultipleChoiceField(
        label=_("EU Taxonomy: circular-economy contribution"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(c.id, f"{c.article} {c.text}") for c in CIRCULAR_ECONOMY_CRITERIA],
    )
    recycled_feedstock = forms.FloatField(
        label=_("Recycled feedstock share (F_R)"), min_value=0, max_value=1, required=False
    )
    reused_feedstock = forms.FloatField(
        label=_("Re-used feedstock share (F_U)"), min_value=0, max_value=1, required=False
    )
    collected_for_recycling = forms.FloatField(
        label=_("Collected for recycling (C_R)"), min_value=0, max_value=1, required=False
    )
    collected_for_reuse = forms.FloatField(
        label=_("Collected for re-use (C_U)"), min_value=0, max_value=1, required=False
    )
    feedstock_recycling_efficiency = forms.FloatField(
        label=_("Efficiency of recycling the feedstock (E_F)"),
        min_value=0.01,
        max_value=1,
        required=False,
    )
    collection_recycling_efficiency = forms.FloatField(
        label=_("Efficiency of recycling the collected product (E_C)"),
        min_value=0,
        max_value=1,
        required=False,
    )
    lifetime_ratio = forms.FloatField(
        label=_("Lifetime / industry average (L/L_av)"), min_value=0, required=False
    )
    intensity_ratio = forms.FloatField(
        label=_("Use intensity / industry average (U/U_av)"), min_value=0, required=False
    )

    MCI_FIELDS = (
        "recycled_feedstock",
        "reused_feedstock",
        "collected_for_recycling",
        "collected_for_reuse",
        "feedstock_recycling_efficiency",
        "collection_recycling_efficiency",
        "lifetime_ratio",
        "intensity_ratio",
    )

    def __init__(self, *args: Any, materials: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        material = self.fields["material"]
        assert isinstance(material, forms.ChoiceField)
        material.choices = [("", "—"), *materials]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(forms.Form):
    title = forms.CharField(
        label=_("Task"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("New task")}),
    )
    due_on = forms.DateField(
        label=_("Due on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class BarrierForm(forms.Form):
    code = forms.ChoiceField(label=_("Barrier"), choices=choices.BarrierCode.choices)
    message = forms.CharField(
        label=_("Details"),
        max_length=1000,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Details (optional)")}),
    )


class PartnerForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partner organisation"), queryset=Organisation.objects.order_by("name")
    )
    role = forms.ChoiceField(label=_("Role"), choices=choices.PartnerRole.choices)


class DocumentForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=300,
        widget=forms.TextInput(attrs={"placeholder": _("Document title")}),
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        assume_scheme="https",
        widget=forms.URLInput(attrs={"placeholder": _("Link (or choose a file)")}),
    )
    file = forms.FileField(label=_("File"), required=False)
