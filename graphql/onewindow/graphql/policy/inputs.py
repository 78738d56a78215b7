"""GraphQL input types made from the pack's pydantic specs, so the API and the document can
never disagree about a field."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal

import graphene
from pydantic import BaseModel

_made: dict[str, type[graphene.InputObjectType]] = {}


def _graphene_type(annotation: Any, name_hint: str) -> Any:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType):
        return _graphene_type(args[0], name_hint)
    if origin is typing.Annotated:
        return _graphene_type(args[0], name_hint)
    if origin is list:
        return graphene.List(graphene.NonNull(_graphene_type(args[0], name_hint)))
    if origin is Literal:
        return graphene.String
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return input_type(annotation)
    return {
        str: graphene.String,
        int: graphene.Int,
        float: graphene.Float,
        bool: graphene.Boolean,
        dt.date: graphene.Date,
    }[annotation]


def input_type(
    spec: type[BaseModel], name: str | None = None, *, partial: bool = False
) -> type[graphene.InputObjectType]:
    """``WindowSpec`` → ``WindowInput`` with the same fields (camelCase in the SDL). ``partial``:
    an edit's input, where only ``code`` is required (what it leaves out is kept)."""
    name = name or spec.__name__.removesuffix("Spec") + "Input"
    if name in _made:
        return _made[name]
    fields: dict[str, Any] = {}
    for field_name, info in spec.model_fields.items():
        required = info.is_required() and (field_name == "code" or not partial)
        kind = _graphene_type(info.annotation, name)
        choices = typing.get_args(info.annotation)
        description = None
        if typing.get_origin(info.annotation) is Literal:
            description = "取值：" + " / ".join(str(c) for c in choices)
        if isinstance(kind, graphene.List):
            fields[field_name] = kind if not required else graphene.NonNull(kind)
            continue
        fields[field_name] = kind(required=required, description=description)
    made = type(name, (graphene.InputObjectType,), fields)
    _made[name] = made
    return made


def to_data(value: Any) -> Any:
    """A graphene input value as plain data for the pack (dates stay dates)."""
    if isinstance(value, dict):
        # ``dict.items``: an input with a field named ``items`` (a bundle's) shadows the method
        return {k: to_data(v) for k, v in dict.items(value) if v is not None}
    if isinstance(value, list):
        return [to_data(v) for v in value]
    return value


def to_entry(value: dict[str, Any]) -> dict[str, Any]:
    """An edit's input as a partial entry: only the fields the caller gave (an explicit
    ``null`` stays, meaning "back to the default"); nested values as ``to_data``."""
    return {k: None if v is None else to_data(v) for k, v in dict.items(value)}
