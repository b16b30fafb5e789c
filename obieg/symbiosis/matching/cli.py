"""`obieg symbiosis optimise|suggest`: the matching engine from the command line (no Django)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from obieg.symbiosis.matching.allocation import Allocation, Objective, allocate
from obieg.symbiosis.matching.candidates import generate_candidates
from obieg.symbiosis.matching.csv_io import (
    CsvFormatError,
    read_needs_csv,
    read_offers_csv,
    write_matches_csv,
)
from obieg.symbiosis.matching.reference import UnknownCodeError
from obieg.symbiosis.matching.savings import FlowInput, estimate_savings
from obieg.symbiosis.matching.streams import Offer
from obieg.symbiosis.matching.suggestions import suggest_receivers

EXIT_USAGE = 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="obieg symbiosis", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    opt = sub.add_parser("optimise", help="allocate offers to needs optimally")
    opt.add_argument("--offers", type=Path, required=True, help="OFFERS.csv")
    opt.add_argument("--needs", type=Path, required=True, help="NEEDS.csv")
    opt.add_argument("--out", type=Path, required=True, help="MATCHES.csv to write")
    opt.add_argument("--objective", choices=[o.value for o in Objective], default="tkm")
    sug = sub.add_parser("suggest", help="rank NACE divisions likely to take a waste")
    sug.add_argument("--ewc", required=True, help="6-digit waste code, e.g. 10 01 02")
    sug.add_argument("--text", default="", help="free-text description (any language)")
    sug.add_argument("--top", type=int, default=5, help="how many divisions to print")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a subcommand; argv starts with 'optimise' or 'suggest'."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "optimise":
            return _optimise(args.offers, args.needs, args.out, Objective(args.objective))
        return _suggest(args.ewc, args.text, args.top)
    except (CsvFormatError, UnknownCodeError, OSError) as exc:
        message = exc.args[0] if isinstance(exc, UnknownCodeError) else str(exc)
        print(f"error: {message}", file=sys.stderr)
        return EXIT_USAGE


def _optimise(offers_path: Path, needs_path: Path, out: Path, objective: Objective) -> int:
    started = time.perf_counter()
    offers = read_offers_csv(offers_path)
    needs = read_needs_csv(needs_path)
    # Descriptions only refine the ranking score, never feasibility, so skip them here.
    candidates = generate_candidates(offers, needs, use_text=False)
    allocation = allocate(candidates, objective=objective)
    write_matches_csv(out, allocation)
    elapsed = time.perf_counter() - started
    print(
        f"matched {allocation.total_quantity:.3f} t in {len(allocation.flows)} flows, "
        f"total {allocation.total_tkm:.1f} tkm; {len(offers)} offers, {len(needs)} needs, "
        f"{len(candidates)} candidate pairs; objective {objective.value}, "
        f"{allocation.solver} {allocation.status}; {elapsed:.2f} s"
    )
    if objective is not Objective.TKM:
        _print_savings(allocation, offers)
    return 0


def _print_savings(allocation: Allocation, offers: Sequence[Offer]) -> None:
    codes = {o.id: o.ewc_code for o in offers}
    flows = [
        FlowInput(f.offer_id, f.need_id, codes[f.offer_id], f.quantity, f.distance_km)
        for f in allocation.flows
    ]
    report = estimate_savings(flows)
    print(
        "savings (default factors, DEFRA/DESNZ 2024): "
        f"{report.tonnes_diverted_from_landfill:.1f} t diverted from landfill, "
        f"{report.co2e_avoided_t:.1f} t CO2e avoided, "
        f"{report.money_saved:.0f} {report.currency} saved"
    )


def _suggest(code: str, text: str, top: int) -> int:
    suggestions = suggest_receivers(code, text=text, top=top)
    if not suggestions:
        print(f"no receiving industry known for {code}")
    for rank, s in enumerate(suggestions, start=1):
        print(f"{rank}. NACE {s.nace}  score {s.score:.2f}  {s.title}")
        for e in s.evidence:
            print(f"     - {e.source} ({e.weight:.2f}): {e.detail}")
    return 0
