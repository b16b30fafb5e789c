from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from obieg.accounts.choices import Role
from obieg.core.models import TimestampedModel


class User(AbstractUser):
    """A person who signs in; the role decides what they may do."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MEMBER)
    organisation = models.ForeignKey(
        "directory.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, blank=True)

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @property
    def is_manager(self) -> bool:
        return self.is_active and (self.is_superuser or self.role in (Role.MANAGER, Role.ADMIN))

    @property
    def is_adviser(self) -> bool:
        return self.is_active and (self.role == Role.ADVISER or self.is_manager)

    @property
    def is_member(self) -> bool:
        """Members see what the cluster shares with its members (e.g. consented contacts)."""
        return self.is_active and (self.organisation_id is not None or self.is_adviser)


class ApiToken(TimestampedModel):
    """A secret that lets a script act as its user through the API; only its hash is kept."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None
