"""The GraphQL endpoint: resolves the caller's roles in the addressed county before anything runs."""

from __future__ import annotations

import json
import logging
import re
import threading
from collections import OrderedDict
from typing import Any

from django.conf import settings
from django.db import DataError
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed, JsonResponse
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
from onewindow.graphql.core.inputs import InputGuard
from onewindow.graphql.core.validation import Limits, limits_for, limits_rule, validation_rules
from onewindow.platform.accounts.roles import permissions_for
from onewindow.platform.accounts.services import roles_in
from onewindow.platform.core.errors import BusinessError, ValidationErrors
from onewindow.platform.core.http import error_response, is_database_outage

log = logging.getLogger("onewindow.graphql")

# A parsed document takes about a hundred times its text in memory (measured: 9.4 MB for a
# 90 KB query); the cache is bounded by that estimate, not by a count of entries.
_BYTES_PER_CHARACTER = 100
_MAX_VARIABLE_DEPTH = 20
_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class DocumentCache:
    """Parsed and validated documents, least recently used first out, within a byte budget."""

    def __init__(self) -> None:
        self.entries: OrderedDict[tuple[Any, ...], tuple[Any, list[GraphQLError], int]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: tuple[Any, ...]) -> tuple[Any, list[GraphQLError]] | None:
        with self.lock:
            entry = self.entries.get(key)
            if entry is None:
                return None
            self.entries.move_to_end(key)
            return entry[0], entry[1]

    def put(self, key: tuple[Any, ...], document: Any, errors: list[GraphQLError], text: str) -> None:
        size = len(text) * _BYTES_PER_CHARACTER
        budget = settings.GRAPHQL_DOCUMENT_CACHE_BYTES
        if size > budget // 4:
            return  # one document never takes most of the budget
        with self.lock:
            if key in self.entries:
                return
            self.entries[key] = (document, errors, size)
            self.size += size
            while self.size > budget:
                _key, (_d, _e, dropped) = self.entries.popitem(last=False)
                self.size -= dropped

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.size = 0


checked_documents = DocumentCache()


class Refused(HttpError):
    """A request refused before GraphQL runs, with a stable code."""

    def __init__(self, status: int, code: str, message: str) -> None:
        response = JsonResponse({}, status=status)
        super().__init__(response, message)
        self.code = code


