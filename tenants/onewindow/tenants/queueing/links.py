"""Signed links: the ticket's QR code (follow the place on a phone) and the appointment's
cancel/reschedule link. Made like the receipt link (cases.links): county and row in the token."""

from __future__ import annotations

from django.core import signing

from onewindow.platform.core.errors import BusinessError
from onewindow.platform.core.tenancy import db
from onewindow.tenants.queueing.models import Appointment, Ticket

_TICKET_SALT = "onewindow.ticket-link"
_APPOINTMENT_SALT = "onewindow.appointment-link"
TICKET_DAYS = 2
APPOINTMENT_DAYS = 90


def _county() -> str:
    return str(getattr(getattr(db, "tenant", None), "code", ""))


def _load(token: str, salt: str, days: int) -> int:
    try:
        data = signing.loads(token, salt=salt, max_age=days * 86400)
    except signing.SignatureExpired:
        raise BusinessError("LINK_EXPIRED", "链接已过期", field="token") from None
    except signing.BadSignature:
        raise BusinessError("LINK_INVALID", "链接无效", field="token") from None
    if data.get("c") != _county() or not isinstance(data.get("i"), int):
        raise BusinessError("LINK_INVALID", "链接无效", field="token")
    return int(data["i"])


def ticket_token(ticket: Ticket) -> str:
    return signing.dumps({"c": _county(), "i": ticket.pk}, salt=_TICKET_SALT, compress=True)


def ticket_from_token(token: str) -> Ticket:
    ticket = (
        Ticket.objects.select_related("queue", "window")
        .filter(pk=_load(token, _TICKET_SALT, TICKET_DAYS))
        .first()
    )
    if ticket is None:
        raise BusinessError("LINK_INVALID", "链接无效", field="token")
    return ticket


def appointment_token(appointment: Appointment) -> str:
    return signing.dumps({"c": _county(), "i": appointment.pk}, salt=_APPOINTMENT_SALT, compress=True)


def appointment_from_token(token: str) -> Appointment:
    found = (
        Appointment.objects.select_related("queue", "slot", "ticket")
        .filter(pk=_load(token, _APPOINTMENT_SALT, APPOINTMENT_DAYS))
        .first()
    )
    if found is None:
        raise BusinessError("LINK_INVALID", "链接无效", field="token")
    return found
