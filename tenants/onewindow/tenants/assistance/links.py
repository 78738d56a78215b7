"""The signed tracking link printed as the QR of the 委托书 and 回执 (county and row in the
token, like the ticket link): the applicant follows the steps without logging in."""

from __future__ import annotations

from django.core import signing

from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import db
from onewindow.tenants.assistance.models import AssistanceRequest

_SALT = "onewindow.assistance-link"
DAYS = 365


def _county() -> str:
    return str(getattr(getattr(db, "tenant", None), "code", ""))


def request_token(request: AssistanceRequest) -> str:
    return signing.dumps({"c": _county(), "i": request.pk}, salt=_SALT, compress=True)


def request_from_token(token: str) -> AssistanceRequest:
    try:
        data = signing.loads(token, salt=_SALT, max_age=DAYS * 86400)
    except signing.BadSignature:
        raise BusinessError("LINK_INVALID", "链接无效或已过期", field="token") from None
    if data.get("c") != _county() or not isinstance(data.get("i"), int):
        raise BusinessError("LINK_INVALID", "链接无效", field="token")
    found = AssistanceRequest.objects.select_related("site", "current_site").filter(pk=data["i"]).first()
    if found is None:
        raise BusinessError("LINK_INVALID", "链接无效", field="token")
    return found
