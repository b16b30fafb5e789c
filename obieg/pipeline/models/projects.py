"""Investment projects and what hangs off them: partners, documents, history, notes, tasks."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from obieg.core.models import TimestampedModel
from obieg.core.translation import pick_translation
from obieg.directory.models import Organisation
from obieg.pipeline import choices
from obieg.pipeline.models.common import _empty_dict


def document_path(instance: ProjectDocument, filename: str) -> str:
    """Store each confidential file under a random folder, so that no path can be guessed."""
    return f"pipeline/{secrets.token_urlsafe(16)}/{filename[-120:]}"


class ExchangeRate(TimestampedModel):
    """Units of a currency per euro on a date (ECB reference-rate convention)."""

    currency = models.CharField(_("currency"), max_length=3, choices=choices.Currency.choices)
    valid_on = models.DateField(_("valid on"))
    units_per_eur = models.DecimalField(_("units per euro"), max_digits=14, decimal_places=6)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["currency", "-valid_on"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "valid_on"], name="exchange_rate_unique"),
            models.CheckConstraint(condition=Q(units_per_eur__gt=0), name="exchange_rate_positive"),
        ]

    def __str__(self) -> str:
        return f"1 EUR = {self.units_per_eur} {self.currency} ({self.valid_on})"


class InvestmentProject(TimestampedModel):
    """A business-led circular-economy investment project in the pipeline."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    title = models.JSONField(_("title"), default=_empty_dict)
    summary = models.JSONField(
        _("public summary"),
        default=_empty_dict,
        blank=True,
        help_text=_("The teaser: shown publicly once the promoter publishes it."),
    )
    details = models.JSONField(
        _("confidential details"),
        default=_empty_dict,
        blank=True,
        help_text=_("Seen only by the promoter, its advisers and cluster managers."),
    )
    original_language = models.CharField(_("original language"), max_length=8, default="en")
    promoter = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("promoter"),
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    country = models.ForeignKey(
        "directory.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    region = models.ForeignKey(
        "directory.NutsRegion",
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    sector = models.ForeignKey(
        "directory.NaceActivity",
        verbose_name=_("sector (NACE)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="investment_projects",
    )
    r_strategy = models.CharField(
        _("circular strategy (10-R)"), max_length=2, choices=choices.RStrategy.choices, blank=True
    )
    eib_category = models.CharField(
        _("EIB circular-economy category"),
        max_length=20,
        choices=choices.EibCategory.choices,
        blank=True,
    )
    trl = models.PositiveSmallIntegerField(_("technology readiness level"), default=6)
    stage = models.CharField(
        _("stage"),
        max_length=20,
        choices=choices.Stage.choices,
        default=choices.Stage.IDEA,
        db_index=True,
    )
    budget = models.DecimalField(_("budget needed"), max_digits=18, decimal_places=2)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        choices=choices.Currency.choices,
        default=choices.Currency.EUR,
    )
    budget_eur = models.DecimalField(
        _("budget in EUR"),
        null=True,
        blank=True,
        editable=False,
        max_digits=18,
        decimal_places=2,
        help_text=_("Converted at the latest stored rate; empty when no rate is known."),
    )
    own_share = models.DecimalField(
        _("promoter's own share"),
        max_digits=4,
        decimal_places=3,
        default=0,
        help_text=_("Share of the budget the promoter pays itself (0–1)."),
    )
    needed_cofinancing_rate = models.DecimalField(
        _("co-financing rate needed"),
        max_digits=4,
        decimal_places=3,
        default=0,
        help_text=_("Least share of the budget one instrument must fund (0 = any)."),
    )
    furthest_stage = models.PositiveSmallIntegerField(
        _("furthest stage reached"),
        default=0,
        editable=False,
        help_text=_("Position in the funnel (0 = idea); kept so that conversion is one count."),
    )
    teaser_published = models.BooleanField(
        _("investor teaser published"),
        default=False,
        help_text=_(
            "The promoter's opt-in: the public teaser shows once the project is investment-ready."
        ),
    )
    advisers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("advisers"),
        blank=True,
        related_name="advised_projects",
    )
    partners: models.ManyToManyField[Organisation, ProjectPartner] = models.ManyToManyField(
        "directory.Organisation",
        through="ProjectPartner",
        verbose_name=_("partners"),
        related_name="partner_in_investment_projects",
    )
    alignment = models.JSONField(_("SDG and Green Deal alignment"), default=_empty_dict, blank=True)
    alignment_source = models.CharField(
        _("text the alignment was computed from (hash)"),
        max_length=64,
        blank=True,
        editable=False,
    )
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        ordering = ["-updated_at", "pk"]
        verbose_name = _("investment project")
        verbose_name_plural = _("investment projects")
        indexes = [
            models.Index(fields=["stage", "country"]),
            models.Index(fields=["promoter", "stage"]),
            models.Index(fields=["teaser_published", "stage"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(trl__gte=1, trl__lte=9), name="project_trl_1_9"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="project_budget_not_negative"),
            models.CheckConstraint(
                condition=Q(own_share__gte=0, own_share__lte=1), name="project_own_share_0_1"
            ),
            models.CheckConstraint(
                condition=Q(needed_cofinancing_rate__gte=0, needed_cofinancing_rate__lte=1),
                name="project_needed_rate_0_1",
            ),
        ]

    def __str__(self) -> str:
        return self.title_text

    @property
    def title_text(self) -> str:
        return pick_translation(self.title, original=self.original_language) or self.slug

    @property
    def summary_text(self) -> str:
        return pick_translation(self.summary, original=self.original_language)

    @property
    def details_text(self) -> str:
        return pick_translation(self.details, original=self.original_language)

    @property
    def is_public(self) -> bool:
        """Whether the teaser is public: opted in and investment-ready or later."""
        return self.teaser_published and self.stage in choices.TEASER_STAGES


class ProjectPartner(TimestampedModel):
    """An organisation taking part in an investment project."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="investment_partnerships",
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=choices.PartnerRole.choices,
        default=choices.PartnerRole.OTHER,
    )

    class Meta:
        ordering = ["project", "organisation__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="investment_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.project}"


class ProjectDocument(TimestampedModel):
    """A confidential document of a project: a business plan, a feasibility study."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="documents",
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=document_path, max_length=300, blank=True)
    url = models.URLField(_("link"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["project", "title"]
        verbose_name = _("project document")
        verbose_name_plural = _("project documents")

    def __str__(self) -> str:
        return self.title


class StageChange(TimestampedModel):
    """One move of a project between stages: who, when (created_at) and why."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="stage_changes",
    )
    from_stage = models.CharField(
        _("from stage"), max_length=20, choices=choices.Stage.choices, blank=True
    )
    to_stage = models.CharField(_("to stage"), max_length=20, choices=choices.Stage.choices)
    reason = models.CharField(_("why"), max_length=500, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered the stage at"), db_index=True)
    left_at = models.DateTimeField(_("left the stage at"), null=True, blank=True)
    # Set when the project leaves the stage, so that time in stage is one average in SQL.
    seconds_in_stage = models.FloatField(_("seconds in the stage"), null=True, blank=True)

    class Meta:
        ordering = ["project", "entered_at", "pk"]
        verbose_name = _("stage change")
        verbose_name_plural = _("stage changes")
        indexes = [models.Index(fields=["to_stage", "project"])]

    def __str__(self) -> str:
        return f"{self.project}: {self.from_stage or '–'} → {self.to_stage}"


class ProjectNote(TimestampedModel):
    """An adviser's note on a project."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("note"))

    class Meta:
        ordering = ["project", "-created_at"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.text[:60]


class ProjectTask(TimestampedModel):
    """A to-do for the advisers of a project."""

    project = models.ForeignKey(
        InvestmentProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="tasks",
    )
    title = models.CharField(_("task"), max_length=300)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pipeline_tasks",
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["project", "done", "due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title
