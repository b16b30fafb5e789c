"""Ingestion benchmark: a 200-page PDF strategy from upload to a searchable scorecard.

Generates the PDF itself (obieg.strategies.pdf_writer, no PDF library needed), uploads it
through the same service as the web form and the API, lets a real background worker
(`db_worker --batch`, the database task backend) process it while this script follows the run
record as a user would, then searches a phrase that only occurs on page 150.

    .venv/bin/python bench/ingest_speed.py                 # 200 pages, temporary SQLite
    .venv/bin/python bench/ingest_speed.py --pages 50
    .venv/bin/python bench/ingest_speed.py --database-url postgres://postgres@127.0.0.1/obieg_x

Target (issue 4): under 2 minutes for 200 pages on the project's 2-core machine.
It never touches the user's database: it uses a temporary OBIEG_VAR_DIR, and a database URL
only when one is given on purpose.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Django is set up at run time, before the models are imported
    from obieg.strategies.models import Strategy

ROOT = Path(__file__).resolve().parent.parent
NEEDLE = "Geothermal wells in Wieliczka will heat the salt mine museum from 2029"
# A strategy page with headings, margins and figures holds 400-500 words, ~3,000 characters.
LINES_PER_PAGE = 52


def _configure(var_dir: str, database_url: str) -> dict[str, str]:
    env = {
        "DJANGO_SETTINGS_MODULE": "obieg.settings",
        "OBIEG_VAR_DIR": var_dir,
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        # A DATABASE_URL in the caller's environment may be their real database: ignore it.
        os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    return {**os.environ, **env}


def _paragraphs(pages: int) -> list[list[str]]:
    """Return the lines of each page: the demo's sample texts, cycled, one needle on p. 150."""
    from obieg.strategies.demo import DEMO_DIR
    from obieg.strategies.pdf_writer import layout

    texts = [p.read_text(encoding="utf-8") for p in sorted(DEMO_DIR.glob("*.md"))]
    paragraphs = [
        block.strip().lstrip("#*").strip()
        for text in texts
        for block in text.replace("\f", "\n\n").split("\n\n")
        if len(block.strip()) > 80
    ]
    lines = [line for page in layout(paragraphs) for line in page]
    document: list[list[str]] = []
    while len(document) < pages:
        start = (len(document) * LINES_PER_PAGE) % max(len(lines) - LINES_PER_PAGE, 1)
        document.append(lines[start : start + LINES_PER_PAGE])

    document[min(149, pages - 1)][10:10] = [NEEDLE + ".", ""]
    return document


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument(
        "--wait-refined",
        action="store_true",
        help="also wait for the encoder's second pass over a long document",
    )
    parser.add_argument("--database-url", default="", help="a scratch database (never yours)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="obieg-ingest-") as var_dir:
        env = _configure(var_dir, args.database_url)
        return _run(args.pages, env, wait_refined=args.wait_refined)


def _run(pages: int, env: dict[str, str], *, wait_refined: bool) -> int:
    from django.core.management import call_command

    from obieg.classify.documents import extract_pages_from_bytes
    from obieg.strategies import services
    from obieg.strategies.pdf_writer import write_pdf

    call_command("migrate", verbosity=0, interactive=False)
    document = _paragraphs(pages)
    data = write_pdf(document)
    characters = sum(len(line) for page in document for line in page)
    started = time.perf_counter()
    extract_pages_from_bytes(data, "probe.pdf")
    extraction = time.perf_counter() - started
    print(
        f"PDF: {pages} pages, {characters / pages:,.0f} characters a page, "
        f"{len(data) / 1e6:.1f} MB; text extraction alone {extraction:.1f} s"
    )

    started = time.perf_counter()
    [strategy] = services.strategy_upload(
        documents=[services.UploadedDocument("strategy-200.pdf", data)],
        user=None,
        title="Benchmark strategy",
        kind="regional_development",
        country="PL",
        is_published=True,
    )
    accepted = time.perf_counter() - started
    worker = subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        ready = _follow(strategy.pk, started, worker, refined=False)
        strategy.refresh_from_db()
        if ready is None or strategy.processing_status != "ready":
            print(f"FAILED: {strategy.processing_error or 'the worker stopped'}")
            return 1
        _report(strategy, pages, accepted, ready)
        if wait_refined:
            refined = _follow(strategy.pk, started, worker, refined=True)
            strategy.refresh_from_db()
            print(f"refined by {strategy.model_name} after {refined or 0:.1f} s in all")
    finally:
        if worker.poll() is None:
            worker.terminate()  # the worker this script started, by its own handle
            worker.wait()
    return 0


def _follow(
    strategy_id: int, started: float, worker: subprocess.Popen[bytes], *, refined: bool
) -> float | None:
    """Print the run's progress until the strategy is ready (or, refined, the worker is done)."""
    from obieg.strategies.models import Strategy

    last: tuple[str, int] = ("", -1)
    while worker.poll() is None:
        strategy = Strategy.objects.select_related("last_run").get(pk=strategy_id)
        run = strategy.last_run
        if run is not None and (run.kind, run.progress) != last:
            last = (run.kind, run.progress)
            elapsed = time.perf_counter() - started
            print(f"  {elapsed:6.1f} s  {run.kind:<22} {run.progress:3d} %  {run.status}")
        if not refined and strategy.processing_status in ("ready", "failed"):
            return time.perf_counter() - started
        time.sleep(0.5)
    return time.perf_counter() - started


def _report(strategy: Strategy, pages: int, accepted: float, total: float) -> None:
    from obieg.strategies import selectors

    query_started = time.perf_counter()
    results = selectors.search_strategies(
        user=None, filters=selectors.StrategyFilters(q=f'"{NEEDLE[:40]}"')
    )
    query = time.perf_counter() - query_started
    card = selectors.scorecard(strategy=strategy)
    page = results.hits[0].passage.page if results.hits else "-"
    print(f"upload accepted (checked and stored) in {accepted:.2f} s")
    print(
        f"searchable scorecard after {total:.1f} s: {strategy.page_count} pages, "
        f"{strategy.passage_count} passages, {strategy.page_count / total:.1f} pages/s, "
        f"labels by {strategy.model_name}"
    )
    print(
        f"scorecard: {len(card.addressed)} goals addressed; search for the page-150 phrase: "
        f"{results.total} hit on page {page} in {query * 1000:.0f} ms"
    )
    print(f"machine load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"target < 120 s for {pages} pages: {'met' if total < 120 else 'MISSED'}")


if __name__ == "__main__":
    sys.exit(main())
