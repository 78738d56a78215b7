"""Typed business errors with stable codes.

A service raises ``BusinessError`` (or a subclass naming its domain); the API turns it into
``errors: [{field, code, message}]`` data, the CLI into a message and exit status 2. Codes are
part of the API contract: add new ones, never rename.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class ErrorDetail:
    code: str
    message: str
    field: str | None = None


class BusinessError(Exception):
    """A rule the caller broke. ``code`` is stable and upper-snake-case."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    @property
    def details(self) -> list[ErrorDetail]:
        return [ErrorDetail(self.code, self.message, self.field)]

    def __str__(self) -> str:
        where = f" ({self.field})" if self.field else ""
        return f"{self.code}{where}: {self.message}"


class ValidationErrors(BusinessError):
    """Several field errors reported together, so a form can show them all at once."""

    def __init__(self, errors: Iterable[ErrorDetail]) -> None:
        self._details = list(errors)
        first = self._details[0]
        super().__init__(first.code, first.message, field=first.field)

    @property
    def details(self) -> list[ErrorDetail]:
        return list(self._details)


class NotFound(BusinessError):
    def __init__(self, what: str, *, field: str | None = None) -> None:
        super().__init__("NOT_FOUND", f"{what} 不存在", field=field)


class PermissionDenied(BusinessError):
    def __init__(self, message: str = "没有执行此操作的权限") -> None:
        super().__init__("PERMISSION_DENIED", message)
