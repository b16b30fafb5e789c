from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """What a signed-in user may do; visitors are simply not signed in."""

    MEMBER = "member", _("Member")
    ADVISER = "adviser", _("Adviser")
    MANAGER = "manager", _("Cluster manager")
    ADMIN = "admin", _("Administrator")
