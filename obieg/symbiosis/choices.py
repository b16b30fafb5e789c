from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StreamKind(models.TextChoices):
    OFFER = "offer", _("Offer")
    NEED = "need", _("Need")


class StreamCategory(models.TextChoices):
    BY_PRODUCT = "by_product", _("By-product")
    WASTE = "waste", _("Waste")
    HEAT = "heat", _("Surplus heat")
    ENERGY = "energy", _("Energy")
    WATER = "water", _("Water")
    CAPACITY = "capacity", _("Spare capacity")


class Unit(models.TextChoices):
    """Units the matching engine converts (obieg.symbiosis.matching.units.UNITS)."""

    TONNE = "t", _("tonnes")
    KILOGRAM = "kg", _("kilograms")
    CUBIC_METRE = "m3", _("cubic metres")
    LITRE = "l", _("litres")
    MWH = "MWh", "MWh"
    KWH = "kWh", "kWh"
    GJ = "GJ", "GJ"


class Frequency(models.TextChoices):
    DAY = "day", _("per day")
    WEEK = "week", _("per week")
    MONTH = "month", _("per month")
    YEAR = "year", _("per year")
    ONCE = "once", _("one-off lot")


class Basis(models.TextChoices):
    """The common annual bases every stream is converted to."""

    TONNES = "t/year", _("t/year")
    MWH = "MWh/year", _("MWh/year")
    CUBIC_METRES = "m3/year", _("m³/year")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    MEMBERS = "members", _("Members only")
    ANONYMOUS = "anonymous", _("Anonymous until both sides agree")


class StreamStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class LocationPrecision(models.TextChoices):
    COORDINATES = "coordinates", _("Coordinates")
    REGION = "region", _("Centre of the NUTS region")


class MatchStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    CONTACTED = "contacted", _("Contacted")
    NEGOTIATING = "negotiating", _("Negotiating")
    AGREED = "agreed", _("Agreed")
    RUNNING = "running", _("Running")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Declined")

    @classmethod
    def closed(cls) -> set[str]:
        return {cls.ENDED, cls.DECLINED}

    @classmethod
    def committed(cls) -> set[str]:
        """Matches whose quantity counts as taken (no longer open potential)."""
        return {cls.AGREED, cls.RUNNING, cls.ENDED}


# The workflow: each status may move to the listed ones (declined is reachable until ended).
MATCH_TRANSITIONS: dict[str, tuple[str, ...]] = {
    MatchStatus.SUGGESTED: (MatchStatus.CONTACTED, MatchStatus.DECLINED),
    MatchStatus.CONTACTED: (MatchStatus.NEGOTIATING, MatchStatus.DECLINED),
    MatchStatus.NEGOTIATING: (MatchStatus.AGREED, MatchStatus.DECLINED),
    MatchStatus.AGREED: (MatchStatus.RUNNING, MatchStatus.DECLINED),
    MatchStatus.RUNNING: (MatchStatus.ENDED,),
    MatchStatus.ENDED: (),
    MatchStatus.DECLINED: (),
}


class Objective(models.TextChoices):
    """What the allocation optimises (obieg.symbiosis.matching.Objective)."""

    TKM = "tkm", _("Most tonnes, then fewest tonne-kilometres")
    COST = "cost", _("Lowest cost")
    CO2 = "co2", _("Most CO₂e avoided")


class PracticeKind(models.TextChoices):
    BY_PRODUCT = "by_product", _("By-product replacement")
    ENERGY = "energy", _("Energy ecosystem")
    WATER = "water", _("Water reuse")
    MIXED = "mixed", _("Industrial park (several exchanges)")


class ImportStatus(models.TextChoices):
    VALIDATED = "validated", _("Validated, waiting for a decision")
    IMPORTED = "imported", _("Imported")
    DISCARDED = "discarded", _("Discarded")
