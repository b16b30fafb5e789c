"""Savings of matched flows: landfill diversion, CO2e avoided and money saved."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from obieg.symbiosis.matching.reference import (
    MaterialFactors,
    material_class,
    material_factors,
    transport_factors,
)


def _default_transport() -> float:
    hgv = transport_factors()["hgv_average"]
    # Well-to-tank is included because the material factors are life-cycle figures too.
    return hgv.kgco2e_tkm + hgv.wtt_kgco2e_tkm


@dataclass(frozen=True, slots=True)
class ImpactFactors:
    """Emission and money factors; defaults are DEFRA/DESNZ 2024 (UK) and stated assumptions.

    Money defaults are planning assumptions, not published prices: a cluster manager
    overrides them per country (e.g. `ImpactFactors.default().with_overrides(country='PL',
    landfill_eur_t=...)`).
    """

    country: str = "default"
    currency: str = "EUR"
    transport_kgco2e_tkm: float = field(default_factory=_default_transport)
    # Road freight rate for a full articulated truck, about 1.2 EUR/km over 10 t average load.
    transport_eur_tkm: float = 0.12
    # Landfill gate fee plus landfill tax avoided by diversion (order of magnitude for V4).
    landfill_eur_t: float = 100.0
    # Handling and pre-treatment that the receiver needs instead.
    treatment_eur_t: float = 20.0
    materials: Mapping[str, MaterialFactors] = field(default_factory=material_factors)

    @classmethod
    def default(cls) -> ImpactFactors:
        """The shipped DEFRA/DESNZ 2024 defaults."""
        return cls()

    def with_overrides(self, **changes: object) -> ImpactFactors:
        """Copy with some factors replaced (per country or per project)."""
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class TonneImpact:
    """Per-tonne effect of diverting one waste code from landfill to recovery."""

    material_class: str | None
    avoided_primary_kg: float
    avoided_disposal_kg: float


def tonne_impact(ewc_code: str | None, factors: ImpactFactors) -> TonneImpact:
    """Avoided primary production and avoided disposal, kg CO2e per tonne matched."""
    name = material_class(ewc_code) if ewc_code else None
    mf = factors.materials.get(name) if name else None
    if mf is None:
        return TonneImpact(name, 0.0, 0.0)
    # Substitution is credited only where DEFRA gives the secondary-production factor;
    # crediting the full primary factor would overstate it.
    primary = (
        mf.primary - mf.secondary if mf.primary is not None and mf.secondary is not None else 0.0
    )
    disposal = (
        mf.landfill - mf.recovery if mf.landfill is not None and mf.recovery is not None else 0.0
    )
    return TonneImpact(name, primary, disposal)


def co2e_avoided_per_tonne(
    ewc_code: str | None, distance_km: float, factors: ImpactFactors
) -> float:
    """Net kg CO2e avoided per tonne moved over distance_km."""
    impact = tonne_impact(ewc_code, factors)
    transport = factors.transport_kgco2e_tkm * distance_km
    return impact.avoided_primary_kg + impact.avoided_disposal_kg - transport


def cost_per_tonne(distance_km: float, factors: ImpactFactors) -> float:
    """Transport + treatment - avoided disposal, currency per tonne (negative = saving)."""
    return (
        factors.transport_eur_tkm * distance_km + factors.treatment_eur_t - factors.landfill_eur_t
    )


@dataclass(frozen=True, slots=True)
class FlowInput:
    """What the savings estimate needs of one allocated flow."""

    offer_id: str
    need_id: str
    ewc_code: str | None
    tonnes: float
    distance_km: float


@dataclass(frozen=True, slots=True)
class FlowSavings:
    """Savings of one flow."""

    offer_id: str
    need_id: str
    tonnes: float
    tkm: float
    material_class: str | None
    avoided_primary_kgco2e: float
    avoided_disposal_kgco2e: float
    transport_kgco2e: float
    co2e_avoided_kg: float
    money_saved: float


@dataclass(frozen=True, slots=True)
class SavingsReport:
    """Totals over all flows plus the per-flow breakdown and the factors used."""

    tonnes_diverted_from_landfill: float
    co2e_avoided_t: float
    avoided_primary_t: float
    avoided_disposal_t: float
    transport_t: float
    money_saved: float
    currency: str
    country: str
    flows: tuple[FlowSavings, ...]


def flow_savings(flow: FlowInput, factors: ImpactFactors) -> FlowSavings:
    """Savings of one flow under the given factors."""
    impact = tonne_impact(flow.ewc_code, factors)
    tkm = flow.tonnes * flow.distance_km
    primary = impact.avoided_primary_kg * flow.tonnes
    disposal = impact.avoided_disposal_kg * flow.tonnes
    transport = factors.transport_kgco2e_tkm * tkm
    return FlowSavings(
        offer_id=flow.offer_id,
        need_id=flow.need_id,
        tonnes=flow.tonnes,
        tkm=tkm,
        material_class=impact.material_class,
        avoided_primary_kgco2e=primary,
        avoided_disposal_kgco2e=disposal,
        transport_kgco2e=transport,
        co2e_avoided_kg=primary + disposal - transport,
        money_saved=-cost_per_tonne(flow.distance_km, factors) * flow.tonnes,
    )


def estimate_savings(
    flows: Sequence[FlowInput], factors: ImpactFactors | None = None
) -> SavingsReport:
    """Sum the savings of matched flows; waste-coded tonnes count as diverted from landfill."""
    f = factors or ImpactFactors.default()
    rows = tuple(flow_savings(x, f) for x in flows)
    return SavingsReport(
        tonnes_diverted_from_landfill=sum(
            r.tonnes for r, x in zip(rows, flows, strict=True) if x.ewc_code
        ),
        co2e_avoided_t=sum(r.co2e_avoided_kg for r in rows) / 1000,
        avoided_primary_t=sum(r.avoided_primary_kgco2e for r in rows) / 1000,
        avoided_disposal_t=sum(r.avoided_disposal_kgco2e for r in rows) / 1000,
        transport_t=sum(r.transport_kgco2e for r in rows) / 1000,
        money_saved=sum(r.money_saved for r in rows),
        currency=f.currency,
        country=f.country,
        flows=rows,
    )
