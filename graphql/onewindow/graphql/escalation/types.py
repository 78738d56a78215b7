from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar
from graphene_django import DjangoObjectType

from onewindow.graphql.core.connections import CountableConnection
from onewindow.tenants.escalation.models import Chain, Watch
from onewindow.tenants.escalation.services import latest_levels


class ChainType(DjangoObjectType):
    """督办链 (its current version)."""

    levels = GenericScalar(required=True)
    version = graphene.Int()

    class Meta:
        model = Chain
        name = "Chain"
        fields = ("code", "name", "subject")

    @staticmethod
    def resolve_levels(root: Chain, info: Any) -> list[dict[str, Any]]:
        return latest_levels(root)

    @staticmethod
    def resolve_version(root: Chain, info: Any) -> int | None:
        latest = root.versions.order_by("-number").first()
        return latest.number if latest else None


class FlaggedType(DjangoObjectType):
    """挂牌警示: a subject a chain has flagged and that is not resolved yet."""

    chain_code = graphene.String(required=True)
    levels_fired = graphene.Int(required=True)

    class Meta:
        model = Watch
        name = "FlaggedSubject"
        use_connection = True
        connection_class = CountableConnection
        fields = ("subject_type", "subject_id", "subject_label", "deadline_on", "next_due_at")

    @staticmethod
    def resolve_chain_code(root: Watch, info: Any) -> str:
        return root.version.chain.code

    @staticmethod
    def resolve_levels_fired(root: Watch, info: Any) -> int:
        return root.next_level
