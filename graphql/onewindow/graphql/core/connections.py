"""Relay connections with ``first``/``last`` required and at most 100 a page."""

from __future__ import annotations

from typing import Any

import graphene
from graphene_django.fields import DjangoConnectionField

from onewindow.graphql.core.errors import api_error

MAX_PAGE = 100


def check_page_args(args: dict[str, Any]) -> None:
    first, last = args.get("first"), args.get("last")
    if first is None and last is None:
        raise api_error("PAGINATION_REQUIRED", "分页查询必须给出 first 或 last")
    for name, value in (("first", first), ("last", last)):
        if value is not None and not 0 <= value <= MAX_PAGE:
            raise api_error("PAGE_TOO_LARGE", f"{name} 必须在 0 到 {MAX_PAGE} 之间")


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
    """DjangoConnectionField whose paging errors carry codes (``PAGE_TOO_LARGE`` …)."""

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
