"""What documents read: the county's document settings and the names of staff."""

from __future__ import annotations

from dataclasses import dataclass

from onewindow.platform.core.tenancy import db
from onewindow.tenants.documents.models import DocumentSettings
from onewindow.tenants.documents.policy import DocumentSettingsSpec
from onewindow.tenants.hall.models import StaffMember

DELIVERY_LABELS = {"pickup": "窗口领取", "self_print": "自助打印", "express": "政务快递（免费寄递）"}


@dataclass(frozen=True)
class Letterhead:
    """What every document of the county prints: who issues it, and how to reach them."""

    issuer: str
    contact_phone: str
    address: str
    deliveries: list[str]  # labels, in the pack's order
    receipt_sms: bool
    public_address: str


def letterhead() -> Letterhead:
    row = DocumentSettings.objects.first()
    spec = (
        DocumentSettingsSpec()
        if row is None
        else DocumentSettingsSpec.model_construct(
            issuer=row.issuer,
            contact_phone=row.contact_phone,
            address=row.address,
            deliveries=row.deliveries,
            receipt_sms=row.receipt_sms,
            public_address=row.public_address,
        )
    )
    county = getattr(db, "tenant", None)
    return Letterhead(
        issuer=spec.issuer or f"{getattr(county, 'name', '')}政务服务中心",
        contact_phone=spec.contact_phone,
        address=spec.address,
        deliveries=[DELIVERY_LABELS.get(d, d) for d in spec.deliveries],
        receipt_sms=spec.receipt_sms,
        public_address=spec.public_address,
    )


def staff_name(username: str) -> str:
    """The name a document prints for a member of staff: theirs on the roster, else the
    account's full name, else the username (a system actor)."""
    if not username:
        return ""
    member = StaffMember.objects.filter(username=username, retired_at__isnull=True).first()
    if member is not None:
        return member.name
    from onewindow.platform.accounts.models import User

    user = User.objects.filter(username=username).first()
    return (user.display_name.strip() if user is not None else "") or username


def public_address() -> str:
    """The address the public reaches the county at (for links sent by SMS): the pack's
    ``documents.public_address``, else the county's primary domain; empty when neither is set."""
    configured = letterhead().public_address
    if configured:
        return configured.rstrip("/")
    county = getattr(db, "tenant", None)
    domain = county.get_primary_domain() if county is not None else None
    return f"https://{domain.domain}" if domain is not None else ""


__all__ = ["DELIVERY_LABELS", "Letterhead", "letterhead", "public_address", "staff_name"]
