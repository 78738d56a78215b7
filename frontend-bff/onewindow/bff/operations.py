"""Persisted operations: every GraphQL document a page runs is a ``.graphql`` file in the BFF.

``<area>/operations/<name>.graphql`` is addressed as ``"<area>/<name>"``. A file whose first
line is ``# schema: platform`` runs against the provincial (platform) API, ``# schema: both``
against whichever API the page is on (a county's, or the platform's: 人员与权限 serves
both); every other file against the county API of the page's county. A test validates every
file against the committed SDL of each schema it names, so an API change that breaks a page
fails CI.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
_MARKS = {"# schema: platform": ("platform",), "# schema: both": ("county", "platform")}


@dataclass(frozen=True)
class Operation:
    name: str  # "<area>/<file stem>"
    document: str
    schemas: tuple[str, ...]  # "county" and/or "platform"
    path: Path

    def runs_on_platform(self, in_county: bool) -> bool:
        return "platform" in self.schemas and not (in_county and "county" in self.schemas)


def _load(path: Path) -> Operation:
    text = path.read_text(encoding="utf-8")
    area = path.parent.parent.name
    schemas = _MARKS.get(text.split("\n", 1)[0].strip(), ("county",))
    return Operation(f"{area}/{path.stem}", text, schemas, path)


@cache
def operation(name: str) -> Operation:
    area, _, stem = name.partition("/")
    path = ROOT / area / "operations" / f"{stem}.graphql"
    if not path.is_file():
        raise LookupError(f"no persisted operation {name!r} ({path})")
    return _load(path)


def all_operations() -> list[Operation]:
    return [_load(p) for p in sorted(ROOT.glob("*/operations/*.graphql"))]
