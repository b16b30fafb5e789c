"""Circular-economy impact of an investment: tonnes, CO2e avoided, MCI, EU Taxonomy checklist."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from functools import cache
from pathlib import Path

from obieg.pipeline.finance.flows import Metric

DATA = Path(__file__).parent / "data"
ROUTES = ("recycled", "reused")


@dataclass(frozen=True)
class EmissionFactor:
    """kg CO2e per tonne of one material (DEFRA/DESNZ 2024 defaults, UK-specific)."""

    material: str
    label: str
    primary: float | None = None  # producing a tonne from virgin material
    secondary: float | None = None  # a tonne of closed-loop recycled material
    reused: float | None = None  # a tonne supplied by re-use
    landfill: float | None = None  # landfilling a tonne of the waste
    recycling: float | None = None  # sending a tonne of the waste to recycling


@dataclass(frozen=True)
class MaterialFlow:
    """Tonnes of one material that a project keeps in use or diverts from landfill in a year."""

    year: int
    material: str
    tonnes_kept_in_use: float = 0.0  # secondary or re-used material replacing virgin material
    tonnes_diverted: float = 0.0  # waste sent to recycling instead of landfill
    route: str = "recycled"  # how the kept tonnes are supplied: "recycled" or "reused"


@dataclass(frozen=True)
class YearImpact:
    """Impact of one year."""

    year: int
    tonnes_kept_in_use: float
    tonnes_diverted: float
    co2e_avoided_t: float


@dataclass(frozen=True)
class ImpactSummary:
    """Impact per year and in total, with CO2e per euro invested."""

    years: tuple[YearImpact, ...]
    tonnes_kept_in_use: float
    tonnes_diverted: float
    co2e_avoided_t: float
    kg_co2e_per_eur: Metric


def load_emission_factors(path: Path | None = None) -> dict[str, EmissionFactor]:
    """Load the shipped factor table (or another CSV with the same columns)."""
    return dict(_load_factors(path or DATA / "emission_factors.csv"))


@cache
def _load_factors(path: Path) -> tuple[tuple[str, EmissionFactor], ...]:
    with path.open(encoding="utf-8") as fh:
        return tuple((row["material"], _factor(row)) for row in csv.DictReader(fh))


def _factor(row: Mapping[str, str]) -> EmissionFactor:
    def number(column: str) -> float | None:
        return float(row[column]) if row.get(column) else None

    return EmissionFactor(
        material=row["material"],
        label=row["label"],
        primary=number("primary_kgco2e_per_t"),
        secondary=number("secondary_kgco2e_per_t"),
        reused=number("reused_kgco2e_per_t"),
        landfill=number("landfill_kgco2e_per_t"),
        recycling=number("recycling_kgco2e_per_t"),
    )


def with_overrides(
    factors: Mapping[str, EmissionFactor], overrides: Mapping[str, Mapping[str, float]]
) -> dict[str, EmissionFactor]:
    """Return factors with national values patched in, e.g. {"glass": {"landfill": 20.0}}."""
    known = {f.name for f in fields(EmissionFactor)} - {"material", "label"}
    out = dict(factors)
    for material, values in overrides.items():
        unknown = set(values) - known
        if unknown:
            raise ValueError(f"unknown factor fields for {material}: {sorted(unknown)}")
        base = out.get(material, EmissionFactor(material=material, label=material))
        patch: dict[str, float] = {k: float(v) for k, v in values.items()}
        out[material] = replace(base, **patch)  # type: ignore[arg-type]  # keys checked above
    return out


def estimate_impact(
    flows: Sequence[MaterialFlow],
    *,
    invested_eur: float,
    factors: Mapping[str, EmissionFactor] | None = None,
) -> ImpactSummary:
    """Sum tonnes and avoided CO2e per year; raise ValueError naming any missing factor."""
    table = load_emission_factors() if factors is None else factors
    per_year: dict[int, list[float]] = {}
    for flow in flows:
        kg = _avoided_kg(flow, table)
        totals = per_year.setdefault(flow.year, [0.0, 0.0, 0.0])
        totals[0] += flow.tonnes_kept_in_use
        totals[1] += flow.tonnes_diverted
        totals[2] += kg / 1000.0
    years = tuple(YearImpact(y, *per_year[y]) for y in sorted(per_year))
    co2e = sum(y.co2e_avoided_t for y in years)
    return ImpactSummary(
        years=years,
        tonnes_kept_in_use=sum(y.tonnes_kept_in_use for y in years),
        tonnes_diverted=sum(y.tonnes_diverted for y in years),
        co2e_avoided_t=co2e,
        kg_co2e_per_eur=(
            Metric.of(co2e * 1000.0 / invested_eur)
            if invested_eur > 0
            else Metric.undefined("no_investment", "no investment amount to divide by")
        ),
    )


def _avoided_kg(flow: MaterialFlow, table: Mapping[str, EmissionFactor]) -> float:
    if flow.route not in ROUTES:
        raise ValueError(f"route must be one of {ROUTES}, got {flow.route!r}")
    if flow.tonnes_kept_in_use < 0 or flow.tonnes_diverted < 0:
        raise ValueError(f"tonnes must not be negative ({flow.material}, year {flow.year})")
    factor = table.get(flow.material)
    if factor is None:
        raise ValueError(f"no emission factors for material {flow.material!r}")
    kg = 0.0
    if flow.tonnes_kept_in_use:
        substitute = factor.secondary if flow.route == "recycled" else factor.reused
        kg += flow.tonnes_kept_in_use * _difference(factor, factor.primary, substitute, flow.route)
    if flow.tonnes_diverted:
        kg += flow.tonnes_diverted * _difference(
            factor, factor.landfill, factor.recycling, "diverted"
        )
    return kg


def _difference(
    factor: EmissionFactor, avoided: float | None, used: float | None, what: str
) -> float:
    if avoided is None or used is None:
        raise ValueError(
            f"material {factor.material!r} lacks the factors for {what} tonnes; pass an override"
        )
    return avoided - used


# --- Material Circularity Indicator (Ellen MacArthur Foundation & Granta, 2015) ------------


@dataclass(frozen=True)
class MciInputs:
    """Per-unit-mass fractions of a product; None means unknown."""

    recycled_feedstock: float | None = None  # F_R
    reused_feedstock: float | None = None  # F_U
    collected_for_recycling: float | None = None  # C_R
    collected_for_reuse: float | None = None  # C_U
    feedstock_recycling_efficiency: float | None = None  # E_F, needed when F_R > 0
    collection_recycling_efficiency: float | None = None  # E_C, needed when C_R > 0
    lifetime_ratio: float | None = None  # L / L_av against the industry average
    intensity_ratio: float | None = None  # U / U_av against the industry average


@dataclass(frozen=True)
class MciResult:
    """MCI with its linear flow index and utility factor."""

    mci: Metric
    linear_flow_index: Metric
    utility: Metric


_MCI_NAMES = {
    "recycled_feedstock": "recycled feedstock share",
    "reused_feedstock": "reused feedstock share",
    "collected_for_recycling": "share collected for recycling",
    "collected_for_reuse": "share collected for reuse",
    "lifetime_ratio": "lifetime relative to the industry average",
    "intensity_ratio": "use intensity relative to the industry average",
}


def material_circularity(inputs: MciInputs) -> MciResult:
    """Return MCI = max(0, 1 - LFI * 0.9 / X), undefined with a reason when inputs are missing."""
    missing = [text for name, text in _MCI_NAMES.items() if getattr(inputs, name) is None]
    missing += _missing_efficiencies(inputs)
    if missing:
        reason = "missing: " + ", ".join(missing)
        undefined = Metric.undefined("missing_inputs", reason)
        return MciResult(undefined, undefined, undefined)
    lfi = _linear_flow_index(inputs)
    x = float(inputs.lifetime_ratio or 0.0) * float(inputs.intensity_ratio or 0.0)
    if x <= 0:
        undefined = Metric.undefined("no_utility", "lifetime and intensity ratios must be > 0")
        return MciResult(undefined, Metric.of(lfi), undefined)
    return MciResult(Metric.of(max(0.0, 1.0 - lfi * 0.9 / x)), Metric.of(lfi), Metric.of(x))


def _missing_efficiencies(inputs: MciInputs) -> list[str]:
    missing = []
    if (inputs.recycled_feedstock or 0) > 0 and not inputs.feedstock_recycling_efficiency:
        missing.append("efficiency of the recycling that makes the recycled feedstock")
    if (inputs.collected_for_recycling or 0) > 0 and inputs.collection_recycling_efficiency is None:
        missing.append("efficiency of recycling the collected product")
    return missing


def _linear_flow_index(i: MciInputs) -> float:
    f_r, f_u = float(i.recycled_feedstock or 0.0), float(i.reused_feedstock or 0.0)
    c_r, c_u = float(i.collected_for_recycling or 0.0), float(i.collected_for_reuse or 0.0)
    if not (0 <= f_r + f_u <= 1 and 0 <= c_r + c_u <= 1 and min(f_r, f_u, c_r, c_u) >= 0):
        raise ValueError("feedstock and collection shares must be in [0, 1] and sum to <= 1")
    e_f = i.feedstock_recycling_efficiency or 1.0
    e_c = 1.0 if i.collection_recycling_efficiency is None else i.collection_recycling_efficiency
    virgin = 1.0 - f_r - f_u
    unrecoverable = 1.0 - c_r - c_u
    waste_feedstock = (1.0 - e_f) * f_r / e_f
    waste_collection = (1.0 - e_c) * c_r
    waste = unrecoverable + (waste_feedstock + waste_collection) / 2.0
    return (virgin + waste) / (2.0 + (waste_feedstock - waste_collection) / 2.0)


# --- EU Taxonomy: substantial contribution to the transition to a circular economy ----------


@dataclass(frozen=True)
class TaxonomyCriterion:
    """One way an activity contributes substantially (Regulation (EU) 2020/852, Art. 13(1))."""

    id: str
    article: str
    text: str


CIRCULAR_ECONOMY_CRITERIA: tuple[TaxonomyCriterion, ...] = (
    TaxonomyCriterion(
        "ce_a_resource_efficiency",
        "13(1)(a)",
        "Uses natural resources, including sustainably sourced bio-based and other raw "
        "materials, more efficiently in production, by reducing primary raw materials or "
        "increasing by-products and secondary raw materials, or by resource and energy "
        "efficiency measures.",
    ),
    TaxonomyCriterion(
        "ce_b_durability",
        "13(1)(b)",
        "Increases the durability, reparability, upgradability or reusability of products, "
        "in particular in design and manufacturing.",
    ),
    TaxonomyCriterion(
        "ce_c_recyclability",
        "13(1)(c)",
        "Increases the recyclability of products and of the materials in them, including by "
        "substituting or reducing products and materials that are not recyclable.",
    ),
    TaxonomyCriterion(
        "ce_d_hazardous_substances",
        "13(1)(d)",
        "Substantially reduces hazardous substances and substitutes substances of very high "
        "concern in materials and products throughout their life cycle.",
    ),
    TaxonomyCriterion(
        "ce_e_prolonged_use",
        "13(1)(e)",
        "Prolongs the use of products through reuse, design for longevity, repurposing, "
        "disassembly, remanufacturing, upgrades, repair and sharing.",
    ),
    TaxonomyCriterion(
        "ce_f_secondary_raw_materials",
        "13(1)(f)",
        "Increases the use and quality of secondary raw materials, including by high-quality "
        "recycling of waste.",
    ),
    TaxonomyCriterion(
        "ce_g_waste_prevention",
        "13(1)(g)",
        "Prevents or reduces waste generation, including waste from extracting minerals and "
        "from constructing and demolishing buildings.",
    ),
    TaxonomyCriterion(
        "ce_h_reuse_and_recycling",
        "13(1)(h)",
        "Increases preparing for re-use and recycling of waste.",
    ),
    TaxonomyCriterion(
        "ce_i_waste_infrastructure",
        "13(1)(i)",
        "Develops the waste-management infrastructure needed for prevention, preparing for "
        "re-use and recycling, so that recovered materials return to production as "
        "high-quality secondary raw materials rather than being downcycled.",
    ),
    TaxonomyCriterion(
        "ce_j_minimise_incineration_landfill",
        "13(1)(j)",
        "Minimises incineration of waste and avoids its disposal, including landfilling, in "
        "line with the waste hierarchy.",
    ),
    TaxonomyCriterion(
        "ce_k_litter",
        "13(1)(k)",
        "Avoids and reduces litter.",
    ),
    TaxonomyCriterion(
        "ce_l_enabling",
        "13(1)(l) and 16",
        "Enables any of the activities above (an enabling activity).",
    ),
)


@dataclass(frozen=True)
class ChecklistResult:
    """Which criteria a project claims, and which ids were not recognised."""

    met: tuple[TaxonomyCriterion, ...]
    unknown_ids: tuple[str, ...]

    @property
    def contributes(self) -> bool:
        # Meeting any one point of Art. 13(1) is a candidate substantial contribution; the
        # delegated act's technical screening criteria and DNSH still have to be checked.
        return bool(self.met)


def assess_checklist(met_ids: Sequence[str]) -> ChecklistResult:
    """Resolve the criterion ids a project ticked."""
    by_id = {c.id: c for c in CIRCULAR_ECONOMY_CRITERIA}
    met = tuple(c for c in CIRCULAR_ECONOMY_CRITERIA if c.id in set(met_ids))
    unknown = tuple(sorted(set(met_ids) - set(by_id)))
    return ChecklistResult(met=met, unknown_ids=unknown)
