"""Who a rule's target names, resolved when the message is written (not when the rule was).

``applicant`` is the phone the caller passes; the others (``team:xtxz``, ``role:approver``,
``department_head:scjg``, ``person:zhang``) are staff, resolved by the resolver escalation
registers (``escalation.targets``) — the outbox knows no hall model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Person:
    name: str
    username: str = ""  # their in-app inbox
    phone: str = ""


Resolver = Callable[[str, Sequence[str]], list[Person]]  # (target label, subject's departments)
_RESOLVER: list[Resolver] = []


def register_resolver(resolver: Resolver) -> None:
    _RESOLVER[:] = [resolver]


def resolve(target: str, departments: Sequence[str] = ()) -> list[Person]:
    if not _RESOLVER:
        return []
    return _RESOLVER[0](target, departments)
