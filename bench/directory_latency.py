"""Latency of the directory page and the organisation API with 10,000 organisations (SQLite).

Prints median and p95 over repeated requests through Django's test client (the full stack:
middleware, queries, templates), on a throw-away database in a temporary folder.

    .venv/bin/python bench/directory_latency.py [--organisations 10000] [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


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


def _populate(count: int) -> None:
    from obieg.core.search_text import normalise_for_search
    from obieg.directory.models import NaceActivity, NutsRegion, Organisation, Theme

    rng = random.Random(42)
    regions = list(
        NutsRegion.objects.filter(level=3, code__regex=r"^(PL|CZ|SK|HU)").values_list(
            "code", "country_id"
        )
    )
    kinds = ["company"] * 6 + ["university", "municipality", "research", "ngo", "cluster"]
    words = ["Recykling", "Energia", "Heat", "Circular", "Bio", "Smart", "Water", "Solar", "Eko"]
    organisations = []
    for n in range(count):
        region, country = rng.choice(regions)
        kind = rng.choice(kinds)
        name = f"{rng.choice(words)} {rng.choice(words)} {n}"
        organisations.append(
            Organisation(
                name=name,
                slug=f"org-{n}",
                kind=kind,
                country_id=country,
                region_id=region,
                size_class=rng.choice(["micro", "small", "medium", "large"])
                if kind == "company"
                else "",
                city="Kraków",
                membership_status=rng.choice(["member", "none", "partner"]),
                description={"en": f"{name} works on clean technologies."},
                search_text=normalise_for_search(
                    f"{name} Kraków {name} works on clean technologies"
                ),
            )
        )
    Organisation.objects.bulk_create(organisations, batch_size=1000)
    divisions = list(NaceActivity.objects.filter(level=2).values_list("code", flat=True))
    through = Organisation.sectors.through
    ids = list(Organisation.objects.values_list("pk", flat=True))
    through.objects.bulk_create(
        [through(organisation_id=pk, naceactivity_id=rng.choice(divisions)) for pk in ids],
        batch_size=2000,
    )
    themes = list(Theme.objects.values_list("slug", flat=True))
    theme_through = Organisation.themes.through
    theme_through.objects.bulk_create(
        [theme_through(organisation_id=pk, theme_id=rng.choice(themes)) for pk in ids],
        batch_size=2000,
    )


def _measure(label: str, fetch: Callable[[], int], requests: int) -> float:
    for _ in range(5):
        fetch()  # warm caches and the template loader
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        status = fetch()
        timings.append((time.perf_counter() - start) * 1000)
        assert status == 200, status
    timings.sort()
    p95 = timings[int(0.95 * (len(timings) - 1))]
    print(f"{label:<48} median {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms")
    return p95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        _configure(tmp)
        started = time.perf_counter()
        _populate(args.organisations)
        print(
            f"{args.organisations} organisations created in "
            f"{time.perf_counter() - started:.1f} s (SQLite, {tmp})"
        )
        from django.test import Client

        client = Client()
        rng = random.Random(7)
        queries = [
            "",
            "?kind=company",
            "?country=PL&kind=company",
            "?q=energia",
            "?q=heat+solar&membership=member",
            "?region=PL21",
            "?sector=38",
        ]
        worst = max(
            _measure(
                "directory page (facets + first page)",
                lambda: client.get("/en/directory/" + rng.choice(queries)).status_code,
                args.requests,
            ),
            _measure(
                "API /api/v1/directory/organisations",
                lambda: (
                    client.get(
                        "/api/v1/directory/organisations"
                        + (rng.choice(queries) or "?")
                        + "&limit=50"
                    ).status_code
                ),
                args.requests,
            ),
        )
        print(f"target p95 < 150 ms: {'met' if worst < 150 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
