"""Create-or-edit and retire mutations for one entry of the pack (a window, an item …).

Each mutation has its own file (``hall/mutations/save_window.py`` …) that calls these makers.
They all go through ``save_entry`` / ``retire_entry``: the whole pack is re-validated and
applied, so an edit through the API is a new pack version and shows in the next export.
"""

from __future__ import annotations

from typing import Any

import graphene
from pydantic import BaseModel

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.policy.inputs import input_type, to_data
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.policy.services import retire_entry, save_entry


def save_mutation(
    name: str, *, section: str, spec: type[BaseModel], model: Any, output: Any, description: str
) -> type[BaseMutation]:
    def perform(cls: Any, info: Any, ctx: ApiContext, **data: Any) -> Any:
        entry = to_data(data["input"])
        result = save_entry(section, entry, actor=ctx.user)
        row = model.objects.live().get(code=entry["code"])
        return cls(**{"entry": row, "version": result.version.number if result.version else None})

    return type(
        name,
        (BaseMutation,),
        {
            "__doc__": description,
            "Arguments": type(
                "Arguments",
                (),
                {"input": input_type(spec, name.removeprefix("Save") + "Input")(required=True)},
            ),
            "Meta": type("Meta", (), {"permission": Perm.COUNTY_MANAGE_POLICY, "name": name}),
            "pack_paths": True,
            "entry": graphene.Field(output),
            "version": graphene.Int(description="产生的政策包版本号；没有变化时为空"),
            "perform": classmethod(perform),
        },
    )


def retire_mutation(name: str, *, section: str, description: str) -> type[BaseMutation]:
    def perform(cls: Any, info: Any, ctx: ApiContext, **data: Any) -> Any:
        result = retire_entry(section, data["code"], actor=ctx.user)
        return cls(retired=True, version=result.version.number if result.version else None)

    return type(
        name,
        (BaseMutation,),
        {
            "__doc__": description,
            "Arguments": type("Arguments", (), {"code": graphene.String(required=True)}),
            "Meta": type("Meta", (), {"permission": Perm.COUNTY_MANAGE_POLICY, "name": name}),
            "retired": graphene.Boolean(),
            "version": graphene.Int(),
            "perform": classmethod(perform),
        },
    )
