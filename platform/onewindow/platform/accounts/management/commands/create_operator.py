"""The first provincial operator (省级运营人员) on a fresh production install.

    onewindow manage create_operator USERNAME --name 姓名 [--password-stdin]

Without ``--password-stdin`` a temporary password is generated and printed once; the operator
changes it after logging in. Later operators are created in the browser (省级运营人员)."""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from onewindow.platform.accounts.members import create_account
from onewindow.platform.accounts.roles import Role
from onewindow.platform.core.errors import BusinessError


class Command(BaseCommand):
    help = "Create a provincial operator account (the first one on a fresh install)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("--name", required=True, help="姓名")
        parser.add_argument("--password-stdin", action="store_true", help="read the password from stdin")

    def handle(self, *args: Any, **options: Any) -> None:
        password = sys.stdin.readline().rstrip("\n") if options["password_stdin"] else None
        if password == "":
            raise CommandError("--password-stdin: no password on standard input")
        try:
            made = create_account(
                username=options["username"],
                display_name=options["name"],
                roles=[Role.PROVINCIAL_OPERATOR],
                county=None,
                actor="cli:create_operator",
                password=password,
            )
        except BusinessError as exc:  # a weak password: every validator's message
            details = getattr(exc, "details", None) or [exc]
            raise CommandError("; ".join(f"{d.code}: {d.message}" for d in details)) from None
        self.stdout.write(f"省级运营人员 {made.user.username} 已创建")
        if made.temporary_password:
            self.stdout.write(f"临时密码（只显示这一次）：{made.temporary_password}")
