"""What every page view uses: run an operation as the caller, map errors, render in the shell.

Views stay small (after Healthchecks): parse the request, run one or two persisted operations
through :func:`query` / :func:`mutate`, render. Errors become Chinese messages; a page request
without a login is redirected to the login page, never answered with JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from onewindow.bff.client import Response, get_client
from onewindow.bff.messages import message_for
from onewindow.bff.nav import menu_for
from onewindow.bff.operations import operation


class LoginRequired(Exception):
    """The API says nobody is logged in: send the browser to the login page."""


class PageError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass
class FieldError:
    field: str | None
    code: str
    message: str


@dataclass
class MutationResult:
    payload: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_field(self) -> dict[str, list[FieldError]]:
        """Errors keyed by the last part of their field path (``input.applicant.phone`` → ``phone``,
        ``input.materials[2]`` → ``materials``), as the form's inputs are named; ``""`` for the rest."""
        grouped: dict[str, list[FieldError]] = {}
        for error in self.errors:
            key = _camel((error.field or "").split(".")[-1].split("[")[0])
            key = "" if key == "input" else key
            grouped.setdefault(key, []).append(error)
        return grouped


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _execute(request: HttpRequest, name: str, variables: dict[str, Any]) -> Response:
    """Run the persisted operation ``name`` on the API the page is on (county or platform)."""
    op = operation(name)
    platform = op.runs_on_platform(in_county(request))
    return get_client().execute(request, op.document, variables, platform=platform)


def _run(request: HttpRequest, name: str, variables: dict[str, Any]) -> dict[str, Any]:
    answer = _execute(request, name, variables)
    # A page's operation asks for what the page shows: any error (a refused field included)
    # makes the page an error page rather than a page with holes.
    if answer.status >= 400 or answer.errors:
        first = answer.errors[0] if answer.errors else {}
        code = (first.get("extensions") or {}).get("code") or first.get("code") or "BAD_REQUEST"
        _raise_for(code, first.get("message", ""), answer.status)
    return answer.data


def _raise_for(code: str, message: str, status: int) -> None:
    if code == "UNAUTHENTICATED":
        raise LoginRequired
    if code in {"NOT_A_MEMBER", "PERMISSION_DENIED"}:
        status = 403
    elif code in {"NOT_FOUND", "COUNTY_NOT_FOUND", "LINK_INVALID", "LINK_EXPIRED"}:
        status = 404
    elif code == "RATE_LIMITED":
        status = 429
    elif status < 400:
        status = 400 if code != "INTERNAL_ERROR" else 500
    raise PageError(status, code, message_for(code, message))


def query(request: HttpRequest, name: str, /, **variables: Any) -> dict[str, Any]:
    """Run the persisted query ``name`` (``"<area>/<file>"``) and return its ``data``."""
    return _run(request, name, variables)


def query_or_errors(
    request: HttpRequest, name: str, /, **variables: Any
) -> tuple[dict[str, Any], list[FieldError]]:
    """For a check the user asked for (validate a pack): the answer, or the business errors it
    found — every one, with its path — instead of an error page. Permission errors still raise."""
    answer = _execute(request, name, variables)
    found: list[FieldError] = []
    for error in answer.errors:
        extensions = error.get("extensions") or {}
        code = extensions.get("code", "BAD_REQUEST")
        if code in {"UNAUTHENTICATED", "NOT_A_MEMBER", "PERMISSION_DENIED", "INTERNAL_ERROR"}:
            _raise_for(code, error.get("message", ""), answer.status)
        details = extensions.get("details") or [
            {"field": extensions.get("field"), "code": code, "message": error.get("message", "")}
        ]
        found += [
            FieldError(d.get("field"), d["code"], message_for(d["code"], d.get("message", "")))
            for d in details
        ]
    if answer.status >= 400 and not found:
        _raise_for("BAD_REQUEST", "", answer.status)
    return answer.data, found


def query_one(request: HttpRequest, name: str, field: str, what: str, /, **variables: Any) -> dict[str, Any]:
    """The object ``field`` of the query's answer, or a 404 page naming ``what``."""
    found = query(request, name, **variables)[field]
    if found is None:
        raise PageError(404, "NOT_FOUND", f"{what} 不存在")
    return dict(found)


def mutate(request: HttpRequest, name: str, /, **variables: Any) -> MutationResult:
    """Run the persisted mutation ``name``; its single root field is the payload."""
    data = _run(request, name, variables)
    payload = next(iter(data.values()), None) or {}
    if any(e.get("code") == "UNAUTHENTICATED" for e in payload.get("errors") or []):
        raise LoginRequired
    errors = [
        FieldError(e.get("field"), e.get("code", ""), message_for(e.get("code"), e.get("message", "")))
        for e in payload.get("errors") or []
    ]
    return MutationResult(payload, errors)


