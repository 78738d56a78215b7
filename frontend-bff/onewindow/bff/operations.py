"""Persisted operations: every GraphQL document a page runs is a ``.graphql`` file in the BFF.

``<area>/operations/<name>.graphql`` is addressed as ``"<area>/<name>"``. A file whose first
line is ``# schema: platform`` runs against the provincial (platform) API; every other file
against the county API of the page's county. A test validates every file against the
committed SDL, so an API change that breaks a page fails CI.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent
_PLATFORM_MARK = "# schema: platform"


@dataclass(frozen=True)
class Operation:
    name: str  # "<area>/<file stem>"
    document: str
    platform: bool
    path: Path


def _load(path: Path) -> Operation:
    text = path.read_text(encoding="utf-8")
    area = path.parent.parent.name
    return Operation(f"{area}/{path.stem}", text, text.startswith(_PLATFORM_MARK), path)


@cache
def operation(name: str) -> Operation:
    area, _, stem = name.partition("/")
    path = ROOT / area / "operations" / f"{stem}.graphql"
    if not path.is_file():
        raise LookupError(f"no persisted operation {name!r} ({path})")
    return _load(path)


def all_operations() -> list[Operation]:
    return [_load(p) for p in sorted(ROOT.glob("*/operations/*.graphql"))]
