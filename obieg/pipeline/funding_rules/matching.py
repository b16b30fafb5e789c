"""Match projects to instruments: eligibility with named reasons, explained fit, rankings."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from obieg.pipeline.funding_rules.engine import (
    FIT_WEIGHTS,
    RULE_BIT,
    RULES,
    CompiledInstruments,
    FloatArray,
    failure_bits,
    fit_components,
    fit_total,
    project_arrays,
)
from obieg.pipeline.funding_rules.model import (
    FitComponent,
    FitScore,
    FundingInstrument,
    FundingProject,
    InstrumentMatch,
    RuleFailure,
)


@dataclass(frozen=True)
class MatchMatrix:
    """Eligibility and fit of every (project, instrument) pair of one batch."""

    projects: tuple[FundingProject, ...]
    compiled: CompiledInstruments
    failures: npt.NDArray[np.uint16]  # P x I rule bits, 0 = eligible
    fit: FloatArray  # P x I weighted fit in [0, 1]

    @property
    def eligible(self) -> npt.NDArray[np.bool_]:
        return self.failures == 0

    def top_instruments(self, k: int) -> npt.NDArray[np.int64]:
        """Return P x k instrument indices, best eligible fit first; -1 pads missing places."""
        k = min(k, len(self.compiled))
        if k <= 0:
            return np.zeros((len(self.projects), 0), dtype=np.int64)
        masked = np.where(self.eligible, self.fit, -np.inf)
        part = np.argpartition(-masked, k - 1, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(masked, part, axis=1), axis=1, kind="stable")
        top = np.take_along_axis(part, order, axis=1).astype(np.int64)
        return np.where(np.take_along_axis(masked, top, axis=1) > -np.inf, top, -1)

    def ranking(self, project: int, *, include_excluded: bool = False) -> list[InstrumentMatch]:
        """Return the instruments for one project: eligible by fit, then excluded by fit."""
        order = np.lexsort((-self.fit[project], self.failures[project] != 0))
        values = fit_components(
            project_arrays([self.projects[project]], self.compiled), self.compiled
        )
        matches = [self.match(project, int(i), values) for i in order]
        return [m for m in matches if include_excluded or m.eligible]

    def eligible_projects(self, instrument: int) -> list[tuple[FundingProject, float]]:
        """Return the projects eligible for one instrument, best fit first."""
        rows = np.flatnonzero(self.failures[:, instrument] == 0)
        rows = rows[np.argsort(-self.fit[rows, instrument], kind="stable")]
        return [(self.projects[r], float(self.fit[r, instrument])) for r in rows]

    def match(
        self, project: int, instrument: int, values: dict[str, FloatArray] | None = None
    ) -> InstrumentMatch:
        """Explain one pair: every failed rule with its reason, and the fit components."""
        p, inst = self.projects[project], self.compiled.instruments[instrument]
        bits = int(self.failures[project, instrument])
        failures = tuple(
            RuleFailure(code, failure_reason(code, p, inst, self.compiled))
            for code in RULES
            if bits & RULE_BIT[code]
        )
        return InstrumentMatch(inst, failures, explain_fit(p, instrument, self.compiled, values))


def match_projects(
    projects: Sequence[FundingProject], compiled: CompiledInstruments
) -> MatchMatrix:
    """Apply the hard rules and the fit score to every pair at once."""
    arrays = project_arrays(projects, compiled)
    return MatchMatrix(
        projects=tuple(projects),
        compiled=compiled,
        failures=failure_bits(arrays, compiled),
        fit=fit_total(fit_components(arrays, compiled)),
    )


def rank_instruments(
    project: FundingProject, compiled: CompiledInstruments, *, include_excluded: bool = False
) -> list[InstrumentMatch]:
    """Rank the instruments for one project (eligible first, each with reasons)."""
    return match_projects([project], compiled).ranking(0, include_excluded=include_excluded)


def explain_fit(
    project: FundingProject,
    instrument: int,
    compiled: CompiledInstruments,
    values: dict[str, FloatArray] | None = None,
) -> FitScore:
    """Return the fit of one pair with a sentence per component."""
    if values is None:  # the project's component row, when the caller has not computed it
        values = fit_components(project_arrays([project], compiled), compiled)
    scores = {name: float(values[name][0, instrument]) for name in FIT_WEIGHTS}
    inst = compiled.instruments[instrument]
    days = float(compiled.days_to_deadline[instrument])
    components = tuple(
        FitComponent(name, weight, scores[name], _explain(name, project, inst, days))
        for name, weight in FIT_WEIGHTS.items()
    )
    return FitScore(sum(c.weight * c.score for c in components), components)


def failure_reason(
    code: str, p: FundingProject, inst: FundingInstrument, compiled: CompiledInstruments
) -> str:
    """Return the human-readable reason of one failed rule."""
    if code == "country_not_eligible":
        return f"{inst.programme} is open to {_listed(inst.countries)}, not {p.country}"
    if code == "region_not_eligible":
        where = f"region {p.nuts}" if p.nuts else "a project without a NUTS region"
        return f"{inst.programme} covers only {_listed(inst.nuts_prefixes)}, not {where}"
    if code == "org_kind_not_eligible":
        return f"{inst.programme} funds {_listed(inst.org_kinds)}, not {p.org_kind}"
    if code == "org_size_not_eligible":
        size = p.org_size or "an organisation without an SME size class"
        return f"{inst.programme} funds {_listed(inst.org_sizes)} organisations, not {size}"
    if code == "trl_out_of_range":
        return f"TRL {p.trl} is outside the instrument's range {inst.trl_min}-{inst.trl_max}"
    if code == "ticket_below_minimum":
        most = p.budget_eur * inst.max_cofinancing_rate
        return (
            f"at most {_eur(most)} could be requested ({inst.max_cofinancing_rate:.0%} of "
            f"{_eur(p.budget_eur)}), below the minimum ticket of {_eur(inst.ticket_min_eur)}"
        )
    if code == "cofinancing_too_low":
        return (
            f"the instrument funds at most {inst.max_cofinancing_rate:.0%} of the budget; the "
            f"promoter needs {p.needed_cofinancing_rate:.0%}"
        )
    if code == "deadline_passed":
        return f"every call deadline of {inst.programme} is before {compiled.today.isoformat()}"
    raise ValueError(f"unknown rule {code!r}")


def _explain(name: str, p: FundingProject, inst: FundingInstrument, days: float) -> str:
    if name == "themes":
        shared = sorted(p.all_themes & inst.themes)
        if not p.all_themes or not inst.themes:
            return "no themes to compare on one side; neutral score"
        return f"shares {len(shared)} of the project's {len(p.all_themes)} themes: " + (
            ", ".join(shared) or "none"
        )
    if name == "ticket":
        fundable = min(p.budget_eur * inst.max_cofinancing_rate, inst.ticket_max_eur)
        return f"can fund {_eur(fundable)} of the {_eur(p.budget_eur)} budget"
    if name == "trl":
        return f"TRL {p.trl} against {inst.trl_min}-{inst.trl_max}; the middle fits best"
    if name == "stage":
        if not inst.stages:
            return "the instrument names no preferred stage; neutral score"
        return f"stage {p.stage}; the instrument suits {_listed(sorted(inst.stages))}"
    if math.isnan(days):
        return "no call deadline: open all year round"
    return f"next deadline in {int(days)} days"


def _listed(values: Sequence[str] | frozenset[str]) -> str:
    return ", ".join(sorted(values)) if values else "anyone"


def _eur(amount: float) -> str:
    return "EUR " + (f"{amount:,.0f}" if math.isfinite(amount) else "unlimited")
