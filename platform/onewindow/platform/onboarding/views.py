"""导出 — a county's pack and data as one zip, for the operator who runs the province."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, HttpRequest
from django.http.response import HttpResponseBase

from onewindow.platform.accounts.roles import Perm, permissions_for
from onewindow.platform.accounts.services import roles_in
from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.http import error_response
from onewindow.platform.onboarding.export import export_county


def county_export(request: HttpRequest, code: str) -> HttpResponseBase:
    if not request.user.is_authenticated:
        if "text/html" in request.headers.get("Accept", ""):
            return redirect_to_login(request.get_full_path())
        return error_response(401, "UNAUTHENTICATED", "请先登录")
    if Perm.PLATFORM_ONBOARD_COUNTY not in permissions_for(roles_in(request.user, None)):
        return error_response(403, "PERMISSION_DENIED", "只有省级运营人员可以导出县的数据")
    # Built in a temporary file (a county's data can be large) and streamed; the file is gone
    # once the response closes it.
    archive = tempfile.NamedTemporaryFile(prefix="onewindow-export-", suffix=".zip")  # noqa: SIM115
    # 身份证号 and phones masked unless asked for in clear (?unmasked=1); audited either way
    unmasked = request.GET.get("unmasked") == "1"
    try:
        export_county(code, Path(archive.name), unmasked=unmasked, actor=request.user)
    except BusinessError as exc:
        archive.close()
        return error_response(404 if exc.code == "NOT_FOUND" else 400, exc.code, exc.message)
    return FileResponse(
        archive, as_attachment=True, filename=f"county-{code}.zip", content_type="application/zip"
    )
