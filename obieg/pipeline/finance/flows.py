"""Yearly cash flows of an investment case and the Metric result type."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# The drivers a user can stress; also the column names of an imported cash-flow table.
DRIVERS: tuple[str, ...] = ("capex", "opex", "revenues", "savings", "residual_value")


@dataclass(frozen=True)
class YearFlow:
    """One year of an investment case; amounts are positive, in any single currency."""

    year: int
    capex: float = 0.0
    opex: float = 0.0
    revenues: float = 0.0
    savings: float = 0.0
    residual_value: float = 0.0

    def __post_init__(self) -> None:
        if self.year < 0:
            raise ValueError(f"year index must be >= 0, got {self.year}")
        for name in DRIVERS:
            if not math.isfinite(getattr(self, name)):
                raise ValueError(f"{name} in year {self.year} is not a finite number")

    @property
    def net(self) -> float:
        """Net cash flow of the year: inflows minus outflows."""
        return self.revenues + self.savings + self.residual_value - self.capex - self.opex

    @property
    def net_revenue(self) -> float:
        """Net revenue in the EU cost-benefit sense (everything except investment cost)."""
        return self.revenues + self.savings - self.opex + self.residual_value


@dataclass(frozen=True)
class Metric:
    """A metric value, or None with the reason it is undefined; `flags` carry caveats."""

    value: float | None
    reason: str | None = None
    code: str | None = None
    flags: tuple[str, ...] = field(default=())
    note: str | None = None

    @property
    def defined(self) -> bool:
        return self.value is not None

    @classmethod
    def of(cls, value: float, *flags: str) -> Metric:
        return cls(value=float(value), flags=tuple(flags))

    @classmethod
    def undefined(cls, code: str, reason: str) -> Metric:
        return cls(value=None, reason=reason, code=code)


def driver_series(flows: Sequence[YearFlow], driver: str) -> FloatArray:
    """Return one driver as a dense yearly array indexed by year (missing years are zero)."""
    out = np.zeros(_horizon(flows), dtype=np.float64)
    for flow in flows:
        out[flow.year] += getattr(flow, driver)
    return out


def net_series(flows: Sequence[YearFlow]) -> FloatArray:
    """Return the net cash flow per year index 0..max(year); index t is discounted by t."""
    out = np.zeros(_horizon(flows), dtype=np.float64)
    for flow in flows:
        out[flow.year] += flow.net
    return out


def scale_flows(flows: Sequence[YearFlow], **factors: float) -> list[YearFlow]:
    """Return flows with each named driver multiplied by its factor."""
    unknown = set(factors) - set(DRIVERS)
    if unknown:
        raise ValueError(f"unknown drivers: {sorted(unknown)}")
    return [
        replace(flow, **{name: getattr(flow, name) * f for name, f in factors.items()})
        for flow in flows
    ]


def discount_factors(rate: float, n: int) -> FloatArray:
    """Return (1 + rate) ** -t for t = 0..n-1 (end-of-year convention, year 0 undiscounted)."""
    check_rate(rate)
    return np.asarray(1.0 / (1.0 + rate) ** np.arange(n), dtype=np.float64)


def check_rate(rate: float) -> None:
    """Reject rates at or below -100 %, where discounting is meaningless."""
    if not math.isfinite(rate) or rate <= -1.0:
        raise ValueError(f"rate must be a finite number greater than -1, got {rate}")


def _horizon(flows: Sequence[YearFlow]) -> int:
    return max((flow.year for flow in flows), default=-1) + 1
