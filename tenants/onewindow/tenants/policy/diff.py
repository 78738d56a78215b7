"""What applying one pack over another changes, slice by slice: list entries by their key
(added, changed, retired, reordered), single-object slices field by field."""

from __future__ import annotations

from typing import Any

from onewindow.tenants.policy.registry import slices
from onewindow.tenants.policy.schema import PolicyPack


def _changed(path: str, before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    fields = sorted(f for f in after if after[f] != before.get(f))
    return {
        "path": path,
        "change": "changed",
        "fields": fields,
        "before": {f: before.get(f) for f in fields},
        "after": {f: after[f] for f in fields},
    }


def _diff_entries(section: str, key: str, old: list[Any], new: list[Any]) -> list[dict[str, Any]]:
    a = {str(e[key]): e for e in old}
    b = {str(e[key]): e for e in new}
    changes: list[dict[str, Any]] = []
    for k, entry in b.items():
        if k not in a:
            changes.append({"path": f"{section}.{k}", "change": "added", "after": entry})
        elif entry != a[k]:
            changes.append(_changed(f"{section}.{k}", a[k], entry))
    changes += [
        {"path": f"{section}.{k}", "change": "retired", "before": e} for k, e in a.items() if k not in b
    ]
    if [k for k in b if k in a] != [k for k in a if k in b]:
        changes.append({"path": section, "change": "reordered", "after": list(b)})
    return changes


def diff_packs(old: PolicyPack, new: PolicyPack) -> list[dict[str, Any]]:
    """What applying ``new`` over ``old`` changes, entry by entry (keys are stable codes)."""
    before = old.model_dump(mode="json", by_alias=True)
    after = new.model_dump(mode="json", by_alias=True)
    changes: list[dict[str, Any]] = []
    for s in slices():
        if s.many:
            changes += _diff_entries(s.name, s.key, before[s.name], after[s.name])
        elif before[s.name] != after[s.name]:
            changes.append(_changed(s.name, before[s.name], after[s.name]))
    return changes


__all__ = ["diff_packs"]
