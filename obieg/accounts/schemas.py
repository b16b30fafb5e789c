from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class MeOut(Schema):
    username: str
    role: str
    organisation_id: int | None
    is_member: bool
    is_adviser: bool
    is_manager: bool


class TokenIn(Schema):
    name: str = Field(min_length=1, max_length=100)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class IssuedTokenOut(TokenOut):
    secret: str = Field(description="Shown once; store it now.")
