from __future__ import annotations

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from obieg.accounts.models import ApiToken, User
from obieg.core.admin import ManagerAdmin


@admin.register(User)
class UserAdmin(ManagerAdmin, DjangoUserAdmin):
    list_display = ("username", "email", "role", "organisation", "is_active")
    list_filter = ("role", "is_active")
    list_select_related = ("organisation",)
    autocomplete_fields = ("organisation",)
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (_("obieg"), {"fields": ("role", "organisation", "preferred_language")}),
    )


@admin.register(ApiToken)
class ApiTokenAdmin(ManagerAdmin):
    list_display = ("name", "user", "prefix", "created_at", "last_used_at", "revoked_at")
    readonly_fields = ("prefix", "key_hash", "last_used_at")
    list_select_related = ("user",)
