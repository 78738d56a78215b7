"""The notification pages: the header's badge and the staff inbox, the dead-letter list with
its retry, and the template preview with its SMS length (乌审旗, 000 第十条's template)."""

from __future__ import annotations

import pytest
from django.db import transaction

from onewindow.platform.accounts.roles import Role
from onewindow.tenants.outbox.models import OutboxMessage, OutboxStatus
from onewindow.tenants.outbox.services import deliver_pending, enqueue_notification
from tests.bff.helpers import get, logged_in, post

pytestmark = pytest.mark.django_db
WS = "/c/150626"


def test_the_inbox_badge_list_and_mark_read(wushen) -> None:  # type: ignore[no-untyped-def]
    clerk = logged_in(wushen, Role.INTAKE_CLERK, username="ws-inbox")
    with transaction.atomic():
        enqueue_notification("inapp", "ws-inbox", "办件 A 两个工作日后到期", subject="一级提醒（黄灯）")
        enqueue_notification("inapp", "ws-inbox", "办件 B 今日到期", subject="二级提醒（橙灯）")
        enqueue_notification("inapp", "someone-else", "不是你的", subject="别人的")
    deliver_pending()
    home = get(clerk, f"{WS}/").content.decode()
    assert 'id="inbox-badge"' in home and ">2</span>" in home
    page = get(clerk, f"{WS}/inbox/").content.decode()
    assert "一级提醒（黄灯）" in page and "二级提醒（橙灯）" in page and "不是你的" not in page
    first = OutboxMessage.objects.get(subject="一级提醒（黄灯）")
    from graphql_relay import to_global_id

    assert post(clerk, f"{WS}/inbox/read", {"id": to_global_id("Notification", first.pk)}).status_code == 302
    assert "未读 1 条" in get(clerk, f"{WS}/inbox/").content.decode()
    assert post(clerk, f"{WS}/inbox/read", {}).status_code == 302  # 全部标为已读
    home = get(clerk, f"{WS}/").content.decode()
    assert 'id="inbox-badge"' not in home and "站内信" in home


def test_dead_letters_show_the_reason_and_retry(wushen) -> None:  # type: ignore[no-untyped-def]
    with transaction.atomic():
        dead = enqueue_notification("aliyun_sms", "13912345678", "您的办件已寄出", subject="政务快递寄出通知")
    deliver_pending()  # no 阿里云 keys in the tests' settings: refused at once
    manager = logged_in(wushen, Role.CENTRE_MANAGER)
    page = get(manager, f"{WS}/manage/notifications/").content.decode()
    assert "阿里云短信" in page and "139****5678" in page and "未配置 access_key_id" in page
    from graphql_relay import to_global_id

    url = f"{WS}/manage/notifications/{to_global_id('Notification', dead.pk)}/retry"
    assert post(manager, url, {}).status_code == 302
    dead.refresh_from_db()
    assert dead.status == OutboxStatus.PENDING and dead.attempts == 0
    clerk = logged_in(wushen, Role.INTAKE_CLERK)
    assert get(clerk, f"{WS}/manage/notifications/").status_code == 403
    assert "发送失败的通知" not in get(clerk, f"{WS}/").content.decode()


def test_the_template_preview_counts_the_sms_and_a_test_lands_in_my_inbox(wushen) -> None:  # type: ignore[no-untyped-def]
    admin = logged_in(wushen, Role.COUNTY_ADMIN, username="ws-admin")
    page = get(admin, f"{WS}/admin/notification-templates/").content.decode()
    # 000 第十条: 【乌审旗政务服务局】 + the example: 64 characters, one message
    assert "【乌审旗政务服务局】您的办件15062620261201000001办理结果已由政务快递寄出" in page
    assert "64 字，1 条" in page and "116 字，2 条" in page
    custom = get(
        admin, f"{WS}/admin/notification-templates/?code=express_sent&v_tracking_number=SF1"
    ).content.decode()
    assert "运单号SF1。" in custom and "54 字，1 条" in custom  # 64 − 13 (EMS…) + 3 (SF1)
    assert (
        post(admin, f"{WS}/admin/notification-templates/test", {"template": "express_sent"}).status_code
        == 302
    )
    deliver_pending()
    assert "试发：政务快递寄出通知" in get(admin, f"{WS}/inbox/").content.decode()
