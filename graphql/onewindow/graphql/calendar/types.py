from __future__ import annotations

import graphene

from onewindow.tenants.workcalendar.models import OverrideKind

OverrideKindEnum = graphene.Enum.from_enum(OverrideKind, description="日历调整类型")


class CalendarOverrideType(graphene.ObjectType):
    class Meta:
        name = "CalendarOverride"

    date = graphene.Date(required=True)
    kind = OverrideKindEnum(required=True)
    reason = graphene.String(required=True)
