"""Reads of the pipeline app, one module per aggregate; visibility lives in `projects`."""

from __future__ import annotations

from obieg.pipeline.selectors.cases import CaseAnalysis, case_analysis
from obieg.pipeline.selectors.funding import (
    instrument_eligible_projects,
    instrument_get,
    instrument_list,
    project_funding_view,
)
from obieg.pipeline.selectors.impact import ImpactView, material_choices, project_impact
from obieg.pipeline.selectors.projects import (
    Access,
    ProjectFilters,
    board_columns,
    project_access,
    project_detail_related,
    project_get_for_user,
    project_get_full,
    project_ids_for_user,
    project_list_for_user,
    project_slug_for_id,
    public_q,
)

__all__ = [
    "Access",
    "CaseAnalysis",
    "ImpactView",
    "ProjectFilters",
    "board_columns",
    "case_analysis",
    "instrument_eligible_projects",
    "instrument_get",
    "instrument_list",
    "material_choices",
    "project_access",
    "project_detail_related",
    "project_funding_view",
    "project_get_for_user",
    "project_get_full",
    "project_ids_for_user",
    "project_impact",
    "project_list_for_user",
    "project_slug_for_id",
    "public_q",
]
