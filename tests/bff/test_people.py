"""人员与权限 pages: create an account, grant and revoke roles, reset, remove, the history."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from onewindow.platform.accounts.models import Membership, User
from onewindow.platform.accounts.roles import Role
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
BASE = "/c/331081/people/"


def _flash(client: Client, response) -> str:  # type: ignore[no-untyped-def]
    return get(client, response["Location"]).content.decode()


def test_an_admin_creates_a_clerk_who_can_then_log_in(wenling) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    response = post(
        admin,
        f"{BASE}create",
        {"username": "wl-clerk1", "displayName": "王小丽", "roles": [Role.INTAKE_CLERK]},
    )
    assert response.status_code == 302
    page = _flash(admin, response)
    secret = re.search(r"临时密码：(\S+?)（", page)
    assert secret, page
    assert Membership.objects.get(user__username="wl-clerk1", county=wenling).roles == [Role.INTAKE_CLERK]
    clerk = Client()
    assert clerk.login(username="wl-clerk1", password=secret.group(1))
    home = get(clerk, "/c/331081/").content.decode()
    assert "综合受理" in home and "人员与权限" not in home
    history = get(admin, f"{BASE}history").content.decode()
    assert "开通账号" in history and "wl-clerk1" in history


def test_errors_are_shown_beside_the_field_and_nothing_is_created(wenling) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    response = post(admin, f"{BASE}create", {"username": "x", "displayName": "", "roles": []})
    assert response.status_code == 400
    page = response.content.decode()
    assert "INVALID_USERNAME" in page
    response = post(
        admin,
        f"{BASE}create",
        {"username": "wl-weak", "displayName": "弱", "roles": [Role.APPROVER], "password": "12345678"},
    )
    assert "WEAK_PASSWORD" in response.content.decode()
    assert not User.objects.filter(username__in=["x", "wl-weak"]).exists()


def test_roles_change_and_removal_deactivates_an_account_of_this_county_only(wenling) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    post(admin, f"{BASE}create", {"username": "wl-appr", "displayName": "李审批", "roles": [Role.APPROVER]})
    post(admin, f"{BASE}wl-appr/roles", {"roles": [Role.APPROVER, Role.SUPERVISOR]})
    assert sorted(Membership.objects.get(user__username="wl-appr").roles) == [Role.APPROVER, Role.SUPERVISOR]
    reset = post(admin, f"{BASE}wl-appr/reset", {})
    assert "临时密码" in _flash(admin, reset)
    post(admin, f"{BASE}wl-appr/remove", {})
    assert not User.objects.get(username="wl-appr").is_active


def test_a_clerk_cannot_manage_people_and_another_countys_admin_sees_nothing(wenling, wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wenling, Role.INTAKE_CLERK)
    assert get(clerk, BASE).status_code == 403
    other = logged_in(wushen, Role.COUNTY_ADMIN)
    response = get(other, BASE)
    assert response.status_code == 403
    response = post(
        other, f"{BASE}create", {"username": "intruder", "displayName": "X", "roles": [Role.COUNTY_ADMIN]}
    )
    assert response.status_code == 403 and not User.objects.filter(username="intruder").exists()


def test_operators_manage_operators_on_the_platform() -> None:
    operator = logged_in(None, Role.PROVINCIAL_OPERATOR)
    response = post(
        operator,
        "/operators/create",
        {"username": "op2", "displayName": "省运营二", "roles": [Role.PROVINCIAL_OPERATOR]},
    )
    assert response.status_code == 302
    assert Membership.objects.get(user__username="op2", county=None).roles == [Role.PROVINCIAL_OPERATOR]
    assert "op2" in get(operator, "/operators/").content.decode()


def test_create_operator_command_on_a_fresh_install(capsys) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    call_command("create_operator", "first-op", "--name", "首位运营")
    out = capsys.readouterr().out
    assert "临时密码" in out
    assert Membership.objects.get(user__username="first-op", county=None).roles == [Role.PROVINCIAL_OPERATOR]


def test_a_member_creates_and_revokes_an_api_token_shown_once(wenling) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wenling, Role.COUNTY_ADMIN)
    made = post(admin, "/c/331081/accounts/tokens/create", {"name": "12345 对接"})
    assert made.status_code == 302
    secret = re.search(r"令牌已创建：(ow_\S+?)（", _flash(admin, made))
    assert secret, "the secret is shown once"
    from onewindow.platform.accounts.models import ApiToken

    token = ApiToken.objects.get(name="12345 对接")
    assert (
        token.county == wenling
        and secret.group(1) not in get(admin, "/c/331081/accounts/tokens/").content.decode()
    )

    page = get(admin, "/c/331081/accounts/tokens/").content.decode()
    token_id = re.search(r'name="id" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    assert post(admin, "/c/331081/accounts/tokens/revoke", {"id": token_id}).status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
