from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from obieg.core.admin import ManagerAdmin
from obieg.pipeline import services
from obieg.pipeline.models import (
    Barrier,
    ExchangeRate,
    FundingCall,
    FundingInstrument,
    InvestmentProject,
    StageChange,
)
from obieg.pipeline.services.projects import project_save_from_admin


class FundingCallInline(admin.TabularInline):
    model = FundingCall
    extra = 0
    fields = ("identifier", "title", "deadlines", "url")


@admin.register(FundingInstrument)
class FundingInstrumentAdmin(ManagerAdmin):
    list_display = (
        "programme",
        "instrument_type",
        "trl_min",
        "trl_max",
        "max_cofinancing_rate",
        "verified",
        "is_active",
    )
    list_filter = ("instrument_type", "verified", "is_active")
    search_fields = ("programme", "managing_body", "key")
    readonly_fields = ("verified_by", "verified_at")
    inlines = [FundingCallInline]
    actions = ["mark_verified"]

    @admin.action(description=_("Confirm the selected instruments as verified"))
    def mark_verified(self, request: HttpRequest, queryset: QuerySet[FundingInstrument]) -> None:
        for instrument in queryset:
            services.instrument_verify(instrument=instrument, user=request.user)


class StageChangeInline(admin.TabularInline):
    model = StageChange
    extra = 0
    readonly_fields = ("from_stage", "to_stage", "reason", "changed_by", "entered_at", "left_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(InvestmentProject)
class InvestmentProjectAdmin(ManagerAdmin):
    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    list_display = (
        "__str__",
        "promoter",
        "country",
        "stage",
        "budget",
        "currency",
        "teaser_published",
        "is_sample",
    )
    list_filter = ("stage", "country", "r_strategy", "teaser_published", "is_sample")
    search_fields = ("slug", "search_text")
    autocomplete_fields = ()
    raw_id_fields = ("promoter", "region", "sector", "country")
    filter_horizontal = ("advisers",)
    readonly_fields = ("stage", "budget_eur", "alignment", "alignment_source")
    inlines = [StageChangeInline]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Stages move only through the service (history); a new project starts there too.
        if not change:
            raise PermissionDenied(_("Add projects on the pipeline pages, not here."))
        project_save_from_admin(project=obj, user=request.user)


@admin.register(ExchangeRate)
class ExchangeRateAdmin(ManagerAdmin):
    list_display = ("currency", "valid_on", "units_per_eur", "source", "is_sample")
    list_filter = ("currency", "is_sample")

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        # Through the service, so that the budgets in this currency are converted again.
        services.exchange_rate_set(
            currency=obj.currency,
            valid_on=obj.valid_on,
            units_per_eur=obj.units_per_eur,
            source=obj.source,
            is_sample=obj.is_sample,
        )


@admin.register(Barrier)
class BarrierAdmin(ManagerAdmin):
    list_display = ("project", "code", "source", "created_at")
    list_filter = ("code", "source")
    raw_id_fields = ("project", "recorded_by")
