from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from obieg.symbiosis import choices
from obieg.symbiosis.services import matching_run_now, matching_run_start


class Command(BaseCommand):
    help = (
        "Match all open resource streams now and store the matches (recorded as a run); "
        "--queue hands the run to `obieg worker` instead."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--objective",
            choices=choices.Objective.values,
            default=choices.Objective.TKM,
            help="what the allocation optimises",
        )
        parser.add_argument("--queue", action="store_true", help="enqueue for the worker")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["queue"]:
            queued = matching_run_start(user=None, objective=options["objective"])
            self.stdout.write(f"queued matching run {queued.pk} (run record {queued.run_id})")
            return
        done = matching_run_now(objective=options["objective"], echo=self.stdout.write)
        self.stdout.write(
            f"matching run {done.pk}: {done.offers_count} offers, {done.needs_count} needs, "
            f"{done.candidates_count} pairs, {done.matches_count} matches; optimal plan "
            f"{done.allocated_t:.1f} t/year, {done.co2e_avoided_t:.1f} t CO2e avoided, "
            f"{done.money_saved_eur:.0f} EUR saved"
        )
