"""An escalation target (``team:xtxz``, ``role:approver``, ``department_head:scjg`` …) resolved
to the people it means, at firing time — who holds the role today, not when the chain was set:

| target | people |
| --- | --- |
| ``role:<role>`` | that role's holders in the subject's departments (else in the county) |
| ``team:<team>`` | the team's 首席服务专员 (a coordination group: its 组长) |
| ``department_head[:<dept>]`` | the ``leader`` staff of that department (else the subject's) |
| ``person:<staff>`` | that staff member |
| ``centre`` | the centre managers (``centre_manager``) |

Offices outside the roster (``reform_office``, ``county_government``, ``discipline_commission``)
resolve to nobody: their notice stays addressed to the label (console).
"""

from __future__ import annotations

from collections.abc import Sequence

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.hall.models import ServiceTeam, StaffMember, TeamRole
from onewindow.tenants.outbox.recipients import Person


def _people(staff: Sequence[StaffMember]) -> list[Person]:
    return [Person(name=s.name, username=s.username) for s in staff]


def _holders(role: str, departments: Sequence[str]) -> list[StaffMember]:
    holders = StaffMember.objects.live().filter(roles__contains=[role]).select_related("department")
    within = [s for s in holders if s.department is not None and s.department.code in departments]
    return within or list(holders)


def resolve_target(label: str, departments: Sequence[str] = ()) -> list[Person]:
    kind, _, value = label.partition(":")
    if kind == "role":
        return _people(_holders(value, departments))
    if kind == "department_head":
        heads = StaffMember.objects.live().filter(roles__contains=[Role.LEADER])
        return _people(list(heads.filter(department__code__in=[value] if value else list(departments))))
    if kind == "team":
        team = ServiceTeam.objects.live().filter(code=value).first()
        if team is None:
            return []
        for role in (TeamRole.CHIEF_OFFICER, TeamRole.LEADER):
            members = [m for m in team.members.select_related("staff") if m.role == role]
            if members:
                return [
                    Person(name=m.staff.name, username=m.staff.username)
                    if m.staff is not None
                    else Person(name=m.name)
                    for m in members
                ]
        return []
    if kind == "person":
        return _people(list(StaffMember.objects.live().filter(code=value)))
    if kind == "centre":
        return _people(_holders(Role.CENTRE_MANAGER, ()))
    return []
