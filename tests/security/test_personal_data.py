"""Personal data never reaches a log, Sentry, the debug page or the database server's log, and
a county export masks it unless asked for in clear — every export audited."""

from __future__ import annotations

import io
import json
import logging
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.test import RequestFactory
from django.views.debug import ExceptionReporter

from onewindow.platform.accounts.roles import Role
from onewindow.platform.audit.models import PlatformAuditEvent
from onewindow.platform.core.logging import PersonalDataFilter
from onewindow.platform.core.observability import before_send, event_scrubber
from onewindow.platform.core.pii import mask_text, redact
from tests.bff.helpers import logged_in

ID, PHONE = "150626198406130002", "13930790605"
CHINESE = f"身份证号{ID}，电话{PHONE}"


@pytest.mark.parametrize(
    "text",
    [
        CHINESE,
        f"申请人张三（{ID}）手机：+86{PHONE}",
        "身份证11010519491231002X电话139-3079-0605",
        f'duplicate key value violates unique constraint "cases_applicant_id_number_key"\n'
        f"DETAIL:  Key (id_number)=({ID}) already exists.",
        f"Key (kind, id_number)=(person, 张三{ID}甲) already exists.",
    ],
)
def test_chinese_text_loses_every_id_number_and_phone(text: str) -> None:
    out = redact(text)
    assert ID not in out and PHONE not in out and "11010519491231002X" not in out and "3079" not in out
    assert "[已脱敏]" in out


def test_what_is_not_personal_data_stays() -> None:
    text = "办件 150626-20261201-0001 已受理，第12345678号文件，请求 id 9f3e2c"
    assert redact(text) == text
    assert mask_text(CHINESE) == "身份证号150***********0002，电话139****0605"


def test_a_log_line_with_an_integrity_error_carries_no_id_number() -> None:
    logger = logging.getLogger("onewindow.tests.pii")
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(logging.Formatter("%(message)s"))
    logger.addHandler(handler)
    try:
        try:
            raise IntegrityError(f"DETAIL:  Key (id_number)=({ID}) already exists.")
        except IntegrityError:
            logger.exception("受理失败 %s", CHINESE)
    finally:
        logger.removeHandler(handler)
    written = stream.getvalue()
    assert "受理失败" in written and "IntegrityError" in written and "Traceback" in written
    assert ID not in written and PHONE not in written


def test_the_json_log_formatter_gets_the_redacted_traceback() -> None:
    from pythonjsonlogger.json import JsonFormatter

    record = logging.LogRecord("x", logging.ERROR, __file__, 1, "失败 %s", (CHINESE,), None)
    try:
        raise IntegrityError(f"Key (id_number)=({ID}) already exists.")
    except IntegrityError:
        import sys

        record.exc_info = sys.exc_info()
    PersonalDataFilter().filter(record)
    line = JsonFormatter().format(record)
    body = json.loads(line)
    assert "IntegrityError" in body["exc_info"] and ID not in line and PHONE not in line


def test_the_configured_console_handler_redacts() -> None:
    assert "personal_data" in settings.LOGGING["handlers"]["console"]["filters"]


def test_sentry_scrubs_chinese_text_and_personal_keys() -> None:
    event = {
        "message": CHINESE,
        "exception": {
            "values": [{"type": "IntegrityError", "value": f"Key (id_number)=({ID}) already exists."}]
        },
        "extra": {"applicant": {"id_number": "x", "phone": "y", "name": "张三"}, "note": [f"电话{PHONE}"]},
        "request": {"headers": {"Authorization": "Bearer ow_x"}, "data": {"idNumber": ID}},
    }
    event_scrubber().scrub_event(event)
    out = before_send(event, {})
    text = repr(out)
    assert ID not in text and PHONE not in text
    assert getattr(out["extra"]["applicant"]["id_number"], "value", None) == "[Filtered]"
    assert out["extra"]["applicant"]["name"] == "张三"


