"""What a domain's slice of the policy pack is made of (docs/decisions/0006-policy-slices.md).

A slice is one section of the document (``windows``, ``reviews`` …) owned by the domain whose
rows it configures: its pydantic spec, how it reads the rows (export), how it writes them
(apply: upsert by code, retire what is missing) and the rules it checks, every problem with its
YAML path. A model's fields are mapped once, by a column map that export and apply share.
This module imports no domain: domains import it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

from onewindow.platform.core import clock
from onewindow.platform.core.errors import ErrorDetail

Code = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def choice(enum: Any) -> Any:
    """A ``Literal`` of a TextChoices' values: the document uses the code names."""
    return Literal[tuple(enum.values)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def yaml_path(loc: Iterable[Any]) -> str:
    """('windows', 3, 'zone') → 'windows[3].zone'."""
    path = ""
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += ("." if path else "") + str(part)
    return path.replace("schema_", "schema")


def unknown(value: str | None, known: set[str], path: str, what: str) -> list[ErrorDetail]:
    """The problem of a reference that names nothing (none when it is empty or known)."""
    if value is None or value in known:
        return []
    return [ErrorDetail("UNKNOWN_REFERENCE", f"{what} {value} 不存在", path)]


@dataclass
class PackContext:
    """What a slice gets while a pack is checked or applied: the pack, the province whose
    standard catalog applies, platform data read once, and the rows earlier slices wrote."""

    pack: Any
    province: str
    slices: Mapping[str, Slice]
    written: dict[str, dict[str, Any]] = field(default_factory=dict)
    _memo: dict[str, Any] = field(default_factory=dict)

    def codes(self, section: str) -> set[str]:
        """The keys the pack lists in ``section`` (what a reference may name)."""
        key = self.slices[section].key
        return {str(getattr(entry, key)) for entry in getattr(self.pack, section)}

    def cached(self, name: str, make: Callable[[], Any]) -> Any:
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    def rows(self, section: str) -> dict[str, Any]:
        """Code → live row of ``section``: as an earlier slice wrote them, else as they are."""
        if section not in self.written:
            self.written[section] = self.slices[section].rows()
        return self.written[section]


# --- columns: one map per model, read by export and written by apply -----------------------------


def plain(value: Any) -> Any:
    """A spec value as the model stores it (nested specs as JSON, defaults left out)."""
    if isinstance(value, BaseModel):
        return value.model_dump(exclude_defaults=True)
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class Column:
    """A spec field kept in the model attribute of the same name."""

    in_row = True  # written with the row; otherwise by ``link`` once every row exists

    def read(self, row: Any, name: str) -> Any:
        return getattr(row, name)

    def write(self, value: Any, ctx: PackContext) -> Any:
        return plain(value)

    def link(self, name: str, rows: dict[str, Any], entries: list[Any], ctx: PackContext) -> None:
        """Write what needs every row of the section first (self-references, many-to-many)."""


class Blank(Column):
    """An optional value the model keeps as ``""`` and the document as ``null``."""

    def read(self, row: Any, name: str) -> Any:
        return getattr(row, name) or None

    def write(self, value: Any, ctx: PackContext) -> Any:
        return value or ""


class Ref(Column):
    """A foreign key, written in the document as the code of a row of ``section``."""

    def __init__(self, section: str) -> None:
        self.section = section

    def read(self, row: Any, name: str) -> Any:
        target = getattr(row, name)
        return target.code if target is not None else None

    def write(self, value: Any, ctx: PackContext) -> Any:
        return ctx.rows(self.section)[value] if value else None


class SelfRef(Ref):
    """A reference to another entry of the same section (a site's parent): set after all."""

    def write(self, value: Any, ctx: PackContext) -> Any:
        return None

    def link(self, name: str, rows: dict[str, Any], entries: list[Any], ctx: PackContext) -> None:
        for entry in entries:
            if getattr(entry, name):
                type(rows[entry.code]).objects.filter(code=entry.code).update(
                    **{name: rows[getattr(entry, name)]}
                )


class Many(Ref):
    """A many-to-many relation, written as a sorted list of codes (the database keeps no order)."""

    in_row = False

    def read(self, row: Any, name: str) -> Any:
        return sorted(target.code for target in getattr(row, name).all())

    def link(self, name: str, rows: dict[str, Any], entries: list[Any], ctx: PackContext) -> None:
        targets = ctx.rows(self.section)
        for entry in entries:
            getattr(rows[entry.code], name).set([targets[code] for code in getattr(entry, name)])


class Children(Column):
    """Ordered child rows (a team's members, an item's materials), replaced as a whole."""

    in_row = False

    def __init__(self, model: Any, parent: str, columns: dict[str, Column]) -> None:
        self.model, self.parent, self.columns = model, parent, columns

    def read(self, row: Any, name: str) -> Any:
        return [read_row(child, self.columns) for child in getattr(row, name).all()]

    def link(self, name: str, rows: dict[str, Any], entries: list[Any], ctx: PackContext) -> None:
        self.model.objects.filter(**{f"{self.parent}__in": list(rows.values())}).delete()
        self.model.objects.bulk_create(
            [
                self.model(
                    **{self.parent: rows[entry.code]},
                    position=position,
                    **write_row(child, self.columns, ctx),
                )
                for entry in entries
                for position, child in enumerate(getattr(entry, name))
            ]
        )


def columns(*names: str, **special: Column) -> dict[str, Column]:
    """A column map: plain fields by name, the others with their kind."""
    return {**{name: Column() for name in names}, **special}


def read_row(row: Any, cols: dict[str, Column]) -> dict[str, Any]:
    return {name: column.read(row, name) for name, column in cols.items()}


def write_row(spec: Any, cols: dict[str, Column], ctx: PackContext) -> dict[str, Any]:
    return {name: column.write(getattr(spec, name), ctx) for name, column in cols.items() if column.in_row}


def with_related(queryset: Any, cols: dict[str, Column]) -> Any:
    """Join or prefetch what the columns read, so an export runs a fixed number of queries."""
    joined = [name for name, column in cols.items() if isinstance(column, Ref) and column.in_row]
    fetched = [name for name, column in cols.items() if isinstance(column, Many | Children)]
    for name, column in cols.items():
        if isinstance(column, Children):
            fetched += [f"{name}__{child}" for child, c in column.columns.items() if isinstance(c, Ref)]
    return queryset.select_related(*joined).prefetch_related(*fetched)


def upsert(model: Any, cols: dict[str, Column], entries: list[Any], ctx: PackContext) -> dict[str, Any]:
    """Upsert ``entries`` by code, keeping list order; retire the live rows the list no longer
    has. Returns code → row for the live ones."""
    now = clock.now()
    existing = {row.code: row for row in model.objects.all()}
    rows: dict[str, Any] = {}
    for position, entry in enumerate(entries):
        fields = {**write_row(entry, cols, ctx), "position": position, "retired_at": None}
        row = existing.get(entry.code)
        if row is None:
            row = model.objects.create(code=entry.code, **fields)
        else:
            for name, value in fields.items():
                setattr(row, name, value)
            row.save()
        rows[entry.code] = row
    model.objects.live().exclude(code__in=list(rows)).update(retired_at=now)
    for name, column in cols.items():
        column.link(name, rows, entries, ctx)
    return rows


# --- slices ----------------------------------------------------------------------------------------

Check = Callable[[list[Any], PackContext], Iterable[ErrorDetail]]


class Slice:
    """A list section of the pack: entries keyed by ``key``, kept in the rows of ``model``.

    ``unordered`` names list fields whose order the database does not keep (canonical form:
    sorted). ``check`` returns the problems of the section beyond its shape."""

    many = True

    def __init__(
        self,
        name: str,
        spec: type[Strict],
        model: Any,
        cols: dict[str, Column],
        *,
        key: str = "code",
        unordered: tuple[str, ...] = (),
        check: Check | None = None,
        warn: Check | None = None,
    ) -> None:
        self.name, self.spec, self.model, self.columns = name, spec, model, cols
        self.key, self.unordered, self._check, self._warn = key, unordered, check, warn

    def default(self) -> Any:
        return []

    def export(self) -> Any:
        return [
            {"code": row.code, **read_row(row, self.columns)}
            for row in with_related(self.model.objects.live(), self.columns)
        ]

    def rows(self) -> dict[str, Any]:
        return {row.code: row for row in self.model.objects.live()}

    def check(self, ctx: PackContext) -> list[ErrorDetail]:
        return list(self._check(getattr(ctx.pack, self.name), ctx)) if self._check else []

    def warnings(self, ctx: PackContext) -> list[ErrorDetail]:
        """What is allowed but falls short of a rule (a site below its staffing minimum): the
        pack applies, and the problems are shown beside it."""
        return list(self._warn(getattr(ctx.pack, self.name), ctx)) if self._warn else []

    def normalise(self, entry: dict[str, Any], ctx: PackContext) -> None:
        """Put one entry (JSON data) in canonical form, in place."""
        for name in self.unordered:
            entry[name] = sorted(set(entry[name]))

    def apply(self, entries: Any, ctx: PackContext) -> dict[str, Any]:
        return upsert(self.model, self.columns, entries, ctx)


class Settings(Slice):
    """A single-object section: the county's one settings row (absent: the spec's defaults)."""

    many = False

    def __init__(self, name: str, spec: type[Strict], model: Any, cols: dict[str, Column], **kw: Any) -> None:
        super().__init__(name, spec, model, cols, key="", **kw)

    def default(self) -> Any:
        return self.spec()

    def export(self) -> Any:
        row = self.model.objects.first()
        return read_row(row, self.columns) if row else self.spec().model_dump(mode="json")

    def rows(self) -> dict[str, Any]:
        return {}

    def check(self, ctx: PackContext) -> list[ErrorDetail]:
        return list(self._check([getattr(ctx.pack, self.name)], ctx)) if self._check else []

    def warnings(self, ctx: PackContext) -> list[ErrorDetail]:
        return list(self._warn([getattr(ctx.pack, self.name)], ctx)) if self._warn else []

    def apply(self, entries: Any, ctx: PackContext) -> dict[str, Any]:
        self.model.objects.update_or_create(pk=1, defaults=write_row(entries, self.columns, ctx))
        return {}


__all__ = [
    "Blank",
    "Children",
    "Code",
    "Column",
    "Many",
    "PackContext",
    "Ref",
    "SelfRef",
    "Settings",
    "Slice",
    "Strict",
    "Text",
    "choice",
    "columns",
    "plain",
    "read_row",
    "unknown",
    "upsert",
    "with_related",
    "write_row",
    "yaml_path",
]
