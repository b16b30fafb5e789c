from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils.text import slugify
from django.utils.translation import gettext as _

from obieg.core.errors import ApplicationError
from obieg.core.search_text import normalise_for_search
from obieg.core.translation import translation_languages
from obieg.directory import choices, selectors
from obieg.directory.models import (
    Alliance,
    AllianceMembership,
    ClusterProject,
    Country,
    Event,
    FundingSource,
    NaceActivity,
    NutsRegion,
    Organisation,
    Person,
    ProjectPartner,
    Theme,
)

ORGANISATION_FIELDS = (
    "name",
    "short_name",
    "kind",
    "size_class",
    "city",
    "website",
    "description",
    "original_language",
    "membership_status",
    "member_since",
)


def unique_slug(model: type[Model], text: str, *, exclude_pk: int | None = None) -> str:
    """Return a slug for `text` that no other row of `model` uses."""
    base = slugify(text)[:100] or "item"
    slug, n = base, 2
    queryset = model._default_manager.all()
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    while queryset.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def clean_translations(values: Mapping[str, str] | None, *, field: str) -> dict[str, str]:
    """Keep non-empty texts in the interface languages; reject unknown language codes."""
    if not values:
        return {}
    languages = translation_languages()
    unknown = sorted(set(values) - set(languages))
    if unknown:
        raise ApplicationError(
            _("Unknown language %(codes)s; use one of %(known)s.")
            % {"codes": ", ".join(unknown), "known": ", ".join(languages)},
            field=field,
            status=422,
        )
    return {code: text.strip() for code, text in values.items() if text and text.strip()}


