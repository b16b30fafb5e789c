"""Writes on investment projects: create, change, move between stages, people around them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError, PermissionDeniedError
from obieg.core.search_text import normalise_for_search
from obieg.directory.models import Country, NaceActivity, NutsRegion, Organisation
from obieg.directory.services import clean_translations, unique_slug
from obieg.pipeline import choices
from obieg.pipeline.models import (
    ExchangeRate,
    InvestmentProject,
    ProjectDocument,
    ProjectNote,
    ProjectPartner,
    ProjectTask,
    StageChange,
)

PLAIN_FIELDS = (
    "r_strategy",
    "eib_category",
    "trl",
    "budget",
    "currency",
    "own_share",
    "needed_cofinancing_rate",
    "original_language",
)
TRANSLATED_FIELDS = ("title", "summary", "details")
EDITABLE_COLUMNS = [
    *PLAIN_FIELDS,
    *TRANSLATED_FIELDS,
    "country",
    "region",
    "sector",
    "budget_eur",
    "search_text",
    "is_sample",
    "updated_at",
]


def full_clean(instance: Model, *, exclude: tuple[str, ...] = ()) -> None:
    """Validate a row, turning Django's errors into one ApplicationError naming the field."""
    try:
        instance.full_clean(exclude=["search_text", *exclude])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(f"{field}: {' '.join(messages)}", field=field, status=422) from exc


def to_eur(amount: Decimal, currency: str, *, on: dt.date | None = None) -> Decimal | None:
    """Convert at the latest stored rate on or before `on`; None when no rate is known."""
    if currency == choices.Currency.EUR:
        return amount
    rates = ExchangeRate.objects.filter(currency=currency)
    if on is not None:
        rates = rates.filter(valid_on__lte=on)
    rate = rates.order_by("-valid_on").values_list("units_per_eur", flat=True).first()
    return None if rate is None else (amount / rate).quantize(Decimal("0.01"))


def _reference(model: type[Model], code: str | None, *, field: str) -> Any:
    if not code:
        return None
    key = code.upper()
    found = model._default_manager.filter(pk=key).first()
    if found is None:
        raise ApplicationError(
            _("Unknown code “%(code)s”.") % {"code": code}, field=field, status=422
        )
    return found


def _place(country: str, region: str | None) -> tuple[Country, NutsRegion | None]:
    country_obj = _reference(Country, country, field="country")
    if country_obj is None:
        raise ApplicationError(_("Give the country."), field="country", status=422)
    region_obj = _reference(NutsRegion, region, field="region")
    if region_obj is not None and region_obj.country_id not in (None, country_obj.code):
        raise ApplicationError(
            _("Region %(region)s is not in %(country)s.")
            % {"region": region_obj.code, "country": country_obj.code},
            field="region",
            status=422,
        )
    return country_obj, region_obj


def project_search_text(project: InvestmentProject) -> str:
    """Only teaser fields: a search must never match confidential details."""
    parts = [*project.title.values(), *project.summary.values(), project.promoter.name]
    return normalise_for_search(" ".join(p for p in parts if p))


def require_editor(user: Any, project: InvestmentProject) -> None:
    """Full-access users edit: the promoter's members, assigned advisers, managers."""
    from obieg.pipeline.selectors.projects import Access, project_access

    if project_access(user=user, project=project) is not Access.FULL:
        raise PermissionDeniedError(_("Only the promoter, its advisers and managers may do this."))


def require_creator(user: Any, promoter: Organisation) -> None:
    """Members propose projects of their own organisation; advisers and managers of any."""
    if not getattr(user, "is_authenticated", False):
        raise ApplicationError(_("Sign in to do this."), status=401, code="unauthenticated")
    if not (user.is_adviser or user.organisation_id == promoter.pk):
        raise PermissionDeniedError(_("You may propose projects of your own organisation only."))


@transaction.atomic
def project_create(
    *,
    user: Any,
    promoter: Organisation,
    title: Mapping[str, str],
    country: str,
    budget: Decimal,
    region: str | None = None,
    sector: str | None = None,
    stage: str = choices.Stage.IDEA,
    **fields: Any,
) -> InvestmentProject:
    """Add a project to the pipeline and record its first stage."""
    require_creator(user, promoter)
    country_obj, region_obj = _place(country, region)
    project = InvestmentProject(
        promoter=promoter,
        country=country_obj,
        region=region_obj,
        budget=budget,
        stage=stage,
        sector=_reference(NaceActivity, sector, field="sector"),
    )
    _assign(project, {"title": title, **fields})
    project.slug = unique_slug(InvestmentProject, project.title_text)
    _save(project)
    _enter_stage(project, from_stage="", to_stage=stage, user=user, reason=_("Project created"))
    _after_change(project, user=user)
    return project


