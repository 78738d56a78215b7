from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.cases.types import CaseStatusEnum, CaseType, CommitmentStateEnum, CommitmentType
from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.context import api_context
from onewindow.graphql.core.permissions import require
from onewindow.graphql.policy.settings import output_type
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core import clock
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.cases.links import case_token
from onewindow.tenants.cases.models import Case, Commitment
from onewindow.tenants.cases.policy import CASES
from onewindow.tenants.cases.selectors import (
    case_list,
    commitments,
    due_within,
    received_by_on,
    search_cases,
    with_pending_extension,
)
from onewindow.tenants.cases.selectors import overdue as overdue_cases

MAX_DUE_WITHIN_DAYS = 3650  # ten years: no promised time limit is longer


class CaseQueries(graphene.ObjectType):
    case = graphene.Field(CaseType, number=graphene.String(required=True), description="按办件编号查询")
    cases = ConnectionField(
        CaseType,
        status=CaseStatusEnum(),
        department=graphene.String(),
        window=graphene.String(),
        item=graphene.String(),
        overdue=graphene.Boolean(description="已超期（计时中且过了到期日）"),
        due_within_days=graphene.Int(description="N 天内到期"),
        paused=graphene.Boolean(),
        extension_pending=graphene.Boolean(description="有待批准的延期申请"),
        search=graphene.String(description="按办件编号或申请人名称查找"),
        mine_today=graphene.Boolean(description="我今天收件的（按本县日期）"),
        description="办件列表（最新在前）",
    )
    commitments = ConnectionField(
        CommitmentType,
        state=CommitmentStateEnum(),
        overdue=graphene.Boolean(description="待履行且已过约定日期"),
        description="承诺台账：容缺受理、告知承诺（按约定日期，最早在前）",
    )
    case_settings = graphene.Field(
        output_type(CASES.spec), required=True, description="办件设置：办理结果送达综合出件窗口的时限"
    )
    case_link = graphene.String(
        number=graphene.String(required=True),
        description="回执二维码上的签名链接令牌（申请人查询进度与评价，无需账号）",
    )

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_case(root: Any, info: Any, number: str) -> Case | None:
        return case_list().filter(number=number).first()

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_cases(
        root: Any,
        info: Any,
        status: Any = None,
        department: str | None = None,
        window: str | None = None,
        item: str | None = None,
        overdue: bool | None = None,
        due_within_days: int | None = None,
        paused: bool | None = None,
        extension_pending: bool | None = None,
        search: str | None = None,
        mine_today: bool | None = None,
        **_: Any,
    ) -> QuerySet[Case]:
        qs = case_list().filter(parent__isnull=True)
        if status is not None:
            qs = qs.filter(status=getattr(status, "value", status))
        if department:
            qs = qs.filter(department__code=department)
        if window:
            qs = qs.filter(window__code=window)
        if item:
            qs = qs.filter(item__code=item)
        if overdue:
            qs = overdue_cases(qs, clock.today())
        if due_within_days is not None:
            if not 0 <= due_within_days <= MAX_DUE_WITHIN_DAYS:
                raise BusinessError(
                    "INVALID_DAYS",
                    f"dueWithinDays 须在 0 到 {MAX_DUE_WITHIN_DAYS} 之间",
                    field="dueWithinDays",
                )
            qs = due_within(qs, due_within_days, clock.today())
        if paused is not None:
            qs = qs.filter(paused=paused)
        if extension_pending:
            qs = with_pending_extension(qs)
        if search:
            qs = search_cases(qs, search)
        if mine_today:
            qs = received_by_on(qs, api_context(info).user.get_username(), clock.today())
        return qs.order_by("-received_at", "-id")

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_commitments(
        root: Any, info: Any, state: Any = None, overdue: bool | None = None, **_: Any
    ) -> QuerySet[Commitment]:
        return commitments(getattr(state, "value", state), overdue, clock.today())

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_case_settings(root: Any, info: Any) -> Any:
        return CASES.export()

    @staticmethod
    @require(Perm.CASE_INTAKE)
    def resolve_case_link(root: Any, info: Any, number: str) -> str | None:
        case = Case.objects.filter(number=number).first()
        return case_token(case) if case else None
