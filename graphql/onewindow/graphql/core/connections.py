"""Relay connections with ``first``/``last`` required and at most 100 a page.

``ConnectionField`` pages a Django queryset; ``ListConnectionField`` pages a list a resolver
built (plain object types). Both mark the page's rows for ``core.loaders`` so list fields on
them batch per page.
"""

from __future__ import annotations

from typing import Any

import graphene
from graphene.relay.connection import connection_adapter, page_info_adapter
from graphene_django.fields import DjangoConnectionField
from graphene_django.utils import maybe_queryset
from graphql_relay import cursor_to_offset, offset_to_cursor

from onewindow.graphql.core.errors import api_error
from onewindow.graphql.core.loaders import mark_page

MAX_PAGE = 100
MAX_CURSOR = 10**9  # no list is this long: a cursor past it was made by hand


def check_page_args(args: dict[str, Any]) -> None:
    first, last = args.get("first"), args.get("last")
    if first is None and last is None:
        raise api_error("PAGINATION_REQUIRED", "分页查询必须给出 first 或 last")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE:
            raise api_error("PAGE_TOO_LARGE", f"{name} 必须在 0 到 {MAX_PAGE} 之间")
    offset = args.get("offset")
    if offset is not None and (offset < 0 or args.get("before")):
        raise api_error("INVALID_OFFSET", "offset 不能为负数，也不能与 before 同时使用")
    for name in ("after", "before"):
        cursor_position(args.get(name), name)


def cursor_position(cursor: Any, name: str) -> int | None:
    """The row a cursor points at, or ``INVALID_CURSOR`` for one this API did not make."""
    if cursor is None:
        return None
    position = cursor_to_offset(cursor) if isinstance(cursor, str) else None
    if position is None or not 0 <= position < MAX_CURSOR:
        raise api_error("INVALID_CURSOR", f"{name} 不是有效的分页游标")
    return position


def page(connection: Any, args: dict[str, Any], iterable: Any) -> Any:
    """One page of a queryset (or list) in a stable order, as ``connection``.

    ``after`` and ``offset`` (rows skipped after it) fix where the page starts, ``before``
    where the rows end; ``first`` takes from the start, ``last`` from the end. A forward page
    (``first``, no ``last``/``before``) reads ``first + 1`` rows and counts nothing; the others
    count once. Check ``check_page_args`` first."""
    first, last = args.get("first"), args.get("last")
    after = cursor_position(args.get("after"), "after")
    before = cursor_position(args.get("before"), "before")
    lower = (after + 1 if after is not None else 0) + (args.get("offset") or 0)
    if last is None and before is None:
        assert first is not None
        rows = list(iterable[lower : lower + first + 1])
        has_next, has_previous = len(rows) > first, False
        rows = rows[:first]
        start = lower
        length = lower + len(rows) + (1 if has_next else 0)
    else:
        length = len(iterable) if isinstance(iterable, list) else iterable.count()
        upper = min(before, length) if before is not None else length
        end = max(lower, upper)
        if first is not None:
            end = min(end, lower + first)
        start = max(lower, end - last) if last is not None else lower
        rows = list(iterable[start:end]) if end > start else []
        has_previous = last is not None and start > lower
        has_next = first is not None and end < upper
    rows = list(mark_page(rows))
    edges = [connection.Edge(node=row, cursor=offset_to_cursor(start + i)) for i, row in enumerate(rows)]
    result: Any = connection_adapter(
        connection,
        edges=edges,
        pageInfo=page_info_adapter(
            startCursor=edges[0].cursor if edges else None,
            endCursor=edges[-1].cursor if edges else None,
            hasPreviousPage=has_previous,
            hasNextPage=has_next,
        ),
    )
    result.iterable = iterable
    result.length = length
    return result


class CountableConnection(graphene.relay.Connection):
    class Meta:
        abstract = True

    total_count = graphene.Int(required=True, description="符合条件的总数")

    @staticmethod
    def resolve_total_count(root: Any, info: Any) -> int:
        iterable = root.iterable
        return (
            iterable.count()
            if hasattr(iterable, "count") and not isinstance(iterable, list)
            else len(iterable)
        )


class ConnectionField(DjangoConnectionField):
    """DjangoConnectionField whose paging errors carry codes (``PAGE_TOO_LARGE`` …), and which
    pages forward without counting: a ``first``/``after`` page reads ``first + 1`` rows to know
    whether there is a next page; the total is counted only when ``totalCount`` is asked for."""

    @classmethod
    def resolve_connection(
        cls, connection: Any, args: dict[str, Any], iterable: Any, max_limit: Any = None
    ) -> Any:
        return page(connection, args, maybe_queryset(iterable))

    @classmethod
    def connection_resolver(
        cls,
        resolver: Any,
        connection: Any,
        default_manager: Any,
        queryset_resolver: Any,
        max_limit: Any,
        enforce_first_or_last: Any,
        root: Any,
        info: Any,
        **args: Any,
    ) -> Any:
        check_page_args(args)
        # graphene-django's own checks assert (``first: 0`` would be an internal error): ours
        # above are the ones that apply
        return super().connection_resolver(
            resolver, connection, default_manager, queryset_resolver, None, False, root, info, **args
        )


class ListConnectionField(graphene.relay.ConnectionField):
    """A connection of a plain object type (``graphene.ObjectType`` read off model rows), with
    ``ConnectionField``'s paging rules: the resolver returns a queryset in a stable order (or a
    list) and only the page is read. Declare the connection with ``connection_of``."""

    def __init__(self, type_: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("offset", graphene.Int())  # as on ``ConnectionField``
        super().__init__(type_, *args, **kwargs)

    @classmethod
    def connection_resolver(
        cls, resolver: Any, connection_type: Any, root: Any, info: Any, **args: Any
    ) -> Any:
        check_page_args(args)
        if isinstance(connection_type, graphene.NonNull):
            connection_type = connection_type.of_type
        return page(connection_type, args, resolver(root, info, **args))


def connection_of(node: Any, name: str) -> type[CountableConnection]:
    """The ``<name>Connection`` type (with ``totalCount``) of a plain object type."""
    meta = type("Meta", (), {"node": node, "name": f"{name}Connection"})
    return type(f"{name}Connection", (CountableConnection,), {"Meta": meta})
