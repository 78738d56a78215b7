from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.permissions import require
from onewindow.graphql.hotline.types import HotlineOrderType, HotlineStatusEnum, HotlineStepEnum
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.hotline.models import HotlineOrder
from onewindow.tenants.hotline.selectors import order_by_number, order_list
from onewindow.tenants.hotline.services import step_limits


class HotlineSettingsType(graphene.ObjectType):
    """各环节时限（工作日，政策包 ``hotline``）。"""

    class Meta:
        name = "HotlineStepLimits"

    sign_within_days = graphene.Int(required=True)
    handle_within_days = graphene.Int(required=True)
    reply_within_days = graphene.Int(required=True)
    visit_within_days = graphene.Int(required=True)
    redo_within_days = graphene.Int(required=True)


class HotlineQueries(graphene.ObjectType):
    hotline_orders = ConnectionField(
        HotlineOrderType,
        status=HotlineStatusEnum(),
        step=HotlineStepEnum(),
        overdue=graphene.Boolean(description="只看（true）或排除（false）本环节已超期的"),
        description="12345 工单，按本环节期限（最早在前），已办结的在后",
        required=True,
    )
    hotline_order = graphene.Field(
        HotlineOrderType, number=graphene.String(required=True), description="按编号查询一张 12345 工单"
    )
    hotline_step_limits = graphene.Field(HotlineSettingsType, required=True)

    @staticmethod
    @require(Perm.HOTLINE)
    def resolve_hotline_orders(
        root: Any, info: Any, status: Any = None, step: Any = None, overdue: bool | None = None, **_: Any
    ) -> QuerySet[HotlineOrder]:
        return order_list(
            status=getattr(status, "value", status), step=getattr(step, "value", step), overdue=overdue
        )

    @staticmethod
    @require(Perm.HOTLINE)
    def resolve_hotline_order(root: Any, info: Any, number: str) -> HotlineOrder | None:
        return order_by_number(number)

    @staticmethod
    @require(Perm.HOTLINE)
    def resolve_hotline_step_limits(root: Any, info: Any) -> Any:
        return step_limits()
