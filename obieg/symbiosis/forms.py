from __future__ import annotations

import re
from typing import Any, cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from obieg.symbiosis import choices
from obieg.symbiosis.models import Stream

_SPLIT = re.compile(r"[\s,;]+")


def _codes(text: str) -> list[str]:
    return [part for part in _SPLIT.split(text or "") if part]


class StreamForm(forms.Form):
    """Publish or edit an offer or a need; the services check codes, units and places."""

    kind = forms.ChoiceField(label=_("Offer or need"), choices=choices.StreamKind.choices)
    category = forms.ChoiceField(label=_("Category"), choices=choices.StreamCategory.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    original_language = forms.ChoiceField(
        label=_("Language of the description"), choices=settings.LANGUAGES, initial="en"
    )
    ewc_code = forms.CharField(
        label=_("Waste code (List of Waste)"),
        max_length=12,
        required=False,
        help_text=_("Six digits, e.g. 10 01 02; hazardous codes are flagged for you."),
    )
    nace_code = forms.CharField(label=_("NACE activity of the site"), max_length=8, required=False)
    cpa_code = forms.CharField(label=_("CPA product code"), max_length=12, required=False)
    quantity = forms.FloatField(label=_("Quantity"), min_value=0)
    unit = forms.ChoiceField(label=_("Unit"), choices=choices.Unit.choices)
    frequency = forms.ChoiceField(
        label=_("Frequency"), choices=choices.Frequency.choices, initial=choices.Frequency.YEAR
    )
    quality = forms.CharField(label=_("Quality or specification"), max_length=500, required=False)
    available_from = forms.DateField(
        label=_("Available from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    available_until = forms.DateField(
        label=_("Available until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    address = forms.CharField(label=_("Address"), max_length=300, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = forms.CharField(label=_("Country (two letters)"), max_length=2, initial="PL")
    region = forms.CharField(
        label=_("NUTS region"),
        max_length=5,
        required=False,
        help_text=_("e.g. PL21 or PL213; locates the stream when no coordinates are given."),
    )
    lat = forms.FloatField(label=_("Latitude"), required=False, min_value=-90, max_value=90)
    lon = forms.FloatField(label=_("Longitude"), required=False, min_value=-180, max_value=180)
    accepted_codes = forms.CharField(
        label=_("Accepted waste codes (needs)"),
        required=False,
        help_text=_("6-digit codes or 4- and 2-digit prefixes, separated by spaces or commas."),
    )
    treatments = forms.CharField(
        label=_("Permitted recovery operations"),
        required=False,
        help_text=_("R/D codes such as R5 R10, separated by spaces."),
    )
    accepts_hazardous = forms.BooleanField(label=_("Accepts hazardous waste"), required=False)
    max_distance_km = forms.FloatField(
        label=_("Maximum distance (km)"), required=False, min_value=0
    )
    visibility = forms.ChoiceField(label=_("Visibility"), choices=choices.Visibility.choices)
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False)

    GROUPS = (
        (
            _("The stream"),
            ("kind", "category", "title", "description", "original_language", "organisation"),
        ),
        (_("Material"), ("ewc_code", "nace_code", "cpa_code", "quality")),
        (
            _("Quantity and availability"),
            ("quantity", "unit", "frequency", "available_from", "available_until"),
        ),
        (_("Location"), ("address", "city", "country", "region", "lat", "lon")),
        (
            _("What may be exchanged"),
            ("accepted_codes", "accepts_hazardous", "treatments", "max_distance_km"),
        ),
        (_("Who sees it"), ("visibility",)),
    )

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = list(organisations or [])
        field = cast(forms.TypedChoiceField, self.fields["organisation"])
        field.choices = [(o.pk, o.name) for o in orgs]
        if len(orgs) <= 1:
            self.fields["organisation"].widget = forms.HiddenInput()

    def groups(self) -> list[tuple[Any, list[forms.BoundField]]]:
        """Visible fields in titled groups, in the order the page shows them."""
        return [
            (legend, [self[name] for name in names if not self[name].is_hidden])
            for legend, names in self.GROUPS
        ]

    @classmethod
    def initial_for(cls, stream: Stream) -> dict[str, Any]:
        """Form values of an existing stream."""
        initial = {name: getattr(stream, name, None) for name in cls.base_fields}
        initial.update(
            {
                "description": stream.description.get(stream.original_language, ""),
                "country": stream.country_id,
                "region": stream.region_id or "",
                "accepted_codes": " ".join(stream.accepted_codes),
                "treatments": " ".join(stream.treatments),
                "organisation": stream.organisation_id,
            }
        )
        if stream.location_precision == choices.LocationPrecision.REGION:
            initial["lat"] = initial["lon"] = None
        return initial

    def service_data(self) -> dict[str, Any]:
        """The cleaned form as keyword arguments of stream_create/stream_update."""
        data = dict(self.cleaned_data)
        data.pop("organisation", None)
        text = data.pop("description")
        data["description"] = {data["original_language"]: text} if text else {}
        data["accepted_codes"] = _codes(data["accepted_codes"])
        data["treatments"] = _codes(data["treatments"])
        return data


class MatchTransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=choices.MatchStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class ExchangeForm(forms.Form):
    period_start = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("Until"), widget=forms.DateInput(attrs={"type": "date"}))
    quantity = forms.FloatField(label=_("Quantity"), min_value=0)
    unit = forms.ChoiceField(label=_("Unit"), choices=choices.Unit.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)


class StreamImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"))
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int, required=False)

    def __init__(self, *args: Any, organisations: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = list(organisations or [])
        field = cast(forms.TypedChoiceField, self.fields["organisation"])
        field.choices = [(o.pk, o.name) for o in orgs]
        if len(orgs) <= 1:
            self.fields["organisation"].widget = forms.HiddenInput()