def test_the_debug_page_hides_the_database_url(settings) -> None:  # type: ignore[no-untyped-def]
    # (the secrets are joined at run time: the page shows this test's source lines too)
    settings.DATABASE_URL = "postgresql://onewindow:" + "s3cret-pw" + "@db:5432/onewindow"
    settings.MIGRATE_DATABASE_URL = "postgresql://owner:" + "owner-pw" + "@db:5432/onewindow"
    settings.CELERY_BROKER_URL = "redis://:" + "broker-pw" + "@redis:6379/0"
    request = RequestFactory().get("/boom", HTTP_X_DATABASE_URL="postgresql://x:" + "header-pw" + "@db/x")
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        html = ExceptionReporter(request, *sys.exc_info()).get_traceback_html()
    for secret in ("s3cret", "owner", "broker", "header"):
        assert secret + "-pw@" not in html
    assert "DATABASE_URL" in html  # named, value hidden


@pytest.mark.django_db
def test_the_embedded_database_logs_no_statement_and_no_key_detail(wushen) -> None:  # type: ignore[no-untyped-def]
    if not settings.DATABASE_IS_EMBEDDED:
        pytest.skip("the server's configuration is its operator's (README: log_statement = none)")
    from onewindow.platform.project import embedded

    with connection.cursor() as cursor:
        for name, value in embedded.QUIET_LOG.items():
            cursor.execute(f"SHOW {name}")
            assert str(cursor.fetchone()[0]) == value, name
    log = Path(embedded._server.log)
    before = log.stat().st_size if log.exists() else 0
    marker = "150626198406139999"
    with connection.cursor() as cursor, pytest.raises(IntegrityError), transaction.atomic():
        cursor.execute("CREATE TEMP TABLE pii_probe (id_number text UNIQUE)")
        cursor.execute("INSERT INTO pii_probe VALUES (%s), (%s)", [marker, marker])
    written = log.read_text(errors="replace")[before:] if log.exists() else ""
    assert marker not in written


def _archive(answer) -> tuple[dict, str]:  # type: ignore[no-untyped-def]
    archive = zipfile.ZipFile(io.BytesIO(b"".join(answer.streaming_content)))
    return json.loads(archive.read("manifest.json")), archive.read("data.json").decode()


@pytest.mark.django_db
def test_the_console_export_is_masked_and_audited_and_clear_only_when_asked(wushen) -> None:  # type: ignore[no-untyped-def]
    from tests.tenants.cases_helpers import PERSON, receive

    connection.set_tenant(wushen)
    receive(applicant=PERSON)
    connection.set_schema_to_public()
    operator = logged_in(None, Role.PROVINCIAL_OPERATOR)
    manifest, data = _archive(operator.get("/counties/150626/export.zip"))
    assert manifest["personal_data"] == "masked"
    assert PERSON.id_number not in data and PERSON.phone not in data
    assert "150***********1239" in data and "张三" in data
    manifest, clear = _archive(operator.get("/counties/150626/export.zip?unmasked=1"))
    assert manifest["personal_data"] == "clear" and PERSON.id_number in clear
    events = PlatformAuditEvent.objects.filter(action="county.exported", data__county="150626").order_by("id")
    assert [e.data["personal_data"] for e in events] == ["masked", "clear"]
    assert all(e.actor_label.startswith("op") or e.actor_id for e in events)


@pytest.mark.django_db
def test_the_cli_export_is_masked_unless_unmasked_and_audited(wushen, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from onewindow.platform.project.cli import main
    from tests.tenants.cases_helpers import PERSON, receive

    connection.set_tenant(wushen)
    receive(applicant=PERSON)
    connection.set_schema_to_public()
    assert main(["county", "export", "150626", "--out", str(tmp_path / "m.zip")]) == 0
    assert main(["county", "export", "150626", "--out", str(tmp_path / "c.zip"), "--unmasked"]) == 0
    masked = zipfile.ZipFile(tmp_path / "m.zip").read("data.json").decode()
    clear = zipfile.ZipFile(tmp_path / "c.zip").read("data.json").decode()
    assert PERSON.id_number not in masked and PERSON.phone not in masked and PERSON.id_number in clear
    events = PlatformAuditEvent.objects.filter(action="county.exported", data__county="150626").order_by("id")
    assert [(e.actor_label, e.data["personal_data"]) for e in events] == [
        ("cli:county export", "masked"),
        ("cli:county export", "clear"),
    ]
