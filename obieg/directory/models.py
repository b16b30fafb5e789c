from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from obieg.core.models import TimestampedModel
from obieg.core.translation import pick_translation
from obieg.directory import choices


def _empty_translations() -> dict[str, str]:
    return {}


class Country(models.Model):
    """A country, named in every interface language."""

    code = models.CharField(_("code"), max_length=2, primary_key=True)
    names = models.JSONField(_("names"), default=_empty_translations)
    eu_member = models.BooleanField(_("EU member"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names, original="en") or self.code


class NutsRegion(models.Model):
    """A NUTS 2024 region (level 0 = country … level 3 = small region)."""

    code = models.CharField(_("code"), max_length=5, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    name = models.CharField(_("name"), max_length=200)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="regions",
        null=True,
        blank=True,
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("NUTS region")
        verbose_name_plural = _("NUTS regions")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class NaceActivity(models.Model):
    """A NACE Rev. 2 section, division, group or class."""

    code = models.CharField(_("code"), max_length=8, primary_key=True)
    level = models.PositiveSmallIntegerField(_("level"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    names = models.JSONField(_("names"), default=_empty_translations)

    class Meta:
        ordering = ["code"]
        verbose_name = _("NACE activity")
        verbose_name_plural = _("NACE activities")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def name(self) -> str:
        return pick_translation(self.names, original="en")


class Theme(models.Model):
    """A cleantech theme used to tag organisations and events."""

    slug = models.SlugField(_("slug"), max_length=60, primary_key=True)
    names = models.JSONField(_("names"), default=_empty_translations)

    class Meta:
        ordering = ["slug"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names, original="en") or self.slug


class TranslatableDescription(models.Model):
    """Abstract: a description kept per language, with the language it was written in."""

    description = models.JSONField(_("description"), default=_empty_translations, blank=True)
    original_language = models.CharField(_("original language"), max_length=8, default="en")

    class Meta:
        abstract = True

    @property
    def description_text(self) -> str:
        return pick_translation(self.description, original=self.original_language)


class Organisation(TimestampedModel, TranslatableDescription):
    """A company, university, public body or other organisation the cluster works with."""

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=choices.OrganisationKind.choices)
    size_class = models.CharField(
        _("size class"), max_length=10, choices=choices.SizeClass.choices, blank=True
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="organisations",
        null=True,
        blank=True,
        help_text=_("Empty for international bodies without a seat on record."),
    )
    region = models.ForeignKey(
        NutsRegion,
        verbose_name=_("NUTS region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    city = models.CharField(_("city"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    sectors = models.ManyToManyField(
        NaceActivity, verbose_name=_("NACE sectors"), blank=True, related_name="organisations"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("cleantech themes"), blank=True, related_name="organisations"
    )
    membership_status = models.CharField(
        _("cluster membership"),
        max_length=12,
        choices=choices.MembershipStatus.choices,
        default=choices.MembershipStatus.NONE,
    )
    member_since = models.DateField(_("member since"), null=True, blank=True)
    search_text = models.TextField(_("search text"), blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [
            models.Index(fields=["kind", "name"]),
            models.Index(fields=["country", "name"]),
            models.Index(fields=["membership_status", "name"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(size_class="") | Q(kind=choices.OrganisationKind.COMPANY),
                name="organisation_size_class_only_for_companies",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Person(TimestampedModel):
    """A contact person; contact details are shown only to members and only with consent."""

    full_name = models.CharField(_("full name"), max_length=200)
    role_title = models.CharField(_("role"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="people",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    consent_recorded_at = models.DateTimeField(
        _("consent to share contact data recorded at"), null=True, blank=True
    )
    consent_note = models.CharField(_("how consent was given"), max_length=300, blank=True)

    class Meta:
        ordering = ["full_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.full_name

    @property
    def has_consent(self) -> bool:
        return self.consent_recorded_at is not None


class Alliance(TimestampedModel, TranslatableDescription):
    """An alliance, consortium or network of organisations."""

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=choices.AllianceKind.choices)
    website = models.URLField(_("website"), blank=True)
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    members: models.ManyToManyField[Organisation, AllianceMembership] = models.ManyToManyField(
        Organisation,
        through="AllianceMembership",
        related_name="alliances",
        verbose_name=_("members"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self) -> str:
        return self.name


class AllianceMembership(TimestampedModel):
    """An organisation's role in an alliance."""

    alliance = models.ForeignKey(
        Alliance, verbose_name=_("alliance"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="alliance_memberships",
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=choices.PartnerRole.choices,
        default=choices.PartnerRole.MEMBER,
    )
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        ordering = ["alliance", "role", "organisation__name"]
        verbose_name = _("alliance membership")
        verbose_name_plural = _("alliance memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation"], name="alliance_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.alliance} ({self.get_role_display()})"


class ClusterProject(TimestampedModel, TranslatableDescription):
    """A project the cluster runs or takes part in."""

    title = models.CharField(_("title"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=choices.ProjectStatus.choices,
        default=choices.ProjectStatus.RUNNING,
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    total_budget = models.DecimalField(
        _("total budget"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    budget_currency = models.CharField(
        _("budget currency"),
        max_length=3,
        choices=choices.Currency.choices,
        default=choices.Currency.EUR,
    )
    partners: models.ManyToManyField[Organisation, ProjectPartner] = models.ManyToManyField(
        Organisation,
        through="ProjectPartner",
        related_name="cluster_projects",
        verbose_name=_("partners"),
    )

    class Meta:
        ordering = ["-start_date", "title"]
        verbose_name = _("cluster project")
        verbose_name_plural = _("cluster projects")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="cluster_project_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.acronym or self.title


class ProjectPartner(TimestampedModel):
    """An organisation's role in a cluster project."""

    project = models.ForeignKey(
        ClusterProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="partnerships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="project_partnerships",
    )
    role = models.CharField(
        _("role"),
        max_length=16,
        choices=choices.PartnerRole.choices,
        default=choices.PartnerRole.PARTNER,
    )

    class Meta:
        ordering = ["project", "role", "organisation__name"]
        verbose_name = _("project partner")
        verbose_name_plural = _("project partners")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation"], name="project_partner_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.project}"


class FundingSource(TimestampedModel):
    """Money behind a cluster project: how much, in what currency, from where."""

    project = models.ForeignKey(
        ClusterProject,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="funding_sources",
    )
    source = models.CharField(_("source"), max_length=200)
    amount = models.DecimalField(
        _("amount"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when the amount is not public."),
    )
    currency = models.CharField(
        _("currency"), max_length=3, choices=choices.Currency.choices, default=choices.Currency.EUR
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["project", "-amount"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="funding_amount_not_negative",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source}: {self.amount or '?'} {self.currency}"


class Event(TimestampedModel, TranslatableDescription):
    """A meeting, launch, kick-off, signing or consultation."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=140, unique=True)
    kind = models.CharField(_("kind"), max_length=14, choices=choices.EventKind.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=choices.EventStatus.choices,
        default=choices.EventStatus.HELD,
    )
    starts_on = models.DateField(_("date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    organiser = models.ForeignKey(
        Organisation,
        verbose_name=_("organiser"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organised_events",
    )
    participants = models.ManyToManyField(
        Organisation, verbose_name=_("participants"), blank=True, related_name="events"
    )
    topics = models.ManyToManyField(
        Theme, verbose_name=_("topics"), blank=True, related_name="events"
    )
    alliance = models.ForeignKey(
        Alliance,
        verbose_name=_("alliance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )
    project = models.ForeignKey(
        ClusterProject,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
    )

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_on:%Y-%m-%d})"


class EventDocument(TimestampedModel):
    """A document linked to an event: an agenda, minutes, a letter of intent."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.URLField(_("link"), blank=True)
    file = models.FileField(_("file"), upload_to="events/%Y/", blank=True)

    class Meta:
        ordering = ["event", "title"]
        verbose_name = _("event document")
        verbose_name_plural = _("event documents")

    def __str__(self) -> str:
        return self.title
