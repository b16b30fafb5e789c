from __future__ import annotations

from django.urls import path

from obieg.strategies import views

app_name = "strategies"
urlpatterns = [
    path("", views.strategy_list, name="strategy_list"),
    path("upload/", views.strategy_upload, name="strategy_upload"),
    path("search/", views.search, name="search"),
    path("search.<str:fmt>", views.search_export, name="search_export"),
    path("list.<str:fmt>", views.list_export, name="list_export"),
    path("compare/", views.compare, name="compare"),
    path("reclassify-outdated/", views.reclassify_outdated, name="reclassify_outdated"),
    path("v4/", views.v4, name="v4"),
    path("open-data/", views.open_data_page, name="open_data"),
    path("open-data/dump.zip", views.dump, name="dump"),
    path("open-data/corrections.jsonl", views.training_data, name="training_data"),
    path("passages/<int:passage_id>/correct/", views.passage_correct, name="passage_correct"),
    path("<slug:slug>/", views.strategy_detail, name="strategy_detail"),
    path("<slug:slug>/status/", views.strategy_status, name="strategy_status"),
    path("<slug:slug>/edit/", views.strategy_edit, name="strategy_edit"),
    path("<slug:slug>/files/<int:file_id>/", views.file_download, name="file_download"),
    path("<slug:slug>/passages/", views.strategy_passages, name="strategy_passages"),
    path("<slug:slug>/retry/", views.strategy_retry, name="strategy_retry"),
    path("<slug:slug>/reclassify/", views.strategy_reclassify, name="strategy_reclassify"),
    path("<slug:slug>/publish/", views.strategy_publish, name="strategy_publish"),
    path("<slug:slug>/scorecard.<str:fmt>", views.strategy_export, name="strategy_export"),
]
