"""Glue shared by the API and the CLI: one call per export format, and the public base URL."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from exporters.csv_xlsx import write_csv, write_xlsx
from exporters.ical import write_ical
from exporters.json_export import write_json
from exporters.mapping import load_mapping
from exporters.rows import ExportRow
from store.repository import ItemFilter

FORMATS = ("csv", "xlsx", "ics", "json")


@dataclass(frozen=True)
class Rendered:
    body: bytes
    media_type: str
    extension: str


MEDIA = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ics": "text/calendar; charset=utf-8",
    "json": "application/json",
    "pdf": "application/pdf",
}


def base_url(settings: Any) -> str:
    """Where links in exports point: NIRDESH_PUBLIC_URL, else the configured host and port."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = settings.host if settings.host not in ("0.0.0.0", "::", "") else "127.0.0.1"
    return f"http://{host}:{settings.port}"


def render(
    fmt: str,
    rows: list[ExportRow],
    f: ItemFilter,
    *,
    settings: Any,
    per_meeting: bool = False,
    events: bool = False,
    calendar_name: str = "Nirdesh",
) -> Rendered:
    """Bytes of ``rows`` in ``fmt`` (ValueError for an unknown format or a bad mapping file)."""
    if fmt == "csv":
        body = write_csv(rows, load_mapping(settings.tracker_mapping))
    elif fmt == "xlsx":
        body = write_xlsx(rows, per_meeting=per_meeting)
    elif fmt == "ics":
        body = write_ical(rows, name=calendar_name, events=events)
    elif fmt == "json":
        body = write_json(rows, f)
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {list(FORMATS)}")
    return Rendered(body, MEDIA[fmt], fmt)


def filename(stem: str, ext: str, today: date) -> str:
    return f"{stem}-{today.isoformat()}.{ext}"
