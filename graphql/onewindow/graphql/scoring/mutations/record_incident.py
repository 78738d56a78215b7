from __future__ import annotations

import base64
import binascii
from typing import Any

import graphene

from onewindow.graphql.core.context import ApiContext
from onewindow.graphql.core.mutations import BaseMutation, invalid
from onewindow.graphql.scoring.types import IncidentType
from onewindow.platform.accounts.roles import Perm
from onewindow.tenants.scoring import services


class EvidenceFileInput(graphene.InputObjectType):
    """An evidence file sent with the record: its name and its bytes as base64 (the API takes
    JSON only; each file at most 5 MB, at most 5 files, PDF / JPG / PNG / Word / Excel)."""

    name = graphene.String(required=True)
    content = graphene.String(required=True, description="文件内容（base64）")


def _uploads(files: list[dict[str, Any]]) -> list[services.Upload]:
    uploads = []
    for i, f in enumerate(files):
        try:
            content = base64.b64decode(f["content"], validate=True)
        except (binascii.Error, ValueError):
            raise invalid(
                f"files[{i}]", "INVALID_FILE", f"附件 {f['name']} 的内容不是有效的 base64"
            ) from None
        uploads.append(services.Upload(name=f["name"], content=content))
    return uploads


class RecordIncident(BaseMutation):
    """考核记录：记录人、对象、细则条目、日期、说明与证据。"""

    class Arguments:
        rule_set = graphene.String(required=True)
        rule = graphene.String(required=True)
        subject = graphene.String(required=True, description="部门、窗口或工作人员代码")
        occurred_on = graphene.Date(required=True)
        count = graphene.Float(description="次数或测量值，默认 1")
        base = graphene.Float(description="比例规则的分母")
        note = graphene.String()
        evidence = graphene.List(graphene.NonNull(graphene.String), description="证据附件（文件名或链接）")
        files = graphene.List(graphene.NonNull(EvidenceFileInput), description="上传的证据文件，按县保存")

    result = graphene.Field(IncidentType)

    class Meta:
        permission = Perm.SCORING

    @classmethod
    def perform(cls, info: Any, ctx: ApiContext, **data: Any) -> RecordIncident:
        incident = services.record_incident(
            data["rule_set"],
            rule=data["rule"],
            subject=data["subject"],
            occurred_on=data["occurred_on"],
            count=data.get("count") or 1,
            base=data.get("base") or 0,
            note=data.get("note") or "",
            evidence=data.get("evidence") or [],
            files=_uploads(data.get("files") or []),
            actor=ctx.user,
        )
        return cls(result=incident)
