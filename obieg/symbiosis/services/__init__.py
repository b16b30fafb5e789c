"""Writes of the symbiosis app, one module per concern; import them from here."""

from __future__ import annotations

from obieg.symbiosis.services.runs import (
    matching_run_execute,
    matching_run_now,
    matching_run_start,
    stream_to_engine,
)
from obieg.symbiosis.services.savings import match_savings, savings_factors_set
from obieg.symbiosis.services.streams import (
    FieldError,
    StreamValidationError,
    stream_close,
    stream_create,
    stream_update,
    stream_validate,
)
from obieg.symbiosis.services.workflow import (
    exchange_record,
    match_accept,
    match_notify,
    match_transition,
)

__all__ = [
    "FieldError",
    "StreamValidationError",
    "exchange_record",
    "match_accept",
    "match_notify",
    "match_savings",
    "match_transition",
    "matching_run_execute",
    "matching_run_now",
    "matching_run_start",
    "savings_factors_set",
    "stream_close",
    "stream_create",
    "stream_to_engine",
    "stream_update",
    "stream_validate",
]
