from __future__ import annotations

from datetime import datetime

from ninja import Schema


class ErrorOut(Schema):
    detail: str
    code: str
    field: str | None = None


class RunOut(Schema):
    id: int
    kind: str
    title: str
    status: str
    progress: int
    log: str
    error: str
    subject: str
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
