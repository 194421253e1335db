"""ApplicationError: a business-rule violation shown to the user as a 4xx, in Vietnamese and English."""

from typing import Any

from django.utils.functional import Promise
from django.utils.translation import override


class ApplicationError(Exception):
    """Raised by services; API and views turn it into a 4xx with a bilingual message.

    ``message`` is a lazy gettext string (English msgid, Vietnamese catalogue), so it can be
    rendered in both languages whatever the request language is.
    """

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str,
        status: int = 400,
        fields: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(str(message))
        self.message = message
        self.code = code
        self.status = status
        self.fields = fields or {}

    def as_dict(self) -> dict[str, Any]:
        return bilingual_error(self.code, self.message, fields=self.fields)


class NotFoundError(ApplicationError):
    def __init__(self, message: str | Promise, *, code: str = "not_found") -> None:
        super().__init__(message, code=code, status=404)


class PermissionDeniedError(ApplicationError):
    def __init__(self, message: str | Promise, *, code: str = "permission_denied") -> None:
        super().__init__(message, code=code, status=403)


def bilingual_error(code: str, message: str | Promise, *, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    """The error body every API endpoint returns: ``{code, message (vi), message_en, fields}``."""
    with override("vi"):
        message_vi = str(message)
    with override("en"):
        message_en = str(message)
    body: dict[str, Any] = {"code": code, "message": message_vi, "message_en": message_en}
    if fields:
        body["fields"] = fields
    return body
