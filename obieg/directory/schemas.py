from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from ninja import Field, Schema
from pydantic import field_validator

from obieg.directory import choices

OrganisationKind = choices.OrganisationKind
Translations = dict[str, str]


class CountryOut(Schema):
    code: str
    name: str


class OrganisationIn(Schema):
    name: str = Field(min_length=2, max_length=300)
    short_name: str = Field("", max_length=80)
    kind: OrganisationKind
    size_class: choices.SizeClass | None = None
    country: str | None = Field(
        None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code"
    )
    region: str | None = Field(None, description="NUTS 2024 code, e.g. PL21")
    city: str = Field("", max_length=120)
    website: str = Field("", max_length=200)
    description: Translations = Field(default_factory=dict, description="{language: text}")
    original_language: str = "en"
    sectors: list[str] = Field(default_factory=list, description="NACE Rev. 2 codes")
    themes: list[str] = Field(default_factory=list, description="theme slugs")
    membership_status: choices.MembershipStatus = choices.MembershipStatus.NONE
    member_since: dt.date | None = None

    @field_validator("website")
    @classmethod
    def website_is_a_url(cls, value: str) -> str:
        if value and not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value


class OrganisationPatch(Schema):
    name: str | None = Field(None, min_length=2, max_length=300)
    short_name: str | None = Field(None, max_length=80)
    kind: OrganisationKind | None = None
    size_class: choices.SizeClass | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    region: str | None = None
    city: str | None = Field(None, max_length=120)
    website: str | None = Field(None, max_length=200)
    description: Translations | None = None
    original_language: str | None = None
    sectors: list[str] | None = None
    themes: list[str] | None = None
    membership_status: choices.MembershipStatus | None = None
    member_since: dt.date | None = None


class OrganisationOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    kind: str
    size_class: str
    country: str | None = Field(None, alias="country_id")
    region: str | None = Field(None, alias="region_id")
    city: str
    website: str
    description: Translations
    original_language: str
    membership_status: str
    member_since: dt.date | None
    themes: list[str]
    url: str

    @staticmethod
    def resolve_themes(obj: Any) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]

    @staticmethod
    def resolve_url(obj: Any) -> str:
        return f"/directory/organisations/{obj.slug}/"


class PersonOut(Schema):
    full_name: str
    role_title: str
    email: str | None = Field(None, description="members only, with recorded consent")
    phone: str | None = Field(None, description="members only, with recorded consent")


class OrganisationDetailOut(OrganisationOut):
    sectors: list[str]
    alliances: list[dict[str, str]]
    people: list[PersonOut] = Field(alias="visible_people")

    @staticmethod
    def resolve_sectors(obj: Any) -> list[str]:
        return [sector.code for sector in obj.sectors.all()]

    @staticmethod
    def resolve_alliances(obj: Any) -> list[dict[str, str]]:
        return [
            {"slug": m.alliance.slug, "name": m.alliance.name, "role": m.role}
            for m in obj.alliance_memberships.all()
        ]


class AllianceIn(Schema):
    name: str = Field(min_length=2, max_length=300)
    short_name: str = Field("", max_length=80)
    kind: choices.AllianceKind
    website: str = ""
    founded_on: dt.date | None = None
    description: Translations = Field(default_factory=dict)
    original_language: str = "en"


class AlliancePatch(Schema):
    name: str | None = Field(None, min_length=2, max_length=300)
    short_name: str | None = None
    kind: choices.AllianceKind | None = None
    website: str | None = None
    founded_on: dt.date | None = None
    description: Translations | None = None


class AllianceMemberIn(Schema):
    organisation_id: int
    role: choices.PartnerRole = choices.PartnerRole.MEMBER
    since: dt.date | None = None


class AllianceMemberOut(Schema):
    organisation_id: int
    organisation: str = Field(alias="organisation.name")
    role: str
    since: dt.date | None


