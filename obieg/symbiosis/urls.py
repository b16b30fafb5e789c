from __future__ import annotations

from django.urls import path

from obieg.symbiosis import views

app_name = "symbiosis"
urlpatterns = [
    path("", views.index, name="index"),
    path("streams/", views.stream_list, name="stream_list"),
    path("streams/new/", views.stream_create, name="stream_create"),
    path("streams/import/", views.stream_import, name="stream_import"),
    path("streams/export.<str:fmt>", views.stream_export, name="stream_export"),
    path("streams/<int:pk>/", views.stream_detail, name="stream_detail"),
    path("streams/<int:pk>/edit/", views.stream_edit, name="stream_edit"),
    path("streams/<int:pk>/close/", views.stream_close, name="stream_close"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("matches/", views.match_list, name="match_list"),
    path("matches/<int:pk>/", views.match_detail, name="match_detail"),
    path("matches/<int:pk>/accept/", views.match_accept, name="match_accept"),
    path("matches/<int:pk>/status/", views.match_transition, name="match_transition"),
    path("matches/<int:pk>/exchanges/", views.exchange_add, name="exchange_add"),
    path("runs/", views.run_list, name="run_list"),
    path("runs/start/", views.run_start, name="run_start"),
    path("runs/<int:pk>/", views.run_detail, name="run_detail"),
    path("potential/", views.potential, name="potential"),
    path("practices/", views.practice_list, name="practice_list"),
    path("practices/<slug:slug>/", views.practice_detail, name="practice_detail"),
]
