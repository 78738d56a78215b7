"""A county's single-object settings sections (好差评, 办不成事, 目录调整): output types and
edit mutations made from the pack's pydantic specs, as ``inputs.py`` makes the inputs."""

from __future__ import annotations

import types
import typing
from typing import Any, Literal

import graphene
from pydantic import BaseModel

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.policy.entry_mutations import input_errors
from onewindow.graphql.policy.inputs import input_type, to_entry
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.policy.base import Slice
from onewindow.tenants.policy.services import EntryErrors, save_settings

_made: dict[str, type[graphene.ObjectType]] = {}


def _type(annotation: Any) -> Any:
    """The graphene type of a spec field (``None`` parts dropped: nullability is the field's)."""
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return _type(args[0])
    if origin is list:
        return graphene.List(graphene.NonNull(_type(args[0])))
    if origin is Literal:
        return graphene.String
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return output_type(annotation)
    return {str: graphene.String, int: graphene.Int, float: graphene.Float, bool: graphene.Boolean}[
        annotation
    ]


def _field(annotation: Any, required: bool) -> Any:
    kind = _type(annotation)
    return graphene.Field(graphene.NonNull(kind) if required else kind)


def output_type(spec: type[BaseModel], name: str | None = None) -> type[graphene.ObjectType]:
    """``ReviewSettingsSpec`` → ``ReviewSettings``: the fields as the pack has them."""
    name = name or spec.__name__.removesuffix("Spec")
    if name not in _made:
        fields = {
            field_name: _field(info.annotation, required=type(None) not in typing.get_args(info.annotation))
            for field_name, info in spec.model_fields.items()
        }
        meta = type("Meta", (), {"description": (spec.__doc__ or "").strip() or None})
        _made[name] = type(name, (graphene.ObjectType,), {"Meta": meta, **fields})
    return _made[name]


def settings_mutation(name: str, section: Slice, *, description: str) -> type[BaseMutation]:
    """``SaveReviewSettings(input: ReviewSettingsInput!)``: the fields given change, the others
    keep their value; a new pack version, as any edit."""

    def perform(cls: Any, info: Any, ctx: ApiContext, **data: Any) -> Any:
        try:
            result = save_settings(section.name, to_entry(data["input"]), actor=ctx.user)
        except EntryErrors as exc:
            raise input_errors(exc) from None
        return cls(settings=section.export(), version=result.version.number if result.version else None)

    spec_name = section.spec.__name__.removesuffix("Spec")
    return type(
        name,
        (BaseMutation,),
        {
            "__doc__": description,
            "Arguments": type(
                "Arguments",
                (),
                {"input": input_type(section.spec, f"{spec_name}Input", partial=True)(required=True)},
            ),
            "Meta": type("Meta", (), {"permission": Perm.COUNTY_MANAGE_POLICY, "name": name}),
            "pack_paths": True,
            "settings": graphene.Field(output_type(section.spec)),
            "version": graphene.Int(description="产生的政策包版本号；没有变化时为空"),
            "perform": classmethod(perform),
        },
    )