class AllianceOut(Schema):
    id: int
    slug: str
    name: str
    short_name: str
    kind: str
    website: str
    founded_on: dt.date | None
    description: Translations


class AllianceDetailOut(AllianceOut):
    members: list[AllianceMemberOut] = Field(alias="memberships")


class FundingSourceIn(Schema):
    source: str = Field(min_length=2, max_length=200)
    amount: Decimal | None = Field(None, ge=0, max_digits=16, decimal_places=2)
    currency: choices.Currency = choices.Currency.EUR
    note: str = ""


class FundingSourceOut(Schema):
    source: str
    amount: Decimal | None
    currency: str
    note: str


class ProjectIn(Schema):
    title: str = Field(min_length=2, max_length=300)
    acronym: str = Field("", max_length=40)
    programme: str = ""
    status: choices.ProjectStatus = choices.ProjectStatus.RUNNING
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    website: str = ""
    total_budget: Decimal | None = Field(None, ge=0)
    budget_currency: choices.Currency = choices.Currency.EUR
    description: Translations = Field(default_factory=dict)
    original_language: str = "en"


class ProjectPatch(Schema):
    title: str | None = Field(None, min_length=2, max_length=300)
    acronym: str | None = None
    programme: str | None = None
    status: choices.ProjectStatus | None = None
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    website: str | None = None
    total_budget: Decimal | None = Field(None, ge=0)
    budget_currency: choices.Currency | None = None
    description: Translations | None = None


class ProjectPartnerOut(Schema):
    organisation_id: int
    organisation: str = Field(alias="organisation.name")
    role: str


class ProjectOut(Schema):
    id: int
    slug: str
    title: str
    acronym: str
    programme: str
    status: str
    start_date: dt.date | None
    end_date: dt.date | None
    website: str
    total_budget: Decimal | None
    budget_currency: str
    description: Translations


class ProjectDetailOut(ProjectOut):
    partners: list[ProjectPartnerOut] = Field(alias="partnerships")
    funding: list[FundingSourceOut] = Field(alias="funding_sources")


class EventIn(Schema):
    title: str = Field(min_length=2, max_length=300)
    kind: choices.EventKind
    status: choices.EventStatus = choices.EventStatus.PLANNED
    starts_on: dt.date
    ends_on: dt.date | None = None
    place: str = ""
    city: str = ""
    country: str | None = Field(None, min_length=2, max_length=2)
    organiser_id: int | None = None
    participant_ids: list[int] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    alliance_id: int | None = None
    project_id: int | None = None
    description: Translations = Field(default_factory=dict)
    original_language: str = "en"


class EventPatch(Schema):
    title: str | None = Field(None, min_length=2, max_length=300)
    kind: choices.EventKind | None = None
    status: choices.EventStatus | None = None
    starts_on: dt.date | None = None
    ends_on: dt.date | None = None
    place: str | None = None
    city: str | None = None
    country: str | None = None
    topics: list[str] | None = None
    description: Translations | None = None


class EventOut(Schema):
    id: int
    slug: str
    title: str
    kind: str
    status: str
    starts_on: dt.date
    ends_on: dt.date | None
    place: str
    city: str
    country: str | None = Field(None, alias="country_id")
    organiser_id: int | None
    alliance_id: int | None
    project_id: int | None
    description: Translations


class EventDetailOut(EventOut):
    participant_ids: list[int]
    topics: list[str]
    documents: list[dict[str, str]]

    @staticmethod
    def resolve_participant_ids(obj: Any) -> list[int]:
        return [org.pk for org in obj.participants.all()]

    @staticmethod
    def resolve_topics(obj: Any) -> list[str]:
        return [topic.slug for topic in obj.topics.all()]

    @staticmethod
    def resolve_documents(obj: Any) -> list[dict[str, str]]:
        return [
            {"title": d.title, "url": d.url or (d.file.url if d.file else "")}
            for d in obj.documents.all()
        ]
