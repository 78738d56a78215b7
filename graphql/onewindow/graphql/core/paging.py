"""Page a queryset into a Relay connection from a plain field's ``first``/``after`` arguments."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db.models import QuerySet
from graphene.relay.connection import connection_adapter, page_info_adapter
from graphql_relay import connection_from_array_slice, get_offset_with_default

from onewindow.graphql.core.connections import check_page_args


def connection_from_queryset(connection: Any, rows: QuerySet[Any], args: dict[str, Any]) -> Any:
    """``first``/``after`` read ``first + 1`` rows (no count unless ``totalCount`` is asked);
    ``last``/``before`` count once. ``rows`` must have a stable order."""
    check_page_args(args)
    first, last = args.get("first"), args.get("last")
    total: int | None = None
    if first is not None and last is None and not args.get("before"):
        start = max(0, get_offset_with_default(args.get("after"), -1) + 1)
        page = list(rows[start : start + first + 1])
        more = len(page) > first
        page = page[:first]
        length = start + len(page) + (1 if more else 0)
    else:
        total = rows.count()
        end = max(0, min(get_offset_with_default(args.get("before"), total), total))
        start = max(end - (last or end), get_offset_with_default(args.get("after"), -1) + 1, 0)
        page = list(rows[start:end])
        length = total
    result: Any = connection_from_array_slice(
        page,
        args,
        slice_start=start,
        array_length=length,
        array_slice_length=len(page),
        connection_type=partial(connection_adapter, connection),
        edge_type=connection.Edge,
        page_info_type=page_info_adapter,
    )
    result.iterable = rows
    return result
