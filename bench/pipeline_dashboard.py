"""Latency of the pipeline portfolio dashboard with 10,000 investment projects (SQLite).

Builds (fixed seed) 10,000 projects of 500 promoters with four stage-history entries each and
two funding-stack items each, then requests the dashboard page and the portfolio API through
Django's test client (the full stack: middleware, queries, SVG charts, templates) as a cluster
manager (every project) and as a member (their own plus public teasers). Prints median and p95.

    .venv/bin/python bench/pipeline_dashboard.py [--projects 10000] [--requests 60]

Target (issue 5): dashboard p95 < 300 ms with 10,000 projects.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FUNNEL = [
    "idea",
    "screening",
    "structuring",
    "investment_ready",
    "financing",
    "financed",
    "implemented",
]


def _configure(tmp: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "obieg.settings"
    os.environ["OBIEG_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ["SECURE_SSL_REDIRECT"] = "0"
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _promoters(rng: random.Random, count: int) -> list[tuple[int, str]]:
    from obieg.directory.models import NutsRegion, Organisation

    regions = list(
        NutsRegion.objects.filter(level=3, code__regex=r"^(PL|CZ|SK|HU)").values_list(
            "code", "country_id"
        )
    )
    Organisation.objects.bulk_create(
        [
            Organisation(
                name=f"Promoter {n}",
                slug=f"promoter-{n}",
                kind="company",
                size_class=rng.choice(["micro", "small", "medium", "large"]),
                country_id=(place := rng.choice(regions))[1],
                region_id=place[0],
            )
            for n in range(count)
        ],
        batch_size=1000,
    )
    return list(Organisation.objects.values_list("pk", "region_id"))


def _projects(rng: random.Random, count: int, promoters: list[tuple[int, str]]) -> None:
    from obieg.pipeline.models import InvestmentProject

    sectors = ["38.32", "38.21", "35.21", "22.29", "23.13", "27.20", "20.16", "17.12"]
    rows = []
    for n in range(count):
        promoter, region = rng.choice(promoters)
        stage = rng.choice([*FUNNEL, "on_hold", "dropped"])
        budget = Decimal(rng.randrange(50_000, 50_000_000))
        rows.append(
            InvestmentProject(
                slug=f"project-{n}",
                title={"en": f"Circular project {n}"},
                summary={"en": "Recycling line."},
                promoter_id=promoter,
                country_id=region[:2],
                region_id=region,
                sector_id=rng.choice(sectors),
                r_strategy=rng.choice(["R2", "R3", "R5", "R6", "R8", "R9"]),
                trl=rng.randint(4, 9),
                stage=stage,
                furthest_stage=FUNNEL.index(stage) if stage in FUNNEL else 2,
                budget=budget,
                budget_eur=budget,
                teaser_published=rng.random() < 0.3,
                search_text=f"circular project {n}",
            )
        )
    InvestmentProject.objects.bulk_create(rows, batch_size=1000)


def _history_and_stacks(rng: random.Random) -> None:
    from django.utils import timezone

    from obieg.pipeline.models import FundingInstrument, InvestmentProject, StackItem, StageChange

    now = timezone.now()
    instruments = list(FundingInstrument.objects.values_list("pk", flat=True))
    changes, items = [], []
    for pk, stage in InvestmentProject.objects.values_list("pk", "stage"):
        path = FUNNEL[: FUNNEL.index(stage) + 1] if stage in FUNNEL else [*FUNNEL[:3], stage]
        path = path[-4:]
        start = now - dt.timedelta(days=rng.randint(100, 900))
        for k, to_stage in enumerate(path):
            entered = start + dt.timedelta(days=25 * k)
            left = entered + dt.timedelta(days=25) if k < len(path) - 1 else None
            changes.append(
                StageChange(
                    project_id=pk,
                    to_stage=to_stage,
                    entered_at=entered,
                    left_at=left,
                    seconds_in_stage=25 * 86400.0 if left else None,
                    from_stage=path[k - 1] if k else "",
                )
            )
        for instrument in rng.sample(instruments, 2):
            items.append(
                StackItem(
                    project_id=pk,
                    instrument_id=instrument,
                    amount_eur=Decimal(rng.randrange(10_000, 5_000_000)),
                )
            )
    StageChange.objects.bulk_create(changes, batch_size=2000)
    StackItem.objects.bulk_create(items, batch_size=2000)


def _time(call: Callable[[], Any], requests: int) -> tuple[float, float]:
    call()  # warm caches
    samples = []
    for _ in range(requests):
        start = time.perf_counter()
        response = call()
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.status_code
    samples.sort()
    return statistics.median(samples), samples[int(0.95 * (len(samples) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        _configure(tmp)
        from django.test import Client

        from obieg.accounts.services import user_create

        rng = random.Random(5)
        started = time.perf_counter()
        promoters = _promoters(rng, 500)
        _projects(rng, args.projects, promoters)
        _history_and_stacks(rng)
        print(f"built {args.projects} projects in {time.perf_counter() - started:.1f} s")
        manager = user_create(username="bench-manager", role="manager")
        member = user_create(
            username="bench-member", role="member", organisation_id=promoters[0][0]
        )
        for label, user in (("manager", manager), ("member", member)):
            client = Client()
            client.force_login(user)
            for name, url in (
                ("dashboard page", "/en/pipeline/dashboard/"),
                ("portfolio API", "/api/v1/pipeline/portfolio"),
            ):
                median, p95 = _time(functools.partial(client.get, url), args.requests)
                print(f"{name:15s} as {label:7s}: median {median:6.1f} ms, p95 {p95:6.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
