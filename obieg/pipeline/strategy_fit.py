"""Strategy fit: the strategies of a project's territory and the goals the project serves.

Reads strategies only through `obieg.strategies.selectors` (visibility stays theirs). A
project serves a goal of a strategy when its own SDG alignment decided that goal and the
strategy addresses it (any level but "not addressed"). Because the alignment is computed from
confidential details too, the projects serving a strategy are listed only to readers who see
those projects in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from obieg.pipeline.models import InvestmentProject
from obieg.pipeline.selectors.projects import project_list_full_for_user

MAX_STRATEGIES = 20
MAX_PROJECTS = 200


@dataclass(frozen=True)
class StrategyFit:
    """A strategy of the project's territory and the SDGs that both address."""

    strategy: Any
    goals: tuple[int, ...]


def _project_goals(project: InvestmentProject) -> set[int]:
    return {int(g["goal"]) for g in project.alignment.get("goals", ())}


def _strategy_goals(strategy: Any) -> set[int]:
    from obieg.strategies.selectors import scorecard

    return {row.goal for row in scorecard(strategy=strategy).addressed}


def _covers(strategy: Any, project: InvestmentProject) -> bool:
    """A national strategy covers its whole country; a regional one its NUTS subtree."""
    if strategy.country_id != project.country_id:
        return False
    return not strategy.region_id or (project.region_id or "").startswith(strategy.region_id)


def strategies_for_project(*, user: Any, project: InvestmentProject) -> list[StrategyFit]:
    """Return the visible strategies of the project's territory, serving goals first."""
    from obieg.strategies.selectors import StrategyFilters, strategy_list

    filters = StrategyFilters(country=project.country_id)
    candidates = [s for s in strategy_list(user=user, filters=filters) if _covers(s, project)]
    goals = _project_goals(project)
    fits = [
        StrategyFit(s, tuple(sorted(goals & _strategy_goals(s))))
        for s in candidates[:MAX_STRATEGIES]
    ]
    return sorted(fits, key=lambda f: (-len(f.goals), f.strategy.title))


def projects_for_strategy(
    *, user: Any, strategy: Any
) -> list[tuple[InvestmentProject, tuple[int, ...]]]:
    """Return the projects of the strategy's territory the user works on that serve its goals."""
    goals = _strategy_goals(strategy)
    projects = project_list_full_for_user(user=user).filter(country_id=strategy.country_id)
    if strategy.region_id:
        projects = projects.filter(region__code__startswith=strategy.region_id)
    served = []
    for project in projects[: MAX_PROJECTS * 5]:
        shared = tuple(sorted(goals & _project_goals(project)))
        if shared:
            served.append((project, shared))
    return sorted(served, key=lambda pair: (-len(pair[1]), pair[0].title_text))[:MAX_PROJECTS]
