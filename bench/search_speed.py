"""Search benchmark: p95 latency of a filtered full-text search over 100,000 passages.

Builds 500 strategies of 200 passages each from the demo's sample sentences (five languages,
random goals, countries, kinds and periods, fixed seed), indexes them through the same search
module the ingestion uses, then times 300 searches of one or two words with random filters
(country, SDG, kind, language, year) through the same selector the page and the API call,
highlighting included.

    .venv/bin/python bench/search_speed.py                       # SQLite (FTS5), temporary
    .venv/bin/python bench/search_speed.py --backend postgresql  # needs a local PostgreSQL
    .venv/bin/python bench/search_speed.py --backend both

PostgreSQL runs use a scratch database (default obieg_bench_search on 127.0.0.1, dropped at
the end; --postgres-url to change). Target (issue 4): p95 below 200 ms on both.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PG_URL = "postgres://postgres@127.0.0.1:5432/obieg_bench_search"
STRATEGIES, PASSAGES_EACH, QUERIES = 500, 200, 300
COUNTRIES = ("PL", "CZ", "SK", "HU")
KINDS = ("smart_city", "regional_development", "climate_energy", "circular_economy", "mobility")


def _sentences() -> dict[str, list[str]]:
    from obieg.strategies.demo import DEMO_DIR, _manifest

    by_language: dict[str, list[str]] = {}
    for spec in _manifest():
        text = (DEMO_DIR / spec["file"]).read_text(encoding="utf-8").replace("\f", " ")
        sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s) > 40]
        by_language.setdefault(spec["original_language"], []).extend(
            s.lstrip("#*").strip() for s in sentences
        )
    return by_language


def _build(rng: random.Random) -> list[str]:
    from django.db import connection, transaction

    from obieg.strategies import search
    from obieg.strategies.models import Passage, Strategy

    sentences = _sentences()
    languages = sorted(sentences)
    every = [s for group in sentences.values() for s in group]
    words = sorted({w for s in every for w in re.findall(r"\w{6,}", s)})
    started = time.perf_counter()
    for n in range(STRATEGIES):
        language = languages[n % len(languages)]
        with transaction.atomic():
            strategy = Strategy.objects.create(
                title=f"Strategy {n}",
                slug=f"strategy-{n}",
                kind=rng.choice(KINDS),
                country_id=rng.choice(COUNTRIES),
                period_start=rng.choice((2014, 2021)),
                period_end=rng.choice((2025, 2030)),
                is_published=True,
                processing_status="ready",
                languages=[language],
            )
            rows = []
            for i in range(PASSAGES_EACH):
                goals = sorted(rng.sample(range(1, 18), rng.choice((0, 1, 1, 2, 3))))
                rows.append(
                    Passage(
                        strategy=strategy,
                        index=i,
                        page=i // 4 + 1,
                        language=language,
                        text=" ".join(rng.sample(sentences[language], 4)),
                        goals=goals,
                        goal_codes=f" {' '.join(map(str, goals))} " if goals else "",
                    )
                )
            created = Passage.objects.bulk_create(rows)
            search.index_passages((p.pk, p.text) for p in created)
    print(
        f"  built {STRATEGIES * PASSAGES_EACH:,} passages in {time.perf_counter() - started:.0f} s"
    )
    if connection.vendor == "postgresql":
        # Autovacuum would gather statistics soon after a bulk load; do it now, as it would.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return words


def _filters(rng: random.Random, words: list[str]) -> dict[str, str]:
    filters = {"q": " ".join(rng.sample(words, rng.choice((1, 1, 2))))}
    if rng.random() < 0.5:
        filters["country"] = rng.choice(COUNTRIES)
    if rng.random() < 0.5:
        filters["goal"] = str(rng.randint(1, 17))
    if rng.random() < 0.3:
        filters["kind"] = rng.choice(KINDS)
    if rng.random() < 0.3:
        filters["year"] = str(rng.choice((2018, 2024, 2029)))
    return filters


def _measure(words: list[str], rng: random.Random) -> None:
    from django.contrib.auth.models import AnonymousUser
    from django.db import connection

    from obieg.strategies import selectors

    visitor = AnonymousUser()
    timings, hits = [], []
    for n in range(QUERIES + 20):
        filters = selectors.StrategyFilters(**_filters(rng, words))
        started = time.perf_counter()
        results = selectors.search_strategies(user=visitor, filters=filters)
        elapsed = (time.perf_counter() - started) * 1000
        if n >= 20:  # the first queries warm the caches
            timings.append(elapsed)
            hits.append(results.total)
    timings.sort()
    p95 = timings[int(0.95 * len(timings)) - 1]
    print(
        f"  {connection.vendor}: {QUERIES} filtered searches, "
        f"median {statistics.median(timings):.0f} ms, "
        f"p95 {p95:.0f} ms, max {timings[-1]:.0f} ms; median hits {statistics.median(hits):.0f}"
    )
    print(f"  target p95 < 200 ms: {'met' if p95 < 200 else 'MISSED'}")


def _run_one(backend: str, postgres_url: str, *, keep: bool = False) -> int:
    with tempfile.TemporaryDirectory(prefix="obieg-search-") as var_dir:
        os.environ.update(
            {
                "DJANGO_SETTINGS_MODULE": "obieg.settings",
                "OBIEG_VAR_DIR": var_dir,
                "SECURE_SSL_REDIRECT": "0",
                "LOG_LEVEL": "WARNING",
            }
        )
        if backend == "postgresql":
            _create_database(postgres_url)
            os.environ["DATABASE_URL"] = postgres_url
        else:
            os.environ.pop("DATABASE_URL", None)
        sys.path.insert(0, str(ROOT))
        import django
        from django.core.management import call_command

        django.setup()
        try:
            call_command("migrate", verbosity=0, interactive=False)
            rng = random.Random(20261127)
            print(f"{backend}:")
            words = _build(rng)
            _measure(words, rng)
        finally:
            if backend == "postgresql" and not keep:
                from django.db import connections

                connections.close_all()
                _drop_database(postgres_url)
    return 0


def _admin_connection(url: str) -> tuple[Any, str]:
    import psycopg

    base, _, name = url.rpartition("/")
    return psycopg.connect(f"{base}/postgres", autocommit=True), name


def _create_database(url: str) -> None:
    connection, name = _admin_connection(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def _drop_database(url: str) -> None:
    connection, name = _admin_connection(url)
    with connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--postgres-url", default=PG_URL)
    parser.add_argument(
        "--keep", action="store_true", help="keep the PostgreSQL scratch database for inspection"
    )
    args = parser.parse_args(argv)
    if args.backend != "both":
        return _run_one(args.backend, args.postgres_url, keep=args.keep)
    status = 0
    for backend in ("sqlite", "postgresql"):
        # One process per back end: Django's database settings are fixed at set-up.
        command = [
            sys.executable,
            __file__,
            "--backend",
            backend,
            "--postgres-url",
            args.postgres_url,
        ]
        status |= subprocess.call(command, cwd=ROOT)
    return status


if __name__ == "__main__":
    sys.exit(main())
