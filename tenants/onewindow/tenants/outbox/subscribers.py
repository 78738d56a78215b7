"""A citizen's choices: bind a phone to the county's 公众号 / 小程序; opt out of 非必要 messages."""

from __future__ import annotations

from django.db import transaction

from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.audit.services import record_event
from onewindow.tenants.outbox.channels import mask
from onewindow.tenants.outbox.models import OptOut, WeChatBinding


def _phone(phone: str) -> str:
    phone = phone.strip()
    if not (len(phone) == 11 and phone.isdigit() and phone.startswith("1")):
        raise BusinessError("INVALID_PHONE", "手机号无效", field="phone")
    return phone


@transaction.atomic
def bind_wechat(phone: str, openid: str, *, app: str = "mp", actor: object | None = None) -> WeChatBinding:
    phone = _phone(phone)
    if app not in ("mp", "miniprogram") or not openid.strip():
        raise BusinessError("INVALID_CHOICE", "微信应用或 openid 无效", field="openid")
    binding, _ = WeChatBinding.objects.update_or_create(
        phone=phone, app=app, defaults={"openid": openid.strip(), "bound_at": clock.now()}
    )
    record_event("wechat.bound", binding, actor=actor, data={"phone": mask(phone), "app": app})
    return binding


@transaction.atomic
def opt_out(phone: str, *, actor: object | None = None) -> OptOut:
    row, _ = OptOut.objects.get_or_create(phone=_phone(phone), defaults={"created_at": clock.now()})
    record_event("notification.opted_out", row, actor=actor, data={"phone": mask(row.phone)})
    return row


@transaction.atomic
def opt_in(phone: str, *, actor: object | None = None) -> None:
    if OptOut.objects.filter(phone=_phone(phone)).delete()[0]:
        record_event("notification.opted_in", "OptOut", actor=actor, data={"phone": mask(phone)})
