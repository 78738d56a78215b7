"""A sync, per-page loader for list fields on types (graphene 3 DataLoaders are async only).

The connection resolver marks the rows of a page as siblings (``mark_page``). The first time a
list field is resolved on one of them, ``related`` prefetches that relation for the whole page
in one query; the other rows then read their cache. A field that is not asked for costs
nothing, and SQL per request does not grow with the page size. Rows a prefetch returns are
themselves marked as one page, so nested lists batch the same way.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, Prefetch, QuerySet, prefetch_related_objects

M = TypeVar("M", bound=Model)
T = TypeVar("T")

_PAGE = "_onewindow_page"


def mark_page(rows: Sequence[M]) -> Sequence[M]:
    """Remember ``rows`` as one page on each row: one shared set of weak references, so the
    rows do not form a reference cycle and are freed as soon as the response is built."""
    page: weakref.WeakSet[M] = weakref.WeakSet(rows)
    for row in rows:
        row.__dict__[_PAGE] = page
    return rows


def page_of(row: M) -> list[M]:
    """The row's page, the row itself always among them (equal rows share one set entry)."""
    page = row.__dict__.get(_PAGE)
    rows = list(page) if page else []
    return rows if any(r is row for r in rows) else [row, *rows]


def related(row: Model, lookup: str, queryset: QuerySet[Any] | None = None) -> list[Any]:
    """``list(row.<lookup>.all())``, prefetched for the row's whole page on first use."""
    cache = row.__dict__.get("_prefetched_objects_cache", {})
    if lookup not in cache:
        page = [r for r in page_of(row) if lookup not in r.__dict__.get("_prefetched_objects_cache", {})]
        prefetch_related_objects(page, Prefetch(lookup, queryset=queryset))
        mark_page([child for r in page for child in getattr(r, lookup).all()])
    return list(getattr(row, lookup).all())


def one(row: Model, name: str, queryset: QuerySet[Any] | None = None) -> Any:
    """A reverse one-to-one (``row.<name>`` or None), prefetched for the row's whole page."""
    descriptor = getattr(type(row), name)
    if not descriptor.is_cached(row):
        page = [r for r in page_of(row) if not descriptor.is_cached(r)]
        prefetch_related_objects(page, Prefetch(name, queryset=queryset))
    return getattr(row, name, None)


def batched(row: Model, name: str, load: Callable[[list[Any]], dict[Any, T]], default: T) -> T:
    """A value computed for the whole page at once: ``load(pks)`` returns ``{pk: value}``."""
    if name not in row.__dict__:
        page = page_of(row)
        values = load([r.pk for r in page])
        for r in page:
            r.__dict__[name] = values.get(r.pk, default)
    value: T = row.__dict__[name]
    return value
