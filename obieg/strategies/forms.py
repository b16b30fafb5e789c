from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from obieg.directory.models import Country, Organisation
from obieg.strategies import choices
from obieg.strategies.models import Strategy


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """A file field that accepts several files at once (drag and drop, or the picker)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    documents = MultipleFileField(
        label=_("Strategy documents"),
        help_text=_("PDF with a text layer, DOCX, HTML, TXT or Markdown; one strategy per file."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=500,
        required=False,
        help_text=_("Taken from the file name when empty or when several files are given."),
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.StrategyKind.choices)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, to_field_name="code"
    )
    region = forms.CharField(
        label=_("NUTS region code"),
        max_length=5,
        required=False,
        help_text=_("e.g. PL21 for Małopolska, CZ010 for Prague"),
    )
    territory_name = forms.CharField(label=_("Territory"), max_length=200, required=False)
    territory_level = forms.ChoiceField(
        label=_("Territory level"), choices=choices.TerritoryLevel.choices
    )
    organisation = forms.ModelChoiceField(
        label=_("Adopting organisation"), queryset=Organisation.objects.all(), required=False
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=choices.StrategyStatus.choices,
        initial=choices.StrategyStatus.ADOPTED,
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_start = forms.IntegerField(
        label=_("Period from (year)"), min_value=1990, max_value=2100, required=False
    )
    period_end = forms.IntegerField(
        label=_("Period to (year)"), min_value=1990, max_value=2100, required=False
    )
    source_url = forms.URLField(
        label=_("Source URL"), max_length=500, required=False, assume_scheme="https"
    )
    is_published = forms.BooleanField(
        label=_("Publish when ready (visible to visitors)"), required=False, initial=True
    )

    def service_arguments(self) -> dict[str, Any]:
        """Return the cleaned data as keyword arguments of `strategy_upload`."""
        data = dict(self.cleaned_data)
        data.pop("documents")
        country, organisation = data.pop("country"), data.pop("organisation")
        return {
            **data,
            "country": country.code if country else None,
            "organisation_id": organisation.pk if organisation else None,
        }


class CorrectionForm(forms.Form):
    goals = forms.TypedMultipleChoiceField(
        label=_("Goals"),
        coerce=int,
        required=False,
        choices=[(g, str(g)) for g in range(1, 18)],
        widget=forms.CheckboxSelectMultiple,
    )
    targets = forms.CharField(
        label=_("Targets"),
        required=False,
        max_length=300,
        help_text=_("SDG target codes separated by spaces, e.g. 7.2 11.6"),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)

    def target_list(self) -> list[str]:
        return self.cleaned_data["targets"].replace(",", " ").split()


TRANSLATION_LANGUAGES = ("en", "pl", "cs", "sk", "hu")


class StrategyForm(forms.Form):
    """Metadata of a strategy as its editors change it."""

    title = forms.CharField(label=_("Original title"), max_length=500)
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.StrategyKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=choices.StrategyStatus.choices)
    superseded_by = forms.ModelChoiceField(
        label=_("Superseded by"), queryset=Strategy.objects.none(), required=False
    )
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.all(), required=False, to_field_name="code"
    )
    region = forms.CharField(label=_("NUTS region code"), max_length=5, required=False)
    territory_name = forms.CharField(label=_("Territory"), max_length=200, required=False)
    territory_level = forms.ChoiceField(
        label=_("Territory level"), choices=choices.TerritoryLevel.choices
    )
    organisation = forms.ModelChoiceField(
        label=_("Adopting organisation"), queryset=Organisation.objects.all(), required=False
    )
    adopted_on = forms.DateField(
        label=_("Adopted on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    period_start = forms.IntegerField(
        label=_("Period from (year)"), min_value=1990, max_value=2100, required=False
    )
    period_end = forms.IntegerField(
        label=_("Period to (year)"), min_value=1990, max_value=2100, required=False
    )
    source_url = forms.URLField(
        label=_("Source URL"), max_length=500, required=False, assume_scheme="https"
    )

    def __init__(self, *args: Any, strategy: Strategy, candidates: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", self._initial(strategy))
        super().__init__(*args, **kwargs)
        self.fields["superseded_by"].queryset = candidates.exclude(pk=strategy.pk)  # type: ignore[attr-defined]
        for code in TRANSLATION_LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title in %(language)s") % {"language": code},
                max_length=500,
                required=False,
                initial=strategy.title_translations.get(code, ""),
            )

    @staticmethod
    def _initial(strategy: Strategy) -> dict[str, Any]:
        return {
            "title": strategy.title,
            "kind": strategy.kind,
            "status": strategy.status,
            "superseded_by": strategy.superseded_by_id,
            "country": strategy.country_id,
            "region": strategy.region_id or "",
            "territory_name": strategy.territory_name,
            "territory_level": strategy.territory_level,
            "organisation": strategy.organisation_id,
            "adopted_on": strategy.adopted_on,
            "period_start": strategy.period_start,
            "period_end": strategy.period_end,
            "source_url": strategy.source_url,
        }

    def service_data(self) -> dict[str, Any]:
        """Return the cleaned data as the `data` of `strategy_update`."""
        data = dict(self.cleaned_data)
        translations = {code: data.pop(f"title_{code}").strip() for code in TRANSLATION_LANGUAGES}
        country, organisation = data.pop("country"), data.pop("organisation")
        superseded_by = data.pop("superseded_by")
        return {
            **data,
            "title_translations": {k: v for k, v in translations.items() if v},
            "country": country.code if country else None,
            "organisation_id": organisation.pk if organisation else None,
            "superseded_by_id": superseded_by.pk if superseded_by else None,
        }
