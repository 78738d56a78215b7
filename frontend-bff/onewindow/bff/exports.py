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
    title: str, columns: Sequence[tuple[str, int]], rows: Iterable[Sequence[Any]]
) -> HttpResponse:
    """``columns``: (heading, width in characters). A title row, bordered cells, A4 landscape."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([heading for heading, _ in columns])
    for row in rows:
        sheet.append([_inert(value) for value in row])
    for index, (_, width) in enumerate(columns, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.border = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.row == 2:
                cell.font = Font(bold=True)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.print_title_rows = "2:2"
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
