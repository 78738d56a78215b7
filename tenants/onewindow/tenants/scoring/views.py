"""The ranking table (通许 weekly 通报, 乌审旗 quarterly table) as Excel, for staff."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from onewindow.platform.core.http import error_response
from onewindow.tenants.cases.views import refuse_non_member
from onewindow.tenants.scoring.exports import period_workbook
from onewindow.tenants.scoring.models import Period


def assessment_table(request: HttpRequest, period_id: int) -> HttpResponse:
    """The ranking table (通许 weekly 通报, 乌审旗 quarterly table) as Excel."""

    refused = refuse_non_member(request)
    if refused:
        return refused
    period = Period.objects.select_related("rule_set", "version").filter(pk=period_id).first()
    if period is None or not period.results.exists():
        return error_response(404, "NOT_FOUND", "该考核期不存在或尚未结算")
    response = HttpResponse(
        period_workbook(period),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="assessment-{period.rule_set.code}-{period.starts_on}.xlsx"'
    )
    return response