def page(view: Callable[..., HttpResponse] | None = None, *, public: bool = False) -> Any:
    """Decorate a page view: logged-in only (unless ``public``), API errors as Chinese pages."""

    def decorator(fn: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(fn)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not public and not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            # 群众 pages ask the API as nobody: a clerk of another county reads them as anyone does
            request.bff_anonymous = public  # type: ignore[attr-defined]
            try:
                return fn(request, *args, **kwargs)
            except LoginRequired:
                return redirect_to_login(request.get_full_path())
            except PageError as err:
                template = "bff/public/error.html" if public else "bff/error.html"
                context = {"error": err, "title": "出错了"}
                if not public:
                    context.update(_shell(request))
                return render(request, template, context, status=err.status)

        return wrapper

    return decorator(view) if view is not None else decorator


def in_county(request: HttpRequest) -> bool:
    county = getattr(request, "tenant", None)
    return county is not None and not getattr(county, "is_platform", True)


def _shell(request: HttpRequest) -> dict[str, Any]:
    """The header and the menu: the county, the user and their roles here (cached per request)."""
    cached = getattr(request, "_bff_shell", None)
    if cached is not None:
        return dict(cached)
    here = in_county(request)
    try:
        data = _run(request, "shell/county" if here else "shell/platform", {})
    except PageError:
        data = {}
    me = data.get("me") or {}
    shell = {
        "me": me,
        "county": data.get("county"),
        "in_county": here,
        "unread_notifications": data.get("myUnreadNotificationCount"),
        "menu": menu_for(set(me.get("permissions") or []), in_county=here, path=request.path),
    }
    request._bff_shell = shell  # type: ignore[attr-defined]
    return dict(shell)


def render_page(
    request: HttpRequest, template: str, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """Render a staff page inside the shell (header with county and user, menu by role).
    An htmx request for a fragment gets the template alone."""
    full = {**_shell(request), **context} if not request.headers.get("HX-Request") else context
    return render(request, template, full, status=status)


def me(request: HttpRequest) -> dict[str, Any]:
    """The caller as the API sees them here: name, roles, permissions, roster entry."""
    return dict(_shell(request).get("me") or {})


def permissions(request: HttpRequest) -> set[str]:
    return set(me(request).get("permissions") or [])


def require_permission(request: HttpRequest, perm: str) -> None:
    """For a page whose reads anyone here may make but whose purpose is a task (an editor): a
    403 page for the others, as the API would give their first write."""
    if perm not in permissions(request):
        raise PageError(403, "PERMISSION_DENIED", message_for("PERMISSION_DENIED", ""))


def answer(
    request: HttpRequest,
    result: MutationResult,
    *,
    message: str,
    url: str,
    template: str,
    context: Callable[[], dict[str, Any]],
    **marks: Any,
) -> HttpResponse:
    """The end of every form view: success → flash and redirect (a reload does not post twice);
    failure → the page again (``context()``, read anew) with each error beside its field, and
    ``marks`` saying which form failed; status 400, nothing was recorded."""
    if result.ok:
        messages.success(request, message)
        return redirect(url)
    return render_page(request, template, {**context(), "errors": result.by_field(), **marks}, status=400)


def form_int(data: Any, name: str) -> int:
    """A whole number from a form (a stale or forged value reads as 0: the API refuses it)."""
    value = str(data.get(name, "")).strip()
    return int(value) if value.isdecimal() and len(value) < 10 else 0


MAX_DOCUMENT_BYTES = 2_000_000  # a county's whole pack is tens of KB; this is far above any real one


def posted_document(
    request: HttpRequest, file_field: str = "file", text_field: str = "document"
) -> tuple[str, str | None]:
    """A YAML document from a form: the uploaded file if there is one, else the pasted text;
    ``(text, problem)`` — a problem (too large, not UTF-8) in Chinese, the text then empty."""
    upload = request.FILES.get(file_field)
    if upload is not None:
        if (upload.size or 0) > MAX_DOCUMENT_BYTES:
            return "", "文件过大"
        try:
            return upload.read().decode("utf-8"), None
        except UnicodeDecodeError:
            return "", "文件不是 UTF-8 编码的 YAML"
    text = request.POST.get(text_field, "")
    return (text, None) if len(text) <= MAX_DOCUMENT_BYTES else ("", "内容过长")


PAGE_SIZES = (10, 20, 50, 100)


def page_args(request: HttpRequest, size: int = 50) -> dict[str, Any]:
    """``first``/``after`` from the query string: cursor pagination, ``size`` rows a page unless
    the user picked another of :data:`PAGE_SIZES` (``?size=``)."""
    asked = request.GET.get("size", "")
    first = int(asked) if asked.isdecimal() and int(asked) in PAGE_SIZES else size
    return {"first": first, "after": request.GET.get("after") or None}
