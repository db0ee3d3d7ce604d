"""Bounds for request values that reach the database, so out-of-range input is a 422, never a 500."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import Path
from pydantic import BeforeValidator, Field, StringConstraints

#: Primary keys are 32-bit INTEGER columns on PostgreSQL; larger numbers cannot name a row.
MAX_ID = 2**31 - 1
#: Row offsets beyond this are meaningless and overflow SQLite's 64-bit integers well before 2**63.
MAX_OFFSET = MAX_ID

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date_only(value: Any) -> Any:
    """Pydantic also reads numbers as Unix timestamps ("0" → 1970-01-01); the API takes ISO dates only."""
    if isinstance(value, date) or value is None:
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise ValueError("use an ISO date, YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date_only)]
RowId = Annotated[int, Field(ge=1, le=MAX_ID)]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]

#: Text values must not contain NUL: PostgreSQL cannot store it, and it is never meaningful in a name or note.
NO_NUL = r"^[^\x00]*$"
Text = Annotated[str, StringConstraints(pattern=NO_NUL)]
