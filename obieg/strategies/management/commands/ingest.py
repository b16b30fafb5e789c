"""`obieg ingest PATH... [--country PL --territory "Kraków" --kind smart-city --title "..."]`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from obieg.core.errors import ApplicationError
from obieg.strategies import choices, services
from obieg.strategies.models import Strategy


class Command(BaseCommand):
    help = (
        "Add strategy documents (PDF, DOCX, HTML, TXT, MD) to the portal and classify them. "
        "Each file becomes one strategy."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files to ingest")
        parser.add_argument("--title", default="", help="title (when one file is given)")
        parser.add_argument(
            "--kind",
            default="other",
            help="smart-city, regional-development, "
            "climate-energy, circular-economy, mobility or other",
        )
        parser.add_argument("--country", default=None, help="ISO code, e.g. PL")
        parser.add_argument("--region", default=None, help="NUTS 2024 code, e.g. PL21")
        parser.add_argument("--territory", default="", help='territory name, e.g. "Kraków"')
        parser.add_argument(
            "--level",
            default=choices.TerritoryLevel.MUNICIPALITY,
            choices=choices.TerritoryLevel.values,
            help="territory level",
        )
        parser.add_argument("--period", default="", help="years covered, e.g. 2021-2030")
        parser.add_argument("--adopted-on", default=None, help="adoption date, YYYY-MM-DD")
        parser.add_argument("--source-url", default="", help="where the document is published")
        parser.add_argument(
            "--sample",
            action="store_true",
            help="mark as a sample written for a demo, not a real document",
        )
        parser.add_argument(
            "--unpublished", action="store_true", help="keep it hidden from visitors"
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help="queue processing for `obieg worker` instead of doing it now",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        documents = [self._read(path) for path in options["paths"]]
        try:
            strategies = services.strategy_upload(
                documents=documents,
                user=None,
                synchronous=not options["background"],
                **self._metadata(options),
            )
        except ApplicationError as exc:
            raise CommandError(str(exc.message)) from exc
        failed = 0
        for strategy in strategies:
            strategy.refresh_from_db()
            failed += self._report(strategy, background=options["background"])
        if failed:
            raise CommandError(f"{failed} of {len(strategies)} documents failed")
        if any(s.last_run and s.last_run.kind == "strategies.reclassify" for s in strategies):
            self.stdout.write(
                "Quick labels are stored; the encoder's better labels are queued for "
                "`obieg worker` (or run `obieg reclassify` now)."
            )

    def _read(self, path: Path) -> services.UploadedDocument:
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        return services.UploadedDocument(name=path.name, data=path.read_bytes())

    def _metadata(self, options: dict[str, Any]) -> dict[str, Any]:
        start, _, end = options["period"].partition("-")
        return {
            "title": options["title"],
            "kind": options["kind"],
            "country": options["country"],
            "region": options["region"],
            "territory_name": options["territory"],
            "territory_level": options["level"],
            "source_url": options["source_url"],
            "adopted_on": services.adopted_on_from(options["adopted_on"]),
            "period_start": int(start) if start.strip().isdigit() else None,
            "period_end": int(end) if end.strip().isdigit() else None,
            "is_sample": options["sample"],
            "is_published": not options["unpublished"],
        }

    def _report(self, strategy: Strategy, *, background: bool) -> int:
        if background:
            self.stdout.write(f"queued  {strategy.slug} (run {strategy.last_run_id})")
            return 0
        if strategy.processing_status == choices.ProcessingStatus.READY:
            self.stdout.write(
                f"ready   {strategy.slug}: {strategy.page_count} pages, "
                f"{strategy.passage_count} passages, languages {', '.join(strategy.languages)}, "
                f"labels by {strategy.model_name}"
            )
            return 0
        self.stderr.write(f"failed  {strategy.slug}: {strategy.processing_error}")
        return 1
