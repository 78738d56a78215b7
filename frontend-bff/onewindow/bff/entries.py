"""县级管理: one kind of policy-pack entry (a department, a site, a staff member, a bundle …) —
its list, its create-or-edit form and its retire button, all three the same for every kind.

Each save is a new version of the county's pack. An edit sends only what its form shows: the API
keeps every field left out (``save_entry`` merges), so renaming a department never drops the
windows, items or staff that refer to it. A kind says what it reads (``read``) and how its form
becomes the mutation's input (``to_input``); this module does the rest."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import FieldError, MutationResult, answer, mutate, page, render_page

NEW = "__new__"  # ``?edit=__new__``: the form for a new entry


class FormProblem(Exception):
    """A value the form cannot send at all (``abc`` for a number of days): shown beside its field
    before anything is asked of the API."""

    def __init__(self, field: str, message: str, code: str = "INVALID_VALUE") -> None:
        super().__init__(message)
        self.error = FieldError(field, code, message)


# --- reading a form: only the fields it carries ------------------------------------------------


def text(post: QueryDict, entry: dict[str, Any], *names: str) -> None:
    """Text inputs, trimmed; a field not in the form is not sent (it keeps its value)."""
    for name in names:
        if name in post:
            entry[name] = post.get(name, "").strip()


def ref(post: QueryDict, entry: dict[str, Any], *names: str) -> None:
    """Optional selects (a parent site, a department …): blank sends ``null`` — back to none."""
    for name in names:
        if name in post:
            entry[name] = post.get(name, "").strip() or None


def many(post: QueryDict, entry: dict[str, Any], *names: str) -> None:
    """Checkbox groups. A group with nothing ticked sends no value at all, so the form carries a
    hidden ``<name>_shown``: present, the group was on the form and its ticks are the new list."""
    for name in names:
        if f"{name}_shown" in post:
            entry[name] = post.getlist(name)


def number(post: QueryDict, entry: dict[str, Any], *names: str) -> None:
    """Whole numbers; blank sends ``null``; anything else is refused beside the field."""
    for name in names:
        if name in post:
            value = post.get(name, "").strip()
            if not value:
                entry[name] = None
            elif value.lstrip("-").isdecimal() and len(value) < 6:
                entry[name] = int(value)
            else:
                raise FormProblem(name, "请填写整数")


def date(post: QueryDict, entry: dict[str, Any], *names: str) -> None:
    for name in names:
        if name in post:
            value = post.get(name, "").strip()
            if not value:
                entry[name] = None
                continue
            try:
                entry[name] = dt.date.fromisoformat(value).isoformat()
            except ValueError:
                raise FormProblem(name, "日期格式应为 年-月-日") from None


def lines(value: str) -> list[str]:
    """A textarea, one entry a line (审查要点)."""
    return [line.strip() for line in value.splitlines() if line.strip()]


def split_list(value: str) -> list[str]:
    """A comma list, Chinese or Latin commas or 、 (业务类别)."""
    for sep in ("，", "、"):
        value = value.replace(sep, ",")
    return [part.strip() for part in value.split(",") if part.strip()]


def pack_version(data: dict[str, Any]) -> int | None:
    """The version of the pack in force, from an operation that asked ``policyVersions(last: 1)``
    (which also makes the page refuse anyone without the right to edit the pack)."""
    versions = data.get("policyVersions") or []
    return versions[0]["number"] if versions else None


# --- the three views ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryPages:
    noun: str  # 部门: in the flash messages
    template: str  # the page: its list and its form
    home: str  # the page's URL name, where a save or a retire returns
    save_op: str  # persisted mutations, e.g. "hall/save_department"
    retire_op: str
    read: Callable[[HttpRequest], dict[str, Any]]  # the page's context, read anew after a failure
    to_input: Callable[[QueryDict], dict[str, Any]]  # the form as the mutation's (partial) input
    rows: str  # the context's list of entries (each with a ``code``)
    mark: str = "editing"  # the context name of the open form: {code, entry, new} or None
    param: str = "edit"  # the query parameter that opens the form (``?edit=ZC01``, ``?edit=__new__``)

    def form(self, context: dict[str, Any], code: str | None) -> dict[str, Any]:
        """The open form: the entry it edits, or a new one (also after a failed create)."""
        if code:
            entry = next((row for row in context.get(self.rows, []) if row.get("code") == code), None)
            context[self.mark] = {"code": code, "entry": entry, "new": entry is None}
        else:
            context[self.mark] = None
        return context

    def list_view(self, *others: EntryPages) -> Callable[..., HttpResponse]:
        """The page; ``others`` are kinds whose forms share it (分区 on the 场所 page)."""

        @page
        def view(request: HttpRequest) -> HttpResponse:
            context = self.read(request)
            for kind in (self, *others):
                kind.form(context, request.GET.get(kind.param))
            return render_page(request, self.template, context)

        return view

    def save_view(self) -> Callable[..., HttpResponse]:
        @page
        def view(request: HttpRequest) -> HttpResponse:
            if request.method != "POST":
                return redirect(self.home)
            code = request.POST.get("code", "").strip()
            try:
                entry = {**self.to_input(request.POST), "code": code}
            except FormProblem as problem:
                result = MutationResult({}, [problem.error])
            else:
                # a 新建 form says so: an existing code is then refused, never quietly edited
                result = mutate(request, self.save_op, input=entry, create=request.POST.get("create") == "1")
            version = result.payload.get("version")
            done = f"{self.noun} {code} 已保存" + (
                f"（政策包第 {version} 版）" if version else "（没有变化）"
            )
            return answer(
                request,
                result,
                message=done,
                url=reverse(self.home),
                template=self.template,
                context=lambda: self.form(self.read(request), code or NEW),
                posted=request.POST,
            )

        return view

    def retire_view(self) -> Callable[..., HttpResponse]:
        @page
        def view(request: HttpRequest, code: str) -> HttpResponse:
            if request.method != "POST":
                return redirect(self.home)
            result = mutate(request, self.retire_op, code=code)
            return answer(
                request,
                result,
                message=f"{self.noun} {code} 已停用",
                url=reverse(self.home),
                template=self.template,
                context=lambda: self.read(request),
                failed_code=code,
            )

        return view
