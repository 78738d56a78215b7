"""Relay global IDs: opaque ``base64("<Type>:<pk>")`` for objects the API fetches by id.

Objects with a natural key (a case's ``number``, an entry's ``code``) are fetched by that key
instead. An id that does not decode, or names another type, is the typed error ``INVALID_ID``.
"""

from __future__ import annotations

from typing import Any

from graphql_relay import from_global_id, to_global_id

from onewindow.platform.core.errors import BusinessError


def resolve_global_id(root: Any, info: Any) -> str:
    """Resolver for an ``id`` field: the global id of ``root`` under its GraphQL type's name."""
    return to_global_id(info.parent_type.name, root.pk)


def decode_id(value: str, type_name: str, *, field: str) -> int:
    """The primary key a global id of ``type_name`` carries, or ``INVALID_ID`` on ``field``."""
    try:
        decoded_type, raw = from_global_id(value)
        pk = int(raw)
    except ValueError:  # not base64 of "<Type>:<int>"
        decoded_type, pk = "", 0
    if decoded_type != type_name or pk <= 0:
        raise BusinessError("INVALID_ID", f"不是有效的 {type_name} ID", field=field)
    return pk


def decode_ids(values: list[str], type_name: str, *, field: str) -> list[int]:
    return [decode_id(value, type_name, field=field) for value in values]
