"""Fake external gateways for the notification tests: one threaded HTTP server started by the
test, answering as 阿里云短信, 腾讯云短信, a provincial 政务短信平台 and 微信 do — or failing,
refusing, or too slow, as the test sets ``mode``. It records every request it got."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

SLOW_SECONDS = 2.0  # longer than the timeout the tests set


@dataclass
class Seen:
    gateway: str
    action: str
    path: str
    headers: dict[str, str]
    query: dict[str, str]
    body: Any


@dataclass
class FakeGateways:
    base: str = ""
    mode: str = "ok"  # ok | fail (HTTP 500) | refuse (the gateway's own error) | slow
    seen: list[Seen] = field(default_factory=list)
    sent_keys: list[str] = field(default_factory=list)  # what actually reached a phone

    def sends(self, gateway: str) -> list[Seen]:
        return [s for s in self.seen if s.gateway == gateway and s.action == "send"]


def _handler(fake: FakeGateways) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, status: int, data: Any) -> None:
            body = json.dumps(data, ensure_ascii=False).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _handle(self) -> None:
            url = urlparse(self.path)
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body: Any = json.loads(raw) if raw else None
            except ValueError:
                body = raw.decode("utf-8", "replace")
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            headers = {k.lower(): v for k, v in self.headers.items()}
            if "x-acs-action" in headers:
                gateway, action = "aliyun", {"SendSms": "send"}.get(headers["x-acs-action"], "query")
            elif "x-tc-action" in headers:
                gateway, action = "tencent", "send" if headers["x-tc-action"] == "SendSms" else "query"
            elif url.path.startswith("/cgi-bin/token"):
                gateway, action = "wechat", "token"
            elif url.path.startswith("/cgi-bin/"):
                gateway, action = "wechat", "send"
            else:
                gateway, action = "http", "send"
            fake.seen.append(Seen(gateway, action, url.path, headers, query, body))
            if action == "token":
                return self._answer(200, {"access_token": "fake-token", "expires_in": 7200})
            if action == "query" and gateway == "tencent":  # PullSmsSendStatusByPhoneNumber
                statuses = [
                    {"SessionContext": k, "SerialNo": "s", "PhoneNumber": "+86", "ReportStatus": "SUCCESS"}
                    for k in fake.sent_keys
                ]
                return self._answer(200, {"Response": {"PullSmsSendStatusSet": statuses, "RequestId": "r"}})
            if action == "query":  # 阿里云 QuerySendDetails: what went out to this phone
                dtos = [
                    {"OutId": k, "PhoneNumber": query.get("PhoneNumber"), "SendStatus": 3}
                    for k in fake.sent_keys
                ]
                return self._answer(
                    200,
                    {
                        "Code": "OK",
                        "Message": "OK",
                        "TotalCount": len(dtos),
                        "SmsSendDetailDTOs": {"SmsSendDetailDTO": dtos},
                    },
                )
            if fake.mode == "slow":
                time.sleep(SLOW_SECONDS)
            if fake.mode == "fail":
                return self._answer(500, {"message": "gateway down"})
            refuse = fake.mode == "refuse"
            key = {
                "aliyun": query.get("OutId", ""),
                "tencent": (body or {}).get("SessionContext", "") if isinstance(body, dict) else "",
                "http": (body or {}).get("msgid", "") if isinstance(body, dict) else "",
            }.get(gateway, "")
            if not refuse and fake.mode != "slow":
                fake.sent_keys.append(key or f"wechat-{len(fake.seen)}")
            if gateway == "aliyun":
                if refuse:
                    return self._answer(
                        200, {"Code": "isv.MOBILE_NUMBER_ILLEGAL", "Message": "非法手机号", "RequestId": "r"}
                    )
                return self._answer(
                    200, {"Code": "OK", "Message": "OK", "BizId": f"biz-{len(fake.seen)}", "RequestId": "r"}
                )
            if gateway == "tencent":
                code = "FailedOperation.PhoneNumberInBlacklist" if refuse else "Ok"
                return self._answer(
                    200,
                    {
                        "Response": {
                            "SendStatusSet": [
                                {
                                    "SerialNo": f"sid-{len(fake.seen)}",
                                    "Code": code,
                                    "Message": code,
                                    "PhoneNumber": "+86",
                                    "Fee": 1,
                                    "SessionContext": key,
                                    "IsoCode": "CN",
                                }
                            ],
                            "RequestId": "r",
                        }
                    },
                )
            if gateway == "wechat":
                if refuse:
                    return self._answer(200, {"errcode": 43101, "errmsg": "user refuse to accept the msg"})
                return self._answer(200, {"errcode": 0, "errmsg": "ok", "msgid": 1000 + len(fake.seen)})
            if refuse:
                return self._answer(200, {"code": 17, "msg": "号码在黑名单"})
            return self._answer(200, {"code": 0, "msg": "ok", "msgid": f"gov-{len(fake.seen)}"})

        do_GET = do_POST = _handle

    return Handler


@contextmanager
def fake_gateways() -> Iterator[FakeGateways]:
    fake = FakeGateways()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    fake.base = f"127.0.0.1:{server.server_address[1]}"
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
