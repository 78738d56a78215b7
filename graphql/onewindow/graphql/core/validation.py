"""What a document may ask for, checked before any resolver runs — and before the spec's own
rules, which are themselves costly on a hostile document.

In order, each refusal a GraphQL error with ``extensions.code``:

1. the text: at most ``Limits.bytes`` bytes (``QUERY_TOO_LARGE``), parsed with at most
   ``Limits.tokens`` lexical tokens and as many comments (``QUERY_TOO_LARGE``);
2. ``QueryLimits``: depth (``QUERY_TOO_DEEP``), aliases in the document (``TOO_MANY_ALIASES``)
   and cost (``QUERY_TOO_COSTLY``). Every field costs 1 (``__typename`` too) unless
   ``FIELD_COSTS`` gives it more; a connection's children cost ``first``/``last`` times
   (a variable counts as 100). A fragment's cost and depth are computed once, however often
   it is spread, so a document of fragments that spread each other twice is priced (2^24) in
   microseconds instead of being expanded;
3. the spec's rules, and with introspection off ``NoIntrospection`` (``INTROSPECTION_DISABLED``).

Anonymous callers get ``ANONYMOUS`` limits, tighter than a member's.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings

from graphql import (
    ASTValidationRule,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    get_named_type,
    specified_rules,
)
from onewindow.graphql.core.connections import MAX_PAGE

_INTROSPECTION = {"__schema", "__type"}

# Resolvers that do much more than read a row, priced by what they took on the demo data
# (one cost unit ≈ 0.05 ms of a plain field on a page of 100; see tests/graphql/test_limits.py).
FIELD_COSTS: dict[str, int] = {
    "CountyQuery.policyPack": 1000,  # the whole pack as YAML (≈ 80 ms)
    "CountyQuery.policyDiff": 1000,  # parses a YAML document and diffs it with the pack
    "CountyQuery.policyVersions": 50,
    "CountyQuery.ruleSetPreview": 2000,  # scores last period's incidents twice
    "CountyQuery.dashboard": 500,
    "CountyQuery.fallbackWeeklyReport": 300,
    "CountyQuery.assessmentSummary": 300,
    "CountyQuery.annualScores": 300,
    "CountyQuery.trend": 300,
    "CountyQuery.ranking": 100,
    "CountyQuery.awards": 100,
    "CountyQuery.catalogDrift": 100,
    "CountyQuery.universalWindowShare": 100,
    "CountyQuery.calendarMonth": 20,
    "CountyQuery.addWorkingDays": 20,
    "CountyQuery.workOrderCallbackRate": 50,
    "CountyQuery.caseLink": 10,
    "CountyQuery.publicCase": 20,
    "CountyQuery.caseStatus": 20,
    "CountyQuery.incidentEvidence": 50,
    "PlatformQuery.countyPolicyPack": 1000,
    "PlatformQuery.countyPolicyDiff": 1000,
    "PlatformQuery.validatePolicyPack": 1000,
    # 跨县对标: a table is three statements over the public aggregates; a profile is one per metric
    "PlatformQuery.leagueTable": 100,
    "PlatformQuery.countyProfile": 1000,
    "PlatformQuery.metricTrend": 200,
    "CountyQuery.myBenchmark": 100,
    "CountyQuery.myBenchmarkProfile": 1000,
}


@dataclass(frozen=True)
class Limits:
    depth: int
    cost: int
    aliases: int
    tokens: int
    bytes: int


def limits_for(*, authenticated: bool) -> Limits:
    """The limits in force for a caller (settings, read per request so tests can change them)."""
    if authenticated:
        return Limits(
            depth=settings.GRAPHQL_MAX_DEPTH,
            cost=settings.GRAPHQL_MAX_COST,
            aliases=settings.GRAPHQL_MAX_ALIASES,
            tokens=settings.GRAPHQL_MAX_TOKENS,
            bytes=settings.GRAPHQL_MAX_BYTES,
        )
    return Limits(
        depth=min(settings.GRAPHQL_MAX_DEPTH, settings.GRAPHQL_ANONYMOUS_MAX_DEPTH),
        cost=min(settings.GRAPHQL_MAX_COST, settings.GRAPHQL_ANONYMOUS_MAX_COST),
        aliases=min(settings.GRAPHQL_MAX_ALIASES, settings.GRAPHQL_ANONYMOUS_MAX_ALIASES),
        tokens=min(settings.GRAPHQL_MAX_TOKENS, settings.GRAPHQL_ANONYMOUS_MAX_TOKENS),
        bytes=min(settings.GRAPHQL_MAX_BYTES, settings.GRAPHQL_ANONYMOUS_MAX_BYTES),
    )


@dataclass
class _Price:
    cost: int = 0
    depth: int = 0


class _Pricer:
    """Cost and depth of selection sets, each fragment priced once (memoised by name)."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode]) -> None:
        self.schema = schema
        self.fragments = fragments
        self.priced: dict[str, _Price] = {}
        self.pricing: set[str] = set()  # a cycle is the spec rules' to report: it costs 0 here

    def selections(self, node: SelectionSetNode | None, parent: GraphQLNamedType | None) -> _Price:
        total = _Price()
        if node is None:
            return total
        for selection in node.selections:
            if isinstance(selection, FieldNode):
                price = self.field(selection, parent)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                inner = self.schema.get_type(condition.name.value) if condition else parent
                price = self.selections(selection.selection_set, inner)
            elif isinstance(selection, FragmentSpreadNode):
                price = self.fragment(selection.name.value)
            else:  # pragma: no cover - the three kinds above are all there are
                continue
            total.cost += price.cost
            total.depth = max(total.depth, price.depth)
        return total

    def fragment(self, name: str) -> _Price:
        if name in self.priced:
            return self.priced[name]
        definition = self.fragments.get(name)
        if definition is None or name in self.pricing:
            return _Price()
        self.pricing.add(name)
        price = self.selections(
            definition.selection_set, self.schema.get_type(definition.type_condition.name.value)
        )
        self.pricing.discard(name)
        self.priced[name] = price
        return price

    def field(self, node: FieldNode, parent: GraphQLNamedType | None) -> _Price:
        name = node.name.value
        child_type: GraphQLNamedType | None = None
        if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) and name in parent.fields:
            child_type = get_named_type(parent.fields[name].type)
        elif name == "__schema":
            child_type = self.schema.get_type("__Schema")
        elif name == "__type":
            child_type = self.schema.get_type("__Type")
        own = FIELD_COSTS.get(f"{getattr(parent, 'name', '')}.{name}", 1)
        inner = self.selections(node.selection_set, child_type)
        introspective = name in _INTROSPECTION or (parent is not None and parent.name.startswith("__"))
        # the introspection types nest ``ofType`` deeply by design: their depth is not counted
        depth = inner.depth if introspective else 1 + inner.depth
        return _Price(cost=own + _page_size(node) * inner.cost, depth=depth)


