"""The policy pack document, version 1 (pydantic). YAML in, YAML out.

The pack is the county's identity followed by one section per registered slice, in the
registry's order (``policy/registry.py``); each domain owns its section's spec. Every list
entry has a stable key (``code``): applying a pack upserts by it and retires what the pack no
longer lists, so applying the same pack twice changes nothing. Field names are the model's;
enum values are the code names of DOMAIN.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import ConfigDict, Field, StringConstraints, create_model

from onewindow.tenants.policy.base import Strict, Text
from onewindow.tenants.policy.registry import slices

SCHEMA_ID: Final = "onewindow.policy/v1"


class CountyRef(Strict):
    code: Annotated[str, StringConstraints(pattern=r"^\d{6}$")]
    name: Text
    province: str = ""


class PackBase(Strict):
    """What every pack has before its slices."""

    schema_: Literal["onewindow.policy/v1"] = Field(default=SCHEMA_ID, alias="schema")
    county: CountyRef

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    if TYPE_CHECKING:  # the slices' sections, made at run time

        def __getattr__(self, name: str) -> Any: ...


def _pack_model() -> type[PackBase]:
    sections: dict[str, Any] = {
        s.name: (list[s.spec], []) if s.many else (s.spec, s.spec())  # type: ignore[name-defined]
        for s in slices()
    }
    return create_model("PolicyPack", __base__=PackBase, __module__=__name__, **sections)


if TYPE_CHECKING:
    PolicyPack = PackBase
else:
    PolicyPack = _pack_model()

__all__ = ["SCHEMA_ID", "CountyRef", "PackBase", "PolicyPack"]
