from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from obieg.core.models import TimestampedModel
from obieg.core.translation import pick_translation
from obieg.strategies import choices


def _empty_dict() -> dict[str, str]:
    return {}


def _empty_list() -> list[str]:
    return []


class Strategy(TimestampedModel):
    """A strategy document of a municipality, region or country, with its SDG profile."""

    title = models.CharField(_("title"), max_length=500)
    title_translations = models.JSONField(
        _("title translations"),
        default=_empty_dict,
        blank=True,
        help_text=_("{language: title}; the title field keeps the original."),
    )
    original_language = models.CharField(_("original language"), max_length=8, default="en")
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(
        _("kind"),
        max_length=24,
        choices=choices.StrategyKind.choices,
        default=choices.StrategyKind.OTHER,
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=choices.StrategyStatus.choices,
        default=choices.StrategyStatus.ADOPTED,
    )
    superseded_by = models.ForeignKey(
        "self",
        verbose_name=_("superseded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supersedes",
    )
    territory_name = models.CharField(_("territory"), max_length=200, blank=True)
    territory_level = models.CharField(
        _("territory level"),
        max_length=14,
        choices=choices.TerritoryLevel.choices,
        default=choices.TerritoryLevel.MUNICIPALITY,
    )
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategies",
    )
    region = models.ForeignKey(
        "directory.NutsRegion",
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="strategies",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("adopting organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategies",
    )
    adopted_on = models.DateField(_("adopted on"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    languages = models.JSONField(_("languages"), default=_empty_list, blank=True)
    is_sample = models.BooleanField(
        _("sample"),
        default=False,
        help_text=_("Written for the demo, not a real public document."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="uploaded_strategies",
    )
    processing_status = models.CharField(
        _("processing"),
        max_length=12,
        choices=choices.ProcessingStatus.choices,
        default=choices.ProcessingStatus.QUEUED,
    )
    processing_error = models.TextField(_("processing error"), blank=True)
    last_run = models.ForeignKey(
        "core.Run",
        verbose_name=_("last run"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    model_version = models.CharField(_("model version"), max_length=64, blank=True)
    model_name = models.CharField(_("model"), max_length=120, blank=True)
    page_count = models.PositiveIntegerField(_("pages"), default=0)
    passage_count = models.PositiveIntegerField(_("passages"), default=0)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")
        indexes = [
            models.Index(fields=["is_published", "country"]),
            models.Index(fields=["kind"]),
            models.Index(fields=["processing_status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="strategy_period_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def display_title(self) -> str:
        """Return the title in the page language when translated, else the original."""
        translations = {**self.title_translations, self.original_language: self.title}
        return pick_translation(translations, original=self.original_language)

    @property
    def is_ready(self) -> bool:
        return self.processing_status == choices.ProcessingStatus.READY

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start}–{self.period_end}"
        return str(self.period_start or self.period_end or "")


class StrategyFile(TimestampedModel):
    """An original file of a strategy, kept as uploaded; its hash detects duplicates."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(_("file"), upload_to="strategies/%Y/%m/")
    original_name = models.CharField(_("original name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    document_format = models.CharField(_("format"), max_length=12)
    page_count = models.PositiveIntegerField(_("pages"), default=0)

    class Meta:
        ordering = ["strategy", "pk"]
        verbose_name = _("strategy file")
        verbose_name_plural = _("strategy files")

    def __str__(self) -> str:
        return self.original_name


class Passage(TimestampedModel):
    """About a paragraph of a strategy, with the model's labels and the effective labels.

    The effective fields (`goals`, `targets`, the `*_codes`) hold the reviewer's correction
    when there is one, else the model's labels; every view reads them, so a correction wins
    everywhere. The codes are space-delimited (" 7 11 ") so filters are plain LIKE lookups.
    """

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="passages"
    )
    index = models.PositiveIntegerField(_("position"))
    page = models.PositiveIntegerField(_("page"))
    text = models.TextField(_("text"))
    language = models.CharField(_("language"), max_length=8, blank=True)
    scores = models.JSONField(_("goal scores"), default=_empty_list)
    model_goals = models.JSONField(_("goals (model)"), default=_empty_list)
    model_targets = models.JSONField(_("targets (model)"), default=_empty_dict)
    evidence = models.JSONField(_("evidence phrases"), default=_empty_dict)
    goals = models.JSONField(_("goals"), default=_empty_list)
    targets = models.JSONField(_("targets"), default=_empty_list)
    goal_codes = models.CharField(_("goal codes"), max_length=100, blank=True)
    target_codes = models.CharField(_("target codes"), max_length=500, blank=True)
    green_deal_codes = models.CharField(_("Green Deal codes"), max_length=300, blank=True)
    taxonomy_codes = models.CharField(_("EU Taxonomy codes"), max_length=100, blank=True)
    is_corrected = models.BooleanField(_("corrected by a reviewer"), default=False)

    class Meta:
        ordering = ["strategy", "index"]
        verbose_name = _("passage")
        verbose_name_plural = _("passages")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "index"], name="passage_unique_index")
        ]

    def __str__(self) -> str:
        return f"{self.strategy_id} #{self.index} (p. {self.page})"


class PassageCorrection(TimestampedModel):
    """A reviewer's confirmation or correction of a passage's goals and targets."""

    passage = models.ForeignKey(
        Passage, verbose_name=_("passage"), on_delete=models.CASCADE, related_name="corrections"
    )
    goals = models.JSONField(_("goals"), default=_empty_list)
    targets = models.JSONField(_("targets"), default=_empty_list)
    note = models.CharField(_("note"), max_length=500, blank=True)
    model_version = models.CharField(_("model version corrected"), max_length=64, blank=True)
    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("corrected by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="passage_corrections",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("passage correction")
        verbose_name_plural = _("passage corrections")

    def __str__(self) -> str:
        return f"{self.passage} → {self.goals}"


class StrategyGoal(models.Model):
    """How a strategy addresses one of the 17 goals (aggregated from its passages)."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="goal_profile",
    )
    goal = models.PositiveSmallIntegerField(_("goal"))
    share = models.FloatField(_("share of passages"))
    passages = models.PositiveIntegerField(_("passages"))
    strength = models.FloatField(_("strength"))
    level = models.CharField(_("level"), max_length=10, choices=choices.GoalLevel.choices)
    top_targets = models.JSONField(_("top targets"), default=_empty_list)
    evidence_passages = models.JSONField(_("evidence passages"), default=_empty_list)

    class Meta:
        ordering = ["strategy", "goal"]
        verbose_name = _("strategy goal")
        verbose_name_plural = _("strategy goals")
        indexes = [models.Index(fields=["goal", "level"])]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "goal"], name="strategy_goal_unique")
        ]

    def __str__(self) -> str:
        return f"{self.strategy_id} SDG {self.goal}: {self.level}"


class StrategyCategory(models.Model):
    """Share of a strategy's passages reaching a Green Deal area or EU Taxonomy objective."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="categories",
    )
    scheme = models.CharField(_("scheme"), max_length=12, choices=choices.CategoryScheme.choices)
    key = models.CharField(_("key"), max_length=24)
    name = models.CharField(_("name"), max_length=200)
    share = models.FloatField(_("share of passages"))
    passages = models.PositiveIntegerField(_("passages"))

    class Meta:
        ordering = ["strategy", "scheme", "-share", "key"]
        verbose_name = _("strategy category")
        verbose_name_plural = _("strategy categories")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "scheme", "key"], name="strategy_category_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.strategy_id} {self.key}: {self.share:.0%}"
