"""Service field names in the API's spelling.

Services name the field an error concerns in the domain's snake_case (``applicant.id_number``);
the API answers in GraphQL's camelCase (``applicant.idNumber``). Dotted paths and list indices
are kept (``entries[0].fix``); a name already in camelCase is unchanged.
"""

from __future__ import annotations

import re

_SNAKE = re.compile(r"(?<=[a-z0-9])_([a-z0-9])")


def api_field(path: str | None) -> str | None:
    return _SNAKE.sub(lambda m: m.group(1).upper(), path) if path else path
