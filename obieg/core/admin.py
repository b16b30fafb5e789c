from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from obieg.core.models import Run


class ManagerAdmin(admin.ModelAdmin):
    """Managers may edit every obieg model without per-model permissions being granted."""

    def _is_manager(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_manager", False))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._is_manager(request)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_manager(request)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return self._is_manager(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_manager(request)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self._is_manager(request)


@admin.register(Run)
class RunAdmin(ManagerAdmin):
    list_display = ("title", "kind", "status", "progress", "created_at", "finished_at")
    list_filter = ("kind", "status")
    search_fields = ("title", "subject")
    readonly_fields = ("log", "error", "started_at", "finished_at", "task_id")
