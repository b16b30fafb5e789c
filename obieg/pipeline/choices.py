from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where a project stands in the pipeline; the first seven form the funnel, in order."""

    IDEA = "idea", _("Idea")
    SCREENING = "screening", _("Screening")
    STRUCTURING = "structuring", _("Structuring")
    INVESTMENT_READY = "investment_ready", _("Investment-ready")
    FINANCING = "financing", _("Financing")
    FINANCED = "financed", _("Financed")
    IMPLEMENTED = "implemented", _("Implemented")
    ON_HOLD = "on_hold", _("On hold")
    DROPPED = "dropped", _("Dropped")


FUNNEL: tuple[str, ...] = (
    Stage.IDEA,
    Stage.SCREENING,
    Stage.STRUCTURING,
    Stage.INVESTMENT_READY,
    Stage.FINANCING,
    Stage.FINANCED,
    Stage.IMPLEMENTED,
)
# A teaser is only worth an investor's time once the case is structured.
TEASER_STAGES: tuple[str, ...] = (
    Stage.INVESTMENT_READY,
    Stage.FINANCING,
    Stage.FINANCED,
    Stage.IMPLEMENTED,
)


class RStrategy(models.TextChoices):
    """The 10-R ladder of circularity strategies (Potting et al., 2017), R0 most circular."""

    R0 = "R0", _("R0 Refuse")
    R1 = "R1", _("R1 Rethink")
    R2 = "R2", _("R2 Reduce")
    R3 = "R3", _("R3 Reuse")
    R4 = "R4", _("R4 Repair")
    R5 = "R5", _("R5 Refurbish")
    R6 = "R6", _("R6 Remanufacture")
    R7 = "R7", _("R7 Repurpose")
    R8 = "R8", _("R8 Recycle")
    R9 = "R9", _("R9 Recover (energy)")


class EibCategory(models.TextChoices):
    """Circular-economy project categories of the EIB Circular Economy Guide (2020)."""

    DESIGN_PRODUCTION = "design_production", _("Circular design and production")
    CIRCULAR_USE = "circular_use", _("Circular use")
    VALUE_RECOVERY = "value_recovery", _("Circular value recovery")
    CIRCULAR_SUPPORT = "circular_support", _("Circular support")


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    PLN = "PLN", "PLN"
    CZK = "CZK", "CZK"
    HUF = "HUF", "HUF"


class InstrumentType(models.TextChoices):
    GRANT = "grant", _("Grant")
    LOAN = "loan", _("Loan")
    GUARANTEE = "guarantee", _("Guarantee")
    EQUITY = "equity", _("Equity")
    BLENDED = "blended", _("Blended finance")
    ADVISORY = "advisory", _("Advisory")


class BarrierCode(models.TextChoices):
    """What keeps a project from funding; the first codes come from the matcher."""

    TICKET_BELOW_MINIMUM = "ticket_below_minimum", _("Ticket below the instrument's minimum")
    COFINANCING_TOO_LOW = "cofinancing_too_low", _("Co-financing rate too low")
    TRL_GAP = "trl_gap", _("TRL outside the instrument's range")
    ORG_KIND_NOT_ELIGIBLE = "org_kind_not_eligible", _("Kind of organisation not eligible")
    ORG_SIZE_NOT_ELIGIBLE = "org_size_not_eligible", _("Size of organisation not eligible")
    NO_OPEN_CALL = "no_open_call", _("No open call")
    NO_INSTRUMENT_FOR_REGION = "no_instrument_for_region", _("No instrument for the region")
    NO_ELIGIBLE_INSTRUMENT = "no_eligible_instrument", _("No eligible instrument")
    FUNDING_GAP_UNCOVERED = "funding_gap_uncovered", _("Funding gap not covered")
    STATE_AID_LIMIT = "state_aid_limit", _("State-aid limits")
    COLLATERAL = "collateral", _("Collateral or guarantee missing")
    ADMINISTRATIVE_BURDEN = "administrative_burden", _("Administrative burden")
    OTHER = "other", _("Other")


class BarrierSource(models.TextChoices):
    MATCHER = "matcher", _("Found by funding matching")
    ADVISER = "adviser", _("Recorded by an adviser")


class StackStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPLIED = "applied", _("Applied for")
    SECURED = "secured", _("Secured")


class PartnerRole(models.TextChoices):
    CO_INVESTOR = "co_investor", _("Co-investor")
    TECHNOLOGY = "technology", _("Technology provider")
    OFFTAKER = "offtaker", _("Off-taker")
    SUPPLIER = "supplier", _("Feedstock supplier")
    RESEARCH = "research", _("Research partner")
    OTHER = "other", _("Other")


class MaterialRoute(models.TextChoices):
    RECYCLED = "recycled", _("Recycled material replaces virgin material")
    REUSED = "reused", _("Re-used material replaces virgin material")
