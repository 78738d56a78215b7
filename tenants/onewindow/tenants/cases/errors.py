"""Case error codes (stable; see graphql/AGENTS.md)."""

from __future__ import annotations

from onewindow.platform.core.errors import BusinessError


class CaseError(BusinessError):
    pass


def invalid_transition(status: str, action: str) -> CaseError:
    return CaseError("INVALID_TRANSITION", f"办件当前状态为 {status}，不能{action}", field="status")
