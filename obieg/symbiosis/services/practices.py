"""The good-practice catalogue: cases kept by cluster managers and seeded from a data file."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.core.search_text import normalise_for_search
from obieg.directory.models import Country
from obieg.directory.services import clean_translations, unique_slug
from obieg.symbiosis import choices
from obieg.symbiosis.good_practice_seed import load_good_practices
from obieg.symbiosis.matching.reference import is_known_prefix, normalise_code
from obieg.symbiosis.models import GoodPractice

PRACTICE_FIELDS = (
    "title",
    "kind",
    "description",
    "original_language",
    "sectors",
    "receiver_nace",
    "materials",
    "ewc_codes",
    "country",
    "place",
    "benefits",
    "source_title",
    "source_url",
    "year_started",
)


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - set(PRACTICE_FIELDS))
    if unknown:
        raise ApplicationError(_("Unknown field."), field=unknown[0], status=422)
    clean = dict(data)
    if "kind" in clean and clean["kind"] not in choices.PracticeKind.values:
        raise ApplicationError(_("Unknown kind."), field="kind", status=422)
    if "description" in clean:
        clean["description"] = clean_translations(clean["description"], field="description")
    if "ewc_codes" in clean:
        codes = [normalise_code(str(c)) for c in clean["ewc_codes"] or []]
        bad = [c for c in codes if len(c) not in (2, 4, 6) or not is_known_prefix(c)]
        if bad:
            raise ApplicationError(
                _("Unknown waste code %(code)s.") % {"code": bad[0]}, field="ewc_codes", status=422
            )
        clean["ewc_codes"] = codes
    if "country" in clean:
        code = (clean["country"] or "").upper()
        clean["country"] = Country.objects.filter(code=code).first() if code else None
        if code and clean["country"] is None:
            raise ApplicationError(_("Unknown country."), field="country", status=422)
    return clean


def practice_search_text(practice: GoodPractice) -> str:
    """Accent-free text the catalogue search looks in."""
    parts = [
        practice.title,
        practice.materials,
        practice.place,
        practice.benefits,
        " ".join(practice.ewc_codes),
        *practice.description.values(),
    ]
    return normalise_for_search(" ".join(p for p in parts if p))


def _save(practice: GoodPractice) -> GoodPractice:
    practice.search_text = practice_search_text(practice)
    practice.save()
    return practice


@transaction.atomic
def good_practice_create(**data: Any) -> GoodPractice:
    """Add a case to the catalogue."""
    clean = _clean(data)
    practice = GoodPractice(**clean)
    practice.slug = unique_slug(GoodPractice, practice.title)
    return _save(practice)


@transaction.atomic
def good_practice_update(*, practice: GoodPractice, data: Mapping[str, Any]) -> GoodPractice:
    """Change a case; keys absent from `data` keep their value."""
    for key, value in _clean(data).items():
        setattr(practice, key, value)
    return _save(practice)


@transaction.atomic
def good_practices_seed() -> int:
    """Load the shipped catalogue; cases already present (same title) are left alone."""
    return load_good_practices(GoodPractice, Country)
