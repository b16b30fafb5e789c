"""Publishing, changing and closing resource streams."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.core.search_text import normalise_for_search
from obieg.directory.models import Country, NutsRegion, Organisation
from obieg.directory.services import clean_translations
from obieg.symbiosis import choices
from obieg.symbiosis.matching.reference import (
    UnknownCodeError,
    is_known_prefix,
    normalise_code,
    treatment_code,
    waste_code,
)
from obieg.symbiosis.matching.units import UnitError, to_common_basis
from obieg.symbiosis.models import Stream
from obieg.symbiosis.region_centroids import region_centre

# Fields a user sets directly; the rest (basis, hazard flag, location precision) is derived.
STREAM_FIELDS = (
    "kind",
    "category",
    "title",
    "description",
    "original_language",
    "ewc_code",
    "nace_code",
    "cpa_code",
    "quantity",
    "unit",
    "frequency",
    "quality",
    "available_from",
    "available_until",
    "address",
    "city",
    "country",
    "region",
    "lat",
    "lon",
    "accepted_codes",
    "treatments",
    "accepts_hazardous",
    "max_distance_km",
    "visibility",
    "status",
)
# Upper bound of a stated quantity: far above any plant, low enough for the solver's integers.
MAX_QUANTITY = 1e9


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of a stream."""

    field: str
    message: str


class StreamValidationError(ApplicationError):
    """All the problems of one stream at once (the first one is the headline)."""

    def __init__(self, errors: list[FieldError]) -> None:
        first = errors[0]
        super().__init__(
            f"{first.field}: {first.message}",
            field=first.field,
            status=422,
            extra={"errors": [{"field": e.field, "message": e.message} for e in errors]},
        )
        self.errors = errors


class _Checker:
    """Collects field errors so an import can report every bad cell of a row."""

    def __init__(self) -> None:
        self.errors: list[FieldError] = []

    def fail(self, field: str, message: str) -> None:
        self.errors.append(FieldError(field, message))


def _choice(check: _Checker, data: dict[str, Any], field: str, options: Any) -> None:
    if data.get(field) not in options.values:
        check.fail(
            field,
            _("Unknown value “%(value)s”; use one of %(options)s.")
            % {"value": data.get(field, ""), "options": ", ".join(options.values)},
        )


def _check_codes(check: _Checker, data: dict[str, Any]) -> None:
    code = normalise_code(str(data.get("ewc_code") or ""))
    data["ewc_code"] = code
    if code:
        try:
            data["hazardous"] = waste_code(code).hazardous
        except UnknownCodeError:
            check.fail(
                "ewc_code", _("“%(code)s” is not in the European List of Waste.") % {"code": code}
            )
    elif data.get("category") == choices.StreamCategory.WASTE and data.get("kind") == "offer":
        check.fail("ewc_code", _("A waste offer needs its 6-digit code of the List of Waste."))
    data["hazardous"] = bool(data.get("hazardous")) and bool(code)
    accepted = []
    for raw in data.get("accepted_codes") or []:
        digits = normalise_code(str(raw))
        if len(digits) not in (2, 4, 6) or not is_known_prefix(digits):
            check.fail(
                "accepted_codes",
                _("“%(code)s” is not a known 2-, 4- or 6-digit waste code.") % {"code": raw},
            )
        accepted.append(digits)
    data["accepted_codes"] = sorted(set(accepted))
    treatments = []
    for raw in data.get("treatments") or []:
        try:
            treatments.append(treatment_code(str(raw)).code)
        except UnknownCodeError:
            check.fail("treatments", _("“%(code)s” is not an R or D operation.") % {"code": raw})
    data["treatments"] = sorted(set(treatments))


def _check_quantity(check: _Checker, data: dict[str, Any]) -> None:
    quantity = data.get("quantity")
    if not isinstance(quantity, int | float) or not 0 <= quantity <= MAX_QUANTITY:
        check.fail("quantity", _("Give a quantity of at least 0."))
        return
    try:
        annual = to_common_basis(
            float(quantity), str(data.get("unit", "")), str(data.get("frequency", "year"))
        )
    except UnitError:
        check.fail(
            "unit",
            _("Unknown unit “%(unit)s”; use one of %(units)s.")
            % {"unit": data.get("unit", ""), "units": ", ".join(choices.Unit.values)},
        )
        return
    data["annual_quantity"], data["basis"] = annual.value, annual.basis.value


