"""The ranking table as an Excel file, laid out like the seeds' tables: one row per subject in
rank order, one column per category (with its points), bonus, total, veto."""

from __future__ import annotations

import io

from django.db.models import F
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from onewindow.platform.core.tenancy import db
from onewindow.tenants.hall.models import Department, StaffMember, Window
from onewindow.tenants.scoring.models import Period, PeriodKind


def _names(kind: str) -> dict[str, str]:
    models: dict[str, type[Department] | type[Window] | type[StaffMember]] = {
        "department": Department,
        "window": Window,
        "staff": StaffMember,
    }
    return {row.code: row.name for row in models[kind].objects.all()}


def period_title(period: Period) -> str:
    county = getattr(db, "tenant", None)
    name = period.rule_set.name
    if period.rule_set.period == PeriodKind.WEEK:
        week = period.starts_on.isocalendar()[1]
        span = f"{period.starts_on:%m月%d日}—{period.ends_on:%m月%d日}"
        when = f"{period.starts_on.year}年第{week}周（{span}）通报"
    elif period.rule_set.period == PeriodKind.QUARTER:
        when = f"{period.starts_on.year}年第{(period.starts_on.month - 1) // 3 + 1}季度考评排名"
    elif period.rule_set.period == PeriodKind.MONTH:
        when = f"{period.starts_on.year}年{period.starts_on.month}月考评排名"
    else:
        when = f"{period.starts_on.year}年度考评排名"
    return f"{getattr(county, 'name', '')}{name} {when}"


def period_workbook(period: Period) -> bytes:
    definition = period.version.definition
    categories = definition["categories"]
    names = _names(period.rule_set.subject)
    book = Workbook()
    sheet = book.active
    sheet.title = "排名"
    title = period_title(period)
    headers = (
        ["名次", "考核对象"]
        + [f"{c['name']}（{c['max']:g}分）" for c in categories]
        + ["加分", "总分", "一票否决"]
    )
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([f"细则版本 v{period.version.number}；状态：{period.get_status_display()}"])
    sheet.append(headers)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for result in period.results.order_by(F("rank").asc(nulls_last=True), "subject"):
        sheet.append(
            [result.rank or "未排名", names.get(result.subject, result.subject)]
            + [float(result.categories.get(c["code"], 0)) for c in categories]
            + [float(result.bonus), float(result.total), "是" if result.vetoed else ""]
        )
    sheet.column_dimensions["B"].width = 28
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
