"""县级管理 — 督办链 (escalation chains): each chain's levels as a timeline, one sentence a level
("截止前2个工作日 → 审批人员，系统消息"), an editor for the levels (add, remove, change), and
the pack versions that changed the chain.

A chain is a pack entry like a window (``bff/entries.py``): saving it is a new pack version, and
a chain whose levels change gets a new chain version — subjects already watched keep theirs
(escalation/policy.py). The editor sends the whole list of levels; the name and subject are kept
unless the form shows them."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, QueryDict

from onewindow.bff.entries import EntryPages, FormProblem, pack_version, text
from onewindow.bff.pages import query
from onewindow.bff.templatetags.bff import LABELS, choices

# The level's fields as the pack stores them, and a new level's defaults (escalation/policy.py).
NEW_LEVEL: dict[str, Any] = {
    "name": "",
    "trigger": {"relative_to": "deadline", "offset": 0, "unit": "working_days", "event": None},
    "target": {"kind": "centre", "value": ""},
    "actions": ["notify"],
    "channels": ["console"],
    "response_within_days": None,
}
UNIT_WORDS = {"working_days": "个工作日", "hours": "小时"}


def _label(kind: str, value: str | None) -> str:
    return LABELS[kind].get((value or "").upper(), value or "")


def trigger_words(trigger: dict[str, Any]) -> str:
    """When a level fires, as the hall says it: 截止前2个工作日 / 截止当日 / 超期1个工作日 /
    受理后第3个工作日 / 用时达到时限的80% / 申请人表示不满意时."""
    relative_to = trigger.get("relative_to") or "deadline"
    offset = int(trigger.get("offset") or 0)
    unit = trigger.get("unit") or "working_days"
    if relative_to == "event":
        return f"{_label('event', trigger.get('event'))}时"
    if unit == "share":
        return f"用时达到时限的{offset}%"
    words = UNIT_WORDS.get(unit, unit)
    if relative_to == "start":
        return "开始当日" if offset == 0 else f"开始后第{offset}{words}"
    if offset < 0:
        return f"截止前{-offset}{words}"
    return "截止当日" if offset == 0 else f"超期{offset}{words}"


def target_words(target: dict[str, Any], teams: dict[str, str], staff: dict[str, str]) -> str:
    kind, value = target.get("kind") or "", target.get("value") or ""
    if kind == "role":
        return _label("role", value)
    if kind == "team":
        return teams.get(value, value)
    if kind == "person":
        return staff.get(value, value)
    return _label("target", kind)


def describe(level: dict[str, Any], teams: dict[str, str], staff: dict[str, str]) -> str:
    """One level as one sentence: when → whom, how; then what else it does."""
    actions = level.get("actions") or ["notify"]
    when = trigger_words(level.get("trigger") or {})
    sentence = f"{when} → {target_words(level.get('target') or {}, teams, staff)}"
    if "notify" in actions:
        sentence += "，" + "、".join(_label("channel", c) for c in level.get("channels") or ["console"])
    more = [_label("action", a) for a in actions if a not in ("notify", "require_response")]
    if "require_response" in actions:
        days = level.get("response_within_days")
        more.append(f"{days}个工作日内回复" if days else "限期回复")
    return sentence + ("；" + "、".join(more) if more else "")


# --- the page ------------------------------------------------------------------------------------------


def _chains(request: HttpRequest) -> dict[str, Any]:
    data = query(request, "chains/chains")
    teams = {t["code"]: t["name"] for t in data["serviceTeams"]}
    staff = {s["code"]: s["name"] for s in data["staff"]}
    posted = request.POST if request.method == "POST" else None
    for chain in data["chains"]:
        chain["subject_value"] = chain["subject"].lower()
        chain["timeline"] = [(level, describe(level, teams, staff)) for level in chain["levels"]]
        chain["history"] = _history(chain["code"], data["policyVersions"])
        levels = _posted_levels(posted) if posted and posted.get("code") == chain["code"] else chain["levels"]
        chain["editor"] = _editor_rows(levels, new_row=True)
    return {
        "title": "督办链",
        "pack_version": pack_version(data),
        "chains": data["chains"],
        "new_rows": _editor_rows(_posted_levels(posted) if posted else [], new_row=True),
        "subjects": choices("chain_subject"),
        "relative_to": choices("relative_to"),
        "units": choices("unit"),
        "events": choices("event"),
        "target_kinds": choices("target"),
        "actions": choices("action"),
        "channels": choices("channel"),
        "roles": choices("role"),
        "teams": data["serviceTeams"],
        "staff": data["staff"],
    }


def _history(code: str, versions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The pack versions (newest first, the last 100) that added or changed this chain."""
    path = f"chains.{code}"
    found = []
    for version in versions:
        for change in version["changes"]:
            if change["path"] == path:
                found.append({**version, "change": change})
    return found


