"""人员与权限: a county admin's staff accounts (on the platform: provincial operators) —
create, grant and revoke roles, reset a password, remove; every change in the history."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from onewindow.bff.pages import answer, in_county, mutate, page, page_args, query, render_page

ACTIONS = {
    "user.created": "开通账号",
    "membership.granted": "授予角色",
    "membership.roles_changed": "调整角色",
    "membership.removed": "停用",
    "user.password_reset": "重置密码",
}


def _here(request: HttpRequest) -> str:
    return reverse("people:members")


def _list_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    search = request.GET.get("search", "").strip()
    data = query(request, "people/members", search=search or None, **page_args(request))
    title = "人员与权限" if in_county(request) else "省级运营人员"
    return {
        "title": title,
        "connection": data["members"],
        "members": [e["node"] for e in data["members"]["edges"]],
        "roles": data["assignableRoles"],
        "search": search,
        **extra,
    }


@page
def members(request: HttpRequest) -> HttpResponse:
    return render_page(request, "bff/people/members.html", _list_context(request))


@page
def create(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return redirect(_here(request))
    post = request.POST
    result = mutate(
        request,
        "people/create",
        username=post.get("username", "").strip(),
        displayName=post.get("displayName", "").strip(),
        roles=post.getlist("roles"),
        password=post.get("password") or None,
    )
    username = (result.payload.get("member") or {}).get("username")
    secret = result.payload.get("temporaryPassword")
    shown_once = f"，临时密码：{secret}（只显示这一次，请转交本人并提醒其修改）" if secret else ""
    return answer(
        request,
        result,
        message=f"已开通账号 {username}{shown_once}",
        url=_here(request),
        template="bff/people/members.html",
        context=lambda: _list_context(request),
        posted=post,
        open_create=True,
    )


@page
def member_action(request: HttpRequest, username: str, action: str) -> HttpResponse:
    if request.method != "POST":
        return redirect(_here(request))
    if action == "roles":
        result = mutate(request, "people/set_roles", username=username, roles=request.POST.getlist("roles"))
        done = f"{username} 的角色已更新"
    elif action == "reset":
        result = mutate(request, "people/reset_password", username=username)
        done = f"{username} 的临时密码：{{temporaryPassword}}（只显示这一次）"
    elif action == "remove":
        result = mutate(request, "people/remove", username=username)
        done = f"{username} 已停用" + ("" if in_county(request) else "（平台）")
    else:
        return redirect(_here(request))
    return answer(
        request,
        result,
        message=done.format(**result.payload) if result.ok else "",
        url=_here(request),
        template="bff/people/members.html",
        context=lambda: _list_context(request),
        failed_user=username,
    )


@page
def history(request: HttpRequest) -> HttpResponse:
    data = query(request, "people/history", **page_args(request))["accountHistory"]
    events = []
    for edge in data["edges"]:
        event = edge["node"]
        event["label"] = ACTIONS.get(event["action"], event["action"])
        events.append(event)
    title = "操作记录（人员与权限）"
    return render_page(
        request, "bff/people/history.html", {"title": title, "events": events, "connection": data}
    )
