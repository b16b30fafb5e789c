from __future__ import annotations

from django.contrib import admin

from obieg.core.admin import ManagerAdmin
from obieg.strategies.models import (
    Passage,
    PassageCorrection,
    Strategy,
    StrategyCategory,
    StrategyFile,
    StrategyGoal,
)


class StrategyFileInline(admin.TabularInline):
    model = StrategyFile
    extra = 0
    readonly_fields = ("original_name", "sha256", "size", "document_format", "page_count")


class StrategyGoalInline(admin.TabularInline):
    model = StrategyGoal
    extra = 0
    readonly_fields = ("goal", "share", "passages", "strength", "level", "top_targets")
    exclude = ("evidence_passages",)


@admin.register(Strategy)
class StrategyAdmin(ManagerAdmin):
    list_display = (
        "title",
        "kind",
        "country",
        "region",
        "status",
        "processing_status",
        "is_sample",
        "is_published",
    )
    list_filter = ("kind", "status", "processing_status", "is_sample", "is_published", "country")
    search_fields = ("title", "territory_name")
    list_select_related = ("country", "region")
    autocomplete_fields = ("region", "organisation", "superseded_by")
    readonly_fields = (
        "processing_status",
        "processing_error",
        "last_run",
        "model_version",
        "model_name",
        "page_count",
        "passage_count",
        "search_text",
        "uploaded_by",
    )
    inlines = [StrategyFileInline, StrategyGoalInline]


@admin.register(Passage)
class PassageAdmin(ManagerAdmin):
    list_display = ("strategy", "index", "page", "language", "goal_codes", "is_corrected")
    list_filter = ("language", "is_corrected")
    list_select_related = ("strategy",)
    search_fields = ("text",)
    raw_id_fields = ("strategy",)


@admin.register(PassageCorrection)
class PassageCorrectionAdmin(ManagerAdmin):
    list_display = ("passage", "goals", "targets", "corrected_by", "created_at")
    raw_id_fields = ("passage",)
    list_select_related = ("passage", "corrected_by")


@admin.register(StrategyCategory)
class StrategyCategoryAdmin(ManagerAdmin):
    list_display = ("strategy", "scheme", "key", "share")
    list_filter = ("scheme", "key")
