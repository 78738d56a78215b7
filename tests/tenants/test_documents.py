"""The printed documents of a case and of 办不成事: rendered to PNG for review
(``.onewindow/test-output/documents/``), their QR codes decoded, their layout measured."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pypdfium2
import pytest
import zxingcpp
from django.db import connection
from django.test import Client

from onewindow.platform.accounts.roles import Role
from onewindow.platform.core import clock
from onewindow.platform.counties.models import County
from onewindow.tenants.cases.links import case_from_token
from onewindow.tenants.cases.services import accept_case, issue_correction_notice, refuse_case
from onewindow.tenants.outbox.models import OutboxMessage
from onewindow.tenants.policy.services import save_entry, save_settings
from tests.factories import member_of
from tests.tenants.cases_helpers import receive

pytestmark = pytest.mark.django_db
OUT = Path(__file__).resolve().parents[2] / ".onewindow" / "test-output" / "documents"
DPI = 200
MM = 72 / 25.4  # points per millimetre


def _clerk(client: Client, county: Any) -> None:
    """clerk1 on 乌审旗's roster as 张丽 (the name documents print), logged in."""
    connection.set_tenant(county)
    save_entry(
        "staff",
        {"code": "S-clerk1", "name": "张丽", "roles": [Role.INTAKE_CLERK], "username": "clerk1"},
        actor="tests",
    )
    client.force_login(member_of(county, Role.INTAKE_CLERK, username="clerk1"))


def _pages(pdf: bytes, name: str) -> tuple[pypdfium2.PdfDocument, list[Any]]:
    """The PDF's pages as images (saved as PNG for review), and the document to read text from."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.pdf").write_bytes(pdf)
    doc = pypdfium2.PdfDocument(pdf)
    images = []
    for i, page in enumerate(doc):
        image = page.render(scale=DPI / 72).to_pil()
        image.save(OUT / f"{name}-{i + 1}.png")
        images.append(image)
    return doc, images


def _text(doc: pypdfium2.PdfDocument) -> str:
    return "".join(page.get_textpage().get_text_range() for page in doc).replace("\r", "")


def _charboxes(doc: pypdfium2.PdfDocument, needle: str) -> list[tuple[float, float, float, float]]:
    """The boxes (left, bottom, right, top in points) of the characters of ``needle`` on page 1."""
    page = doc[0].get_textpage()
    start = page.get_text_range().index(needle)
    return [page.get_charbox(start + i) for i in range(len(needle))]


def _qr_links(images: list[Any]) -> list[str]:
    return [code.text for image in images for code in zxingcpp.read_barcodes(image)]


def _opens_the_receipt_page(client: Client, link: str, number: str) -> None:
    """The decoded link is the signed receipt link of this county's case, and its page opens."""
    parts = urlsplit(link)
    assert parts.scheme == "http" and parts.netloc == "testserver" and "/c/150626/r/" in parts.path
    connection.set_tenant(County.objects.get(code="150626"))  # the request left the public schema on
    assert case_from_token(parts.path.rsplit("/", 1)[1]).number == number
    page = Client().get(parts.path)  # the public: no session
    assert page.status_code == 200 and number in page.content.decode()


def _accepted_with_tolerance() -> Any:
    # 住所使用证明 (zs) left out and tolerated: the item allows it (乌审旗 preset, QY-SL)
    with clock.frozen_at("2026-09-30 09:00"):
        case = receive(provided=["sqs", "zc"])
        return accept_case(
            case.number,
            version=case.version,
            tolerate=["zs"],
            tolerance_due_on=clock.today().replace(day=30, month=10),
            actor="clerk1",
        )


