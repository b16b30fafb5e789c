"""How API callers prove who they are: a bearer token for scripts, the session for the UI."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from obieg.accounts.services import api_token_authenticate
from obieg.core.errors import ApplicationError


class ApiTokenAuth(HttpBearer):
    """`Authorization: Bearer obg_…` with a token issued on the account page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_authenticate(secret=token)
        if user is not None:
            request.user = user
        return user


# Writes accept a token, or the signed-in session with its CSRF token (SessionAuth checks it).
WRITE_AUTH = [ApiTokenAuth(), SessionAuth()]


def api_user(request: HttpRequest) -> Any:
    """Return the caller of a read endpoint: token user, session user or anonymous visitor."""
    header = request.headers.get("Authorization", "")
    if not header:
        return getattr(request, "user", AnonymousUser())
    scheme, _, secret = header.partition(" ")
    user = api_token_authenticate(secret=secret.strip()) if scheme.lower() == "bearer" else None
    if user is None:
        raise ApplicationError(
            "The Authorization header does not carry an active API token.",
            status=401,
            code="unauthenticated",
        )
    request.user = user
    return user
