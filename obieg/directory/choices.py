from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    COMPANY = "company", _("Company")
    UNIVERSITY = "university", _("University")
    RESEARCH_INSTITUTE = "research", _("Research institute")
    MUNICIPALITY = "municipality", _("Municipality")
    REGION = "region", _("Region")
    PUBLIC_BODY = "public_body", _("Other public body")
    CLUSTER = "cluster", _("Cluster")
    NGO = "ngo", _("NGO")
    INVESTOR = "investor", _("Investor or financial institution")
    AGENCY = "agency", _("Agency")


class SizeClass(models.TextChoices):
    """EU SME definition (Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro (under 10 staff)")
    SMALL = "small", _("Small (10–49 staff)")
    MEDIUM = "medium", _("Medium (50–249 staff)")
    LARGE = "large", _("Large (250 staff or more)")


class MembershipStatus(models.TextChoices):
    MEMBER = "member", _("Member")
    CANDIDATE = "candidate", _("Candidate")
    FORMER = "former", _("Former member")
    PARTNER = "partner", _("Partner (not a member)")
    NONE = "none", _("Not a member")


class AllianceKind(models.TextChoices):
    ALLIANCE = "alliance", _("Alliance")
    CONSORTIUM = "consortium", _("Consortium")
    NETWORK = "network", _("Network")
    PLATFORM = "platform", _("Platform or initiative")


class PartnerRole(models.TextChoices):
    FOUNDER = "founder", _("Founder")
    LEAD_PARTNER = "lead_partner", _("Lead partner")
    PARTNER = "partner", _("Partner")
    HOST = "host", _("Host")
    FUNDER = "funder", _("Funder")
    MEMBER = "member", _("Member")
    ASSOCIATE = "associate", _("Associated partner")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    RUNNING = "running", _("Running")
    COMPLETED = "completed", _("Completed")


class EventKind(models.TextChoices):
    MEETING = "meeting", _("Meeting")
    LAUNCH = "launch", _("Launch")
    KICK_OFF = "kick_off", _("Kick-off")
    SIGNING = "signing", _("Signing")
    CONSULTATION = "consultation", _("Consultation")
    CONFERENCE = "conference", _("Conference")
    WORKSHOP = "workshop", _("Workshop")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class Currency(models.TextChoices):
    EUR = "EUR", "EUR"
    PLN = "PLN", "PLN"
    CZK = "CZK", "CZK"
    HUF = "HUF", "HUF"
    USD = "USD", "USD"
