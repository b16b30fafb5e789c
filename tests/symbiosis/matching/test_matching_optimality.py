"""Randomised instances: candidates equal a brute-force check, allocation equals networkx."""

from __future__ import annotations

import itertools
from collections import defaultdict

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from obieg.symbiosis.matching.allocation import (
    QUANTITY_SCALE,
    VALUE_SCALE,
    Allocation,
    AllocationError,
    Objective,
    allocate,
)
from obieg.symbiosis.matching.candidates import generate_candidates
from obieg.symbiosis.matching.geo import haversine_km
from obieg.symbiosis.matching.reference import is_hazardous
from obieg.symbiosis.matching.savings import ImpactFactors, co2e_avoided_per_tonne
from obieg.symbiosis.matching.streams import Need, Offer

CODES = ["100101", "100102", "170101", "170107", "170106", "150102", "200301", "160601"]
ACCEPTS = ["10", "1001", "17", "1701", "170101", "15", "150102", "170106", "160601", "20"]
tonnes = st.integers(0, 400_000).map(lambda kg: kg / 1000)
lat = st.floats(49.0, 54.8)
lon = st.floats(14.1, 24.1)


@st.composite
def instances(draw: st.DrawFn, max_size: int = 8) -> tuple[list[Offer], list[Need]]:
    n_off = draw(st.integers(1, max_size))
    n_need = draw(st.integers(1, max_size))
    offers = [
        Offer(
            id=f"o{i}",
            quantity=draw(tonnes),
            lat=draw(lat),
            lon=draw(lon),
            ewc_code=draw(st.sampled_from(CODES)),
        )
        for i in range(n_off)
    ]
    needs = [
        Need(
            id=f"n{j}",
            quantity=draw(tonnes),
            lat=draw(lat),
            lon=draw(lon),
            max_distance_km=draw(st.floats(0, 700)),
            accepted_codes=tuple(draw(st.lists(st.sampled_from(ACCEPTS), min_size=1, max_size=3))),
            accepts_hazardous=draw(st.booleans()),
        )
        for j in range(n_need)
    ]
    return offers, needs


def brute_force_pairs(offers: list[Offer], needs: list[Need]) -> dict[tuple[int, int], float]:
    """The feasibility rule written directly, one pair at a time."""
    out = {}
    for i, o in enumerate(offers):
        for j, n in enumerate(needs):
            code = o.ewc_code or ""
            exact = code in n.accepted_codes
            prefix = any(code.startswith(a) for a in n.accepted_codes)
            allowed = exact or (prefix and (not is_hazardous(code) or n.accepts_hazardous))
            km = haversine_km(o.lat, o.lon, n.lat, n.lon)
            if allowed and km <= n.max_distance_km and min(o.quantity, n.quantity) > 0:
                out[(i, j)] = km
    return out


def networkx_optimum(offers: list[Offer], needs: list[Need]) -> tuple[int, int]:
    """Max flow (kg) and its min cost (kg x m) on the same integer scaling, by networkx."""
    graph = nx.DiGraph()
    for i, o in enumerate(offers):
        graph.add_edge("s", ("o", i), capacity=round(o.quantity * QUANTITY_SCALE), weight=0)
    for j, n in enumerate(needs):
        graph.add_edge(("n", j), "t", capacity=round(n.quantity * QUANTITY_SCALE), weight=0)
    for (i, j), km in brute_force_pairs(offers, needs).items():
        graph.add_edge(("o", i), ("n", j), weight=round(km * VALUE_SCALE))
    flow = nx.max_flow_min_cost(graph, "s", "t")
    return sum(flow["s"].values()), nx.cost_of_flow(graph, flow)


def assert_limits_hold(allocation: Allocation, offers: list[Offer], needs: list[Need]) -> None:
    sent: dict[str, float] = defaultdict(float)
    received: dict[str, float] = defaultdict(float)
    by_id = {n.id: n for n in needs}
    for f in allocation.flows:
        sent[f.offer_id] += f.quantity
        received[f.need_id] += f.quantity
        assert f.quantity > 0
        assert f.distance_km <= by_id[f.need_id].max_distance_km
    tolerance = 0.5 / QUANTITY_SCALE  # quantities are rounded to the nearest kilogram
    for o in offers:
        assert sent[o.id] <= o.quantity + tolerance
    for n in needs:
        assert received[n.id] <= n.quantity + tolerance


@settings(max_examples=150, deadline=None)
@given(instances())
def test_candidates_equal_the_brute_force_feasible_pairs(
    instance: tuple[list[Offer], list[Need]],
) -> None:
    offers, needs = instance
    cs = generate_candidates(offers, needs, use_text=False)
    found = {
        (int(i), int(j)): float(km)
        for i, j, km in zip(cs.offer_idx, cs.need_idx, cs.distance_km, strict=True)
    }
    expected = brute_force_pairs(offers, needs)
    assert found.keys() == expected.keys()
    for key, km in expected.items():
        assert found[key] == pytest.approx(km, abs=1e-6)


@settings(max_examples=150, deadline=None)
@given(instances())
def test_tkm_allocation_equals_networkx_max_flow_min_cost(
    instance: tuple[list[Offer], list[Need]],
) -> None:
    offers, needs = instance
    allocation = allocate(
        generate_candidates(offers, needs, use_text=False), objective=Objective.TKM
    )
    flow_kg, cost = networkx_optimum(offers, needs)
    assert round(allocation.total_quantity * QUANTITY_SCALE) == flow_kg
    # Distances are rounded to the metre for the solver; tkm differs by at most 0.5 m per tonne.
    assert allocation.total_tkm == pytest.approx(
        cost / (QUANTITY_SCALE * VALUE_SCALE), abs=1e-3 + 5e-4 * allocation.total_quantity
    )
    assert_limits_hold(allocation, offers, needs)


@settings(max_examples=60, deadline=None)
@given(instances(max_size=6))
def test_co2_allocation_only_moves_tonnes_that_avoid_emissions(
    instance: tuple[list[Offer], list[Need]],
) -> None:
    offers, needs = instance
    factors = ImpactFactors.default()
    allocation = allocate(
        generate_candidates(offers, needs, use_text=False), objective=Objective.CO2
    )
    codes = {o.id: o.ewc_code for o in offers}
    assert_limits_hold(allocation, offers, needs)
    for f in allocation.flows:
        assert co2e_avoided_per_tonne(codes[f.offer_id], f.distance_km, factors) >= -1e-3


@settings(max_examples=40, deadline=None)
@given(instances(max_size=5), st.floats(0.001, 200))
def test_minimum_lots_are_all_or_at_least_the_lot(
    instance: tuple[list[Offer], list[Need]], lot: float
) -> None:
    offers, needs = instance
    needs = [
        Need(
            id=n.id,
            quantity=n.quantity,
            lat=n.lat,
            lon=n.lon,
            max_distance_km=n.max_distance_km,
            accepted_codes=n.accepted_codes,
            accepts_hazardous=n.accepts_hazardous,
            min_lot=lot,
        )
        for n in needs
    ]
    allocation = allocate(
        generate_candidates(offers, needs, use_text=False), objective=Objective.TKM
    )
    assert allocation.solver == "ortools.min_cost_flow+branch_and_bound" or not allocation.flows
    assert_limits_hold(allocation, offers, needs)
    for f in allocation.flows:
        assert f.quantity >= lot - 1e-3


def test_cp_sat_agrees_with_min_cost_flow_when_the_lots_do_not_bind() -> None:
    offers = [
        Offer(id="a", quantity=30, lat=52.2, lon=21.0, ewc_code="170101"),
        Offer(id="b", quantity=20, lat=52.3, lon=21.2, ewc_code="170101"),
    ]
    needs = [
        Need(id="x", quantity=25, lat=52.25, lon=21.1, max_distance_km=50, accepted_codes=("17",)),
        Need(id="y", quantity=40, lat=52.0, lon=20.9, max_distance_km=50, accepted_codes=("1701",)),
    ]
    plain = allocate(generate_candidates(offers, needs))
    with_lot = [
        Need(
            id=n.id,
            quantity=n.quantity,
            lat=n.lat,
            lon=n.lon,
            max_distance_km=50,
            accepted_codes=n.accepted_codes,
            min_lot=0.001,
        )
        for n in needs
    ]
    lotted = allocate(generate_candidates(offers, with_lot))
    assert lotted.solver == "ortools.min_cost_flow+branch_and_bound"
    assert lotted.total_quantity == pytest.approx(plain.total_quantity)
    assert lotted.total_tkm == pytest.approx(plain.total_tkm, rel=1e-6)


def test_it_refuses_an_instance_that_would_overflow_integer_costs() -> None:
    offers = [Offer(id="a", quantity=1e10, lat=49.0, lon=14.2, ewc_code="170101")]
    needs = [
        Need(
            id="x", quantity=1e10, lat=54.7, lon=24.0, max_distance_km=2000, accepted_codes=("17",)
        )
    ]
    with pytest.raises(AllocationError, match="64-bit"):
        allocate(generate_candidates(offers, needs))


@st.composite
def tiny_lotted_instances(draw: st.DrawFn) -> tuple[list[Offer], list[Need]]:
    whole = st.integers(0, 3).map(float)
    offers = [
        Offer(id=f"o{i}", quantity=draw(whole), lat=draw(lat), lon=draw(lon), ewc_code="170101")
        for i in range(draw(st.integers(1, 2)))
    ]
    needs = [
        Need(
            id=f"n{j}",
            quantity=draw(whole),
            lat=draw(lat),
            lon=draw(lon),
            max_distance_km=1000,
            accepted_codes=("17",),
            min_lot=draw(whole),
        )
        for j in range(draw(st.integers(1, 3)))
    ]
    return offers, needs


def brute_force_lots(offers: list[Offer], needs: list[Need]) -> tuple[float, float]:
    """Most tonnes, then fewest tkm, over every whole-tonne allocation (lots are whole)."""
    keys = [(i, j) for i in range(len(offers)) for j in range(len(needs))]
    best = (0.0, 0.0)
    for amounts in itertools.product(range(4), repeat=len(keys)):
        sent, got, tkm = [0.0] * len(offers), [0.0] * len(needs), 0.0
        for (i, j), q in zip(keys, amounts, strict=True):
            if q and q < needs[j].min_lot:
                break
            sent[i] += q
            got[j] += q
            tkm += q * haversine_km(offers[i].lat, offers[i].lon, needs[j].lat, needs[j].lon)
        else:
            fits = all(s <= o.quantity for s, o in zip(sent, offers, strict=True))
            if fits and all(g <= n.quantity for g, n in zip(got, needs, strict=True)):
                total = sum(sent)
                if total > best[0] or (total == best[0] and tkm < best[1]):
                    best = (total, tkm)
    return best


@settings(max_examples=40, deadline=None)
@given(tiny_lotted_instances())
def test_the_lot_mip_finds_the_brute_force_optimum(
    instance: tuple[list[Offer], list[Need]],
) -> None:
    offers, needs = instance
    allocation = allocate(generate_candidates(offers, needs, use_text=False))
    tonnes, tkm = brute_force_lots(offers, needs)
    assert allocation.total_quantity == pytest.approx(tonnes, abs=1e-6)
    assert allocation.total_tkm == pytest.approx(tkm, rel=1e-6, abs=1e-2)
    assert allocation.status == "OPTIMAL" or not allocation.flows
