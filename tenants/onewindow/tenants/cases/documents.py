"""Printable documents: the 一次性告知书 as a PDF in Chinese.

The font is WenQuanYi Micro Hei (TrueType, from the ``paperang-p2-fonts-cjk`` wheel), embedded
as a subset in each PDF, so every viewer shows the Chinese text — none is fetched at run time.
(reportlab's built-in CID font needs the viewer to have Adobe's Asian font pack, which poppler
and many intranet machines lack; it is the fallback only if the font wheel is missing.)
"""

from __future__ import annotations

import io
from importlib import resources
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from onewindow.platform.core import clock
from onewindow.platform.core.tenancy import db
from onewindow.tenants.cases.models import CorrectionNotice


def _register_font() -> str:
    try:
        font = resources.files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
        with resources.as_file(font) as path:
            pdfmetrics.registerFont(TTFont("WenQuanYi", str(path), subfontIndex=0))
        return "WenQuanYi"
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        return "STSong-Light"


FONT = _register_font()

_TITLE = ParagraphStyle("title", fontName=FONT, fontSize=18, leading=26, alignment=1)
_BODY = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=17)
_CELL = ParagraphStyle("cell", fontName=FONT, fontSize=10, leading=14)


def _render(title: str, story: list[Any]) -> bytes:
    """An A4 page with 20 mm margins, titled, authored by the county."""
    buffer = io.BytesIO()
    county = getattr(db, "tenant", None)
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=title,
        author=str(getattr(county, "name", "")),
    )
    doc.build(story)
    return buffer.getvalue()


def correction_notice_pdf(notice: CorrectionNotice) -> bytes:
    case = notice.case
    county = getattr(db, "tenant", None)
    what = case.item.name if case.item else case.bundle.name if case.bundle else ""
    rows = [[Paragraph(h, _CELL) for h in ("序号", "材料", "问题", "补正要求")]] + [
        [
            Paragraph(str(i), _CELL),
            Paragraph(e["name"], _CELL),
            Paragraph(e["problem"], _CELL),
            Paragraph(e["fix"], _CELL),
        ]
        for i, e in enumerate(notice.entries, 1)
    ]
    table = Table(rows, colWidths=[14 * mm, 48 * mm, 30 * mm, 78 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.whitesmoke),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    issued = notice.issued_at.astimezone(clock.COUNTY_TZ)
    received = case.received_at.astimezone(clock.COUNTY_TZ)
    story = [
        Paragraph(f"{getattr(county, 'name', '')}政务服务中心", _BODY),
        Paragraph("一次性告知书", _TITLE),
        Spacer(1, 4 * mm),
        Paragraph(f"编号：{notice.number}", _BODY),
        Paragraph(f"{case.applicant.name}：", _BODY),
        Paragraph(
            f"您于 {received:%Y年%m月%d日} 申请办理的“{what}”（办件编号 {case.number}），"
            "经审查，申请材料存在下列问题。请按以下要求一次性补正后重新提交，材料齐全、符合法定形式的，我们将当场受理。",
            _BODY,
        ),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 6 * mm),
        Paragraph("本告知书已列明全部需要补正的内容，不会就本次申请再次要求补正其他材料。", _BODY),
        Paragraph(
            f"受理窗口：{case.window.name if case.window else '网上受理'}　　经办人：{notice.issued_by}",
            _BODY,
        ),
        Paragraph(f"告知日期：{issued:%Y年%m月%d日}", _BODY),
    ]
    return _render(f"一次性告知书 {notice.number}", story)


def assignment_pdf(assignment: Any) -> bytes:
    """办不成事 交办单 (温岭 002 附件2), laid out like the seed's form."""
    case = assignment.case
    county = getattr(db, "tenant", None)

    def p(text: str) -> Paragraph:
        return Paragraph(text.replace("\n", "<br/>"), _CELL)

    assigned = assignment.assigned_at.astimezone(clock.COUNTY_TZ)
    rows = [
        [p("编号"), p(assignment.number), "", ""],
        [p("交办时间"), p(f"{assigned:%Y年%m月%d日}"), p("承办部门"), p(assignment.department.name)],
        [p("完成时限"), p(f"{assignment.due_on:%Y年%m月%d日}"), p("责任人"), p(assignment.responsible)],
        [p("交办事项"), p(assignment.matter), "", ""],
        [p("主管领导（签字）"), p(assignment.leader), "", ""],
        [p("完成情况"), p(assignment.completion), "", ""],
        [p("申请人意见反馈"), p(assignment.applicant_feedback), "", ""],
    ]
    table = Table(
        rows,
        colWidths=[32 * mm, 53 * mm, 28 * mm, 57 * mm],
        rowHeights=[None, None, None, 40 * mm, None, 30 * mm, 20 * mm],
    )
    table.setStyle(
        TableStyle(
            [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            + [("SPAN", (1, r), (3, r)) for r in (0, 3, 4, 5, 6)]
        )
    )
    story = [
        Paragraph(f"{getattr(county, 'name', '')}“办不成事”反映（兜底）问题交办单", _TITLE),
        Spacer(1, 6 * mm),
        Paragraph(f"关联记录：{case.number}　　牵头：{case.owner or '—'}", _BODY),
        Spacer(1, 3 * mm),
        table,
    ]
    return _render(f"交办单 {assignment.number}", story)
