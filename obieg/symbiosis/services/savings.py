"""Savings of a match under the factors of the offer's country (money in EUR)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.directory.models import Country
from obieg.symbiosis import choices
from obieg.symbiosis.matching.savings import FlowInput, ImpactFactors, flow_savings
from obieg.symbiosis.models import SavingsFactors

# Replacing heat from a natural-gas boiler: DESNZ/DEFRA 2024 natural gas, gross CV,
# 0.1829 kg CO2e per kWh of fuel. A planning default; managers override it per country.
DEFAULT_HEAT_KGCO2E_MWH = 183.0
FACTOR_FIELDS = (
    "transport_kgco2e_tkm",
    "transport_eur_tkm",
    "landfill_eur_t",
    "treatment_eur_t",
    "heat_kgco2e_mwh",
    "heat_eur_mwh",
    "water_eur_m3",
    "source_note",
)


@dataclass(frozen=True)
class CountryFactors:
    """Every factor the savings of one match need."""

    impact: ImpactFactors
    heat_kgco2e_mwh: float = DEFAULT_HEAT_KGCO2E_MWH
    heat_eur_mwh: float = 0.0
    water_eur_m3: float = 0.0
    source: str = "default"


def _from_row(row: SavingsFactors) -> CountryFactors:
    changes: dict[str, Any] = {
        "country": row.country_id,
        "transport_eur_tkm": row.transport_eur_tkm,
        "landfill_eur_t": row.landfill_eur_t,
        "treatment_eur_t": row.treatment_eur_t,
    }
    if row.transport_kgco2e_tkm is not None:
        changes["transport_kgco2e_tkm"] = row.transport_kgco2e_tkm
    return CountryFactors(
        impact=ImpactFactors.default().with_overrides(**changes),
        heat_kgco2e_mwh=row.heat_kgco2e_mwh,
        heat_eur_mwh=row.heat_eur_mwh,
        water_eur_m3=row.water_eur_m3,
        source=row.source_note or row.country_id,
    )


def savings_factors_table() -> dict[str, CountryFactors]:
    """Country overrides keyed by country code; other countries use `default_factors()`."""
    return {row.country_id: _from_row(row) for row in SavingsFactors.objects.all()}


def default_factors() -> CountryFactors:
    return CountryFactors(impact=ImpactFactors.default())


@dataclass(frozen=True)
class MatchSavings:
    tonnes_diverted: float
    co2e_avoided_kg: float
    money_saved_eur: float
    detail: dict[str, Any]


def match_savings(
    *, basis: str, ewc_code: str, quantity: float, distance_km: float, factors: CountryFactors
) -> MatchSavings:
    """Savings of moving `quantity` (on its basis) over `distance_km`."""
    if basis == choices.Basis.TONNES:
        flow = flow_savings(
            FlowInput("", "", ewc_code or None, quantity, distance_km), factors.impact
        )
        detail = {
            "material_class": flow.material_class,
            "tkm": flow.tkm,
            "avoided_primary_kg": flow.avoided_primary_kgco2e,
            "avoided_disposal_kg": flow.avoided_disposal_kgco2e,
            "transport_kg": flow.transport_kgco2e,
            "factors": factors.source,
        }
        diverted = quantity if ewc_code else 0.0
        return MatchSavings(diverted, flow.co2e_avoided_kg, flow.money_saved, detail)
    if basis == choices.Basis.MWH:
        detail = {"heat_kgco2e_mwh": factors.heat_kgco2e_mwh, "factors": factors.source}
        return MatchSavings(
            0.0, quantity * factors.heat_kgco2e_mwh, quantity * factors.heat_eur_mwh, detail
        )
    detail = {"water_eur_m3": factors.water_eur_m3, "factors": factors.source}
    return MatchSavings(0.0, 0.0, quantity * factors.water_eur_m3, detail)


@transaction.atomic
def savings_factors_set(*, country: str, **values: Any) -> SavingsFactors:
    """Create or change the savings factors of one country (cluster managers)."""
    country_obj = Country.objects.filter(code=country.upper()).first()
    if country_obj is None:
        raise ApplicationError(
            _("Unknown country code “%(code)s”.") % {"code": country}, field="country", status=422
        )
    unknown = sorted(set(values) - set(FACTOR_FIELDS))
    if unknown:
        raise ApplicationError(_("Unknown field."), field=unknown[0], status=422)
    for key, value in values.items():
        if key != "source_note" and value is not None and value < 0:
            raise ApplicationError(_("A factor cannot be negative."), field=key, status=422)
    row, _created = SavingsFactors.objects.update_or_create(country=country_obj, defaults=values)
    return row
