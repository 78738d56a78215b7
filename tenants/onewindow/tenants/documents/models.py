"""The county's settings for printed documents (policy pack ``documents``)."""

from __future__ import annotations

from django.db import models


class DocumentSettings(models.Model):
    """What every receipt and notice carries, and whether the receipt link goes out by SMS."""

    issuer = models.CharField(max_length=100, blank=True)  # 盖章单位; blank: <county>政务服务中心
    contact_phone = models.CharField(max_length=50, blank=True)  # 咨询电话
    address = models.CharField(max_length=200, blank=True)  # 办公地址
    deliveries = models.JSONField(default=list)  # [Delivery code] offered for the result
    receipt_sms = models.BooleanField(default=False)  # send the receipt link at 受理
    public_address = models.CharField(max_length=200, blank=True)  # https://host[/c/<code>]

    def __str__(self) -> str:
        return "文书设置"
