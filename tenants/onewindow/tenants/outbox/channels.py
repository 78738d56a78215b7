"""Delivery channels. A channel is a class with ``send(message)``; settings map names to them.

``console`` writes to the log (development). SMS and WeChat channels plug in through
``NOTIFICATION_CHANNELS`` when a county's gateway is configured.
"""

from __future__ import annotations

import logging
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.outbox.models import OutboxMessage

log = logging.getLogger("onewindow.notifications")


class Channel(Protocol):
    def send(self, message: OutboxMessage) -> None: ...


def mask(recipient: str) -> str:
    """Keep the first 3 and last 4 characters: enough to recognise, not to reuse."""
    if len(recipient) <= 7:
        return "*" * len(recipient)
    return recipient[:3] + "*" * (len(recipient) - 7) + recipient[-4:]


class ConsoleChannel:
    def send(self, message: OutboxMessage) -> None:
        log.info(
            "通知 [%s] → %s: %s %s", message.channel, mask(message.recipient), message.subject, message.body
        )


def channel(name: str) -> Channel:
    path = settings.NOTIFICATION_CHANNELS.get(name)
    if path is None:
        raise BusinessError("UNKNOWN_CHANNEL", f"未配置通知渠道 {name}", field="channel")
    instance: Channel = import_string(path)()
    return instance
