"""Two shapes every domain shares.

- Optimistic versions on a row people edit (cases, work orders, 办不成事): the caller passes the
  ``version`` it saw; the row is locked, compared and bumped.
- Immutable definition versions (chains, rule sets): a changed definition appends a version,
  an unchanged one does nothing.
"""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError, NotFound

M = TypeVar("M", bound=models.Model)


def lock_for_edit(model: type[M], *, what: str, version: int | None, **lookup: Any) -> M:
    """The row, locked (SELECT … FOR UPDATE); refused if someone changed it since ``version``."""
    row = model._default_manager.select_for_update().filter(**lookup).first()
    if row is None:
        raise NotFound(what, field=next(iter(lookup)))
    if version is not None and row.version != version:  # type: ignore[attr-defined]
        raise BusinessError("CONCURRENT_EDIT", "已被他人修改，请刷新后重试", field="version")
    return row


def save_edit(row: models.Model, *fields: str) -> None:
    row.version += 1  # type: ignore[attr-defined]
    row.save(update_fields=[*fields, "version"])


def append_version(versions: Any, field: str, value: Any, **create: Any) -> bool:
    """Append a new numbered version to ``versions`` (a related manager) when ``value`` differs
    from the latest; returns whether it did."""
    latest = versions.order_by("-number").first()
    if latest is not None and getattr(latest, field) == value:
        return False
    number = (latest.number + 1) if latest else 1
    versions.create(number=number, created_at=clock.now(), **{field: value}, **create)
    return True