def _editor_rows(levels: list[dict[str, Any]], *, new_row: bool) -> list[dict[str, Any]]:
    rows = [{**level, "i": i, "path": f"input.levels[{i}]", "new": False} for i, level in enumerate(levels)]
    if new_row:
        rows.append({**NEW_LEVEL, "i": len(rows), "path": f"input.levels[{len(rows)}]", "new": True})
    return rows


def _posted_levels(post: QueryDict) -> list[dict[str, Any]]:
    """The editor's rows, in the pack's shape: removed rows and an empty new row left out."""
    levels = []
    count = int(post.get("level_count", "0")) if post.get("level_count", "").isdecimal() else 0
    for i in range(min(count, 20)):
        field = f"level-{i}-"
        name = post.get(field + "name", "").strip()
        if post.get(field + "remove") or (post.get(field + "new") and not name):
            continue
        levels.append(
            {
                "name": name,
                "trigger": {
                    "relative_to": post.get(field + "relative_to", "deadline"),
                    "offset": post.get(field + "offset", "0").strip(),
                    "unit": post.get(field + "unit", "working_days"),
                    "event": post.get(field + "event") or None,
                },
                "target": {
                    "kind": post.get(field + "target_kind", ""),
                    "value": post.get(field + "target_value", ""),
                },
                "actions": post.getlist(field + "actions"),
                "channels": post.getlist(field + "channels"),
                "response_within_days": post.get(field + "response_within_days", "").strip() or None,
            }
        )
    return levels


def _whole(value: Any, field: str) -> int:
    text_value = str(value).strip()
    if text_value.lstrip("-").isdecimal() and len(text_value) < 5:
        return int(text_value)
    raise FormProblem(field, f"请填写整数（{text_value or '空'}）")


def _chain_input(post: QueryDict) -> dict[str, Any]:
    entry: dict[str, Any] = {}
    text(post, entry, "name", "subject")
    if "level_count" in post:
        levels = []
        for i, level in enumerate(_posted_levels(post)):
            trigger, target = level["trigger"], level["target"]
            days = level["response_within_days"]
            levels.append(
                {
                    "name": level["name"],
                    "trigger": {
                        "relativeTo": trigger["relative_to"],
                        "offset": _whole(trigger["offset"], f"input.levels[{i}].trigger.offset"),
                        "unit": trigger["unit"],
                        "event": trigger["event"] if trigger["relative_to"] == "event" else None,
                    },
                    # a value only for the kinds that name one (a role, a team, a person)
                    "target": {
                        "kind": target["kind"],
                        "value": target["value"] if target["kind"] in ("role", "team", "person") else "",
                    },
                    "actions": level["actions"],
                    "channels": level["channels"] or ["console"],
                    "responseWithinDays": _whole(days, f"input.levels[{i}].response_within_days")
                    if days
                    else None,
                }
            )
        entry["levels"] = levels
    return entry


CHAINS = EntryPages(
    noun="督办链",
    template="bff/chains/chains.html",
    home="bff:chains",
    save_op="chains/save_chain",
    retire_op="chains/retire_chain",
    read=_chains,
    to_input=_chain_input,
    rows="chains",
)

chains, save_chain, retire_chain = CHAINS.list_view(), CHAINS.save_view(), CHAINS.retire_view()
