"""The user's own account: change the password (every host; sessions are global)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from onewindow.bff.pages import FieldError, done_or_none, mutate, page, render_page


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
            back = post.get("next") or request.path
            response = done_or_none(request, result, "密码已修改", back)
            if response is not None:
                return response
            context["errors"] = result.by_field()
        return render_page(request, "bff/account/password.html", context, status=400)
    return render_page(request, "bff/account/password.html", context)
