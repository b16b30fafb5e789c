"""Eligibility rules, fit scores and rankings of funding instruments."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obieg.pipeline.funding_rules import (
    FIT_WEIGHTS,
    RULES,
    STAGES,
    Call,
    FundingInstrument,
    FundingProject,
    compile_instruments,
    match_projects,
    rank_instruments,
)

TODAY = date(2026, 11, 27)


def instrument(**overrides: object) -> FundingInstrument:
    base: dict[str, object] = {
        "id": "I",
        "programme": "Programme",
        "managing_body": "Body",
        "instrument_type": "grant",
    }
    return FundingInstrument(**(base | overrides))  # type: ignore[arg-type]


def project(**overrides: object) -> FundingProject:
    base: dict[str, object] = {
        "id": "P",
        "country": "PL",
        "nuts": "PL22A",
        "budget_eur": 1_000_000.0,
        "org_kind": "company",
        "org_size": "small",
        "trl": 7,
        "stage": "investment_ready",
    }
    return FundingProject(**(base | overrides))  # type: ignore[arg-type]


def failed_codes(p: FundingProject, i: FundingInstrument) -> list[str]:
    (match,) = rank_instruments(p, compile_instruments([i], today=TODAY), include_excluded=True)
    return [f.code for f in match.failures]


def test_an_unrestricted_instrument_accepts_a_project() -> None:
    assert failed_codes(project(), instrument()) == []


def test_it_names_the_country_rule() -> None:
    assert failed_codes(project(country="HU"), instrument(countries=frozenset({"PL"}))) == [
        "country_not_eligible"
    ]


def test_region_rule_matches_nuts_prefixes() -> None:
    silesia = instrument(nuts_prefixes=("PL22",))
    assert failed_codes(project(nuts="PL22A"), silesia) == []
    assert failed_codes(project(nuts="PL21"), silesia) == ["region_not_eligible"]
    assert failed_codes(project(nuts=""), silesia) == ["region_not_eligible"]


def test_it_names_organisation_kind_and_size_rules() -> None:
    smes = instrument(org_kinds=frozenset({"company"}), org_sizes=frozenset({"small", "medium"}))
    assert failed_codes(project(org_kind="municipality", org_size=""), smes) == [
        "org_kind_not_eligible",
        "org_size_not_eligible",
    ]


def test_trl_rule_is_inclusive_at_both_ends() -> None:
    window = instrument(trl_min=5, trl_max=7)
    assert failed_codes(project(trl=5), window) == []
    assert failed_codes(project(trl=7), window) == []
    assert failed_codes(project(trl=8), window) == ["trl_out_of_range"]


def test_ticket_minimum_applies_to_budget_times_cofinancing_cap() -> None:
    # 60 % of 4 M = 2.4 M < 2.5 M minimum
    large = instrument(ticket_min_eur=2_500_000.0, max_cofinancing_rate=0.6)
    assert failed_codes(project(budget_eur=4_000_000.0), large) == ["ticket_below_minimum"]
    assert failed_codes(project(budget_eur=5_000_000.0), large) == []


def test_it_names_a_cofinancing_cap_below_the_promoters_need() -> None:
    half = instrument(max_cofinancing_rate=0.5)
    assert failed_codes(project(needed_cofinancing_rate=0.8), half) == ["cofinancing_too_low"]


def test_deadline_rule_uses_the_latest_call_and_spares_rolling_instruments() -> None:
    closed = instrument(calls=(Call("C-1", "Old call", (date(2026, 9, 1),)),))
    open_ = instrument(calls=(Call("C-2", "New call", (date(2026, 9, 1), date(2027, 3, 1))),))
    assert failed_codes(project(), closed) == ["deadline_passed"]
    assert failed_codes(project(), open_) == []
    assert failed_codes(project(), instrument(calls=())) == []


def test_every_failure_carries_a_readable_reason() -> None:
    strict = instrument(
        countries=frozenset({"CZ"}), trl_min=1, trl_max=3, ticket_min_eur=5e6, programme="OP TAK"
    )
    (match,) = rank_instruments(
        project(), compile_instruments([strict], today=TODAY), include_excluded=True
    )
    reasons = {f.code: f.reason for f in match.failures}
    assert reasons["country_not_eligible"] == "OP TAK is open to CZ, not PL"
    assert reasons["trl_out_of_range"] == "TRL 7 is outside the instrument's range 1-3"
    assert "below the minimum ticket of EUR 5,000,000" in reasons["ticket_below_minimum"]


def test_fit_rewards_shared_themes_and_explains_each_component() -> None:
    # given two instruments that differ only in themes
    circular = instrument(id="A", themes=frozenset({"SDG12", "CE"}))
    energy = instrument(id="B", themes=frozenset({"SDG7"}))
    p = project(themes=frozenset({"SDG12"}), r_strategy="R8")
    # when
    ranked = rank_instruments(p, compile_instruments([energy, circular], today=TODAY))
    # then
    assert [m.instrument.id for m in ranked] == ["A", "B"]
    themes = ranked[0].fit.components[0]
    assert (themes.name, themes.score) == ("themes", 0.5)  # 1 of {SDG12, R8}
    assert themes.explanation == "shares 1 of the project's 2 themes: SDG12"
    total = sum(c.weight * c.score for c in ranked[0].fit.components)
    assert math.isclose(ranked[0].fit.total, total)
    assert [c.name for c in ranked[0].fit.components] == list(FIT_WEIGHTS)


def test_fit_prefers_a_deadline_months_away_over_one_days_away() -> None:
    soon = instrument(id="soon", calls=(Call("S", "Soon", (date(2026, 12, 1),)),))
    later = instrument(id="later", calls=(Call("L", "Later", (date(2027, 3, 1),)),))
    ranked = rank_instruments(project(), compile_instruments([soon, later], today=TODAY))
    assert [m.instrument.id for m in ranked] == ["later", "soon"]
    assert ranked[1].fit.components[-1].explanation == "next deadline in 4 days"


def test_ranking_lists_eligible_instruments_before_excluded_ones() -> None:
    instruments = [instrument(id="no", countries=frozenset({"SK"})), instrument(id="yes")]
    ranked = rank_instruments(
        project(), compile_instruments(instruments, today=TODAY), include_excluded=True
    )
    assert [(m.instrument.id, m.eligible) for m in ranked] == [("yes", True), ("no", False)]


def test_eligible_projects_per_instrument_are_ordered_by_fit() -> None:
    inst = instrument(themes=frozenset({"CE"}), countries=frozenset({"PL", "CZ"}))
    projects = [
        project(id="off-theme"),
        project(id="abroad", country="HU"),
        project(id="on-theme", themes=frozenset({"CE"})),
    ]
    matrix = match_projects(projects, compile_instruments([inst], today=TODAY))
    assert [p.id for p, _ in matrix.eligible_projects(0)] == ["on-theme", "off-theme"]


# --- the vectorised rules agree with a plain reading of each rule ---------------------------

countries = st.sampled_from(["PL", "CZ", "SK", "HU", "DE"])
kinds = st.sampled_from(["company", "research", "municipality", "ngo"])
sizes = st.sampled_from(["micro", "small", "medium", "large", ""])
nuts = st.sampled_from(["PL22A", "PL21", "CZ080", "CZ041", "SK042", "HU311", "DE1", ""])
themes = st.frozensets(st.sampled_from(["SDG7", "SDG9", "SDG12", "CE", "R3", "GD-ENERGY"]))


@st.composite
def instruments(draw: st.DrawFn, k: int) -> FundingInstrument:
    lo = draw(st.integers(1, 9))
    ticket_min = draw(st.sampled_from([0.0, 1e5, 1e6, 5e6]))
    deadline = draw(st.sampled_from([None, date(2026, 6, 1), date(2027, 6, 1)]))
    return FundingInstrument(
        id=f"I{k}",
        programme=f"Programme {k}",
        managing_body="Body",
        instrument_type=draw(st.sampled_from(["grant", "loan", "equity", "blended", "advisory"])),
        countries=draw(st.frozensets(countries, max_size=2)),
        nuts_prefixes=tuple(
            draw(st.lists(st.sampled_from(["PL22", "CZ08", "SK0", "HU3"]), max_size=2))
        ),
        org_kinds=draw(st.frozensets(kinds, max_size=2)),
        org_sizes=draw(st.frozensets(st.sampled_from(["micro", "small", "medium"]), max_size=2)),
        trl_min=lo,
        trl_max=draw(st.integers(lo, 9)),
        ticket_min_eur=ticket_min,
        ticket_max_eur=draw(st.sampled_from([ticket_min + 5e5, 2e7, math.inf])),
        max_cofinancing_rate=draw(st.sampled_from([0.3, 0.5, 0.85, 1.0])),
        themes=draw(themes),
        stages=draw(st.frozensets(st.sampled_from(STAGES), max_size=3)),
        calls=() if deadline is None else (Call(f"C{k}", "Call", (deadline,)),),
    )


@st.composite
def projects(draw: st.DrawFn, k: int) -> FundingProject:
    return FundingProject(
        id=f"P{k}",
        country=draw(countries),
        nuts=draw(nuts),
        budget_eur=draw(st.sampled_from([0.0, 2e5, 1.5e6, 8e6, 4e7])),
        org_kind=draw(kinds),
        org_size=draw(sizes),
        trl=draw(st.integers(1, 9)),
        stage=draw(st.sampled_from(STAGES)),
        themes=draw(themes),
        needed_cofinancing_rate=draw(st.sampled_from([0.0, 0.4, 0.9])),
    )


def expected_codes(p: FundingProject, i: FundingInstrument) -> list[str]:
    checks = {
        "country_not_eligible": not i.countries or p.country in i.countries,
        "region_not_eligible": not i.nuts_prefixes
        or any(p.nuts.startswith(x) for x in i.nuts_prefixes),
        "org_kind_not_eligible": not i.org_kinds or p.org_kind in i.org_kinds,
        "org_size_not_eligible": not i.org_sizes or p.org_size in i.org_sizes,
        "trl_out_of_range": i.trl_min <= p.trl <= i.trl_max,
        "ticket_below_minimum": p.budget_eur * i.max_cofinancing_rate >= i.ticket_min_eur,
        "cofinancing_too_low": i.max_cofinancing_rate >= p.needed_cofinancing_rate,
        "deadline_passed": not i.calls or i.next_deadline(TODAY) is not None,
    }
    return [code for code in RULES if not checks[code]]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_every_excluded_instrument_names_exactly_the_rules_it_breaks(data: st.DataObject) -> None:
    # given random instruments and projects
    inst = [data.draw(instruments(k)) for k in range(data.draw(st.integers(1, 8)))]
    proj = [data.draw(projects(k)) for k in range(data.draw(st.integers(1, 8)))]
    # when
    matrix = match_projects(proj, compile_instruments(inst, today=TODAY))
    # then
    for a, p in enumerate(proj):
        for b, i in enumerate(inst):
            match = matrix.match(a, b)
            assert [f.code for f in match.failures] == expected_codes(p, i)
            assert match.eligible == (not expected_codes(p, i))
            assert all(f.reason for f in match.failures)
            assert 0.0 <= match.fit.total <= 1.0
            assert math.isclose(match.fit.total, matrix.fit[a, b])


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_top_instruments_agree_with_the_ranking(data: st.DataObject) -> None:
    inst = [data.draw(instruments(k)) for k in range(6)]
    proj = [data.draw(projects(k)) for k in range(4)]
    matrix = match_projects(proj, compile_instruments(inst, today=TODAY))
    top = matrix.top_instruments(3)
    for a in range(len(proj)):
        ranked = matrix.ranking(a)
        fits = [matrix.fit[a, i] for i in top[a] if i >= 0]
        assert fits == sorted(fits, reverse=True)
        assert np.allclose(fits, [m.fit.total for m in ranked][: len(fits)])
        assert len(fits) == min(3, len(ranked))


def test_matching_handles_no_instruments_and_no_projects() -> None:
    # given
    empty = compile_instruments([], today=TODAY)
    seeded = compile_instruments([instrument()], today=TODAY)
    # when
    no_instruments = match_projects([project()], empty)
    no_projects = match_projects([], seeded)
    # then
    assert no_instruments.ranking(0) == []
    assert no_instruments.top_instruments(5).shape == (1, 0)
    assert no_projects.eligible_projects(0) == []
    assert no_projects.top_instruments(5).shape == (0, 1)


def test_top_instruments_pads_with_minus_one_when_few_are_eligible() -> None:
    instruments = [instrument(id="a"), instrument(id="b", countries=frozenset({"SK"}))]
    matrix = match_projects([project()], compile_instruments(instruments, today=TODAY))
    assert matrix.top_instruments(2).tolist() == [[0, -1]]


def test_it_rejects_impossible_instruments_and_projects() -> None:
    with pytest.raises(ValueError, match="TRL range"):
        instrument(trl_min=8, trl_max=3)
    with pytest.raises(ValueError, match="co-financing rate"):
        instrument(max_cofinancing_rate=1.5)
    with pytest.raises(ValueError, match="unknown stage"):
        project(stage="dreaming")
    with pytest.raises(ValueError, match="budget"):
        project(budget_eur=-1.0)