def _page_size(field: FieldNode) -> int:
    """A connection's children cost ``first``/``last`` times; a variable counts as the max."""
    for arg in field.arguments or ():
        if arg.name.value in ("first", "last"):
            if isinstance(arg.value, IntValueNode):
                try:
                    return max(1, min(int(arg.value.value), 10 * MAX_PAGE))
                except ValueError:
                    return MAX_PAGE
            return MAX_PAGE
    return 1


def count_aliases(document: DocumentNode) -> int:
    """Aliased fields written in the document (not expanded: fragments count once)."""
    count = 0
    stack: list[Any] = list(document.definitions)
    while stack:
        node = stack.pop()
        if isinstance(node, FieldNode) and node.alias is not None:
            count += 1
        selection_set = getattr(node, "selection_set", None)
        if selection_set is not None:
            stack.extend(selection_set.selections)
    return count


def limits_rule(limits: Limits) -> type[ValidationRule]:
    class QueryLimits(ValidationRule):
        def __init__(self, context: ValidationContext) -> None:
            super().__init__(context)
            document = context.document
            fragments = {
                d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
            }
            self.pricer = _Pricer(context.schema, fragments)
            aliases = count_aliases(document)
            if aliases > limits.aliases:
                self.report_error(
                    GraphQLError(
                        f"查询中的别名 {aliases} 个，超过上限 {limits.aliases}",
                        extensions={
                            "code": "TOO_MANY_ALIASES",
                            "aliases": aliases,
                            "maxAliases": limits.aliases,
                        },
                    )
                )

        def enter_operation_definition(self, node: OperationDefinitionNode, *_: Any) -> None:
            root = self.context.schema.get_root_type(node.operation)
            price = self.pricer.selections(node.selection_set, root)
            if price.depth > limits.depth:
                self.report_error(
                    GraphQLError(
                        f"查询深度 {price.depth} 超过上限 {limits.depth}",
                        node,
                        extensions={"code": "QUERY_TOO_DEEP", "depth": price.depth, "maxDepth": limits.depth},
                    )
                )
            if price.cost > limits.cost:
                cost = price.cost if price.cost < 10**12 else 10**12  # stays a JSON number
                self.report_error(
                    GraphQLError(
                        f"查询开销 {cost} 超过上限 {limits.cost}",
                        node,
                        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": limits.cost},
                    )
                )

    return QueryLimits


class NoIntrospection(ValidationRule):
    def enter_field(self, node: FieldNode, *_: Any) -> None:
        if node.name.value in _INTROSPECTION:
            self.report_error(
                GraphQLError(
                    "生产环境已关闭 GraphQL 内省；架构见仓库中的 schema.graphql",
                    node,
                    extensions={"code": "INTROSPECTION_DISABLED"},
                )
            )


def validation_rules(introspection: bool) -> tuple[type[ASTValidationRule], ...]:
    """The spec's rules plus ours (graphql-core runs only the rules it is given); the limits
    run before these, on their own (``limits_rule``)."""
    rules: list[type[ASTValidationRule]] = list(specified_rules)
    if not introspection:
        rules.append(NoIntrospection)
    return tuple(rules)
