"""The user's own account: change the password (every host; sessions are global)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from onewindow.bff.pages import FieldError, answer, mutate, page, page_args, query, render_page


@page
def change_password(request: HttpRequest) -> HttpResponse:
    context: dict[str, object] = {"title": "修改密码"}
    if request.method == "POST":
        post = request.POST
        if post.get("new_password") != post.get("new_password2"):
            context["errors"] = {
                "newPassword2": [FieldError("newPassword2", "MISMATCH", "两次输入的新密码不一致")]
            }
        else:
            result = mutate(
                request,
                "account/change_password",
                oldPassword=post.get("old_password", ""),
                newPassword=post.get("new_password", ""),
            )
            back = post.get("next", "")
            if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                back = request.path
            return answer(
                request,
                result,
                message="密码已修改",
                url=back,
                template="bff/account/password.html",
                context=lambda: dict(context),
            )
        return render_page(request, "bff/account/password.html", context, status=400)
    return render_page(request, "bff/account/password.html", context)


def _tokens(request: HttpRequest) -> dict[str, object]:
    data = query(request, "account/tokens", **page_args(request))["myApiTokens"]
    return {"title": "我的 API 令牌", "tokens": [e["node"] for e in data["edges"]], "connection": data}


@page
def tokens(request: HttpRequest) -> HttpResponse:
    """API 令牌 for integrations, scoped to where the user is (this county, or the platform)."""
    return render_page(request, "bff/account/tokens.html", _tokens(request))


@page
def token_action(request: HttpRequest, action: str) -> HttpResponse:
    here = reverse("bff-account:tokens")
    if request.method != "POST":
        return redirect(here)
    if action == "create":
        result = mutate(request, "account/create_token", name=request.POST.get("name", "").strip())
        secret = result.payload.get("secret")
        message = f"令牌已创建：{secret}（只显示这一次，请立即复制保存）"
    else:
        result = mutate(request, "account/revoke_token", id=request.POST.get("id", ""))
        message = "令牌已撤销，立即失效"
    return answer(
        request,
        result,
        message=message,
        url=here,
        template="bff/account/tokens.html",
        context=lambda: _tokens(request),
    )
