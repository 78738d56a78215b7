"""Every list page's 导出 button: the rows the filters select, as an Excel workbook."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

_THIN = Side(style="thin", color="999999")


def xlsx_response(
    title: str,
    columns: Sequence[tuple[str, int]],
    rows: Iterable[Sequence[Any]],
    *,
    subtitle: str | None = None,
    numbers: str | None = None,
) -> HttpResponse:
    """``columns``: (heading, width in characters). A title row (and a ``subtitle`` row: the
    date, the span), bordered wrapped cells, the heading repeated on every printed page, A4
    landscape fitted to the page width, page numbers in the footer. ``numbers``: the number
    format of numeric cells (``"0.00"`` for scores)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "".join(ch for ch in title if ch not in "[]:*?/\\")[:31]
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 30
    head = 2
    if subtitle:
        sheet.append([subtitle])
        sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=len(columns))
        sheet["A2"].alignment = Alignment(horizontal="center", wrap_text=True)
        head = 3
    sheet.append([heading for heading, _ in columns])
    for row in rows:
        sheet.append([_inert(value) for value in row])
    for index, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=head):
        for cell in row:
            cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.row == head:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
            elif numbers and isinstance(cell.value, float):
                cell.number_format = numbers
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.print_options.horizontalCentered = True
    sheet.print_title_rows = f"{head}:{head}"
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(title)}.xlsx"
    return response


def _inert(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @) is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def all_pages(fetch: Any, key: str, limit: int = 5000) -> list[dict[str, Any]]:
    """Every node of a connection, a page of 100 at a time (``fetch(after) -> data``)."""
    nodes: list[dict[str, Any]] = []
    after = None
    while len(nodes) < limit:
        connection = fetch(after)[key]
        nodes += [edge["node"] for edge in connection["edges"]]
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    return nodes
