from __future__ import annotations

from django.urls import path

from obieg.core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("runs/<int:run_id>/", views.run_detail, name="run_detail"),
]
