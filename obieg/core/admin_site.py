"""The admin site of cluster managers (kept apart from admin.py, which imports models)."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _


class ObiegAdminSite(admin.AdminSite):
    """The admin is the cluster managers' back office, so managers may enter it."""

    site_header = _("obieg administration")
    site_title = _("obieg")

    def has_permission(self, request: HttpRequest) -> bool:
        return bool(getattr(request.user, "is_manager", False))


class ObiegAdminConfig(AdminConfig):
    default_site = "obieg.core.admin_site.ObiegAdminSite"