def test_an_accepted_case_has_a_receipt_whose_qr_opens_the_receipt_page(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    _clerk(client, wushen)
    case = _accepted_with_tolerance()
    response = client.get(f"/c/150626/cases/{case.number}/receipt.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    doc, images = _pages(response.content, "receipt-a4")
    assert len(doc) == 1
    width, height = doc[0].get_size()
    assert (round(width / MM), round(height / MM)) == (210, 297)
    text = _text(doc)
    # QY-SL promises 1 working day (乌审旗 preset); accepted on Wed 2026-09-30, the next working
    # day on the county calendar is Thu 2026-10-08 (国庆 1–7 Oct off)
    for expected in (
        case.number,
        "设立登记" if "设立登记" in case.item.name else case.item.name,
        "2026年9月30日",
        "1个工作日",
        "2026年10月8日前办结",
        case.window.name,
        "公司登记（备案）申请书",
        "住所使用证明",
        "容缺，承诺于2026年10月30日前补齐",
        "窗口领取",
        "政务快递",
        "经办人：张丽",
        "咨询电话：0477-7561234",
        "（盖章）",
        "乌审旗政务服务中心",
    ):
        assert expected in text, expected
    assert "clerk1" not in text
    [link] = _qr_links(images)
    _opens_the_receipt_page(client, link, case.number)


def test_the_80mm_receipt_is_a_narrow_page_as_long_as_its_content(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    _clerk(client, wushen)
    case = _accepted_with_tolerance()
    response = client.get(f"/c/150626/cases/{case.number}/receipt.pdf?paper=80mm")
    assert response.status_code == 200
    doc, images = _pages(response.content, "receipt-80mm")
    assert len(doc) == 1
    width, height = doc[0].get_size()
    assert round(width / MM) == 80 and 80 < height / MM < 200
    text = _text(doc)
    assert case.number in text and "2026年10月8日" in text and "张丽" in text
    # nothing runs off the paper: every character lies inside the 4 mm margins
    page = doc[0].get_textpage()
    boxes = [page.get_charbox(i) for i in range(page.count_chars()) if page.get_text_range(i, 1).strip()]
    assert min(b[0] for b in boxes) >= 3.5 * MM and max(b[2] for b in boxes) <= width - 3.5 * MM
    [link] = _qr_links(images)
    _opens_the_receipt_page(client, link, case.number)
    assert client.get(f"/c/150626/cases/{case.number}/receipt.pdf?paper=a5").status_code == 400


def test_no_receipt_before_acceptance_and_none_for_outsiders(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    case = receive()
    assert client.get(f"/c/150626/cases/{case.number}/receipt.pdf").status_code == 401
    _clerk(client, wushen)
    assert client.get(f"/c/150626/cases/{case.number}/receipt.pdf").status_code == 409
    assert client.get(f"/c/150626/cases/{case.number}/refusal.pdf").status_code == 409
    assert client.get("/c/150626/cases/NOPE/receipt.pdf").status_code == 404


def _left_rule_x(image: Any, top: int, bottom: int) -> int:
    """The x (pixels) of the leftmost long vertical dark line between two rows: a table's rule."""
    grey = image.convert("L")
    for x in range(grey.width // 2):
        run = sum(1 for y in range(top, bottom) if grey.getpixel((x, y)) < 128)
        if run > (bottom - top) * 0.9:
            return x
    raise AssertionError("no vertical rule")


def test_the_notice_lines_up_its_grid_with_the_text_and_names_the_clerk(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    _clerk(client, wushen)
    case = receive(provided=["sqs"])
    notice = issue_correction_notice(
        case.number,
        version=case.version,
        entries=[
            {"code": "zc", "fix": "提交全体股东签署的公司章程"},
            {"code": "zs", "fix": "提供房屋租赁合同或产权证明"},
        ],
        actor="clerk1",
    )
    response = client.get(f"/c/150626/notices/{notice.number}.pdf")
    assert response.status_code == 200
    doc, images = _pages(response.content, "correction-notice")
    text = _text(doc)
    for expected in ("一次性告知书", "公司章程", "经办人：张丽", "咨询电话：0477-7561234", "（盖章）"):
        assert expected in text, expected
    assert "clerk1" not in text
    # the table's left rule sits where the body text starts (20 mm), not ~2 mm to its left
    text_left_mm = _charboxes(doc, "您于")[0][0] / MM
    row = _charboxes(doc, "序号")[0]
    top = int((doc[0].get_size()[1] - row[3]) * DPI / 72)
    rule_mm = _left_rule_x(images[0], top, top + 20) * 25.4 / DPI
    assert abs(text_left_mm - 20) < 0.6 and abs(rule_mm - 20) < 0.6, (text_left_mm, rule_mm)
    [link] = _qr_links(images)
    _opens_the_receipt_page(client, link, case.number)


def test_the_refusal_notice_gives_reason_remedies_and_the_qr(client: Client, wushen) -> None:  # type: ignore[no-untyped-def]
    _clerk(client, wushen)
    case = receive()
    refuse_case(case.number, version=case.version, reason="申请事项不属于本机关职权范围", actor="clerk1")
    response = client.get(f"/c/150626/cases/{case.number}/refusal.pdf")
    assert response.status_code == 200
    doc, images = _pages(response.content, "refusal-notice")
    text = _text(doc)
    for expected in (
        "不予受理通知书",
        "申请事项不属于本机关职权范围",
        "六十日内",
        "行政诉讼",
        "经办人：张丽",
        "（盖章）",
    ):
        assert expected in text, expected
    [link] = _qr_links(images)
    _opens_the_receipt_page(client, link, case.number)


def test_the_assignment_sheet_keeps_the_leaders_label_on_one_line(client: Client, wenling) -> None:  # type: ignore[no-untyped-def]
    import datetime as dt

    from onewindow.tenants.fallback.services import assign, classify_fallback, register_fallback

    connection.set_tenant(wenling)
    with clock.frozen_at("2026-03-02 10:00"):
        case = register_fallback(
            channel="fallback_window",
            summary="新业态企业申办食品经营许可，无对应事项",
            applicant_name="陈先生",
            applicant_phone="13800138000",
            departments=["scjg"],
            window="DB01",
            actor="guide",
        )
        case = classify_fallback(case.number, version=case.version, tier="hard", actor="centre")
        sheet = assign(
            case.number,
            version=case.version,
            department="scjg",
            due_on=dt.date(2026, 3, 13),
            responsible="王建",
            matter="研究新业态登记路径，明确办理部门和所需材料，并在完成时限内向申请人反馈。",
            leader="分管副市长",
            actor="ggb",
        )
    client.force_login(member_of(wenling, Role.CENTRE_MANAGER))
    response = client.get(f"/c/331081/assignments/{sheet.number}.pdf")
    assert response.status_code == 200
    doc, _ = _pages(response.content, "assignment-sheet")
    text = _text(doc)
    assert "主管领导（签字）" in text and "分管副市长" in text and "0576-86181234" in text
    label = _charboxes(doc, "主管领导（签字）")
    middle = [(box[1] + box[3]) / 2 for box in label]
    assert max(middle) - min(middle) < 4, "the label wraps"  # a line is 16 pt: one line


def test_the_receipt_link_goes_by_sms_at_acceptance_where_the_county_turns_it_on(wushen) -> None:  # type: ignore[no-untyped-def]
    # the console channel stands for the county's SMS gateway (outbox.channels)

    save_settings(
        "documents",
        {"public_address": "https://zwfw.wushen.example/c/150626", "receipt_sms": True},
        actor="tests",
    )
    case = _accepted_with_tolerance()
    [sms] = OutboxMessage.objects.filter(subject="受理回执")
    assert sms.recipient == "13900139000" and case.number in sms.body and "2026年10月08日前办结" in sms.body
    link = sms.body.split("：", 2)[-1]
    assert link.startswith("https://zwfw.wushen.example/c/150626/r/")
    assert case_from_token(link.rsplit("/", 1)[1]).number == case.number

    save_settings("documents", {"receipt_sms": False}, actor="tests")  # turned off: none sent
    case = receive()
    accept_case(case.number, version=case.version, actor="clerk")
    assert OutboxMessage.objects.filter(subject="受理回执").count() == 1
