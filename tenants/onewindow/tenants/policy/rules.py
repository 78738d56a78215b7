"""Rules a pack must keep beyond its shape: unique codes, references that resolve, the item
rules of DOMAIN §8, team shapes. Every problem names its YAML path."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.hall.models import TEAM_SHAPE_RULES
from onewindow.tenants.policy.schema import SECTIONS, ItemSpec, PolicyPack


def check_pack(
    pack: PolicyPack, provincial_codes: Iterable[str] = (), national_codes: Iterable[str] | None = None
) -> list[ErrorDetail]:
    problems: list[ErrorDetail] = []
    add = problems.append

    def codes(section: str) -> set[str]:
        return {entry.code for entry in getattr(pack, section)}

    for section in SECTIONS:
        if section == "calendar_overrides":
            keys = [o.date.isoformat() for o in pack.calendar_overrides]
            field = "date"
        else:
            keys = [e.code for e in getattr(pack, section)]
            field = "code"
        for key, count in Counter(keys).items():
            if count > 1:
                i = keys.index(key, keys.index(key) + 1)
                add(ErrorDetail("DUPLICATE_CODE", f"{section} 中 {key} 重复", f"{section}[{i}].{field}"))

    departments, sites, zones = codes("departments"), codes("sites"), codes("zones")
    windows, staff, items = codes("windows"), codes("staff"), codes("items")

    def ref(value: str | None, known: set[str], path: str, what: str) -> None:
        if value is not None and value not in known:
            add(ErrorDetail("UNKNOWN_REFERENCE", f"{what} {value} 不存在", path))

    for i, site in enumerate(pack.sites):
        ref(site.parent, sites, f"sites[{i}].parent", "场所")
        if site.parent == site.code:
            add(ErrorDetail("INVALID_VALUE", "场所不能以自己为上级", f"sites[{i}].parent"))
    for i, zone in enumerate(pack.zones):
        ref(zone.site, sites, f"zones[{i}].site", "场所")
    for i, window in enumerate(pack.windows):
        ref(window.zone, zones, f"windows[{i}].zone", "分区")
        ref(window.lead_department, departments, f"windows[{i}].lead_department", "部门")
        for j, dept in enumerate(window.departments):
            ref(dept, departments, f"windows[{i}].departments[{j}]", "部门")
    for i, member in enumerate(pack.staff):
        ref(member.department, departments, f"staff[{i}].department", "部门")
        ref(member.window, windows, f"staff[{i}].window", "窗口")
    for i, team in enumerate(pack.teams):
        ref(team.lead_department, departments, f"teams[{i}].lead_department", "部门")
        roles = Counter(m.role for m in team.members)
        for role, (low, high) in TEAM_SHAPE_RULES.get(team.shape, {}).items():
            if roles[role] < low or (high is not None and roles[role] > high):
                bound = f"{low}" if low == high else f"至少 {low}"
                add(
                    ErrorDetail(
                        "TEAM_SHAPE", f"{team.shape} 团队须有 {bound} 名 {role}", f"teams[{i}].members"
                    )
                )
        allowed = TEAM_SHAPE_RULES.get(team.shape)
        for j, m in enumerate(team.members):
            if allowed is not None and m.role not in allowed:
                add(
                    ErrorDetail(
                        "TEAM_SHAPE", f"{team.shape} 团队没有 {m.role} 角色", f"teams[{i}].members[{j}].role"
                    )
                )
            ref(m.staff, staff, f"teams[{i}].members[{j}].staff", "工作人员")
    known_provincial = set(provincial_codes)
    for i, item in enumerate(pack.items):
        path = f"items[{i}]"
        ref(item.department, departments, f"{path}.department", "部门")
        if not item.provincial_code:
            for field in ("name", "item_type"):
                if not getattr(item, field):
                    add(
                        ErrorDetail(
                            "REQUIRED", "本地事项须填写此项（认领事项可继承省级目录）", f"{path}.{field}"
                        )
                    )
        if item.provincial_code and item.provincial_code not in known_provincial:
            add(
                ErrorDetail(
                    "UNKNOWN_PROVINCIAL_ITEM",
                    f"省级目录中没有 {item.provincial_code}",
                    f"{path}.provincial_code",
                )
            )
        problems.extend(check_item_rules(item, path))
    for i, bundle in enumerate(pack.bundles):
        ref(bundle.lead_department, departments, f"bundles[{i}].lead_department", "部门")
        for j, dept in enumerate(bundle.co_departments):
            ref(dept, departments, f"bundles[{i}].co_departments[{j}]", "部门")
        for j, code in enumerate(bundle.items):
            ref(code, items, f"bundles[{i}].items[{j}]", "事项")
        if (
            national_codes is not None
            and bundle.national_code
            and bundle.national_code not in set(national_codes)
        ):
            add(
                ErrorDetail(
                    "UNKNOWN_NATIONAL_BUNDLE",
                    f"国家一件事清单中没有 {bundle.national_code}",
                    f"bundles[{i}].national_code",
                )
            )
        if len(bundle.items) < 2:
            add(ErrorDetail("BUNDLE_TOO_SMALL", "一件事至少包含两个事项", f"bundles[{i}].items"))
    for i, rule_set in enumerate(pack.rule_sets):
        codes_seen: set[str] = set()
        total = sum(c.max for c in rule_set.categories)
        if abs(total - rule_set.base) > 1e-6:
            add(
                ErrorDetail(
                    "CATEGORIES_NOT_BASE",
                    f"各类别满分合计 {total:g} 不等于基础分 {rule_set.base:g}",
                    f"rule_sets[{i}].categories",
                )
            )
        rules = [
            (f"categories[{j}].rules[{k}]", r)
            for j, c in enumerate(rule_set.categories)
            for k, r in enumerate(c.rules)
        ]
        rules += [(f"bonuses[{k}]", r) for k, r in enumerate(rule_set.bonuses)]
        rules += [(f"vetoes[{k}]", r) for k, r in enumerate(rule_set.vetoes)]
        for where, rule in rules:
            path = f"rule_sets[{i}].{where}"
            if rule.code in codes_seen:
                add(ErrorDetail("DUPLICATE_CODE", f"规则 {rule.code} 重复", f"{path}.code"))
            codes_seen.add(rule.code)
            if rule.kind == "threshold" and rule.ratio is None:
                add(ErrorDetail("REQUIRED", "阈值规则须给出比例", f"{path}.ratio"))
            if rule.kind in ("deduction", "bonus", "threshold") and not (rule.points or rule.per):
                add(ErrorDetail("REQUIRED", "请给出分值", f"{path}.points"))
        for k, rule in enumerate(rule_set.bonuses):
            if rule.kind != "bonus":
                add(
                    ErrorDetail(
                        "INVALID_VALUE", "加分项的类型须为 bonus", f"rule_sets[{i}].bonuses[{k}].kind"
                    )
                )
        for k, rule in enumerate(rule_set.vetoes):
            if rule.kind != "veto":
                add(ErrorDetail("INVALID_VALUE", "否决项的类型须为 veto", f"rule_sets[{i}].vetoes[{k}].kind"))
    tiers = [t.tier for t in pack.fallback.tiers]
    if len(set(tiers)) != len(tiers):
        add(ErrorDetail("DUPLICATE_CODE", "办不成事层级重复", "fallback.tiers"))
    teams_codes = codes("teams")
    for i, chain in enumerate(pack.chains):
        for j, level in enumerate(chain.levels):
            path = f"chains[{i}].levels[{j}]"
            kind, value = level.target.kind, level.target.value
            if kind == "role" and value not in Role.values:
                add(ErrorDetail("UNKNOWN_REFERENCE", f"角色 {value} 不存在", f"{path}.target.value"))
            if kind == "team":
                ref(value, teams_codes, f"{path}.target.value", "团队")
            if kind == "person":
                ref(value, staff, f"{path}.target.value", "工作人员")
            if "require_response" in level.actions and level.response_within_days is None:
                add(ErrorDetail("REQUIRED", "要求回复须给出回复期限", f"{path}.response_within_days"))
            if (level.trigger.relative_to == "event") != (level.trigger.event is not None):
                add(ErrorDetail("INVALID_VALUE", "按事件触发须且只须写明事件", f"{path}.trigger.event"))
            if level.trigger.unit == "share" and level.trigger.relative_to != "start":
                add(ErrorDetail("INVALID_VALUE", "按比例触发须相对于开始时间", f"{path}.trigger.relative_to"))
        moments = [
            (lv.trigger.relative_to, lv.trigger.unit, lv.trigger.offset)
            for lv in chain.levels
            if lv.trigger.relative_to != "event"
        ]
        for j in range(1, len(moments)):
            if moments[j][:2] == moments[j - 1][:2] and moments[j][2] < moments[j - 1][2]:
                add(
                    ErrorDetail(
                        "LEVELS_OUT_OF_ORDER", "后一级不能早于前一级触发", f"chains[{i}].levels[{j}].trigger"
                    )
                )
    return problems


def check_item_rules(item: ItemSpec, path: str) -> list[ErrorDetail]:
    """DOMAIN §8: 即办件 ⇔ no promised limit; promised ≤ statutory; Ⅳ ⇒ zero visits …"""
    out: list[ErrorDetail] = []
    kind = item.kind
    statutory = item.statutory_limit_days
    promised = item.promised_limit_days
    if kind == "immediate" and promised not in (None, 0):
        out.append(
            ErrorDetail(
                "IMMEDIATE_HAS_LIMIT", "即办件没有承诺时限（当场办结）", f"{path}.promised_limit_days"
            )
        )
    if kind == "promised" and not promised:
        out.append(
            ErrorDetail(
                "PROMISED_LIMIT_REQUIRED", "承诺件须有承诺时限（工作日）", f"{path}.promised_limit_days"
            )
        )
    if promised and statutory is not None and promised > statutory:
        out.append(
            ErrorDetail(
                "PROMISED_EXCEEDS_STATUTORY",
                f"承诺时限 {promised} 个工作日超过法定时限 {statutory} 个工作日",
                f"{path}.promised_limit_days",
            )
        )
    depth, visits = item.online_depth, item.visits_required
    if depth == 4 and visits != 0:
        out.append(
            ErrorDetail(
                "FULLY_ONLINE_HAS_VISITS", "Ⅳ级（全程网办）事项到现场次数须为 0", f"{path}.visits_required"
            )
        )
    if depth < 4 and visits == 0 and not item.self_service:
        out.append(
            ErrorDetail(
                "ZERO_VISITS_NEEDS_ONLINE", "零跑动事项须为Ⅳ级全程网办或可自助办理", f"{path}.visits_required"
            )
        )
    materials = item.materials
    seen: set[str] = set()
    for j, m in enumerate(materials):
        if m.code in seen:
            out.append(ErrorDetail("DUPLICATE_CODE", f"材料 {m.code} 重复", f"{path}.materials[{j}].code"))
        seen.add(m.code)
        if m.exempt == "government_issued" and m.source != "government":
            out.append(
                ErrorDetail(
                    "EXEMPT_SOURCE",
                    "“政府部门核发”免提交的材料来源须为 government",
                    f"{path}.materials[{j}].source",
                )
            )
    return out
