from __future__ import annotations

from typing import Any

import graphene
from django.db.models import Prefetch, Q, QuerySet

from onewindow.graphql.assistance.types import (
    AssistanceComplaintType,
    AssistanceRequestType,
    AssistanceSettingsType,
    LedgerCountsType,
    LedgerType,
    MeasuresType,
    SiteComplianceType,
    TrackingType,
)
from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.errors import Error, api_error
from onewindow.graphql.core.permissions import require
from onewindow.platform.accounts.roles import Perm
from onewindow.platform.core.errors import BusinessError
from onewindow.tenants.assistance import selectors
from onewindow.tenants.assistance.links import request_from_token
from onewindow.tenants.assistance.models import (
    OPEN_REQUEST_STATUSES,
    AssistanceComplaint,
    AssistanceRequest,
    RequestStep,
)
from onewindow.tenants.hall.models import Site
from onewindow.tenants.policy.services import export_pack, pack_warnings


def _requests() -> QuerySet[AssistanceRequest]:
    return AssistanceRequest.objects.select_related(
        "site", "current_site", "current_site__parent", "agent", "case"
    ).prefetch_related(
        "items",
        "handovers__from_site",
        "handovers__to_site",
        Prefetch("steps", queryset=RequestStep.objects.select_related("site")),
    )


class AssistanceQueries(graphene.ObjectType):
    assistance_requests = ConnectionField(
        AssistanceRequestType,
        site=graphene.String(description="受托场所或当前所在场所"),
        open_only=graphene.Boolean(default_value=False),
        description="帮办代办委托（最新在前）",
        required=True,
    )
    assistance_request = graphene.Field(
        AssistanceRequestType, number=graphene.String(required=True), description="按编号查询委托"
    )
    assistance_network = graphene.List(
        graphene.NonNull(SiteComplianceType),
        required=True,
        description="帮办代办网络：各场所代办员、清单与“8个统一”",
    )
    assistance_warnings = graphene.List(
        graphene.NonNull(Error),
        required=True,
        description="当前政策包的帮办代办提示（如代办员不足），附 YAML 路径",
    )
    assistance_ledger = graphene.Field(
        LedgerType,
        site=graphene.String(required=True),
        year=graphene.Int(required=True),
        month=graphene.Int(required=True),
        description="工作台账：某场所某月受托的委托",
    )
    assistance_measures = graphene.Field(MeasuresType, required=True, description="按代办员、场所的办理情况")
    assistance_settings = graphene.Field(AssistanceSettingsType, required=True)
    assistance_tracking = graphene.Field(
        TrackingType,
        token=graphene.String(required=True),
        description="群众扫二维码查询进度（公开）",
    )
    assistance_complaints = ConnectionField(
        AssistanceComplaintType,
        open_only=graphene.Boolean(default_value=False),
        description="帮办代办投诉（最早到期在前）",
        required=True,
    )

    @staticmethod
    @require(Perm.ASSISTANCE)
    def resolve_assistance_requests(
        root: Any, info: Any, site: str | None = None, open_only: bool = False, **_: Any
    ) -> QuerySet[AssistanceRequest]:
        qs = _requests()
        if site:
            qs = qs.filter(Q(site__code=site) | Q(current_site__code=site))
        if open_only:
            qs = qs.filter(status__in=OPEN_REQUEST_STATUSES)
        return qs.order_by("-taken_at", "-id")

    @staticmethod
    @require(Perm.ASSISTANCE)
    def resolve_assistance_request(root: Any, info: Any, number: str) -> AssistanceRequest | None:
        return _requests().filter(number=number).first()

    @staticmethod
    @require(Perm.ASSISTANCE)
    def resolve_assistance_network(root: Any, info: Any) -> list[Any]:
        return selectors.compliance()

    @staticmethod
    @require(Perm.ASSISTANCE)
    def resolve_assistance_warnings(root: Any, info: Any) -> list[Error]:
        pack = export_pack()
        return [
            Error(field=w.field, code=w.code, message=w.message)
            for w in pack_warnings(pack)
            if (w.field or "").startswith("assistance")
        ]

    @staticmethod
    @require(Perm.ASSISTANCE)
    def resolve_assistance_ledger(
        root: Any, info: Any, site: str, year: int, month: int
    ) -> LedgerType | None:
        if not (1 <= month <= 12 and 2000 <= year <= 2100):
            raise api_error("INVALID_VALUE", "月份无效")
        the_site = Site.objects.live().filter(code=site).first()
        if the_site is None:
            return None
        rows, counts = selectors.ledger(the_site, year, month)
        return LedgerType(
            site_code=the_site.code,
            site_name=the_site.name,
            year=year,
            month=month,
            counts=LedgerCountsType(**counts),
            requests=rows,
        )

    @staticmethod
    @require(Perm.ASSISTANCE)
    def resolve_assistance_measures(root: Any, info: Any) -> MeasuresType:
        agents, sites = selectors.measures()
        return MeasuresType(agents=agents, sites=sites)

    @staticmethod
    @require(Perm.ASSISTANCE)
    def resolve_assistance_settings(root: Any, info: Any) -> AssistanceSettingsType:
        spec = selectors.assistance_settings()
        return AssistanceSettingsType(
            complaint_within_days=spec.complaint_within_days,
            deliver_within_days=spec.deliver_within_days,
            min_township=spec.min_agents.township,
            min_village=spec.min_agents.village,
            min_county=spec.min_agents.county,
        )

    @staticmethod
    def resolve_assistance_tracking(root: Any, info: Any, token: str) -> AssistanceRequest | None:
        try:
            return request_from_token(token)
        except BusinessError:
            return None

    @staticmethod
    @require(Perm.WORK_ORDERS)
    def resolve_assistance_complaints(
        root: Any, info: Any, open_only: bool = False, **_: Any
    ) -> QuerySet[AssistanceComplaint]:
        qs = AssistanceComplaint.objects.select_related("request")
        if open_only:
            qs = qs.filter(replied_at__isnull=True)
        return qs.order_by("due_on", "id")
