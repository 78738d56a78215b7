"""HTML templates to PDF (WeasyPrint), with the CJK font embedded and QR codes as SVG.

The font is WenQuanYi Micro Hei (from the ``paperang-p2-fonts-cjk`` wheel), declared by
``@font-face`` in ``documents/base.html`` and embedded as a subset in every PDF, so any viewer
shows the Chinese text. Nothing is fetched: the only URLs a document may load are ``file:``
ones (the font); anything else is refused.

Paper: ``a4``, or ``80mm`` for a thermal receipt printer — a page as long as its content (the
document is laid out once on a long roll, then again on a page cut to its height).
"""

from __future__ import annotations

import logging
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import segno
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

Paper = Literal["a4", "80mm"]
PAPERS: tuple[Paper, ...] = ("a4", "80mm")
FONT_FAMILY = "WenQuanYi Micro Hei"
_ROLL_MM = 2000  # the first layout's page: longer than any receipt
_PX_PER_MM = 96 / 25.4  # WeasyPrint lays out in CSS pixels
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)  # a line per step otherwise


@cache
def font_path() -> Path:
    font = resources.files("paperang_p2_fonts_cjk") / "fonts" / "wqy-microhei.ttc"
    return Path(str(font))


def qr_svg(text: str, size_mm: float = 30) -> SafeString:
    """``text`` as a QR code (error correction M, a quiet zone of four modules), inline SVG."""
    code = segno.make_qr(text, error="m", boost_error=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, svgclass="qr", lineclass=None)
    # width and height in millimetres: the printed size does not depend on the version
    return mark_safe(svg.replace("<svg ", f'<svg width="{size_mm}mm" height="{size_mm}mm" ', 1))


def _html(template: str, context: dict[str, Any], paper: Paper, height_mm: float | None) -> Any:
    # imported late: it loads Pango, which the API never needs
    from weasyprint import HTML, URLFetcher

    page = "80mm %smm" % (height_mm or _ROLL_MM) if paper == "80mm" else "A4"
    html = render_to_string(
        template,
        {**context, "paper": paper, "page_size": page, "font_url": font_path().as_uri(), "font": FONT_FAMILY},
    )
    fetcher = URLFetcher(allowed_protocols=["file"], fail_on_errors=True)
    return HTML(string=html, url_fetcher=fetcher, base_url=str(font_path().parent))


def render_pdf(template: str, context: dict[str, Any], *, paper: Paper = "a4") -> bytes:
    """The PDF of ``template`` (which extends ``documents/base.html``) with ``context``."""
    if paper == "a4":
        pdf: bytes = _html(template, context, paper, None).write_pdf()
        return pdf
    laid_out = _html(template, context, paper, None).render()
    height_px = _content_bottom(laid_out.pages[0])
    height_mm = round(height_px / _PX_PER_MM) + 1
    pdf = _html(template, context, paper, height_mm).write_pdf()
    return pdf


def _content_bottom(page: Any) -> float:
    """Where the content of a laid-out page ends, in CSS pixels from the top of the page, with the
    page's bottom margin: the lowest line or image of WeasyPrint's box tree."""
    box = page._page_box
    bottoms = [
        child.position_y + child.margin_height()
        for child in box.descendants()
        if type(child).__name__ in {"LineBox", "InlineReplacedBox", "BlockReplacedBox"}
    ]
    return float(max(bottoms, default=0) + box.margin_bottom)


__all__ = ["FONT_FAMILY", "PAPERS", "Paper", "font_path", "qr_svg", "render_pdf"]