def parse_limited(query: str, limits: Limits) -> Any:
    """The document, or ``QUERY_TOO_LARGE`` (bytes, tokens, comments) before the parser works."""
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > limits.bytes:
        raise GraphQLError(
            f"查询文本 {size} 字节，超过上限 {limits.bytes}",
            extensions={"code": "QUERY_TOO_LARGE", "bytes": size, "maxBytes": limits.bytes},
        )
    try:
        return parse(query, max_lexical_tokens=limits.tokens, max_comments=limits.tokens)
    except GraphQLError as error:
        if "tokens" in error.message or "comments" in error.message:
            raise GraphQLError(
                f"查询过大：最多 {limits.tokens} 个词法单元",
                extensions={"code": "QUERY_TOO_LARGE", "maxTokens": limits.tokens},
            ) from None
        raise


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
        if self_only and not self._asks_only_about_self(request, limits_for(authenticated=True)):
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

    def _asks_only_about_self(self, request: HttpRequest, limits: Limits) -> bool:
        try:
            query, _variables, operation_name, _id = self.get_graphql_params(
                request, self.parse_body(request)
            )
            document = parse_limited(query or "", limits)
            return _only_self_fields(get_operation_ast(document, operation_name))
        except (HttpError, GraphQLError, ValueError):
            return False

    def parse_body(self, request: HttpRequest) -> Any:
        """The body as graphene-django reads it, with every malformed one a 400 with a code:
        too large, not UTF-8, not JSON, nested too deep, not an object."""
        limit = (
            settings.GRAPHQL_MEMBER_MAX_BODY
            if request.user.is_authenticated
            else settings.GRAPHQL_ANONYMOUS_MAX_BODY
        )
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > limit:
            raise Refused(413, "BODY_TOO_LARGE", f"请求体超过 {limit} 字节")
        content_type = self.get_content_type(request)
        if content_type not in ("application/graphql", "application/json"):
            return super().parse_body(request)
        # ``request.body`` refuses anything over DATA_UPLOAD_MAX_MEMORY_SIZE (every other view's
        # limit); a member's larger request, already checked against its own limit, is read here.
        # (a request built in process, the BFF's, carries its body already)
        small = length <= settings.DATA_UPLOAD_MAX_MEMORY_SIZE or hasattr(request, "_body")
        raw = request.body if small else request.read(limit + 1)
        try:
            body = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Refused(400, "INVALID_ENCODING", "请求体不是 UTF-8 编码") from None
        if content_type == "application/graphql":
            return {"query": body}
        try:
            data = json.loads(body)
        except RecursionError:
            raise Refused(400, "VARIABLES_TOO_DEEP", "请求体嵌套过深") from None
        except ValueError:
            raise Refused(400, "INVALID_JSON", "请求体不是有效的 JSON") from None
        if not isinstance(data, dict):
            raise Refused(400, "INVALID_JSON", "请求体应为 JSON 对象 {query, variables, operationName}")
        return data

    @staticmethod
    def get_graphql_params(request: HttpRequest, data: Any) -> tuple[Any, Any, Any, Any]:
        query, variables, operation_name, id_ = GraphQLView.get_graphql_params(request, data)
        if query is not None and not isinstance(query, str):
            raise Refused(400, "INVALID_QUERY", "query 应为字符串")
        if operation_name is not None and not isinstance(operation_name, str):
            raise Refused(400, "INVALID_QUERY", "operationName 应为字符串")
        if variables is not None and not isinstance(variables, dict):
            raise Refused(400, "INVALID_VARIABLES", "variables 应为 JSON 对象")
        if _depth(variables) > _MAX_VARIABLE_DEPTH:
            raise Refused(400, "VARIABLES_TOO_DEEP", f"variables 嵌套超过 {_MAX_VARIABLE_DEPTH} 层")
        return query, variables, operation_name, id_

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
            raise Refused(400, "QUERY_REQUIRED", "请提供 query")
        limits = limits_for(authenticated=request.user.is_authenticated)
        introspection = settings.GRAPHQL_INTROSPECTION
        key = (id(self.schema), limits, introspection, query)
        checked = checked_documents.get(key)
        if checked is None:
            try:
                document = parse_limited(query, limits)
            except GraphQLError as error:
                return ExecutionResult(data=None, errors=[error])
            schema = self.schema.graphql_schema
            # the limits first and alone: the spec's rules are costly on what they refuse
            errors = validate(schema, document, [limits_rule(limits)])
            if not errors:
                errors = validate(schema, document, validation_rules(introspection))
            if not introspection:  # no "Did you mean …": the schema is not published
                for problem in errors:
                    problem.message = _SUGGESTION.sub("", problem.message)
            checked = (document, errors)
            checked_documents.put(key, document, errors, query)
        document, errors = checked
        if errors:
            return ExecutionResult(data=None, errors=errors)
        operation = get_operation_ast(document, operation_name)
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
                middleware=[InputGuard(), *(self.get_middleware(request) or ())],
            )
            assert isinstance(result, ExecutionResult)  # a sync schema: never awaitable
        except Exception as error:  # graphene-django does the same: errors are data
            if is_database_outage(error):
                raise  # the routing middleware answers 503 SERVICE_UNAVAILABLE
            return ExecutionResult(errors=[GraphQLError(str(error), original_error=error)])
        for problem in result.errors or ():
            # a resolver that found the database gone: the whole request is unavailable, not
            # a partial answer with an INTERNAL_ERROR in it
            if is_database_outage(problem.original_error):
                raise problem.original_error  # type: ignore[misc]
        record_pii_reads(self.get_context(request))
        return result

    def get_context(self, request: HttpRequest) -> ApiContext:
        ctx: ApiContext = request.api_context  # type: ignore[attr-defined]
        return ctx

    @staticmethod
    def format_error(error: Any) -> dict[str, Any]:
        if isinstance(error, Refused):
            return {"message": error.message, "extensions": {"code": error.code}}
        if isinstance(error, GraphQLError):
            original = error.original_error
            if original is None or isinstance(original, GraphQLError):
                formatted: dict[str, Any] = dict(error.formatted)
                if not settings.GRAPHQL_INTROSPECTION:
                    formatted["message"] = _SUGGESTION.sub("", formatted["message"])
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
            if isinstance(original, OverflowError | DataError):
                # a value our checks let through that PostgreSQL or the date arithmetic cannot
                # hold (a date past 9999, a string past a column's length): the caller's error
                log.warning("value out of range in resolver: %s", type(original).__name__)
                return {
                    "message": "输入的值超出允许范围",
                    "path": error.path,
                    "extensions": {"code": "VALUE_OUT_OF_RANGE"},
                }
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


def _depth(value: Any) -> int:
    """How deep JSON nests (iteratively: a hostile body must not exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, dict | list):
            deepest = max(deepest, level)
            if level > _MAX_VARIABLE_DEPTH:
                return level
            stack.extend((inner, level + 1) for inner in (item.values() if isinstance(item, dict) else item))
    return deepest


class PlatformGraphQLView(OneWindowGraphQLView):
    platform = True