def _full_clean(instance: Model) -> None:
    try:
        instance.full_clean(exclude=["search_text"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise ApplicationError(f"{field}: {' '.join(messages)}", field=field, status=422) from exc


def _country(code: str) -> Country:
    country = selectors.country_get_by_code(code=code)
    if country is None:
        raise ApplicationError(_("Give a country code."), field="country", status=422)
    return country


def _region(code: str | None, country: Country | None) -> NutsRegion | None:
    if code and country is None:
        raise ApplicationError(_("Give the country of the region."), field="country", status=422)
    return selectors.region_get_by_code(code=code, country=country)


def _existing(model: type[Model], keys: Iterable[str], *, field: str) -> list[Any]:
    keys = [k.upper() if model is NaceActivity else k for k in keys]
    found = list(model._default_manager.filter(pk__in=keys))
    missing = sorted(set(keys) - {obj.pk for obj in found})
    if missing:
        raise ApplicationError(
            _("Unknown %(field)s: %(values)s.") % {"field": field, "values": ", ".join(missing)},
            field=field,
            status=422,
        )
    return found


def organisation_search_text(organisation: Organisation) -> str:
    parts = [organisation.name, organisation.short_name, organisation.city]
    parts += list(organisation.description.values())
    return normalise_for_search(" ".join(p for p in parts if p))


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    country: str | None,
    region: str | None = None,
    sectors: Iterable[str] = (),
    themes: Iterable[str] = (),
    **fields: Any,
) -> Organisation:
    """Add an organisation to the directory."""
    country_obj = _country(country) if country else None
    organisation = Organisation(
        name=name.strip(), kind=kind, country=country_obj, region=_region(region, country_obj)
    )
    _assign(organisation, fields)
    organisation.slug = unique_slug(Organisation, organisation.short_name or name)
    return _save_organisation(organisation, sectors=sectors, themes=themes)


@transaction.atomic
def organisation_update(*, organisation: Organisation, data: Mapping[str, Any]) -> Organisation:
    """Change an organisation; only the keys present in `data` change."""
    data = dict(data)
    if "country" in data:
        code = data.pop("country")
        organisation.country = _country(code) if code else None
    if "region" in data:
        organisation.region = _region(data.pop("region"), organisation.country)
    sectors, themes = data.pop("sectors", None), data.pop("themes", None)
    _assign(organisation, data)
    return _save_organisation(organisation, sectors=sectors, themes=themes)


def _assign(organisation: Organisation, fields: Mapping[str, Any]) -> None:
    for key, value in fields.items():
        if key not in ORGANISATION_FIELDS:
            raise ApplicationError(_("Unknown field."), field=key, status=422)
        if key == "description":
            value = clean_translations(value, field="description")
        setattr(organisation, key, "" if value is None and key != "member_since" else value)
    if organisation.kind != choices.OrganisationKind.COMPANY and organisation.size_class:
        raise ApplicationError(
            _("A size class applies to companies only."), field="size_class", status=422
        )


def _save_organisation(
    organisation: Organisation, *, sectors: Iterable[str] | None, themes: Iterable[str] | None
) -> Organisation:
    organisation.search_text = organisation_search_text(organisation)
    _full_clean(organisation)
    organisation.save()
    if sectors is not None:
        organisation.sectors.set(_existing(NaceActivity, sectors, field="sectors"))
    if themes is not None:
        organisation.themes.set(_existing(Theme, themes, field="themes"))
    return organisation


@transaction.atomic
def person_create(
    *,
    full_name: str,
    organisation: Organisation | None,
    role_title: str = "",
    email: str = "",
    phone: str = "",
    consent_recorded_at: dt.datetime | None = None,
    consent_note: str = "",
) -> Person:
    """Record a contact person; contact data needs recorded consent to be shown."""
    person = Person(
        full_name=full_name.strip(),
        organisation=organisation,
        role_title=role_title,
        email=email,
        phone=phone,
        consent_recorded_at=consent_recorded_at,
        consent_note=consent_note,
    )
    _full_clean(person)
    person.save()
    return person


@transaction.atomic
def alliance_create(
    *,
    name: str,
    kind: str,
    short_name: str = "",
    website: str = "",
    founded_on: dt.date | None = None,
    description: Mapping[str, str] | None = None,
    original_language: str = "en",
    parent: Alliance | None = None,
) -> Alliance:
    """Add an alliance, consortium or network."""
    alliance = Alliance(
        name=name.strip(),
        kind=kind,
        short_name=short_name,
        website=website,
        founded_on=founded_on,
        description=clean_translations(description, field="description"),
        original_language=original_language,
        parent=parent,
    )
    alliance.slug = unique_slug(Alliance, short_name or name)
    _full_clean(alliance)
    alliance.save()
    return alliance


@transaction.atomic
def alliance_update(*, alliance: Alliance, data: Mapping[str, Any]) -> Alliance:
    """Change an alliance; only the keys present in `data` change."""
    for key, value in data.items():
        if key == "description":
            value = clean_translations(value, field="description")
        setattr(alliance, key, value)
    _full_clean(alliance)
    alliance.save()
    return alliance


@transaction.atomic
def alliance_member_set(
    *, alliance: Alliance, organisation: Organisation, role: str, since: dt.date | None = None
) -> AllianceMembership:
    """Add an organisation to an alliance, or change its role there."""
    if role not in choices.PartnerRole.values:
        raise ApplicationError(_("Unknown role."), field="role", status=422)
    membership, _created = AllianceMembership.objects.update_or_create(
        alliance=alliance, organisation=organisation, defaults={"role": role, "since": since}
    )
    return membership


@transaction.atomic
def project_create(
    *,
    title: str,
    acronym: str = "",
    programme: str = "",
    status: str = choices.ProjectStatus.RUNNING,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    website: str = "",
    total_budget: Decimal | None = None,
    budget_currency: str = choices.Currency.EUR,
    description: Mapping[str, str] | None = None,
    original_language: str = "en",
) -> ClusterProject:
    """Add a cluster project."""
    project = ClusterProject(
        title=title.strip(),
        acronym=acronym,
        programme=programme,
        status=status,
        start_date=start_date,
        end_date=end_date,
        website=website,
        total_budget=total_budget,
        budget_currency=budget_currency,
        description=clean_translations(description, field="description"),
        original_language=original_language,
    )
    project.slug = unique_slug(ClusterProject, acronym or title)
    _check_dates(start_date, end_date)
    _full_clean(project)
    project.save()
    return project


@transaction.atomic
def project_update(*, project: ClusterProject, data: Mapping[str, Any]) -> ClusterProject:
    """Change a cluster project; only the keys present in `data` change."""
    for key, value in data.items():
        if key == "description":
            value = clean_translations(value, field="description")
        setattr(project, key, value)
    _check_dates(project.start_date, project.end_date)
    _full_clean(project)
    project.save()
    return project


def _check_dates(start: dt.date | None, end: dt.date | None, *, field: str = "end_date") -> None:
    if start and end and end < start:
        raise ApplicationError(_("The end date is before the start date."), field=field, status=422)


@transaction.atomic
def project_partner_set(
    *, project: ClusterProject, organisation: Organisation, role: str
) -> ProjectPartner:
    """Add a partner to a project, or change its role."""
    if role not in choices.PartnerRole.values:
        raise ApplicationError(_("Unknown role."), field="role", status=422)
    partner, _created = ProjectPartner.objects.update_or_create(
        project=project, organisation=organisation, defaults={"role": role}
    )
    return partner


@transaction.atomic
def project_funding_add(
    *, project: ClusterProject, source: str, amount: Decimal | None, currency: str, note: str = ""
) -> FundingSource:
    """Record where part of a project's money comes from (amount None when not public)."""
    if amount is not None and amount < 0:
        raise ApplicationError(_("An amount cannot be negative."), field="amount", status=422)
    funding = FundingSource(
        project=project, source=source, amount=amount, currency=currency, note=note
    )
    _full_clean(funding)
    funding.save()
    return funding


@transaction.atomic
def event_create(
    *,
    title: str,
    kind: str,
    starts_on: dt.date,
    status: str = choices.EventStatus.HELD,
    ends_on: dt.date | None = None,
    place: str = "",
    city: str = "",
    country: str | None = None,
    organiser: Organisation | None = None,
    participants: Iterable[Organisation] = (),
    topics: Iterable[str] = (),
    alliance: Alliance | None = None,
    project: ClusterProject | None = None,
    description: Mapping[str, str] | None = None,
    original_language: str = "en",
) -> Event:
    """Record a meeting, launch, kick-off, signing or consultation."""
    event = Event(
        title=title.strip(),
        kind=kind,
        starts_on=starts_on,
        status=status,
        ends_on=ends_on,
        place=place,
        city=city,
        country=_country(country) if country else None,
        organiser=organiser,
        alliance=alliance,
        project=project,
        description=clean_translations(description, field="description"),
        original_language=original_language,
    )
    event.slug = unique_slug(Event, f"{title} {starts_on:%Y}")
    _check_dates(starts_on, ends_on, field="ends_on")
    _full_clean(event)
    event.save()
    event.participants.set(list(participants))
    event.topics.set(_existing(Theme, topics, field="topics"))
    return event


@transaction.atomic
def event_update(*, event: Event, data: Mapping[str, Any]) -> Event:
    """Change an event; only the keys present in `data` change."""
    data = dict(data)
    if "country" in data:
        code = data.pop("country")
        event.country = _country(code) if code else None
    topics = data.pop("topics", None)
    participants = data.pop("participants", None)
    for key, value in data.items():
        if key == "description":
            value = clean_translations(value, field="description")
        setattr(event, key, value)
    _check_dates(event.starts_on, event.ends_on, field="ends_on")
    _full_clean(event)
    event.save()
    if topics is not None:
        event.topics.set(_existing(Theme, topics, field="topics"))
    if participants is not None:
        event.participants.set(list(participants))
    return event
