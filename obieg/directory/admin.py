from __future__ import annotations

from django.contrib import admin

from obieg.core.admin import ManagerAdmin
from obieg.directory.models import (
    Alliance,
    AllianceMembership,
    ClusterProject,
    Country,
    Event,
    EventDocument,
    FundingSource,
    NaceActivity,
    NutsRegion,
    Organisation,
    Person,
    ProjectPartner,
    Theme,
)


@admin.register(Organisation)
class OrganisationAdmin(ManagerAdmin):
    list_display = ("name", "kind", "country", "region", "city", "membership_status")
    list_filter = ("kind", "membership_status", "country")
    search_fields = ("name", "short_name", "city")
    list_select_related = ("country", "region")
    autocomplete_fields = ("region", "sectors")
    filter_horizontal = ("themes",)
    readonly_fields = ("search_text",)


@admin.register(Person)
class PersonAdmin(ManagerAdmin):
    list_display = ("full_name", "role_title", "organisation", "consent_recorded_at")
    search_fields = ("full_name", "role_title")
    autocomplete_fields = ("organisation",)


class AllianceMembershipInline(admin.TabularInline):
    model = AllianceMembership
    autocomplete_fields = ("organisation",)
    extra = 1


@admin.register(Alliance)
class AllianceAdmin(ManagerAdmin):
    list_display = ("name", "kind", "founded_on")
    search_fields = ("name", "short_name")
    inlines = [AllianceMembershipInline]


class ProjectPartnerInline(admin.TabularInline):
    model = ProjectPartner
    autocomplete_fields = ("organisation",)
    extra = 1


class FundingSourceInline(admin.TabularInline):
    model = FundingSource
    extra = 1


@admin.register(ClusterProject)
class ClusterProjectAdmin(ManagerAdmin):
    list_display = ("title", "acronym", "programme", "start_date", "end_date", "status")
    search_fields = ("title", "acronym")
    inlines = [ProjectPartnerInline, FundingSourceInline]


class EventDocumentInline(admin.TabularInline):
    model = EventDocument
    extra = 1


@admin.register(Event)
class EventAdmin(ManagerAdmin):
    list_display = ("title", "kind", "starts_on", "city", "organiser", "status")
    list_filter = ("kind", "status")
    search_fields = ("title", "city")
    autocomplete_fields = ("organiser", "participants")
    inlines = [EventDocumentInline]


@admin.register(Country)
class CountryAdmin(ManagerAdmin):
    list_display = ("code", "name", "eu_member")
    search_fields = ("code",)


@admin.register(NutsRegion)
class NutsRegionAdmin(ManagerAdmin):
    list_display = ("code", "name", "level", "country")
    list_filter = ("level",)
    search_fields = ("code", "name")


@admin.register(NaceActivity)
class NaceActivityAdmin(ManagerAdmin):
    list_display = ("code", "name", "level")
    list_filter = ("level",)
    search_fields = ("code",)


@admin.register(Theme)
class ThemeAdmin(ManagerAdmin):
    list_display = ("slug", "name")
