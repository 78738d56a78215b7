"""Page a queryset into a Relay connection from a plain field's ``first``/``after`` arguments."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from onewindow.graphql.core.connections import check_page_args, page


def connection_from_queryset(connection: Any, rows: QuerySet[Any], args: dict[str, Any]) -> Any:
    """``first``/``after`` read ``first + 1`` rows (no count unless ``totalCount`` is asked);
    ``last``/``before`` count once. ``rows`` must have a stable order."""
    check_page_args(args)
    return page(connection, args, rows)
