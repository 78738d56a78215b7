"""Reading the PDFs the application prints (pypdfium2): their text, fonts and QR codes
(zxing-cpp)."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium
import zxingcpp

OUT = Path(__file__).resolve().parents[1] / ".onewindow" / "test-output" / "documents"


def pdf_text(pdf: bytes) -> str:
    doc = pypdfium2.PdfDocument(pdf)
    return "".join(page.get_textpage().get_text_range() for page in doc).replace("\r", "")


def pdf_fonts(pdf: bytes) -> set[tuple[str, bool]]:
    """(base font name, embedded) of every font the text of the PDF is set in."""
    doc = pypdfium2.PdfDocument(pdf)
    fonts = set()
    for page in doc:
        text = page.get_textpage()
        for i in range(text.count_chars()):
            obj = pdfium.FPDFText_GetTextObject(text.raw, i)
            if not obj:
                continue
            font = pdfium.FPDFTextObj_GetFont(obj)
            size = pdfium.FPDFFont_GetBaseFontName(font, None, 0)
            name = ctypes.create_string_buffer(size)
            pdfium.FPDFFont_GetBaseFontName(font, name, size)
            fonts.add((name.value.decode(), bool(pdfium.FPDFFont_GetIsEmbedded(font))))
    return fonts


def qr_links(pdf: bytes, name: str, dpi: int = 200) -> list[str]:
    """The texts of the QR codes on the PDF's pages, each page saved as PNG for review under
    ``.onewindow/test-output/documents/<name>-<page>.png``."""
    OUT.mkdir(parents=True, exist_ok=True)
    found = []
    for i, page in enumerate(pypdfium2.PdfDocument(pdf), 1):
        image = page.render(scale=dpi / 72).to_pil()
        image.save(OUT / f"{name}-{i}.png")
        found += [code.text for code in zxingcpp.read_barcodes(image)]
    return found
