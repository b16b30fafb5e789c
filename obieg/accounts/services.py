from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from obieg.accounts.choices import Role
from obieg.accounts.models import ApiToken, User
from obieg.core.errors import ApplicationError

TOKEN_PREFIX = "obg_"


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str  # shown once; only its hash is stored


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def api_token_create(*, user: User, name: str) -> IssuedToken:
    """Issue a new API token for a user; the secret is returned once and never stored."""
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the token a name."), field="name", status=422)
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], prefix=secret[:12], key_hash=token_hash(secret)
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> None:
    """Revoke one of the user's tokens."""
    updated = ApiToken.objects.filter(pk=token_id, user=user, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    if not updated:
        raise ApplicationError(_("No such active token."), status=404, code="not_found")


def api_token_authenticate(*, secret: str) -> User | None:
    """Return the active user behind a token secret, recording its use."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(secret), revoked_at=None, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


@transaction.atomic
def user_create(
    *,
    username: str,
    email: str = "",
    password: str | None = None,
    role: str = Role.MEMBER,
    organisation_id: int | None = None,
) -> User:
    """Create a user with a role; managers and admins get the admin site."""
    if role not in Role.values:
        raise ApplicationError(_("Unknown role."), field="role", status=422)
    user = User(username=username, email=email, role=role, organisation_id=organisation_id)
    user.is_staff = role in (Role.MANAGER, Role.ADMIN)
    user.is_superuser = role == Role.ADMIN
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    return user
