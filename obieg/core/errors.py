"""The one domain error type; the API and the pages each turn it into a response once."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A problem the user can fix or should know about, with an HTTP status and a field."""

    def __init__(
        self,
        message: str,
        *,
        status: int = 400,
        field: str | None = None,
        code: str = "invalid",
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.field = field
        self.code = code
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": str(self.message), "code": self.code}
        if self.field:
            body["field"] = self.field
        body.update(self.extra)
        return body


class NotFoundError(ApplicationError):
    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, status=404, code="not_found", **kwargs)


class PermissionDeniedError(ApplicationError):
    def __init__(self, message: str, **kwargs: Any) -> None:
        super().__init__(message, status=403, code="permission_denied", **kwargs)
