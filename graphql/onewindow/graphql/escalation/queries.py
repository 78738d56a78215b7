from __future__ import annotations

from typing import Any

import graphene
from django.db.models import QuerySet

from onewindow.graphql.core.connections import ConnectionField
from onewindow.graphql.core.permissions import require
from onewindow.graphql.escalation.types import ChainType, FlaggedType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.escalation.models import Chain, Watch


class EscalationQueries(graphene.ObjectType):
    chains = graphene.List(graphene.NonNull(ChainType), required=True, description="督办链")
    flagged = ConnectionField(FlaggedType, description="挂牌警示中的事项（最早到期在前）", required=True)

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_chains(root: Any, info: Any) -> list[Chain]:
        return list(Chain.objects.live())

    @staticmethod
    @require(Perm.COUNTY_VIEW)
    def resolve_flagged(root: Any, info: Any, **_: Any) -> QuerySet[Watch]:
        return (
            Watch.objects.filter(flagged=True, resolved_at__isnull=True)
            .select_related("version__chain")
            .order_by("deadline_on", "id")
        )
