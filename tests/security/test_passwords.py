"""The password validators (length 8, not common, not all digits, not like the username) hold
on every path that sets a chosen password: 开通账号 with a password, 修改密码, and
``create_operator --password-stdin``."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from onewindow.platform.accounts.members import create_account
from onewindow.platform.accounts.models import User
from onewindow.platform.accounts.roles import Role
from onewindow.platform.core.errors import ValidationErrors
from tests.bff.helpers import logged_in, post

pytestmark = pytest.mark.django_db

WEAK = ["12345678", "password", "short1!", "zhangsan-wei"]


@pytest.mark.parametrize("weak", WEAK)
def test_create_account_refuses_a_weak_chosen_password(wushen, weak: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationErrors) as refused:
        create_account(
            username="zhangsan-wei",
            display_name="张三",
            roles=[Role.APPROVER],
            county=wushen,
            actor="tests",
            password=weak,
        )
    assert {d.code for d in refused.value.details} == {"WEAK_PASSWORD"}
    assert not User.objects.filter(username="zhangsan-wei").exists()


def test_change_my_password_refuses_a_weak_one_and_keeps_the_old(wushen) -> None:  # type: ignore[no-untyped-def]
    client = logged_in(wushen, Role.INTAKE_CLERK, username="ws-pw")
    user = User.objects.get(username="ws-pw")
    user.set_password("Old-horse-battery-9")
    user.save()
    client.force_login(user)
    for weak in ["12345678", "password", "ws-pw123"]:
        response = post(
            client,
            "/c/150626/accounts/password/",
            {"old_password": "Old-horse-battery-9", "new_password": weak, "new_password2": weak},
        )
        assert response.status_code == 400, weak
        assert "WEAK_PASSWORD" in response.content.decode() or "密码" in response.content.decode()
        user.refresh_from_db()
        assert user.check_password("Old-horse-battery-9"), weak
    ok = post(
        client,
        "/c/150626/accounts/password/",
        {
            "old_password": "Old-horse-battery-9",
            "new_password": "New-horse-battery-9",
            "new_password2": "New-horse-battery-9",
        },
    )
    assert ok.status_code in (200, 302)
    user.refresh_from_db()
    assert user.check_password("New-horse-battery-9")


def test_create_operator_password_stdin_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("12345678\n"))
    with pytest.raises(CommandError) as refused:
        call_command("create_operator", "op-weak", name="省运营", password_stdin=True, stdout=io.StringIO())
    assert "WEAK_PASSWORD" in str(refused.value)
    assert not User.objects.filter(username="op-weak").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("\n"))
    with pytest.raises(CommandError):
        call_command("create_operator", "op-empty", name="省运营", password_stdin=True, stdout=io.StringIO())
    assert not User.objects.filter(username="op-empty").exists()
    monkeypatch.setattr("sys.stdin", io.StringIO("Strong-horse-battery-9\n"))
    out = io.StringIO()
    call_command("create_operator", "op-good", name="省运营", password_stdin=True, stdout=out)
    assert User.objects.get(username="op-good").check_password("Strong-horse-battery-9")
    assert "临时密码" not in out.getvalue()
