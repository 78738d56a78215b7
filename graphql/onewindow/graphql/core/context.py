"""What every resolver may know about the caller, computed once per request by the view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from onewindow.platform.accounts.roles import Perm


@dataclass
class ApiContext:
    request: Any
    county: Any | None  # the addressed county; None on the platform API
    user: Any
    roles: frozenset[str] = field(default_factory=frozenset)
    permissions: frozenset[Perm] = field(default_factory=frozenset)
    # personal data shown in full during this request: field name -> row pks (audited once)
    pii_reads: dict[str, set[Any]] = field(default_factory=dict)

    @property
    def is_authenticated(self) -> bool:
        return bool(getattr(self.user, "is_authenticated", False))

    def has(self, perm: Perm | None) -> bool:
        return perm is None or perm in self.permissions

    # graphene-django's own helpers read ``info.context.user``/``.META``; pass them through.
    def __getattr__(self, name: str) -> Any:
        return getattr(self.request, name)


def api_context(info: Any) -> ApiContext:
    ctx = info.context
    assert isinstance(ctx, ApiContext), "resolvers run under OneWindowGraphQLView only"
    return ctx
