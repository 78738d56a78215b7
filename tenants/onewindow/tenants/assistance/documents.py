"""The 委托书 (mandate) and the 回执 (receipt) of an assisted request as printable PDFs in
Chinese, each with a QR code to track the request (reportlab's own QR widget: nothing fetched,
no image files). The font is the one ``documents.render`` embeds (WenQuanYi Micro Hei from the
font wheel), registered with reportlab and embedded as a subset."""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from onewindow.platform.core import clock
from onewindow.platform.core.tenancy import db
from onewindow.tenants.assistance.models import AssistanceRequest
from onewindow.tenants.documents.render import font_path

pdfmetrics.registerFont(TTFont("WenQuanYi", str(font_path()), subfontIndex=0))
_TITLE = ParagraphStyle("title", fontName="WenQuanYi", fontSize=18, leading=26, alignment=1)
_BODY = ParagraphStyle("body", fontName="WenQuanYi", fontSize=11, leading=17)
_CELL = ParagraphStyle("cell", fontName="WenQuanYi", fontSize=10, leading=14)
_FRAME_PADDING = 6  # points: reportlab's frame pads its content by this on every side


def _render(title: str, story: list[Any]) -> bytes:
    """An A4 page whose text and tables start 20 mm from each edge (170 mm wide): the margins
    give back the frame's padding, so a 170 mm table lines up with the paragraphs."""
    buffer = io.BytesIO()
    county = getattr(db, "tenant", None)
    margin = 20 * mm - _FRAME_PADDING
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=title,
        author=str(getattr(county, "name", "")),
    )
    doc.build(story)
    return buffer.getvalue()


SCOPES = {"full": "全程委托", "part": "部分委托"}
# 170 mm: "申请人（委托人）" and an item name of 14 characters each on one line (10 pt and padding)
_FACT_WIDTHS = [34 * mm, 62 * mm, 22 * mm, 52 * mm]


def _qr(text: str, size: float = 28 * mm) -> Drawing:
    widget = QrCodeWidget(text)
    x1, y1, x2, y2 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x2 - x1), 0, 0, size / (y2 - y1), 0, 0])
    drawing.add(widget)
    return drawing


def _grid(rows: list[list[Any]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")])
    )
    return table


def _p(text: str) -> Paragraph:
    return Paragraph(text.replace("\n", "<br/>"), _CELL)


def _facts(request: AssistanceRequest) -> list[list[Any]]:
    taken = request.taken_at.astimezone(clock.COUNTY_TZ)
    where = f"上门服务：{request.home_address}" if request.at_home else request.site.name
    return [
        [_p("委托编号"), _p(request.number), _p("受托时间"), _p(f"{taken:%Y年%m月%d日 %H:%M}")],
        [
            _p("申请人（委托人）"),
            _p(request.applicant_name),
            _p("联系电话"),
            _p(request.applicant_phone or "—"),
        ],
        [_p("代办员（受托人）"), _p(request.agent.name), _p("受托地点"), _p(where)],
        [
            _p("委托事项"),
            _p("、".join(i.name for i in request.items.all())),
            _p("委托范围"),
            _p(SCOPES.get(request.scope, "")),
        ],
    ]


def mandate_pdf(request: AssistanceRequest, track_url: str) -> bytes:
    """帮办代办委托书 (附件2 第五条 3 承办: 帮办代办委托单)."""
    county = getattr(db, "tenant", None)
    materials = [[_p("序号"), _p("移交材料"), _p("份数"), _p("核对")]] + [
        [_p(str(i)), _p(name), _p("1"), _p("□")] for i, name in enumerate(request.materials, 1)
    ]
    story: list[Any] = [
        Paragraph(f"{getattr(county, 'name', '')}政务服务帮办代办", _BODY),
        Paragraph("帮办代办委托书", _TITLE),
        Spacer(1, 4 * mm),
        _grid(_facts(request), _FACT_WIDTHS),
        Spacer(1, 4 * mm),
        Paragraph("委托人移交的申请材料清单：", _BODY),
        _grid(materials, [14 * mm, 110 * mm, 18 * mm, 28 * mm]),
        Spacer(1, 4 * mm),
        Paragraph(
            "本人自愿委托上述代办员无偿代为办理上列事项（自愿委托、无偿服务），保证所提供材料真实、"
            "完整、有效；审批环节须本人到场的，本人将按时到场；按规定交纳规费。代办员负责指导准备材料、"
            "递交审批部门、跟踪进展并及时反馈，做好材料的整理、保管、移交及结果反馈。",
            _BODY,
        ),
        Spacer(1, 8 * mm),
        _grid(
            [
                [_p("委托人签字："), _p(""), _p("代办员签字："), _p("")],
                [_p("日期："), _p(""), _p("日期："), _p("")],
            ],
            [30 * mm, 55 * mm, 30 * mm, 55 * mm],
        ),
        Spacer(1, 6 * mm),
        _grid([[_qr(track_url), _p(f"扫码查询办理进度\n委托编号 {request.number}")]], [34 * mm, 136 * mm]),
    ]
    return _render(f"帮办代办委托书 {request.number}", story)


def receipt_pdf(request: AssistanceRequest, track_url: str) -> bytes:
    """委托单回执 for the applicant."""
    county = getattr(db, "tenant", None)
    story: list[Any] = [
        Paragraph(f"{getattr(county, 'name', '')}政务服务帮办代办", _BODY),
        Paragraph("帮办代办委托回执", _TITLE),
        Spacer(1, 4 * mm),
        _grid(_facts(request), _FACT_WIDTHS),
        Spacer(1, 4 * mm),
        Paragraph(f"已收到您移交的材料 {len(request.materials)} 份：{'、'.join(request.materials)}。", _BODY),
        Paragraph(
            "代办员将及时向您反馈办理进展；办结后通过电子反馈、快递邮寄或上门送达交付结果。"
            "对帮办代办服务有意见的，可向旗政务服务局投诉，3个工作日内调查处理并反馈。",
            _BODY,
        ),
        Spacer(1, 6 * mm),
        _grid([[_qr(track_url), _p(f"扫码查询办理进度\n委托编号 {request.number}")]], [34 * mm, 136 * mm]),
    ]
    return _render(f"帮办代办回执 {request.number}", story)