@transaction.atomic
def project_update(
    *, project: InvestmentProject, user: Any, data: Mapping[str, Any]
) -> InvestmentProject:
    """Change a project; only the keys present in `data` change (not the stage)."""
    require_editor(user, project)
    data = dict(data)
    if "country" in data or "region" in data:
        country = data.pop("country", None) or project.country_id
        project.country, project.region = _place(country, data.pop("region", project.region_id))
    if "sector" in data:
        project.sector = _reference(NaceActivity, data.pop("sector"), field="sector")
    _assign(project, data)
    _save(project)
    _after_change(project, user=user)
    return project


def _assign(project: InvestmentProject, fields: Mapping[str, Any]) -> None:
    for key, value in fields.items():
        if key in TRANSLATED_FIELDS:
            value = clean_translations(value, field=key)
        elif key not in PLAIN_FIELDS and key != "is_sample":
            raise ApplicationError(_("Unknown field."), field=key, status=422)
        setattr(
            project, key, "" if value is None and key in ("r_strategy", "eib_category") else value
        )
    if not project.title:
        raise ApplicationError(_("Give the project a title."), field="title", status=422)


def _save(project: InvestmentProject) -> None:
    project.budget_eur = to_eur(Decimal(project.budget), project.currency)
    project.search_text = project_search_text(project)
    full_clean(project, exclude=("slug",) if not project.slug else ())
    if project.pk is None:
        project.save()
        return
    # The background alignment writes its own fields; a stale instance must not undo it.
    project.save(update_fields=EDITABLE_COLUMNS)


@transaction.atomic
def project_save_from_admin(*, project: InvestmentProject, user: Any) -> InvestmentProject:
    """Save a project edited in the back office, keeping its derived columns and funding fit."""
    _save(project)
    _after_change(project, user=user)
    return project


def _after_change(project: InvestmentProject, *, user: Any) -> None:
    # Imported here: funding and alignment services import this module.
    from obieg.pipeline.services.alignment import project_alignment_schedule
    from obieg.pipeline.services.funding import project_funding_refresh

    project_funding_refresh(project=project)
    project_alignment_schedule(project=project, user=user)


def _enter_stage(
    project: InvestmentProject, *, from_stage: str, to_stage: str, user: Any, reason: str
) -> StageChange:
    now = timezone.now()
    for open_change in StageChange.objects.filter(project=project, left_at__isnull=True):
        open_change.left_at = now
        open_change.seconds_in_stage = (now - open_change.entered_at).total_seconds()
        open_change.save(update_fields=["left_at", "seconds_in_stage", "updated_at"])
    if to_stage in choices.FUNNEL:
        reached = max(project.furthest_stage, choices.FUNNEL.index(to_stage))
        if reached != project.furthest_stage:
            project.furthest_stage = reached
            project.save(update_fields=["furthest_stage", "updated_at"])
    return StageChange.objects.create(
        project=project,
        from_stage=from_stage,
        to_stage=to_stage,
        reason=reason[:500],
        changed_by=user if getattr(user, "pk", None) else None,
        entered_at=now,
    )


@transaction.atomic
def project_move(
    *, project: InvestmentProject, user: Any, to_stage: str, reason: str = ""
) -> StageChange | None:
    """Move a project to another stage, recording who, when and why (None if unchanged)."""
    require_editor(user, project)
    if to_stage not in choices.Stage.values:
        raise ApplicationError(_("Unknown stage."), field="stage", status=422)
    if to_stage == project.stage:
        return None
    change = _enter_stage(
        project, from_stage=project.stage, to_stage=to_stage, user=user, reason=reason
    )
    project.stage = to_stage
    project.save(update_fields=["stage", "updated_at"])
    from obieg.pipeline.services.funding import project_funding_refresh

    project_funding_refresh(project=project)
    return change


