"""Funding instruments: eligibility rules, fit scores, rankings, stacks and barriers."""

from __future__ import annotations

from obieg.pipeline.funding_rules.engine import (
    FIT_WEIGHTS,
    RULES,
    CompiledInstruments,
    compile_instruments,
)
from obieg.pipeline.funding_rules.matching import (
    MatchMatrix,
    explain_fit,
    failure_reason,
    match_projects,
    rank_instruments,
)
from obieg.pipeline.funding_rules.model import (
    CASH_TYPES,
    INSTRUMENT_TYPES,
    ORG_KINDS,
    ORG_SIZES,
    STAGES,
    Barrier,
    Call,
    FitComponent,
    FitScore,
    FundingInstrument,
    FundingProject,
    FundingStack,
    InstrumentMatch,
    RuleFailure,
    StackItem,
)
from obieg.pipeline.funding_rules.seed import (
    TYPE_DEFAULTS,
    load_seed_calls,
    load_seed_instruments,
)
from obieg.pipeline.funding_rules.stacking import (
    BARRIER_OF_RULE,
    barrier_counts,
    derive_barriers,
    propose_stack,
)

__all__ = [
    "BARRIER_OF_RULE",
    "CASH_TYPES",
    "FIT_WEIGHTS",
    "INSTRUMENT_TYPES",
    "ORG_KINDS",
    "ORG_SIZES",
    "RULES",
    "STAGES",
    "TYPE_DEFAULTS",
    "Barrier",
    "Call",
    "CompiledInstruments",
    "FitComponent",
    "FitScore",
    "FundingInstrument",
    "FundingProject",
    "FundingStack",
    "InstrumentMatch",
    "MatchMatrix",
    "RuleFailure",
    "StackItem",
    "barrier_counts",
    "compile_instruments",
    "derive_barriers",
    "explain_fit",
    "failure_reason",
    "load_seed_calls",
    "load_seed_instruments",
    "match_projects",
    "propose_stack",
    "rank_instruments",
]
