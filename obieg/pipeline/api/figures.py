# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest
from ninja import Query, Status
from ninja.pagination import LimitOffsetPagination, paginate

from obieg.accounts.authentication import WRITE_AUTH, api_user
from obieg.pipeline import api_payloads, selectors, services
from obieg.pipeline.api.lookups import ERRORS, ProjectQuery, full_project
from obieg.pipeline.api.routes import router
from obieg.pipeline.models import ExchangeRate
from obieg.pipeline.schemas import (
    ExchangeRateIn,
    ExchangeRateOut,
    PolicyReportOut,
    PortfolioOut,
    ServingProjectOut,
    StrategyFitOut,
)
from obieg.pipeline.selectors.policy import policy_report
from obieg.pipeline.selectors.portfolio import portfolio
from obieg.pipeline.services.funding import require_manager
from obieg.pipeline.strategy_fit import projects_for_strategy, strategies_for_project

# Strategy fit, portfolio figures, policy report, exchange rates.


@router.get("/projects/{project_id}/strategies", response={200: list[StrategyFitOut], **ERRORS})
def project_strategies(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    """The strategies of the project's territory and the SDGs both address."""
    project = full_project(request, project_id)
    fits = strategies_for_project(user=api_user(request), project=project)
    return [
        {
            "strategy_id": f.strategy.pk,
            "slug": f.strategy.slug,
            "title": f.strategy.title,
            "goals": list(f.goals),
        }
        for f in fits
    ]


@router.get("/strategies/{strategy_id}/projects", response={200: list[ServingProjectOut], **ERRORS})
def strategy_projects(request: HttpRequest, strategy_id: int) -> list[dict[str, Any]]:
    """The projects you work on whose alignment serves the goals of a strategy."""
    from obieg.strategies.selectors import strategy_get_for_user

    user = api_user(request)
    strategy = strategy_get_for_user(user=user, strategy_id=strategy_id)
    return [
        {"project_id": p.pk, "slug": p.slug, "title": p.title_text, "goals": list(goals)}
        for p, goals in projects_for_strategy(user=user, strategy=strategy)
    ]


@router.get("/portfolio", response={200: PortfolioOut, **ERRORS})
def portfolio_figures(request: HttpRequest, filters: ProjectQuery = Query(...)) -> Any:  # noqa: B008
    """Counts and capital by stage, country, sector, R-strategy and instrument; time in stage;
    conversion. Over the projects you may see only."""
    data = portfolio(user=api_user(request), filters=selectors.ProjectFilters(**filters.dict()))
    return api_payloads.portfolio_payload(data)


@router.get("/reports/policy", response={200: PolicyReportOut, **ERRORS})
def policy_report_figures(request: HttpRequest, filters: ProjectQuery = Query(...)) -> Any:  # noqa: B008
    """Barriers aggregated for policy makers (no project named), over the projects you may see."""
    return policy_report(user=api_user(request), filters=selectors.ProjectFilters(**filters.dict()))


@router.get("/exchange-rates", response=list[ExchangeRateOut])
@paginate(LimitOffsetPagination)
def exchange_rate_list(request: HttpRequest, currency: str = "") -> Any:
    """Stored conversion rates (units per euro, by date)."""
    rates = ExchangeRate.objects.all()
    return rates.filter(currency=currency.upper()) if currency else rates


@router.post("/exchange-rates", response={201: ExchangeRateOut, **ERRORS}, auth=WRITE_AUTH)
def exchange_rate_set(request: HttpRequest, payload: ExchangeRateIn) -> Status[Any]:
    """Store a rate (managers)."""
    require_manager(request.user)
    return Status(201, services.exchange_rate_set(**payload.dict()))
