"""Relay connections with ``first``/``last`` required and at most 100 a page.

``ConnectionField`` pages a Django queryset; ``ListConnectionField`` pages a list a resolver
built (plain object types). Both mark the page's rows for ``core.loaders`` so list fields on
them batch per page.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import graphene
from django.db.models import QuerySet
from graphene.relay.connection import connection_adapter, page_info_adapter
from graphene_django.fields import DjangoConnectionField
from graphene_django.utils import maybe_queryset
from graphql_relay import connection_from_array_slice, get_offset_with_default

from onewindow.graphql.core.errors import api_error
from onewindow.graphql.core.loaders import mark_page

MAX_PAGE = 100


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
        iterable = maybe_queryset(iterable)
        first = args.get("first")
        if (
            not isinstance(iterable, QuerySet)
            or first is None
            or args.get("last") is not None
            or args.get("before")
        ):
            paged = super().resolve_connection(connection, args, iterable, max_limit)
            mark_page([edge.node for edge in paged.edges])
            return paged
        # ``offset`` skips that many rows after the ``after`` cursor (or from the start).
        # a forged cursor may carry a negative offset: never slice from before the first row
        start = max(0, get_offset_with_default(args.get("after"), -1) + 1) + (args.get("offset") or 0)
        rows = list(iterable[start : start + first + 1])
        more = len(rows) > first
        rows = list(mark_page(rows[:first]))
        known_length = start + len(rows) + (1 if more else 0)
        result: Any = connection_from_array_slice(
            rows,
            args,
            slice_start=start,
            array_length=known_length,
            array_slice_length=len(rows),
            connection_type=partial(connection_adapter, connection),
            edge_type=connection.Edge,
            page_info_type=page_info_adapter,
        )
        result.iterable = iterable
        result.length = known_length
        return result

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
        return super().connection_resolver(
            resolver,
            connection,
            default_manager,
            queryset_resolver,
            max_limit,
            enforce_first_or_last,
            root,
            info,
            **args,
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
        return ConnectionField.resolve_connection(connection_type, args, resolver(root, info, **args))


def connection_of(node: Any, name: str) -> type[CountableConnection]:
    """The ``<name>Connection`` type (with ``totalCount``) of a plain object type."""
    meta = type("Meta", (), {"node": node, "name": f"{name}Connection"})
    return type(f"{name}Connection", (CountableConnection,), {"Meta": meta})
