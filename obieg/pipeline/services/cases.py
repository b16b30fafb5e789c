"""Writes on investment cases: yearly cash flows from a form, the API or an uploaded table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.pipeline.finance import DRIVERS, CashFlowImportError, parse_cash_flows
from obieg.pipeline.models import CashFlowYear, InvestmentCase, InvestmentProject
from obieg.pipeline.services.projects import require_editor

YEAR_FIELDS = (*DRIVERS, "output")
MAX_YEARS = 60


def _amount(value: Any, *, field: str, year: int) -> Decimal:
    try:
        amount = Decimal(str(value if value not in (None, "") else 0))
    except (InvalidOperation, ValueError) as exc:
        raise ApplicationError(
            _("Year %(year)s: %(field)s is not a number.") % {"year": year, "field": field},
            field=field,
            status=422,
        ) from exc
    if not amount.is_finite() or amount < 0:
        raise ApplicationError(
            _("Year %(year)s: %(field)s must be a positive amount.")
            % {"year": year, "field": field},
            field=field,
            status=422,
        )
    return amount


def _check_years(years: Sequence[Mapping[str, Any]]) -> None:
    numbers = [int(row["year"]) for row in years]
    if len(numbers) != len(set(numbers)):
        raise ApplicationError(_("Each year may appear once."), field="years", status=422)
    if any(n < 0 or n > MAX_YEARS for n in numbers):
        raise ApplicationError(
            _("Years run from 0 to %(max)s.") % {"max": MAX_YEARS}, field="years", status=422
        )


@transaction.atomic
def case_set(
    *,
    project: InvestmentProject,
    user: Any,
    years: Sequence[Mapping[str, Any]],
    discount_rate: Decimal | None = None,
    output_unit: str | None = None,
) -> InvestmentCase:
    """Replace the yearly cash flows of a project's case (and its rate and unit if given)."""
    require_editor(user, project)
    _check_years(years)
    case, _created = InvestmentCase.objects.get_or_create(project=project)
    if discount_rate is not None:
        if discount_rate <= -1 or discount_rate > 1:
            raise ApplicationError(
                _("The discount rate must lie between -100 % and 100 %."),
                field="discount_rate",
                status=422,
            )
        case.discount_rate = discount_rate
    if output_unit is not None:
        case.output_unit = output_unit.strip()[:40]
    case.save()
    case.years.all().delete()
    CashFlowYear.objects.bulk_create(
        CashFlowYear(
            case=case,
            year=int(row["year"]),
            **{f: _amount(row.get(f), field=f, year=int(row["year"])) for f in YEAR_FIELDS},
        )
        for row in sorted(years, key=lambda r: int(r["year"]))
    )
    return case


@transaction.atomic
def case_import(
    *, project: InvestmentProject, user: Any, data: bytes, filename: str
) -> InvestmentCase:
    """Replace the cash flows with those of an uploaded CSV or XLSX table."""
    require_editor(user, project)
    try:
        flows = parse_cash_flows(data, filename)
    except CashFlowImportError as exc:
        raise ApplicationError(
            _("The table could not be read: %(problems)s") % {"problems": exc},
            field="file",
            status=422,
            extra={"problems": [str(p) for p in exc.problems]},
        ) from exc
    existing = InvestmentCase.objects.filter(project=project).first()
    outputs = dict(existing.years.values_list("year", "output")) if existing else {}
    years = [
        {"year": f.year, **{d: getattr(f, d) for d in DRIVERS}, "output": outputs.get(f.year, 0)}
        for f in flows
    ]
    return case_set(project=project, user=user, years=years)
