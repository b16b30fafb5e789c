"""Factories for pipeline rows; projects get their first stage-history entry like the service."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from obieg.core.search_text import normalise_for_search
from obieg.pipeline import choices
from obieg.pipeline.models import (
    Barrier,
    CashFlowYear,
    FundingInstrument,
    InvestmentCase,
    InvestmentProject,
    StageChange,
)
from tests.factories import OrganisationFactory


class InvestmentProjectFactory(DjangoModelFactory):
    class Meta:
        model = InvestmentProject
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"project-{n}")
    title = factory.Sequence(lambda n: {"en": f"Circular project {n}"})
    summary = factory.LazyFunction(lambda: {"en": "Recycles plastic packaging."})
    details = factory.LazyFunction(lambda: {"en": "Offtake agreement with a converter."})
    promoter = factory.SubFactory(OrganisationFactory)
    country_id = "PL"
    region_id = "PL213"
    sector_id = "38.32"
    r_strategy = choices.RStrategy.R8
    trl = 7
    stage = choices.Stage.STRUCTURING
    furthest_stage = factory.LazyAttribute(
        lambda p: choices.FUNNEL.index(p.stage) if p.stage in choices.FUNNEL else 0
    )
    budget = Decimal("2000000")
    budget_eur = Decimal("2000000")
    currency = choices.Currency.EUR
    search_text = factory.LazyAttribute(
        lambda p: normalise_for_search(" ".join([*p.title.values(), *p.summary.values()]))
    )

    @factory.post_generation
    def history(obj: InvestmentProject, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create:
            StageChange.objects.create(
                project=obj, to_stage=obj.stage, reason="created", entered_at=timezone.now()
            )


def project_with_flows(flows: list[tuple[int, float, float, float]], **kwargs: Any) -> Any:
    """A project whose case holds (year, capex, opex, revenues) rows."""
    project = InvestmentProjectFactory(**kwargs)
    case = InvestmentCase.objects.create(project=project, discount_rate=Decimal("0.05"))
    CashFlowYear.objects.bulk_create(
        CashFlowYear(
            case=case, year=t, capex=Decimal(str(c)), opex=Decimal(str(o)), revenues=Decimal(str(r))
        )
        for t, c, o, r in flows
    )
    return project


class FundingInstrumentFactory(DjangoModelFactory):
    class Meta:
        model = FundingInstrument

    key = factory.Sequence(lambda n: f"TEST{n}:grant")
    programme = factory.Sequence(lambda n: f"Test programme {n}")
    managing_body = "Test agency"
    instrument_type = choices.InstrumentType.GRANT
    countries = factory.LazyFunction(lambda: ["PL"])
    trl_min = 5
    trl_max = 9
    ticket_min_eur = Decimal("100000")
    ticket_max_eur = Decimal("5000000")
    max_cofinancing_rate = Decimal("0.5")
    themes = factory.LazyFunction(lambda: ["SDG12", "R8"])


class BarrierFactory(DjangoModelFactory):
    class Meta:
        model = Barrier

    project = factory.SubFactory(InvestmentProjectFactory)
    code = choices.BarrierCode.STATE_AID_LIMIT
    message = "De minimis ceiling reached."


def make_strategy(slug: str, region: str | None, goals: dict[int, str]) -> Any:
    """A published Polish strategy of the strategy portal addressing `goals` ({goal: level})."""
    from obieg.strategies.models import Strategy, StrategyGoal

    strategy = Strategy.objects.create(
        title=f"Strategy {slug}",
        slug=slug,
        country_id="PL",
        region_id=region,
        is_published=True,
        processing_status="ready",
    )
    StrategyGoal.objects.bulk_create(
        StrategyGoal(strategy=strategy, goal=g, share=0.2, passages=3, strength=0.5, level=level)
        for g, level in goals.items()
    )
    return strategy
