"""Delivery channels. A channel is a class with ``send(message, key)``; settings map names to them.

``key`` is the outbox row's idempotency key (``<schema>:<id>``): a gateway that sees one key
twice delivers once. A channel that can ask its gateway whether a key was delivered has
``delivered(key, message)``; the outbox asks it before it retries a message whose worker died
mid-send.

``console`` writes to the log (development). ``file`` is a gateway in a folder
(``ONEWINDOW_NOTIFICATION_GATEWAY_DIR``, default ``<data folder>/gateway``): one file per key,
created exclusively, so it delivers each key once, and a line per attempt in
``attempts.log`` — the fault tests count both. SMS and WeChat channels plug in through
``NOTIFICATION_CHANNELS`` (or ``ONEWINDOW_NOTIFICATION_CHANNELS``) when a county's gateway is
configured; they pass ``key`` as the gateway's idempotency key (``gateways.py``).
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.outbox.models import OutboxMessage

log = logging.getLogger("onewindow.notifications")


class Channel(Protocol):
    def send(self, message: OutboxMessage, key: str) -> str | None: ...


def mask(recipient: str) -> str:
    """Keep the first 3 and last 4 characters: enough to recognise, not to reuse."""
    if len(recipient) <= 7:
        return "*" * len(recipient)
    return recipient[:3] + "*" * (len(recipient) - 7) + recipient[-4:]


class ConsoleChannel:
    def send(self, message: OutboxMessage, key: str) -> None:
        log.info(
            "通知 [%s %s] → %s: %s %s",
            message.channel,
            key,
            mask(message.recipient),
            message.subject,
            message.body,
        )


class FileGatewayChannel:
    """A gateway in a folder that honours idempotency keys (development and the fault tests)."""

    def __init__(self) -> None:
        folder = os.environ.get("ONEWINDOW_NOTIFICATION_GATEWAY_DIR") or str(settings.DATA_DIR / "gateway")
        self.folder = Path(folder)
        (self.folder / "delivered").mkdir(parents=True, exist_ok=True)

    def _path(self, key: str) -> Path:
        return self.folder / "delivered" / key.replace(":", "_").replace("/", "_")

    def delivered(self, key: str, message: OutboxMessage | None = None) -> bool:
        return self._path(key).exists()

    def send(self, message: OutboxMessage, key: str) -> None:
        with open(self.folder / "attempts.log", "a", encoding="utf-8") as attempts:
            attempts.write(key + "\n")
        try:
            with open(self._path(key), "x", encoding="utf-8") as out:
                out.write(json.dumps({"to": mask(message.recipient), "subject": message.subject}))
        except FileExistsError:
            log.info("gateway: %s already delivered, not sent again", key)


def channel(name: str) -> Channel:
    path = settings.NOTIFICATION_CHANNELS.get(name)
    if path is None:
        raise BusinessError("UNKNOWN_CHANNEL", f"未配置通知渠道 {name}", field="channel")
    instance: Channel = import_string(path)()
    return instance
