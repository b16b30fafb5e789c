"""Writes on a project's impact inputs: material flows, factor overrides, MCI, checklist."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.pipeline.impact import (
    ROUTES,
    MaterialFlow,
    MciInputs,
    assess_checklist,
    estimate_impact,
    load_emission_factors,
    material_circularity,
    with_overrides,
)
from obieg.pipeline.models import ImpactRecord, InvestmentProject
from obieg.pipeline.services.projects import require_editor

MCI_FIELDS = tuple(MciInputs.__dataclass_fields__)


def _flows(rows: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    clean = []
    for row in rows:
        route = row.get("route") or "recycled"
        if route not in ROUTES:
            raise ApplicationError(_("Unknown route."), field="material_flows", status=422)
        clean.append(
            {
                "material": str(row.get("material", "")).strip(),
                "tonnes_kept_in_use": float(row.get("tonnes_kept_in_use") or 0),
                "tonnes_diverted": float(row.get("tonnes_diverted") or 0),
                "route": route,
            }
        )
    return clean


def _overrides(values: Any) -> dict[str, dict[str, float]]:
    try:
        return {str(k): {str(f): float(x) for f, x in v.items()} for k, v in values.items()}
    except (AttributeError, TypeError, ValueError) as exc:
        raise ApplicationError(
            _('Give overrides as {"material": {"landfill": 20.0}}.'),
            field="factor_overrides",
            status=422,
        ) from exc


def _mci(values: Mapping[str, Any]) -> dict[str, float]:
    unknown = set(values) - set(MCI_FIELDS)
    if unknown:
        raise ApplicationError(
            _("Unknown MCI inputs: %(names)s.") % {"names": ", ".join(sorted(unknown))},
            field="mci_inputs",
            status=422,
        )
    return {k: float(v) for k, v in values.items() if v not in (None, "")}


@transaction.atomic
def impact_set(
    *,
    project: InvestmentProject,
    user: Any,
    material_flows: Sequence[Mapping[str, Any]] | None = None,
    factor_overrides: Mapping[str, Mapping[str, float]] | None = None,
    mci_inputs: Mapping[str, Any] | None = None,
    taxonomy_criteria: Sequence[str] | None = None,
) -> ImpactRecord:
    """Change the impact inputs of a project; each part given replaces the stored one."""
    require_editor(user, project)
    record, _created = ImpactRecord.objects.get_or_create(project=project)
    if material_flows is not None:
        record.material_flows = _flows(material_flows)
    if factor_overrides is not None:
        record.factor_overrides = _overrides(factor_overrides)
    if mci_inputs is not None:
        record.mci_inputs = _mci(mci_inputs)
    if taxonomy_criteria is not None:
        unknown = assess_checklist(list(taxonomy_criteria)).unknown_ids
        if unknown:
            raise ApplicationError(
                _("Unknown criteria: %(ids)s.") % {"ids": ", ".join(unknown)},
                field="taxonomy_criteria",
                status=422,
            )
        record.taxonomy_criteria = sorted(set(taxonomy_criteria))
    _check_computable(record, project)
    record.save()
    return record


def _check_computable(record: ImpactRecord, project: InvestmentProject) -> None:
    # Compute once now so that a missing factor or a bad share is reported at entry time.
    try:
        factors = with_overrides(load_emission_factors(), record.factor_overrides)
        flows = [MaterialFlow(year=1, **row) for row in record.material_flows]
        estimate_impact(flows, invested_eur=float(project.budget_eur or 0), factors=factors)
        material_circularity(MciInputs(**record.mci_inputs))
    except (TypeError, ValueError) as exc:
        raise ApplicationError(str(exc), field="material_flows", status=422) from exc
