"""好差评 error codes (stable; see graphql/AGENTS.md)."""

from __future__ import annotations

from onewindow.platform.core.errors import BusinessError


class ReviewError(BusinessError):
    pass
