from __future__ import annotations

from django.urls import path

from obieg.pipeline.views import actions, board, cases, instruments, projects, reports

app_name = "pipeline"
urlpatterns = [
    path("", projects.project_list, name="project_list"),
    path("projects.csv", projects.project_export_csv, name="project_export_csv"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<slug:slug>/", projects.project_detail, name="project_detail"),
    path("projects/<slug:slug>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<slug:slug>/case/", cases.case_edit, name="case_edit"),
    path("projects/<slug:slug>/case/import/", cases.case_import, name="case_import"),
    path("projects/<slug:slug>/funding/", cases.project_funding, name="project_funding"),
    path("projects/<slug:slug>/funding/refresh/", actions.funding_refresh, name="funding_refresh"),
    path("projects/<slug:slug>/impact/", cases.impact_edit, name="impact_edit"),
    path("projects/<slug:slug>/move/", actions.project_move, name="project_move"),
    path("projects/<slug:slug>/notes/", actions.note_add, name="note_add"),
    path("projects/<slug:slug>/tasks/", actions.task_add, name="task_add"),
    path(
        "projects/<slug:slug>/tasks/<int:task_id>/toggle/", actions.task_toggle, name="task_toggle"
    ),
    path("projects/<slug:slug>/barriers/", actions.barrier_add, name="barrier_add"),
    path("projects/<slug:slug>/teaser/publish/", actions.teaser_publish, name="teaser_publish"),
    path("projects/<slug:slug>/advisers/", actions.adviser_set, name="adviser_set"),
    path("projects/<slug:slug>/partners/", actions.partner_set, name="partner_set"),
    path("projects/<slug:slug>/documents/", actions.document_add, name="document_add"),
    path(
        "projects/<slug:slug>/documents/<int:document_id>/",
        actions.document_download,
        name="document_download",
    ),
    path("teasers/<slug:slug>/", projects.teaser, name="teaser"),
    path(
        "strategies/<slug:strategy_slug>/projects/",
        projects.strategy_projects,
        name="strategy_projects",
    ),
    path("board/", board.board, name="board"),
    path("dashboard/", reports.dashboard, name="dashboard"),
    path("reports/policy/", reports.policy_report, name="policy_report"),
    path("reports/policy.pdf", reports.policy_report_pdf, name="policy_report_pdf"),
    path("reports/policy.csv", reports.policy_report_csv, name="policy_report_csv"),
    path("instruments/", instruments.instrument_list, name="instrument_list"),
    path(
        "instruments/<int:instrument_id>/", instruments.instrument_detail, name="instrument_detail"
    ),
]
