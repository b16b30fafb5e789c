"""Pipeline models, one module per aggregate; import them from here."""

from __future__ import annotations

from obieg.pipeline.models.cases import CashFlowYear, ImpactRecord, InvestmentCase
from obieg.pipeline.models.common import _empty_dict, _empty_list
from obieg.pipeline.models.funding import (
    Barrier,
    CodeListValidator,
    FundingCall,
    FundingInstrument,
    StackItem,
)
from obieg.pipeline.models.projects import (
    ExchangeRate,
    InvestmentProject,
    ProjectDocument,
    ProjectNote,
    ProjectPartner,
    ProjectTask,
    StageChange,
    document_path,
)

__all__ = [
    "Barrier",
    "CashFlowYear",
    "CodeListValidator",
    "ExchangeRate",
    "FundingCall",
    "FundingInstrument",
    "ImpactRecord",
    "InvestmentCase",
    "InvestmentProject",
    "ProjectDocument",
    "ProjectNote",
    "ProjectPartner",
    "ProjectTask",
    "StackItem",
    "StageChange",
    "_empty_dict",
    "_empty_list",
    "document_path",
]
