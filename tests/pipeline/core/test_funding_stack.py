"""Funding stacks within co-financing limits, barriers, and the shipped seed instruments."""

from __future__ import annotations

import math
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from obieg.pipeline.funding_rules import (
    FundingInstrument,
    FundingProject,
    barrier_counts,
    compile_instruments,
    derive_barriers,
    load_seed_instruments,
    match_projects,
    propose_stack,
    rank_instruments,
)

TODAY = date(2026, 11, 27)


def instrument(id: str, kind: str = "grant", **overrides: object) -> FundingInstrument:
    base: dict[str, object] = {
        "id": id,
        "programme": id,
        "managing_body": "Body",
        "instrument_type": kind,
    }
    return FundingInstrument(**(base | overrides))  # type: ignore[arg-type]


def project(budget: float = 1_000_000.0, **overrides: object) -> FundingProject:
    base: dict[str, object] = {"id": "P", "country": "PL", "nuts": "PL22A", "budget_eur": budget}
    return FundingProject(**(base | overrides))  # type: ignore[arg-type]


def test_stack_takes_the_best_fit_first_and_reports_the_gap() -> None:
    # given a themed grant (better fit) capped at 40 % and a loan capped at 50 %
    grant = instrument("grant", max_cofinancing_rate=0.4, themes=frozenset({"CE"}))
    loan = instrument("loan", "loan", max_cofinancing_rate=0.5, trl_min=6)
    p = project(themes=frozenset({"CE"}))
    matches = rank_instruments(p, compile_instruments([loan, grant], today=TODAY))
    # when
    stack = propose_stack(p, matches)
    # then
    assert [(i.instrument.id, i.amount_eur) for i in stack.items] == [
        ("grant", 400_000.0),
        ("loan", 500_000.0),
    ]
    assert math.isclose(stack.gap_eur, 100_000.0)


def test_stack_keeps_the_own_contribution_and_lists_advice_apart() -> None:
    advice = instrument("hub", "advisory")
    grant = instrument("grant", max_cofinancing_rate=1.0)
    p = project()
    stack = propose_stack(
        p, rank_instruments(p, compile_instruments([advice, grant], today=TODAY)), own_share=0.2
    )
    assert [i.amount_eur for i in stack.items] == [800_000.0]
    assert stack.own_contribution_eur == 200_000.0
    assert stack.gap_eur == 0.0
    assert [i.id for i in stack.supporting] == ["hub"]


def test_stack_skips_an_instrument_whose_remaining_part_is_below_its_minimum_ticket() -> None:
    big = instrument("big", max_cofinancing_rate=0.9, themes=frozenset({"CE"}))
    floor = instrument("floor", "loan", ticket_min_eur=300_000.0, trl_min=1)
    p = project(themes=frozenset({"CE"}))
    stack = propose_stack(p, rank_instruments(p, compile_instruments([big, floor], today=TODAY)))
    assert [i.instrument.id for i in stack.items] == ["big"]
    assert stack.skipped == (("floor", "the remaining need is below its minimum ticket"),)
    assert math.isclose(stack.gap_eur, 100_000.0)


@st.composite
def cash_instruments(draw: st.DrawFn, k: int) -> FundingInstrument:
    ticket_min = draw(st.sampled_from([0.0, 5e4, 5e5]))
    return instrument(
        f"I{k}",
        draw(st.sampled_from(["grant", "loan", "equity", "blended"])),
        trl_min=1,
        max_cofinancing_rate=draw(st.floats(0.05, 1.0)),
        ticket_min_eur=ticket_min,
        ticket_max_eur=draw(st.sampled_from([ticket_min + 1e5, 2e6, math.inf])),
        themes=draw(st.frozensets(st.sampled_from(["CE", "SDG7", "SDG12"]))),
    )


