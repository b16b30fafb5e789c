"""Sample investment projects for `obieg demo`; every one is marked as a sample.

The projects, their promoters and their figures are invented to show the pipeline at work;
they carry `is_sample=True` and "(sample)" in the promoter names. Exchange rates are rounded
sample values, not official reference rates. Idempotent: rows are found by title or name.
No personal data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction

from obieg.accounts.choices import Role
from obieg.accounts.models import User
from obieg.accounts.services import user_create
from obieg.directory import services as directory_services
from obieg.directory.choices import MembershipStatus, OrganisationKind, SizeClass
from obieg.directory.models import Organisation
from obieg.pipeline import services
from obieg.pipeline.models import ExchangeRate, InvestmentProject

SYSTEM_USER = "pipeline-demo"
RATES = [("PLN", "4.25"), ("CZK", "25.0"), ("HUF", "395.0")]

PROMOTERS = [
    ("Sample Polymer Loop Sp. z o.o. (sample)", "PL", "PL213", SizeClass.SMALL),
    ("Sample Glass Revival s.r.o. (sample)", "CZ", "CZ080", SizeClass.MEDIUM),
    ("Sample Agro Residue Kft. (sample)", "HU", "HU110", SizeClass.SMALL),
    ("Sample Battery Second Life Sp. z o.o. (sample)", "PL", "PL22A", SizeClass.MICRO),
]

# promoter index, title, summary, country, region, sector, R, EIB, TRL, stage, budget, currency
PROJECTS: list[dict[str, Any]] = [
    {
        "promoter": 0,
        "title": "Sample: chemical-free washing line for post-consumer PET flakes",
        "summary": "A washing and sorting line that turns 12 000 t/year of post-consumer PET "
        "bottles into food-grade flakes, replacing virgin PET for regional converters.",
        "details": "Sample confidential details: offtake letter from a converter under negotiation.",
        "country": "PL",
        "region": "PL213",
        "sector": "38.32",
        "r_strategy": "R8",
        "eib_category": "value_recovery",
        "trl": 8,
        "stage": "investment_ready",
        "budget": "21000000",
        "currency": "PLN",
        "publish": True,
        "flows": [(0, 21_000_000, 0, 0), *((t, 0, 3_200_000, 7_100_000) for t in range(1, 11))],
        "material": ("plastics_pet_incl_forming", 12000, 0),
    },
    {
        "promoter": 1,
        "title": "Sample: cullet recovery from mixed construction glass",
        "summary": "Recovering flat-glass cullet from demolition waste for float-glass furnaces.",
        "country": "CZ",
        "region": "CZ080",
        "sector": "38.32",
        "r_strategy": "R8",
        "eib_category": "value_recovery",
        "trl": 7,
        "stage": "structuring",
        "budget": "90000000",
        "currency": "CZK",
        "flows": [(0, 90_000_000, 0, 0), *((t, 0, 9_000_000, 21_000_000) for t in range(1, 9))],
        "material": ("glass", 8000, 2000),
    },
    {
        "promoter": 2,
        "title": "Sample: biogas and fertiliser from orchard residues",
        "summary": "Anaerobic digestion of orchard and vineyard residues with digestate "
        "returned to the soil as fertiliser.",
        "country": "HU",
        "region": "HU110",
        "sector": "35.21",
        "r_strategy": "R9",
        "eib_category": "value_recovery",
        "trl": 9,
        "stage": "screening",
        "budget": "1500000000",
        "currency": "HUF",
        "flows": [],
        "material": None,
    },
    {
        "promoter": 3,
        "title": "Sample: second-life storage from electric-bus batteries",
        "summary": "Repurposing retired electric-bus battery modules into stationary storage for "
        "municipal depots.",
        "country": "PL",
        "region": "PL22A",
        "sector": "27.20",
        "r_strategy": "R7",
        "eib_category": "circular_use",
        "trl": 6,
        "stage": "idea",
        "budget": "800000",
        "currency": "EUR",
        "flows": [(0, 800_000, 0, 0), (1, 0, 60_000, 40_000), (2, 0, 60_000, 50_000)],
        "material": None,
    },
]


def _promoter(index: int) -> Organisation:
    name, country, region, size = PROMOTERS[index]
    found = Organisation.objects.filter(name=name).first()
    if found is not None:
        return found
    return directory_services.organisation_create(
        name=name,
        kind=OrganisationKind.COMPANY,
        size_class=size,
        country=country,
        region=region,
        membership_status=MembershipStatus.MEMBER,
        description={"en": "Invented company for the demo (sample data)."},
    )


def _actor() -> Any:
    # The demo manager of `obieg demo` records the sample history; without it, a sign-in-less
    # system account does (no password, no personal data).
    user = User.objects.filter(username="manager").first()
    return (
        user
        or User.objects.filter(username=SYSTEM_USER).first()
        or user_create(username=SYSTEM_USER, role=Role.MANAGER)
    )


@transaction.atomic
def load() -> dict[str, int]:
    """Create what is missing of the sample pipeline; return how many rows were created."""
    created = {"exchange_rates": 0, "projects": 0}
    for currency, rate in RATES:
        if not ExchangeRate.objects.filter(currency=currency).exists():
            services.exchange_rate_set(
                currency=currency,
                valid_on=dt.date(2026, 1, 2),
                units_per_eur=Decimal(rate),
                source="rounded sample rate",
                is_sample=True,
            )
            created["exchange_rates"] += 1
    for spec in PROJECTS:
        created["projects"] += _load_project(dict(spec))
    return created


def _load_project(spec: dict[str, Any]) -> int:
    if InvestmentProject.objects.filter(title__en=spec["title"]).exists():
        return 0
    actor = _actor()
    promoter = _promoter(spec.pop("promoter"))
    flows, material, publish = spec.pop("flows"), spec.pop("material"), spec.pop("publish", False)
    output = material[1] + material[2] if material else 0  # tonnes processed a year
    project = services.project_create(
        user=actor,
        promoter=promoter,
        title={"en": spec.pop("title")},
        summary={"en": spec.pop("summary")},
        details={"en": spec.pop("details", "")},
        budget=Decimal(spec.pop("budget")),
        is_sample=True,
        **spec,
    )
    if flows:
        services.case_set(
            project=project,
            user=actor,
            years=[
                {
                    "year": t,
                    "capex": capex,
                    "opex": opex,
                    "revenues": revenues,
                    "output": output if t else 0,
                }
                for t, capex, opex, revenues in flows
            ],
            output_unit="t" if output else "",
        )
    if material:
        name, kept, diverted = material
        services.impact_set(
            project=project,
            user=actor,
            material_flows=[
                {"material": name, "tonnes_kept_in_use": kept, "tonnes_diverted": diverted}
            ],
            taxonomy_criteria=["ce_f_secondary_raw_materials", "ce_h_reuse_and_recycling"],
        )
    adviser = User.objects.filter(username="adviser").first()
    if adviser is not None:
        project.advisers.add(adviser)
    if publish:
        InvestmentProject.objects.filter(pk=project.pk).update(teaser_published=True)
    return 1
