"""Reading the PDFs the application prints (pypdfium2): their text and fonts."""

from __future__ import annotations

import ctypes

import pypdfium2
import pypdfium2.raw as pdfium


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
