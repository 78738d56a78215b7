"""Rules a pack must keep beyond its shape: unique keys in every list, then each slice's own
checks (references that resolve, the item rules of DOMAIN §8, team shapes …). Every problem
names its YAML path. And the canonical form a valid pack is stored in."""

from __future__ import annotations

from collections import Counter

from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.policy.base import PackContext
from onewindow.tenants.policy.document import pack_from_data
from onewindow.tenants.policy.registry import slices
from onewindow.tenants.policy.schema import PolicyPack


def context(pack: PolicyPack, province: str) -> PackContext:
    return PackContext(pack, province, {s.name: s for s in slices()})


def check_pack(ctx: PackContext) -> list[ErrorDetail]:
    problems: list[ErrorDetail] = []
    for s in slices():
        if not s.many:
            continue
        keys = [str(getattr(entry, s.key)) for entry in getattr(ctx.pack, s.name)]
        for key, count in Counter(keys).items():
            if count > 1:
                i = keys.index(key, keys.index(key) + 1)
                problems.append(
                    ErrorDetail("DUPLICATE_CODE", f"{s.name} 中 {key} 重复", f"{s.name}[{i}].{s.key}")
                )
    for s in slices():
        problems.extend(s.check(ctx))
    return problems


def warn_pack(ctx: PackContext) -> list[ErrorDetail]:
    """Every slice's warnings: shown, never blocking."""
    return [w for s in slices() for w in s.warnings(ctx)]


def normalise(ctx: PackContext) -> PolicyPack:
    """The pack as export would give it (sorted unordered lists, inherited catalog elements)."""
    data = ctx.pack.model_dump(mode="json", by_alias=True)
    for s in slices():
        for entry in data[s.name] if s.many else [data[s.name]]:
            s.normalise(entry, ctx)
    return pack_from_data(data)


__all__ = ["check_pack", "context", "normalise", "warn_pack"]
