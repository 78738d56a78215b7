"""Shared set-up for case tests: applicants, intake, an approver posted to a department."""

from __future__ import annotations

from typing import Any

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.cases.services import ApplicantInput, receive_case
from onewindow.tenants.policy.services import save_entry

PERSON = ApplicantInput(kind="person", name="张三", id_number="150626199001011239", phone="13800138000")
COMPANY = ApplicantInput(
    kind="enterprise", name="乌审旗某某科技有限公司", id_number="91150626MA0N12345A", phone="13900139000"
)


def receive(item: str = "QY-SL", *, provided: Any = ("sqs", "zc", "zs"), window: str = "ZC01", **kw: Any):  # type: ignore[no-untyped-def]
    return receive_case(
        applicant=kw.pop("applicant", COMPANY),
        item=item if "bundle" not in kw else None,
        channel=kw.pop("channel", "window"),
        window=window,
        provided=provided,
        actor="clerk",
        **kw,
    )


def post_approver(username: str, department: str) -> None:
    """An approver on the roster of ``department`` (through the pack, as a county admin would)."""
    save_entry(
        "staff",
        {
            "code": f"A-{username}",
            "name": username,
            "roles": [Role.APPROVER],
            "department": department,
            "username": username,
        },
        actor="tests",
    )


APPROVER_ROLES = [Role.APPROVER]
