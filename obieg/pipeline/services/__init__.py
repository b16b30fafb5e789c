"""Writes of the pipeline app, one module per aggregate; import the functions from here."""

from __future__ import annotations

from obieg.pipeline.services.alignment import project_align, project_alignment_schedule
from obieg.pipeline.services.cases import case_import, case_set
from obieg.pipeline.services.funding import (
    barrier_record,
    call_set,
    instrument_create,
    instrument_update,
    instrument_verify,
    project_funding_refresh,
    stack_item_set_status,
)
from obieg.pipeline.services.impact_records import impact_set
from obieg.pipeline.services.projects import (
    exchange_rate_set,
    project_adviser_set,
    project_create,
    project_document_add,
    project_move,
    project_note_add,
    project_partner_set,
    project_task_add,
    project_task_set_done,
    project_teaser_publish,
    project_update,
    to_eur,
)

__all__ = [
    "barrier_record",
    "call_set",
    "case_import",
    "case_set",
    "exchange_rate_set",
    "impact_set",
    "instrument_create",
    "instrument_update",
    "instrument_verify",
    "project_adviser_set",
    "project_align",
    "project_alignment_schedule",
    "project_create",
    "project_document_add",
    "project_funding_refresh",
    "project_move",
    "project_note_add",
    "project_partner_set",
    "project_task_add",
    "project_task_set_done",
    "project_teaser_publish",
    "project_update",
    "stack_item_set_status",
    "to_eur",
]
