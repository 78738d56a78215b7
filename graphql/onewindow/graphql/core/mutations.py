"""The base mutation: permission declared, business errors returned as data, nothing else.

    class OnboardCounty(BaseMutation):
        class Arguments: ...
        county = graphene.Field(CountyType)

        class Meta:
            permission = Perm.PLATFORM_ONBOARD_COUNTY
            description = "..."

        @classmethod
        def perform(cls, info, ctx, **data):
            return cls(county=services.onboard_county(...))

``perform`` calls one service. A ``BusinessError`` becomes ``errors`` in the payload; the
service's transaction has already rolled back, so nothing changed.
"""

from __future__ import annotations

from typing import Any, ClassVar

import graphene
from graphene.types.mutation import MutationOptions

from onewindow.graphql.core.context import ApiContext, api_context
from onewindow.graphql.core.errors import Error, errors_from
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError, ErrorDetail, ValidationErrors


class BaseMutationOptions(MutationOptions):
    permission: Perm | None = None
    platform_permission: Perm | None = None  # a mutation on both schemas: what the platform needs


class BaseMutation(graphene.Mutation):
    errors = graphene.List(graphene.NonNull(Error), required=True, description="为空表示成功")
    # True where errors name paths in a policy-pack document, spelt as its YAML is
    pack_paths: ClassVar[bool] = False

    class Meta:
        abstract = True

    @staticmethod
    def resolve_errors(root: Any, info: Any) -> list[Error]:
        return list(root.errors or [])

    @classmethod
    def __init_subclass_with_meta__(
        cls,
        permission: Perm | None = None,
        platform_permission: Perm | None = None,
        _meta: Any = None,
        **options: Any,
    ) -> None:
        if _meta is None:
            _meta = BaseMutationOptions(cls)
        _meta.permission = permission
        _meta.platform_permission = platform_permission or permission
        super().__init_subclass_with_meta__(_meta=_meta, **options)

    @classmethod
    def mutate(cls, root: Any, info: Any, **data: Any) -> Any:
        ctx = api_context(info)
        permission = cls._meta.permission if ctx.county is not None else cls._meta.platform_permission
        if not ctx.has(permission):
            code, message = (
                ("PERMISSION_DENIED", "没有执行此操作的权限")
                if ctx.is_authenticated
                else ("UNAUTHENTICATED", "请先登录")
            )
            return cls(errors=[Error(field=None, code=code, message=message)])
        try:
            return cls.perform(info, ctx, **data)
        except BusinessError as exc:
            return cls(errors=errors_from(exc, api_fields=not cls.pack_paths))

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> Any:
        raise NotImplementedError


def invalid(field: str, code: str, message: str) -> ValidationErrors:
    return ValidationErrors([ErrorDetail(code, message, field)])
