"""Scale benchmark of the symbiosis matching core: candidate generation and optimal allocation.

Generates (fixed seed) a national instance of 10,000 offers x 10,000 needs spread over
Poland around its industrial towns, and a regional instance of 1,500 listings in Silesia,
then prints wall times and the process's peak resident memory.

    .venv/bin/python bench/symbiosis_scale.py            # both instances
    .venv/bin/python bench/symbiosis_scale.py --only regional

Targets (issue 6): national < 30 s and < 2 GB; regional < 2 s.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from obieg.symbiosis.matching.allocation import Objective, allocate
from obieg.symbiosis.matching.candidates import generate_candidates
from obieg.symbiosis.matching.reference import waste_code
from obieg.symbiosis.matching.streams import Need, Offer

# (name, lat, lon, weight): industrial centres; weight ~ relative share of listings.
CENTRES = [
    ("Katowice", 50.26, 19.02, 10),
    ("Warszawa", 52.23, 21.01, 9),
    ("Krakow", 50.06, 19.94, 6),
    ("Lodz", 51.76, 19.46, 5),
    ("Wroclaw", 51.11, 17.03, 6),
    ("Poznan", 52.41, 16.93, 6),
    ("Gdansk", 54.35, 18.65, 5),
    ("Szczecin", 53.43, 14.55, 3),
    ("Bydgoszcz", 53.12, 18.01, 3),
    ("Lublin", 51.25, 22.57, 3),
    ("Bialystok", 53.13, 23.16, 2),
    ("Rzeszow", 50.04, 21.99, 3),
    ("Kielce", 50.87, 20.63, 2),
    ("Olsztyn", 53.78, 20.49, 2),
    ("Opole", 50.67, 17.93, 2),
    ("Plock", 52.55, 19.70, 2),
    ("Legnica", 51.21, 16.16, 2),
    ("Czestochowa", 50.81, 19.12, 2),
]
# Frequent industrial by-products and wastes in Polish registers, with relative frequency.
CODES = {
    "100101": 6, "100102": 8, "100105": 3, "100115": 3, "100202": 3, "100210": 2,
    "100903": 2, "101003": 1, "101112": 2, "101208": 2, "101314": 2,
    "170101": 8, "170102": 4, "170107": 6, "170302": 3, "170405": 5, "170504": 8,
    "170604": 2, "170802": 2, "170904": 6, "170106": 1, "170503": 1,
    "150101": 7, "150102": 7, "150103": 5, "150104": 3, "150106": 5, "150107": 3,
    "120101": 4, "120102": 3, "120103": 2, "120105": 2, "130205": 1, "130208": 1,
    "160103": 3, "160117": 2, "160601": 1, "020304": 4, "020380": 2, "020204": 2,
    "020502": 2, "020702": 2, "020106": 2, "030105": 5, "030104": 1, "030307": 2,
    "040222": 2, "070213": 2, "191212": 6, "191210": 3, "191202": 2, "191204": 2,
    "190805": 3, "190814": 1, "200108": 3, "200201": 3, "200301": 4, "200138": 1,
}  # fmt: skip
REGION_SILESIA = ("Katowice", 50.26, 19.02)


@dataclass(frozen=True)
class Instance:
    """A generated benchmark instance."""

    name: str
    offers: list[Offer]
    needs: list[Need]


def _points(
    rng: np.random.Generator,
    n: int,
    centres: Sequence[tuple[str, float, float, int]],
    spread_km: float,
) -> np.ndarray:
    weights = np.array([c[3] for c in centres], dtype=float)
    picks = rng.choice(len(centres), size=n, p=weights / weights.sum())
    lat = np.array([centres[i][1] for i in picks]) + rng.normal(0, spread_km / 111.0, n)
    lon = np.array([centres[i][2] for i in picks]) + rng.normal(0, spread_km / 70.0, n)
    return np.column_stack([np.clip(lat, 49.0, 54.8), np.clip(lon, 14.1, 24.1)])


def _accepted(rng: np.random.Generator, code: str) -> str:
    level = rng.choice([6, 4, 2], p=[0.55, 0.35, 0.10])
    return code[:level]


def generate(
    name: str,
    n_offers: int,
    n_needs: int,
    seed: int,
    centres: Sequence[tuple[str, float, float, int]],
    spread_km: float,
) -> Instance:
    """Draw offers and needs with realistic codes, lognormal quantities and distance limits."""
    rng = np.random.default_rng(seed)
    codes = list(CODES)
    p = np.array(list(CODES.values()), dtype=float)
    p /= p.sum()
    where = _points(rng, n_offers + n_needs, centres, spread_km)
    offer_codes = rng.choice(codes, size=n_offers, p=p)
    offers = [
        Offer(
            id=f"o{i}",
            ewc_code=str(c),
            # A site suffix keeps every description distinct, as on a real platform.
            description=f"{waste_code(str(c)).pl}, zakład {rng.integers(1, 10**6)}",
            quantity=float(np.round(rng.lognormal(np.log(150), 1.2), 3)),
            lat=float(where[i, 0]),
            lon=float(where[i, 1]),
        )
        for i, c in enumerate(offer_codes)
    ]
    needs = []
    for j in range(n_needs):
        wanted = rng.choice(codes, size=rng.integers(1, 4), p=p)
        accepted = tuple(sorted({_accepted(rng, str(c)) for c in wanted}))
        lat, lon = where[n_offers + j]
        needs.append(
            Need(
                id=f"n{j}",
                accepted_codes=accepted,
                description=f"{waste_code(str(wanted[0])).en}, plant {j}",
                quantity=float(np.round(rng.lognormal(np.log(300), 1.0), 3)),
                lat=float(lat),
                lon=float(lon),
                max_distance_km=float(np.clip(rng.lognormal(np.log(80), 0.5), 10, 300)),
                accepts_hazardous=bool(rng.random() < 0.1),
            )
        )
    return Instance(name, offers, needs)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def with_lots(instance: Instance, seed: int) -> Instance:
    """Give a quarter of the needs a minimum lot of 20 or 50 t (one truck or more)."""
    rng = np.random.default_rng(seed)
    lots = rng.choice([0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 20.0, 50.0], size=len(instance.needs))
    needs = [replace(n, min_lot=float(lot)) for n, lot in zip(instance.needs, lots, strict=True)]
    return Instance(f"{instance.name} with minimum lots", instance.offers, needs)


def run(instance: Instance, objectives: Sequence[Objective]) -> None:
    """Time candidate generation and each objective's optimisation; print one block."""
    t0 = time.perf_counter()
    cs = generate_candidates(instance.offers, instance.needs)
    t_candidates = time.perf_counter() - t0
    print(f"== {instance.name}: {len(instance.offers)} offers x {len(instance.needs)} needs")
    print(
        f"candidate generation   {t_candidates:7.2f} s  ({len(cs):,} feasible pairs, text scored)"
    )
    total = t_candidates
    for objective in objectives:
        t1 = time.perf_counter()
        allocation = allocate(cs, objective=objective)
        elapsed = time.perf_counter() - t1
        total += elapsed if objective is Objective.TKM else 0.0
        print(
            f"optimise {objective.value:<4}          {elapsed:7.2f} s  "
            f"({allocation.total_quantity:,.1f} t in {len(allocation.flows):,} flows, "
            f"{allocation.total_tkm:,.0f} tkm, {allocation.solver} {allocation.status})"
        )
    print(f"candidates + tkm total {total:7.2f} s; peak RSS so far {_peak_mb():,.0f} MB")


def main(argv: list[str] | None = None) -> int:
    """Generate and run the regional and national instances."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--only", choices=["regional", "national"])
    parser.add_argument(
        "--lots", action="store_true", help="also run the regional instance with minimum lots"
    )
    parser.add_argument("--objectives", default="tkm,co2", help="comma-separated: tkm,cost,co2")
    args = parser.parse_args(argv)
    objectives = [Objective(o) for o in args.objectives.split(",") if o]
    # Regional first: ru_maxrss only grows, so its peak is not masked by the national run.
    if args.only in (None, "regional"):
        silesia = [(REGION_SILESIA[0], REGION_SILESIA[1], REGION_SILESIA[2], 1)]
        regional = generate("regional (Silesia)", 750, 750, args.seed, silesia, 35.0)
        run(regional, objectives)
        if args.lots:
            run(with_lots(regional, args.seed), [Objective.TKM])
    if args.only in (None, "national"):
        run(generate("national (Poland)", 10_000, 10_000, args.seed + 1, CENTRES, 40.0), objectives)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
