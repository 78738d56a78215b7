"""What every argument must be before a resolver sees it, whether written in the document or
sent as a variable: strings without NUL or lone surrogates (PostgreSQL stores neither) and at
most ``GRAPHQL_MAX_STRING`` characters unless ``STRING_LIMITS`` allows more; dates between
1900 and 2199 (nothing the centre does is dated outside them, and date arithmetic near
9999-12-31 overflows).

A refusal is a field error with ``extensions.code`` (``BAD_USER_INPUT``, ``STRING_TOO_LONG``,
``DATE_OUT_OF_RANGE``) and ``extensions.field``, the argument's path (``input.name``,
``files[0].content``); the resolver does not run.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.conf import settings

from graphql import (
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLInputType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLResolveInfo,
    GraphQLScalarType,
    Undefined,
)

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2199, 12, 31)

_PACK = 2_000_000  # a policy pack or catalog document (the seed packs are ≈ 20 KB)
_FILE = 7_000_000  # an evidence file as base64 (5 MB)
# Where longer strings are allowed: "<Type>.<field>.<argument>" or "<InputType>.<field>".
STRING_LIMITS: dict[str, int] = {
    "CountyQuery.policyDiff.document": _PACK,
    "CountyMutation.applyPolicyPack.document": _PACK,
    "PlatformQuery.countyPolicyDiff.document": _PACK,
    "PlatformQuery.validatePolicyPack.document": _PACK,
    "PlatformMutation.loadProvincialCatalog.document": _PACK,
    "PlatformMutation.loadNationalBundles.document": _PACK,
    "PlatformMutation.applyCountyPolicyPack.document": _PACK,
    "OnboardCountyInput.pack": _PACK,
    "EvidenceFileInput.content": _FILE,
}
_BAD_CHARACTER = re.compile("[\x00\ud800-\udfff]")


def _refuse(code: str, message: str, path: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": code, "field": path})


def check_value(value: Any, type_: GraphQLInputType, path: str, limit_key: str) -> None:
    if value is None:
        return
    if isinstance(type_, GraphQLNonNull):
        check_value(value, type_.of_type, path, limit_key)
    elif isinstance(type_, GraphQLList):
        if isinstance(value, list | tuple):
            for i, inner in enumerate(value):
                check_value(inner, type_.of_type, f"{path}[{i}]", limit_key)
        else:
            check_value(value, type_.of_type, path, limit_key)
    elif isinstance(type_, GraphQLInputObjectType):
        if not isinstance(value, dict):
            return
        for name, field in type_.fields.items():
            key = field.out_name or name
            if key in value:
                check_value(value[key], field.type, f"{path}.{name}", f"{type_.name}.{name}")
    elif isinstance(type_, GraphQLScalarType):
        if isinstance(value, str):
            check_string(value, path, limit_key)
        elif isinstance(value, datetime.date) and not EARLIEST <= _as_date(value) <= LATEST:
            raise _refuse("DATE_OUT_OF_RANGE", f"日期须在 {EARLIEST} 到 {LATEST} 之间", path)


def _as_date(value: datetime.date) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def check_string(value: str, path: str, limit_key: str) -> None:
    if _BAD_CHARACTER.search(value):
        raise _refuse("BAD_USER_INPUT", "输入中含有不允许的字符（空字符或不成对的代理字符）", path)
    limit = STRING_LIMITS.get(limit_key, settings.GRAPHQL_MAX_STRING)
    if len(value) > limit:
        raise _refuse("STRING_TOO_LONG", f"输入过长：最多 {limit} 个字符", path)


class InputGuard:
    """graphql-core middleware: checks a field's arguments before its resolver runs. An
    explicit ``null`` for an argument that has a default is the default (``dashboard(weeks:
    null)`` is ``dashboard``): resolvers never see ``None`` where they declared a value."""

    def resolve(self, next_: Any, root: Any, info: GraphQLResolveInfo, **args: Any) -> Any:
        if args:
            field = info.parent_type.fields[info.field_name]
            for name, argument in field.args.items():
                key = argument.out_name or name
                if args.get(key, Undefined) is None and argument.default_value not in (Undefined, None):
                    args[key] = argument.default_value
                if key in args:
                    check_value(
                        args[key], argument.type, name, f"{info.parent_type.name}.{info.field_name}.{name}"
                    )
        return next_(root, info, **args)
