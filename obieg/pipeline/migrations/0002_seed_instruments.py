"""Load the shipped funding instruments and calls (all unverified until a manager confirms)."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.db import migrations


def _decimal(value: float | None) -> Decimal | None:
    if value is None or not math.isfinite(value):
        return None
    return Decimal(str(round(value, 2)))


def load(apps: Any, schema_editor: Any) -> None:
    from obieg.pipeline.funding_rules import load_seed_instruments

    instrument_model = apps.get_model("pipeline", "FundingInstrument")
    call_model = apps.get_model("pipeline", "FundingCall")
    for seed in load_seed_instruments():
        instrument, _created = instrument_model.objects.update_or_create(
            key=seed.id,
            defaults={
                "programme": seed.programme[:300],
                "managing_body": seed.managing_body[:300],
                "instrument_type": seed.instrument_type,
                "countries": sorted(seed.countries),
                "nuts_prefixes": list(seed.nuts_prefixes),
                "org_kinds": sorted(seed.org_kinds),
                "org_sizes": sorted(seed.org_sizes),
                "trl_min": seed.trl_min,
                "trl_max": seed.trl_max,
                "ticket_min_eur": _decimal(seed.ticket_min_eur) or Decimal(0),
                "ticket_max_eur": _decimal(seed.ticket_max_eur),
                "max_cofinancing_rate": Decimal(str(seed.max_cofinancing_rate)),
                "themes": sorted(seed.themes),
                "stages": sorted(seed.stages),
                "verified": False,
                "note": seed.note[:500],
            },
        )
        for call in seed.calls:
            call_model.objects.update_or_create(
                instrument=instrument,
                identifier=call.identifier[:120],
                defaults={
                    "title": call.title[:500],
                    "deadlines": [d.isoformat() for d in call.deadlines],
                    "url": call.url[:500],
                    "budget_min_eur": _decimal(call.budget_min_eur),
                    "budget_max_eur": _decimal(call.budget_max_eur),
                },
            )


def unload(apps: Any, schema_editor: Any) -> None:
    from obieg.pipeline.funding_rules import load_seed_instruments

    keys = [seed.id for seed in load_seed_instruments()]
    apps.get_model("pipeline", "FundingInstrument").objects.filter(key__in=keys).delete()


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
