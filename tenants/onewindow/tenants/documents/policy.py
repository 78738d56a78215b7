"""文书's slice of the policy pack: what the county's receipts and notices print, and whether
the receipt link is sent by SMS at 受理."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import Field

from onewindow.platform.core.errors import ErrorDetail
from onewindow.tenants.documents.models import DocumentSettings
from onewindow.tenants.policy.base import PackContext, Settings, Strict, columns

# How a result reaches the applicant: the code names of cases' ``Delivery`` (DOMAIN.md 出件).
DeliveryCode = Literal["pickup", "self_print", "express"]


class DocumentSettingsSpec(Strict):
    """盖章单位 (blank: the county's 政务服务中心), the 咨询电话 and address printed on every
    document, the ways the result may be delivered (printed on the 受理回执), and the SMS with
    the receipt link at 受理 (``public_address``: the county's site, ``https://host`` or
    ``https://host/c/<code>``; blank: its primary domain)."""

    issuer: str = Field(default="", max_length=100)
    contact_phone: str = Field(default="", max_length=50)
    address: str = Field(default="", max_length=200)
    deliveries: list[DeliveryCode] = ["pickup"]
    receipt_sms: bool = False
    public_address: str = Field(default="", max_length=200)


def _documents(settings: list[DocumentSettingsSpec], ctx: PackContext) -> Iterator[ErrorDetail]:
    for spec in settings:
        if not spec.deliveries:
            yield ErrorDetail("REQUIRED", "至少列出一种结果送达方式", "documents.deliveries")
        if len(set(spec.deliveries)) != len(spec.deliveries):
            yield ErrorDetail("DUPLICATE_CODE", "结果送达方式重复", "documents.deliveries")
        if spec.public_address and not spec.public_address.startswith(("https://", "http://")):
            yield ErrorDetail(
                "INVALID", "群众访问地址须以 https:// 或 http:// 开头", "documents.public_address"
            )


DOCUMENTS = Settings(
    "documents",
    DocumentSettingsSpec,
    DocumentSettings,
    columns("issuer", "contact_phone", "address", "deliveries", "receipt_sms", "public_address"),
    check=_documents,
)

__all__ = ["DOCUMENTS", "DeliveryCode", "DocumentSettingsSpec"]
