from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from obieg.core.admin import ManagerAdmin
from obieg.symbiosis.models import (
    Exchange,
    GoodPractice,
    Match,
    MatchingRun,
    MatchTransition,
    SavingsFactors,
    Stream,
    StreamImport,
)
from obieg.symbiosis.services import stream_update, stream_validate
from obieg.symbiosis.services.practices import practice_search_text
from obieg.symbiosis.services.streams import STREAM_FIELDS


def _codes(cleaned: dict[str, Any]) -> dict[str, Any]:
    data = {key: cleaned.get(key) for key in STREAM_FIELDS if key in cleaned}
    data["country"] = cleaned["country"].code if cleaned.get("country") else ""
    data["region"] = cleaned["region"].code if cleaned.get("region") else ""
    return data


class StreamAdminForm(forms.ModelForm):
    """The admin checks a stream with the same rules as the pages and the API."""

    class Meta:
        model = Stream
        fields = ("organisation", *STREAM_FIELDS, "is_sample")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        _clean, errors = stream_validate(_codes(cleaned))
        for error in errors:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return cleaned


@admin.register(Stream)
class StreamAdmin(ManagerAdmin):
    form = StreamAdminForm

    list_display = (
        "title",
        "kind",
        "category",
        "organisation",
        "ewc_code",
        "annual_quantity",
        "basis",
        "visibility",
        "status",
        "is_sample",
    )
    list_filter = ("kind", "category", "visibility", "status", "basis", "is_sample")
    search_fields = ("title", "ewc_code", "city")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation", "region")
    readonly_fields = ("hazardous", "annual_quantity", "basis", "search_text")

    def save_model(self, request: HttpRequest, obj: Stream, form: Any, change: bool) -> None:
        # Through the service, so the annual quantity, hazard flag and search text follow.
        if not change:
            obj.annual_quantity, obj.basis = 0.0, "t/year"
            obj.save()
        moved = {k: v for k, v in _codes(form.cleaned_data).items() if k in ("lat", "lon")}
        stream_update(stream=obj, data=moved if {"lat", "lon"} & set(form.changed_data) else {})


class MatchTransitionInline(admin.TabularInline):
    model = MatchTransition
    extra = 0
    readonly_fields = ("from_status", "to_status", "user", "note", "created_at")


class ExchangeInline(admin.TabularInline):
    model = Exchange
    extra = 0
    readonly_fields = ("quantity_on_basis",)


@admin.register(Match)
class MatchAdmin(ManagerAdmin):
    list_display = (
        "__str__",
        "score",
        "distance_km",
        "allocated_quantity",
        "co2e_avoided_kg",
        "money_saved_eur",
        "status",
    )
    list_filter = ("status", "basis")
    list_select_related = ("offer", "need")
    raw_id_fields = ("offer", "need", "matching_run")
    inlines = [MatchTransitionInline, ExchangeInline]


@admin.register(MatchingRun)
class MatchingRunAdmin(ManagerAdmin):
    list_display = (
        "created_at",
        "objective",
        "offers_count",
        "needs_count",
        "matches_count",
        "allocated_t",
        "co2e_avoided_t",
    )
    raw_id_fields = ("run",)


@admin.register(SavingsFactors)
class SavingsFactorsAdmin(ManagerAdmin):
    list_display = (
        "country",
        "transport_eur_tkm",
        "landfill_eur_t",
        "treatment_eur_t",
        "heat_kgco2e_mwh",
        "heat_eur_mwh",
        "water_eur_m3",
    )


@admin.register(GoodPractice)
class GoodPracticeAdmin(ManagerAdmin):
    list_display = ("title", "kind", "country", "receiver_nace", "year_started")
    list_filter = ("kind", "country")
    search_fields = ("title", "materials", "place")
    readonly_fields = ("search_text",)

    def save_model(self, request: HttpRequest, obj: GoodPractice, form: Any, change: bool) -> None:
        obj.search_text = practice_search_text(obj)
        super().save_model(request, obj, form, change)


@admin.register(StreamImport)
class StreamImportAdmin(ManagerAdmin):
    list_display = (
        "filename",
        "organisation",
        "status",
        "total_rows",
        "imported_count",
        "created_at",
    )
    list_filter = ("status",)
    readonly_fields = ("valid_rows", "errors")
