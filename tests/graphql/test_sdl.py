"""The committed SDL equals the code: every API change shows up in review."""

from __future__ import annotations

from onewindow.platform.project.cli import schema_files


def test_committed_sdl_matches_the_code() -> None:
    for path, schema in schema_files().items():
        assert path.exists(), f"{path} missing: run `onewindow graphql-schema`"
        assert path.read_text(encoding="utf-8") == str(schema).strip() + "\n", (
            f"{path.name} is stale: run `onewindow graphql-schema` and commit it"
        )
