"""Glue shared by the API and the CLI: one call per export format, and the public base URL."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from exporters.csv_xlsx import csv_chunks, xlsx_into
from exporters.ical import ical_chunks
from exporters.json_export import json_chunks
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


def chunks(
    fmt: str,
    rows: Iterable[ExportRow],
    f: ItemFilter,
    *,
    settings: Any,
    per_meeting: bool = False,
    events: bool = False,
    calendar_name: str = "Nirdesh",
) -> Iterator[bytes]:
    """``rows`` in ``fmt`` as a stream of byte pieces, pulling rows one at a time.

    ValueError for an unknown format or a bad mapping file, raised here, before any row is read.
    """
    if fmt == "csv":
        return csv_chunks(rows, load_mapping(settings.tracker_mapping))
    if fmt == "xlsx":
        return _xlsx_chunks(rows, per_meeting)
    if fmt == "ics":
        return ical_chunks(rows, name=calendar_name, events=events)
    if fmt == "json":
        return json_chunks(rows, f)
    raise ValueError(f"unknown format {fmt!r}; use one of {list(FORMATS)}")


def _xlsx_chunks(rows: Iterable[ExportRow], per_meeting: bool, piece: int = 1 << 16) -> Iterator[bytes]:
    """A zip needs its directory at the end: build the workbook in a temporary file, then stream it."""
    with tempfile.TemporaryFile() as tmp:
        xlsx_into(tmp, rows, per_meeting=per_meeting)
        tmp.seek(0)
        while data := tmp.read(piece):
            yield data


@dataclass
class Counted:
    """Passes rows through and counts them (the CLI reports how many items a stream held)."""

    rows: Iterable[ExportRow]
    n: int = 0

    def __iter__(self) -> Iterator[ExportRow]:
        for r in self.rows:
            self.n += 1
            yield r


def spool(pieces: Iterable[bytes], in_memory: int = 1 << 20) -> tuple[IO[bytes], int]:
    """Write ``pieces`` to a temporary file (in memory up to ``in_memory`` bytes), rewound; and its size.

    The database is read while the file is written, so a slow client never holds a transaction open.
    """
    tmp = tempfile.SpooledTemporaryFile(max_size=in_memory)  # noqa: SIM115 - handed on open, read_pieces closes it
    try:
        for p in pieces:
            tmp.write(p)
    except BaseException:
        tmp.close()
        raise
    size = tmp.tell()
    tmp.seek(0)
    return tmp, size


def read_pieces(file: IO[bytes], piece: int = 1 << 16) -> Iterator[bytes]:
    """The file in pieces; closes it at the end."""
    with file:
        while data := file.read(piece):
            yield data


def render(fmt: str, rows: Iterable[ExportRow], f: ItemFilter, *, settings: Any, **options: Any) -> Rendered:
    """Bytes of ``rows`` in ``fmt``; ``options`` as for :func:`chunks` (ValueError for an unknown format
    or a bad mapping file)."""
    return Rendered(b"".join(chunks(fmt, rows, f, settings=settings, **options)), MEDIA[fmt], fmt)


def filename(stem: str, ext: str, today: date) -> str:
    return f"{stem}-{today.isoformat()}.{ext}"
