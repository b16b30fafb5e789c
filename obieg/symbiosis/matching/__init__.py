"""Django-free matching core of the symbiosis app: dataclasses in, dataclasses out.

The Django app (services.py) converts model rows to `Offer`/`Need`, calls
`generate_candidates` and `allocate`, and stores `Candidate`/`AllocatedFlow` results;
see docs/symbiosis-matching.md.
"""

from __future__ import annotations

from obieg.symbiosis.matching.allocation import (
    AllocatedFlow,
    Allocation,
    AllocationError,
    Objective,
    allocate,
)
from obieg.symbiosis.matching.candidates import (
    Candidate,
    CandidateSet,
    ScoreComponent,
    ScoreWeights,
    generate_candidates,
)
from obieg.symbiosis.matching.reference import (
    UnknownCodeError,
    WasteCode,
    is_hazardous,
    nace_division,
    treatment_code,
    waste_code,
)
from obieg.symbiosis.matching.savings import (
    FlowInput,
    FlowSavings,
    ImpactFactors,
    SavingsReport,
    estimate_savings,
)
from obieg.symbiosis.matching.streams import Need, Offer, StreamError, TimeWindow
from obieg.symbiosis.matching.suggestions import (
    Evidence,
    GoodPractice,
    ReceiverSuggestion,
    RecordedExchange,
    suggest_receivers,
)
from obieg.symbiosis.matching.text_similarity import Embedder
from obieg.symbiosis.matching.units import AnnualQuantity, Basis, Frequency, to_common_basis

__all__ = [
    "AllocatedFlow",
    "Allocation",
    "AllocationError",
    "AnnualQuantity",
    "Basis",
    "Candidate",
    "CandidateSet",
    "Embedder",
    "Evidence",
    "FlowInput",
    "FlowSavings",
    "Frequency",
    "GoodPractice",
    "ImpactFactors",
    "Need",
    "Objective",
    "Offer",
    "ReceiverSuggestion",
    "RecordedExchange",
    "SavingsReport",
    "ScoreComponent",
    "ScoreWeights",
    "StreamError",
    "TimeWindow",
    "UnknownCodeError",
    "WasteCode",
    "allocate",
    "estimate_savings",
    "generate_candidates",
    "is_hazardous",
    "nace_division",
    "suggest_receivers",
    "to_common_basis",
    "treatment_code",
    "waste_code",
]
