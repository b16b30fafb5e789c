# No `from __future__ import annotations` here: django-ninja reads the handlers' annotations
# at run time, and wrapped handlers (pagination) lose the module globals needed to resolve them.

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from obieg.accounts.authentication import WRITE_AUTH
from obieg.accounts.schemas import IssuedTokenOut, MeOut, TokenIn, TokenOut
from obieg.accounts.services import api_token_create, api_token_revoke
from obieg.core.schemas import ErrorOut

router = Router(auth=WRITE_AUTH)


@router.get("/me", response={200: MeOut, 401: ErrorOut})
def me(request: HttpRequest) -> Any:
    """Who the token or session belongs to, and what they may do."""
    return request.user


@router.get("/tokens", response=list[TokenOut])
def token_list(request: HttpRequest) -> Any:
    """Your API tokens (secrets are never shown again)."""
    return request.user.api_tokens.all()  # type: ignore[union-attr]


@router.post("/tokens", response={201: IssuedTokenOut, 401: ErrorOut, 422: ErrorOut})
def token_create(request: HttpRequest, payload: TokenIn) -> Status[dict[str, Any]]:
    """Issue a new token; its secret is in this response only."""
    issued = api_token_create(user=request.user, name=payload.name)  # type: ignore[arg-type]
    body = TokenOut.from_orm(issued.token).dict() | {"secret": issued.secret}
    return Status(201, body)


@router.delete("/tokens/{token_id}", response={204: None, 401: ErrorOut, 404: ErrorOut})
def token_revoke(request: HttpRequest, token_id: int) -> Status[None]:
    """Revoke one of your tokens."""
    api_token_revoke(user=request.user, token_id=token_id)  # type: ignore[arg-type]
    return Status(204, None)
