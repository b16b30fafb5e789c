from __future__ import annotations

from django.urls import path

from obieg.directory import views

app_name = "directory"
urlpatterns = [
    path("", views.organisation_list, name="organisation_list"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation_detail"),
    path("alliances/", views.alliance_list, name="alliance_list"),
    path("alliances/<slug:slug>/", views.alliance_detail, name="alliance_detail"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("map/", views.member_map, name="member_map"),
    path("regions.geojson", views.regions_geojson, name="regions_geojson"),
]
