"""Create-or-edit and retire mutations for one entry of the pack (a window, an item …).

Each mutation has its own file (``hall/mutations/save_window.py`` …) that calls these makers.
They all go through ``save_entry`` / ``retire_entry``: the whole pack is re-validated and
applied, so an edit through the API is a new pack version and shows in the next export. An edit
is partial: the input's fields left out keep their value (only ``code`` is required).
"""

from __future__ import annotations

from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation
from onewindow.graphql.policy.inputs import input_type, to_entry
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import ErrorDetail, ValidationErrors
from onewindow.tenants.policy.base import Slice
from onewindow.tenants.policy.services import EntryErrors, retire_entry, save_entry


def input_errors(exc: EntryErrors) -> ValidationErrors:
    """Errors about the edited entry (``windows[3].zone``) are reported against the mutation's
    input (``input.zone``); those about other entries keep their pack path."""
    prefix = exc.entry
    return ValidationErrors(
        ErrorDetail(
            d.code,
            d.message,
            "input" + d.field[len(prefix) :] if d.field and d.field.startswith(prefix) else d.field,
        )
        for d in exc.details
    )


def save_mutation(name: str, section: Slice, *, output: Any, description: str) -> type[BaseMutation]:
    def perform(cls: Any, info: Any, ctx: ApiContext, **data: Any) -> Any:
        entry = to_entry(data["input"])
        try:
            result = save_entry(section.name, entry, actor=ctx.user, create=bool(data.get("create")))
        except EntryErrors as exc:
            raise input_errors(exc) from None
        row = section.model.objects.live().get(code=entry["code"])
        return cls(**{"entry": row, "version": result.version.number if result.version else None})

    return type(
        name,
        (BaseMutation,),
        {
            "__doc__": description,
            "Arguments": type(
                "Arguments",
                (),
                {
                    "input": input_type(section.spec, name.removeprefix("Save") + "Input", partial=True)(
                        required=True
                    ),
                    "create": graphene.Boolean(
                        default_value=False, description="新建：编码已存在时报 DUPLICATE_CODE，而不是修改它"
                    ),
                },
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
