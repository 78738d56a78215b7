"""取号叫号 and 预约 error codes (stable; see graphql/AGENTS.md)."""

from __future__ import annotations

from onewindow.platform.core.errors import BusinessError


class QueueError(BusinessError):
    pass