@settings(max_examples=150, deadline=None)
@given(
    data=st.data(),
    budget=st.floats(1e4, 5e7),
    own_share=st.sampled_from([0.0, 0.1, 0.5]),
)
def test_a_stack_never_exceeds_cofinancing_caps_tickets_or_the_budget(
    data: st.DataObject, budget: float, own_share: float
) -> None:
    # given
    inst = [data.draw(cash_instruments(k)) for k in range(data.draw(st.integers(1, 8)))]
    p = project(budget, themes=frozenset({"CE"}))
    # when
    stack = propose_stack(
        p, rank_instruments(p, compile_instruments(inst, today=TODAY)), own_share=own_share
    )
    # then
    for item in stack.items:
        limit = item.instrument
        assert item.amount_eur <= budget * limit.max_cofinancing_rate * (1 + 1e-12)
        assert limit.ticket_min_eur <= item.amount_eur <= limit.ticket_max_eur
    assert stack.covered_eur <= budget * (1 - own_share) * (1 + 1e-12)
    total = stack.covered_eur + stack.own_contribution_eur + stack.gap_eur
    assert math.isclose(total, budget, rel_tol=1e-9, abs_tol=0.01)


def test_barriers_come_from_near_misses_and_the_uncovered_gap() -> None:
    # given one instrument failing only on its ticket minimum, one only on TRL
    instruments = [
        instrument("too-big", ticket_min_eur=5e6),
        instrument("too-early", trl_min=1, trl_max=4),
        instrument("abroad", countries=frozenset({"SK"}), ticket_min_eur=5e6),
    ]
    p = project(trl=7)
    matches = rank_instruments(
        p, compile_instruments(instruments, today=TODAY), include_excluded=True
    )
    # when
    barriers = derive_barriers(p, matches, propose_stack(p, matches))
    # then
    by_code = {b.code: b for b in barriers}
    assert by_code["ticket_below_minimum"].instrument_ids == ("too-big",)
    assert by_code["trl_gap"].instrument_ids == ("too-early",)
    assert "no_eligible_instrument" in by_code
    assert "funding_gap_uncovered" in by_code
    assert "no_instrument_for_region" not in by_code


def test_a_region_without_any_instrument_is_a_barrier() -> None:
    instruments = [
        instrument("cz", countries=frozenset({"CZ"})),
        instrument("sk", nuts_prefixes=("SK0",)),
    ]
    p = project()
    matches = rank_instruments(
        p, compile_instruments(instruments, today=TODAY), include_excluded=True
    )
    assert "no_instrument_for_region" in {b.code for b in derive_barriers(p, matches)}


def test_barrier_counts_over_a_batch_agree_with_per_project_barriers() -> None:
    instruments = [
        instrument("too-big", ticket_min_eur=5e6),
        instrument("cz", countries=frozenset({"CZ"})),
    ]
    projects = [project(5e5, id="small"), project(2e7, id="large")]
    compiled = compile_instruments(instruments, today=TODAY)
    counts = barrier_counts(match_projects(projects, compiled))
    assert counts["ticket_below_minimum"] == 1
    assert counts["no_eligible_instrument"] == 1
    assert counts["no_instrument_for_region"] == 0


def test_the_seed_instruments_load_unverified_with_calls_and_regions() -> None:
    # when
    seed = {i.id: i for i in load_seed_instruments()}
    # then
    assert len(seed) >= 40
    assert not any(i.verified for i in seed.values())
    assert seed["HORIZON:grant"].calls
    assert seed["HORIZON:equity"].calls == ()
    assert "PL22" in seed["JTF:grant"].nuts_prefixes
    assert seed["PL-KPO:loan"].countries == frozenset({"PL"})
    assert seed["INVESTEU-PORTAL:advisory"].ticket_min_eur == 500_000.0
    assert math.isinf(seed["INVESTEU-PORTAL:advisory"].ticket_max_eur)


def test_a_silesian_sme_finds_eligible_seed_instruments() -> None:
    compiled = compile_instruments(load_seed_instruments(), today=TODAY)
    p = project(
        3e6,
        org_kind="company",
        org_size="small",
        trl=7,
        stage="investment_ready",
        themes=frozenset({"CE", "SDG12"}),
    )
    ranked = rank_instruments(p, compiled)
    assert ranked
    assert all(
        m.instrument.countries in (frozenset(), frozenset({"PL"})) or "PL" in m.instrument.countries
        for m in ranked
    )
