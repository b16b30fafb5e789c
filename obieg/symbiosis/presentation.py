"""How symbiosis pages word things: labels, waste names and score reasons in the page language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from obieg.symbiosis.matching.candidates import CODE_LEVEL_SCORE
from obieg.symbiosis.matching.reference import waste_code, waste_headings

EVIDENCE_LABELS = {
    "knowledge": gettext_lazy("typical route"),
    "exchange": gettext_lazy("exchanges on the platform"),
    "good_practice": gettext_lazy("good practice"),
    "text": gettext_lazy("description"),
}
# Names of the engine's score components as people read them.
COMPONENT_LABELS = {
    "code": gettext_lazy("Waste code"),
    "distance": gettext_lazy("Distance"),
    "quantity": gettext_lazy("Quantity"),
    "time": gettext_lazy("Availability"),
    "treatment": gettext_lazy("Recovery operation"),
    "text": gettext_lazy("Description"),
}


def waste_name(code: str) -> str:
    """The List of Waste entry in Polish on Polish pages, else in English."""
    if not code:
        return ""
    entry = waste_code(code)
    if get_language() == "pl" and entry.pl:
        return entry.pl
    return entry.en or entry.pl


# The code component's value tells how many digits of the code the need named.
CODE_LEVELS = {round(score, 1): digits for digits, score in CODE_LEVEL_SCORE.items()}


def _code_reason(match: Any, value: float) -> str:
    code = match.offer.ewc_code or "-"
    level = CODE_LEVELS.get(round(value, 1))
    if level == 6:
        return _("the need lists code %(code)s exactly") % {"code": code}
    if level in (4, 2):
        return _("the need accepts the group %(prefix)s") % {"prefix": code[:level]}
    return _("the need accepts any code")


def score_reasons(match: Any) -> dict[str, str]:
    """The engine's reasons, rephrased in the page language from the stored numbers."""
    limits = [x for x in (match.need.max_distance_km, match.offer.max_distance_km) if x]
    shared = sorted(set(match.offer.treatments) & set(match.need.treatments))
    values = {c["name"]: c["value"] for c in match.components}
    return {
        "code": _code_reason(match, values.get("code", 0.5)),
        "distance": _("%(km).1f km of at most %(limit).0f km")
        % {"km": match.distance_km, "limit": min(limits) if limits else 0},
        "quantity": _("offer %(offer)s vs need %(need)s %(basis)s")
        % {
            "offer": f"{match.offer.annual_quantity:g}",
            "need": f"{match.need.annual_quantity:g}",
            "basis": match.basis,
        },
        "time": _("availability windows overlap")
        if (
            match.offer.available_from
            or match.offer.available_until
            or match.need.available_from
            or match.need.available_until
        )
        else _("no availability window stated"),
        "treatment": _("both allow %(codes)s") % {"codes": ", ".join(shared)}
        if shared
        else _("no restriction on recovery operations on one side"),
        "text": _("descriptions %(percent).0f %% similar")
        % {"percent": values.get("text", 0) * 100},
    }


def chapter_names() -> dict[str, str]:
    """Waste chapter titles in the page language (Polish or English)."""
    polish = get_language() == "pl"
    return {
        code: (heading.pl if polish and heading.pl else heading.en)
        for code, heading in waste_headings().items()
        if len(code) == 2
    }
