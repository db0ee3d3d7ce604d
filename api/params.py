"""Bounds for request values that reach the database, so out-of-range input is a 422, never a 500."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from fastapi import Path
from pydantic import AfterValidator, BeforeValidator, Field

from ingest.text import control_error

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
PageNo = Annotated[int, Path(ge=1, le=MAX_ID, description="page number, from 1")]

#: Text values hold no control characters but tab and newline: PostgreSQL cannot store NUL, spreadsheets and
#: calendars cannot hold the others, and none is meaningful in a name, note or query.
NO_CONTROLS = r"^[^\x00-\x08\x0b-\x1f\x7f-\x9f]*$"


def _no_controls(value: str) -> str:
    message = control_error(value)
    if message:
        raise ValueError(message)
    return value


Text = Annotated[str, AfterValidator(_no_controls), Field(json_schema_extra={"pattern": NO_CONTROLS})]

NO_LINE_BREAKS = r"^[^\x00-\x1f\x7f-\x9f]*$"


def _one_line(value: str) -> str:
    value = _no_controls(value)
    if "\n" in value or "\t" in value:
        raise ValueError("line breaks and tabs are not allowed here")
    return value


#: Text on one line (a name in a path or a header): no control characters at all.
Line = Annotated[str, AfterValidator(_one_line), Field(json_schema_extra={"pattern": NO_LINE_BREAKS})]
