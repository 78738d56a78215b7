"""Permission checks for query fields. Mutations declare theirs in ``Meta.permission``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.errors import api_error
from onewindow.platform.accounts.roles import Perm

F = TypeVar("F", bound=Callable[..., Any])


def require(perm: Perm) -> Callable[[F], F]:
    """Decorate a resolver: the caller must hold ``perm`` here, or the field errors with
    ``PERMISSION_DENIED`` (``UNAUTHENTICATED`` when nobody is logged in)."""

    def decorator(resolver: F) -> F:
        @wraps(resolver)
        def wrapper(root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
            ctx = api_context(info)
            if not ctx.has(perm):
                if not ctx.is_authenticated:
                    raise api_error("UNAUTHENTICATED", "请先登录")
                raise api_error("PERMISSION_DENIED", "没有执行此操作的权限")
            return resolver(root, info, *args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorator
