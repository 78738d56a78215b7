"""The GraphQL endpoint: resolves the caller's roles in the addressed county before anything runs."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseNotAllowed
from graphene_django.views import GraphQLView, HttpError

from graphql import (
    ExecutionResult,
    FieldNode,
    GraphQLError,
    OperationType,
    execute,
    get_operation_ast,
    parse,
    validate,
)
from onewindow.graphql.core.audit import record_pii_reads
from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.fields import api_field
from onewindow.graphql.core.validation import validation_rules
from onewindow.platform.accounts.roles import permissions_for
from onewindow.platform.accounts.services import roles_in
from onewindow.platform.core.errors import BusinessError, ValidationErrors
from onewindow.platform.core.http import error_response

log = logging.getLogger("onewindow.graphql")

_MAX_CACHED_DOCUMENTS = 512
_checked_documents: dict[tuple[Any, ...], tuple[Any, list[GraphQLError]]] = {}


def _field(error: BusinessError) -> str | None:
    # several details come from a policy-pack document: their paths are the YAML's own
    return error.field if isinstance(error, ValidationErrors) else api_field(error.field)


class OneWindowGraphQLView(GraphQLView):
    """County API (``platform=False``) or platform API (``platform=True``).

    Before any resolver: the caller's roles in the addressed county (or on the platform) are
    loaded; an authenticated caller with none is refused outright (403 ``NOT_A_MEMBER``).
    Anonymous callers reach only the fields that need no permission.
    """

    platform = False

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "validation_rules",
            validation_rules(
                settings.GRAPHQL_MAX_DEPTH, settings.GRAPHQL_MAX_COST, settings.GRAPHQL_INTROSPECTION
            ),
        )
        # GraphiQL loads its assets from a CDN; intranets have none (offline-first).
        kwargs["graphiql"] = False
        super().__init__(**kwargs)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        county = None if self.platform else getattr(request, "tenant", None)
        if not self.platform and (county is None or county.is_platform):
            return error_response(404, "COUNTY_NOT_FOUND", "请通过 /c/<行政区划代码>/graphql 访问县级接口")
        user = request.user
        roles = roles_in(user, county) if user.is_authenticated else frozenset()
        # A county's staff may ask the platform who they are (the county picker after login,
        # their own password) and nothing else: every other field is refused before it runs.
        self_only = self.platform and user.is_authenticated and not roles
        if user.is_authenticated and not roles and not self_only:
            where = county.name if county is not None else "省级平台"
            return error_response(403, "NOT_A_MEMBER", f"您不是{where}的成员")
        if self_only and not self._asks_only_about_self(request):
            return error_response(403, "NOT_A_MEMBER", "您不是省级平台的成员")
        request.api_context = ApiContext(  # type: ignore[attr-defined]
            request=request,
            county=county,
            user=user,
            roles=roles,
            permissions=permissions_for(roles),
        )
        response: HttpResponse = super().dispatch(request, *args, **kwargs)
        return response

    def _asks_only_about_self(self, request: HttpRequest) -> bool:
        try:
            query, _variables, operation_name, _id = self.get_graphql_params(
                request, self.parse_body(request)
            )
            return _only_self_fields(get_operation_ast(parse(query or ""), operation_name))
        except (HttpError, GraphQLError, ValueError):
            return False

    def execute_graphql_request(
        self,
        request: HttpRequest,
        data: Any,
        query: str | None,
        variables: Any,
        operation_name: str | None,
        show_graphiql: bool = False,
    ) -> ExecutionResult | None:
        """graphene-django's, with parsing and validation cached per query text: clients send the
        same few documents over and over, and checking them is a tenth of a request's time."""
        if not query:
            raise HttpError(HttpResponseBadRequest("Must provide query string."))
        key = (
            id(self.schema),
            settings.GRAPHQL_MAX_DEPTH,
            settings.GRAPHQL_MAX_COST,
            settings.GRAPHQL_INTROSPECTION,
            query,
        )
        checked = _checked_documents.get(key)
        if checked is None:
            try:
                document = parse(query)
            except GraphQLError as error:
                return ExecutionResult(data=None, errors=[error])
            errors = validate(self.schema.graphql_schema, document, self.validation_rules)
            checked = (document, errors)
            _checked_documents[key] = checked
            while len(_checked_documents) > _MAX_CACHED_DOCUMENTS:
                _checked_documents.pop(next(iter(_checked_documents)))
        document, errors = checked
        if errors:
            return ExecutionResult(data=None, errors=errors)
        operation = get_operation_ast(document, operation_name)
        if _has_nul(variables):
            return ExecutionResult(
                data=None,
                errors=[GraphQLError("输入中含有不允许的字符", extensions={"code": "BAD_USER_INPUT"})],
            )
        if (
            request.method
            and request.method.lower() == "get"
            and operation is not None
            and operation.operation != OperationType.QUERY
        ):
            raise HttpError(HttpResponseNotAllowed(["POST"], "只有查询可以用 GET 请求"))
        try:
            result = execute(
                self.schema.graphql_schema,
                document,
                root_value=self.get_root_value(request),
                context_value=self.get_context(request),
                variable_values=variables,
                operation_name=operation_name,
                middleware=self.get_middleware(request),
            )
            assert isinstance(result, ExecutionResult)  # a sync schema: never awaitable
            record_pii_reads(self.get_context(request))
            return result
        except Exception as error:  # graphene-django does the same: errors are data
            return ExecutionResult(errors=[GraphQLError(str(error), original_error=error)])

    def get_context(self, request: HttpRequest) -> ApiContext:
        ctx: ApiContext = request.api_context  # type: ignore[attr-defined]
        return ctx

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        if isinstance(error, GraphQLError):
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                formatted: dict[str, Any] = dict(error.formatted)
                formatted.setdefault("extensions", {}).setdefault(
                    "code", "GRAPHQL_VALIDATION_FAILED" if not error.path else "BAD_REQUEST"
                )
                return formatted
            if isinstance(original, BusinessError):
                extensions: dict[str, Any] = {"code": original.code, "field": _field(original)}
                if len(original.details) > 1:  # a pack's problems, every one with its YAML path
                    extensions["details"] = [
                        {"field": d.field, "code": d.code, "message": d.message} for d in original.details
                    ]
                return {"message": original.message, "path": error.path, "extensions": extensions}
            # An unexpected exception: logged (and sent to Sentry); the caller learns nothing
            # about our internals.
            log.error("unhandled error in resolver", exc_info=original)
            return {"message": "服务器内部错误", "path": error.path, "extensions": {"code": "INTERNAL_ERROR"}}
        return {"message": str(error), "extensions": {"code": "BAD_REQUEST"}}


_SELF_FIELDS = frozenset({"me", "__typename", "changeMyPassword"})


def _only_self_fields(operation: Any) -> bool:
    """The operation's root fields are all about the caller (no fragments at the root)."""
    if operation is None:
        return False
    selections = operation.selection_set.selections
    return all(isinstance(s, FieldNode) and s.name.value in _SELF_FIELDS for s in selections)


def _has_nul(value: Any) -> bool:
    """PostgreSQL refuses NUL in text: such input is the caller's error, not a 500."""
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


class PlatformGraphQLView(OneWindowGraphQLView):
    platform = True
