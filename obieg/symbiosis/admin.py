from __future__ import annotations

from django.contrib import admin

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


@admin.register(Stream)
class StreamAdmin(ManagerAdmin):
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
