from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class StrategyKind(models.TextChoices):
    SMART_CITY = "smart_city", _("Smart city strategy")
    REGIONAL_DEVELOPMENT = "regional_development", _("Regional development strategy")
    CLIMATE_ENERGY = "climate_energy", _("Climate and energy plan")
    CIRCULAR_ECONOMY = "circular_economy", _("Circular economy strategy")
    MOBILITY = "mobility", _("Sustainable urban mobility plan")
    OTHER = "other", _("Other")


class StrategyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ADOPTED = "adopted", _("Adopted")
    SUPERSEDED = "superseded", _("Superseded")


class TerritoryLevel(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    COUNTRY = "country", _("Country")


class ProcessingStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    PROCESSING = "processing", _("Processing")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class GoalLevel(models.TextChoices):
    """How strongly a strategy addresses a goal (the classifier's aggregation levels)."""

    STRONG = "strong", _("Strong")
    MODERATE = "moderate", _("Moderate")
    WEAK = "weak", _("Weak")
    ABSENT = "absent", _("Not addressed")


class CategoryScheme(models.TextChoices):
    GREEN_DEAL = "green_deal", _("European Green Deal area")
    TAXONOMY = "taxonomy", _("EU Taxonomy objective")
