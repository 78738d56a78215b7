"""Errors as data: every mutation payload has ``errors: [Error!]!``; top-level errors carry a code.

Codes are stable (clients switch on them); messages are for people (zh-hans).
"""

from __future__ import annotations

import graphene

from graphql import GraphQLError
from onewindow.graphql.core.fields import api_field
from onewindow.platform.core.errors import BusinessError


class Error(graphene.ObjectType):
    """A problem with the request: ``field`` names the input it concerns (null: the whole request)."""

    field = graphene.String(description="出错的输入字段路径，如 `input.code`；为空表示整个请求")
    code = graphene.String(required=True, description="稳定的错误代码，如 `COUNTY_EXISTS`")
    message = graphene.String(required=True, description="给人看的说明")


def errors_from(exc: BusinessError, *, api_fields: bool = False) -> list[Error]:
    """The error's details as data; with ``api_fields`` the service's field names are spelt as
    the API's (``core.fields``), otherwise kept (policy-pack paths are the YAML's own)."""
    return [
        Error(field=api_field(d.field) if api_fields else d.field, code=d.code, message=d.message)
        for d in exc.details
    ]


def api_error(code: str, message: str) -> GraphQLError:
    """A top-level GraphQL error with ``extensions.code`` (for queries and validation)."""
    return GraphQLError(message, extensions={"code": code})
