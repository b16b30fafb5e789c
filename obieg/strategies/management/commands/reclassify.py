"""`obieg reclassify`: label stored passages again after the classifier's model changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from obieg.strategies import classification, ingestion, services
from obieg.strategies.models import Strategy


class Command(BaseCommand):
    help = (
        "Re-classify strategies labelled by another model version (all of them with --all). "
        "Reviewer corrections are kept and keep overriding the model."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="every ready strategy")
        parser.add_argument(
            "--background", action="store_true", help="queue the work for `obieg worker`"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        current = f"{classification.model_name()} {classification.model_version()}"
        queryset = (
            Strategy.objects.filter(processing_status="ready")
            if options["all"]
            else services.outdated_strategies(include_queued=not options["background"])
        )
        for strategy in queryset:
            if options["background"]:
                services.strategy_queue_reclassify(strategy=strategy, user=None)
                self.stdout.write(f"queued {strategy.slug} for {current}")
            else:
                ingestion.strategy_reclassify(strategy=strategy)
                self.stdout.write(f"re-classified {strategy.slug} with {current}")