@transaction.atomic
def project_teaser_publish(*, project: InvestmentProject, user: Any, published: bool) -> None:
    """Publish or withdraw the investor teaser; publishing is the promoter's own choice."""
    require_editor(user, project)
    is_promoter = getattr(user, "organisation_id", None) == project.promoter_id
    if published and not is_promoter:
        raise PermissionDeniedError(_("Only the promoter may publish its investor teaser."))
    project.teaser_published = published
    project.save(update_fields=["teaser_published", "updated_at"])


@transaction.atomic
def project_adviser_set(
    *, project: InvestmentProject, user: Any, adviser: Any, assigned: bool = True
) -> None:
    """Assign an adviser to a project, or release them (cluster managers)."""
    if not getattr(user, "is_manager", False):
        raise PermissionDeniedError(_("Only cluster managers assign advisers."))
    if assigned and not adviser.is_adviser:
        raise ApplicationError(_("This user is not an adviser."), field="adviser", status=422)
    if assigned:
        project.advisers.add(adviser)
    else:
        project.advisers.remove(adviser)


@transaction.atomic
def project_partner_set(
    *, project: InvestmentProject, user: Any, organisation: Organisation, role: str
) -> ProjectPartner:
    """Add a partner organisation to a project, or change its role."""
    require_editor(user, project)
    if role not in choices.PartnerRole.values:
        raise ApplicationError(_("Unknown role."), field="role", status=422)
    partner, _created = ProjectPartner.objects.update_or_create(
        project=project, organisation=organisation, defaults={"role": role}
    )
    return partner


@transaction.atomic
def project_document_add(
    *, project: InvestmentProject, user: Any, title: str, url: str = "", file: Any = None
) -> ProjectDocument:
    """Attach a confidential document (a file or a link) to a project."""
    require_editor(user, project)
    if not (url or file):
        raise ApplicationError(_("Give a link or a file."), field="url", status=422)
    document = ProjectDocument(project=project, title=title.strip(), url=url, uploaded_by=user)
    if file is not None:
        document.file = file
    full_clean(document)
    document.save()
    return document


@transaction.atomic
def project_note_add(*, project: InvestmentProject, user: Any, text: str) -> ProjectNote:
    """Add an adviser's note to a project."""
    require_editor(user, project)
    if not text.strip():
        raise ApplicationError(_("The note is empty."), field="text", status=422)
    return ProjectNote.objects.create(project=project, author=user, text=text.strip())


@transaction.atomic
def project_task_add(
    *,
    project: InvestmentProject,
    user: Any,
    title: str,
    assignee: Any = None,
    due_on: dt.date | None = None,
) -> ProjectTask:
    """Add a to-do for the project's advisers."""
    require_editor(user, project)
    if not title.strip():
        raise ApplicationError(_("Name the task."), field="title", status=422)
    return ProjectTask.objects.create(
        project=project, title=title.strip()[:300], assignee=assignee, due_on=due_on
    )


@transaction.atomic
def project_task_set_done(*, task: ProjectTask, user: Any, done: bool) -> ProjectTask:
    """Tick a task off, or reopen it."""
    require_editor(user, task.project)
    task.done = done
    task.save(update_fields=["done", "updated_at"])
    return task


@transaction.atomic
def exchange_rate_set(
    *,
    currency: str,
    valid_on: dt.date,
    units_per_eur: Decimal,
    source: str = "",
    is_sample: bool = False,
) -> ExchangeRate:
    """Store the rate of a currency on a date (units per euro)."""
    if currency not in choices.Currency.values or currency == choices.Currency.EUR:
        raise ApplicationError(_("Unknown currency."), field="currency", status=422)
    if units_per_eur <= 0:
        raise ApplicationError(_("A rate must be positive."), field="units_per_eur", status=422)
    rate, _created = ExchangeRate.objects.update_or_create(
        currency=currency,
        valid_on=valid_on,
        defaults={"units_per_eur": units_per_eur, "source": source, "is_sample": is_sample},
    )
    _reprice(currency)
    return rate


def _reprice(currency: str) -> None:
    """Convert every budget in `currency` again, at the now-latest rate."""
    projects = list(InvestmentProject.objects.filter(currency=currency).only("pk", "budget"))
    for project in projects:
        project.budget_eur = to_eur(Decimal(project.budget), currency)
    InvestmentProject.objects.bulk_update(projects, ["budget_eur"], batch_size=1000)