def _check_location(check: _Checker, data: dict[str, Any]) -> None:
    region_code = str(data.get("region") or "").strip().upper()
    region = NutsRegion.objects.filter(code=region_code).first() if region_code else None
    if region_code and region is None:
        check.fail("region", _("Unknown NUTS 2024 region “%(code)s”.") % {"code": region_code})
    country_code = str(data.get("country") or "").strip().upper() or (
        region.country_id if region else ""
    )
    country = Country.objects.filter(code=country_code).first() if country_code else None
    if country is None:
        check.fail("country", _("Give the country (two letters, e.g. PL)."))
    elif region is not None and region.country_id and region.country_id != country.code:
        check.fail(
            "region",
            _("Region %(region)s is not in %(country)s.")
            % {"region": region.code, "country": country.code},
        )
    data["region"], data["country"] = region, country
    _check_coordinates(check, data, region_code if region else "")


def _check_coordinates(check: _Checker, data: dict[str, Any], region_code: str) -> None:
    lat, lon = data.get("lat"), data.get("lon")
    if lat is None and lon is None:
        centre = region_centre(region_code) if region_code else None
        if centre is None:
            check.fail("lat", _("Give the coordinates or a NUTS region of the location."))
            return
        data["lat"], data["lon"] = centre
        data["location_precision"] = choices.LocationPrecision.REGION
        return
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        check.fail("lat", _("Give both latitude (−90…90) and longitude (−180…180)."))
        return
    data["location_precision"] = choices.LocationPrecision.COORDINATES


def _check_need(check: _Checker, data: dict[str, Any]) -> None:
    distance = data.get("max_distance_km")
    if data.get("kind") == choices.StreamKind.NEED and distance is None:
        check.fail("max_distance_km", _("A need states how far it may come from (km)."))
    elif distance is not None and not 0 <= distance <= 40_100:
        check.fail("max_distance_km", _("Give a distance between 0 and 40 100 km."))
    start, end = data.get("available_from"), data.get("available_until")
    if isinstance(start, dt.date) and isinstance(end, dt.date) and end < start:
        check.fail("available_until", _("The window ends before it starts."))


def stream_validate(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """Check and complete stream fields; return the cleaned data and every problem found."""
    clean = {key: data[key] for key in STREAM_FIELDS if key in data}
    check = _Checker()
    clean.setdefault("frequency", choices.Frequency.YEAR)
    clean.setdefault("visibility", choices.Visibility.PUBLIC)
    clean.setdefault("status", choices.StreamStatus.OPEN)
    for field, options in (
        ("kind", choices.StreamKind),
        ("category", choices.StreamCategory),
        ("visibility", choices.Visibility),
        ("status", choices.StreamStatus),
    ):
        _choice(check, clean, field, options)
    if not str(clean.get("title") or "").strip():
        check.fail("title", _("Give the stream a title."))
    try:
        clean["description"] = clean_translations(clean.get("description"), field="description")
    except ApplicationError as exc:
        check.fail("description", exc.message)
    _check_codes(check, clean)
    _check_quantity(check, clean)
    _check_location(check, clean)
    _check_need(check, clean)
    return clean, check.errors


def _search_text(stream: Stream) -> str:
    # An anonymous listing hides its city, so searching by city must not find it either.
    city = "" if stream.visibility == choices.Visibility.ANONYMOUS else stream.city
    parts = [stream.title, stream.ewc_code, city, stream.quality]
    parts += list(stream.description.values())
    return normalise_for_search(" ".join(p for p in parts if p))


def _apply(stream: Stream, data: Mapping[str, Any]) -> Stream:
    clean, errors = stream_validate(data)
    if errors:
        raise StreamValidationError(errors)
    for key, value in clean.items():
        setattr(stream, key, value)
    stream.title = stream.title.strip()
    if stream.kind == choices.StreamKind.OFFER:
        stream.accepted_codes, stream.accepts_hazardous = [], False
    stream.search_text = _search_text(stream)
    stream.save()
    return stream


@transaction.atomic
def stream_create(
    *,
    organisation: Organisation,
    created_by: Any = None,
    is_sample: bool = False,
    **data: Any,
) -> Stream:
    """Publish an offer or a need of an organisation."""
    user = created_by if getattr(created_by, "is_authenticated", False) else None
    stream = Stream(organisation=organisation, created_by=user, is_sample=is_sample)
    return _apply(stream, data)


@transaction.atomic
def stream_update(*, stream: Stream, data: Mapping[str, Any]) -> Stream:
    """Change a stream; keys absent from `data` keep their value."""
    current = {key: getattr(stream, key) for key in STREAM_FIELDS}
    current["country"] = stream.country_id
    current["region"] = stream.region_id
    if stream.location_precision == choices.LocationPrecision.REGION and "lat" not in data:
        current["lat"] = current["lon"] = None  # recomputed from the (possibly new) region
    return _apply(stream, {**current, **data})


@transaction.atomic
def stream_close(*, stream: Stream) -> Stream:
    """Withdraw a stream from matching; its matches and history stay."""
    stream.status = choices.StreamStatus.CLOSED
    stream.save(update_fields=["status", "updated_at"])
    return stream
