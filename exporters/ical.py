"""iCalendar (RFC 5545): one VTODO per action item, optionally an all-day VEVENT on the due date too.

* UID is ``nirdesh-item-<id>@<host>``: stable across exports, so a subscribed calendar updates the
  task instead of duplicating it.
* Items without a due date are still exported, as VTODOs without DUE (RFC 5545 allows this; task
  lists show them undated). They get no VEVENT: there is no day to put them on.
* Written as text, line by line (RFC 5545 escaping and folding here; the tests parse the result back
  with the ``icalendar`` library): building its objects took 9-10 s for 10,000 items.
* Calendars that ignore VTODO (many web calendars) can ask for ``events=True``: each dated item then
  also appears as an all-day event on its due date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from exporters.cells import clean
from exporters.csv_xlsx import description
from exporters.rows import ExportRow

STATUS = {"open": "NEEDS-ACTION", "in_progress": "IN-PROCESS", "done": "COMPLETED", "dropped": "CANCELLED"}
PRIORITY = {"high": 1, "normal": 5, "low": 9}  # RFC 5545: 1 highest, 9 lowest


def uid_for(row: ExportRow) -> str:
    host = urlsplit(row.url).hostname or "nirdesh.local"
    return f"nirdesh-item-{row.id}@{host}"


def categories(row: ExportRow) -> list[str]:
    cats = list(row.officers)
    if row.department:
        cats.append(row.department)
    if row.overdue:
        cats.append("अतिदेय / overdue")
    return [clean(c).replace(",", " ") for c in dict.fromkeys(cats)]


# RFC 5545 3.3.11: TEXT escapes backslash, semicolon, comma and line breaks; other controls are not
# allowed. One regex search finds the values that need any of it.
_TEXT_SPECIAL = re.compile("[\\\\;,\x00-\x08\x0a-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_LINE_OCTETS = 75  # RFC 5545 3.1: lines longer than 75 octets are folded (CRLF and one space)


def escape_text(value: str) -> str:
    """A TEXT property value: escaped, CRLF/CR read as a line break, other control characters (and what no
    export can carry: exporters.cells.clean) dropped."""
    if not _TEXT_SPECIAL.search(value):
        return value
    value = clean(_CONTROLS.sub("", value.replace("\r\n", "\n").replace("\r", "\n")))
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> bytes:
    """One content line as UTF-8 with CRLF, folded at 75 octets without splitting a character."""
    b = line.encode("utf-8")
    if len(b) <= _LINE_OCTETS:
        return b + b"\r\n"
    parts, start, limit = [], 0, _LINE_OCTETS
    while len(b) - start > limit:
        cut = start + limit
        while b[cut] & 0xC0 == 0x80:  # a UTF-8 continuation byte: cut before its character
            cut -= 1
        parts.append(b[start:cut])
        start, limit = cut, _LINE_OCTETS - 1  # the leading space counts
    parts.append(b[start:])
    return b"\r\n ".join(parts) + b"\r\n"


def utc_stamp(value: datetime) -> str:
    """DATE-TIME in UTC form (``20260115T093000Z``); a naive value is taken as UTC."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC)
    return value.strftime("%Y%m%dT%H%M%SZ")


def day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _todo(r: ExportRow, stamp: str, cats: str) -> list[str]:
    lines = [
        "BEGIN:VTODO",
        f"UID:{uid_for(r)}",
        f"DTSTAMP:{stamp}",
        f"CREATED:{utc_stamp(r.created_at)}",
        f"LAST-MODIFIED:{utc_stamp(r.updated_at)}",
        f"SUMMARY:{escape_text(r.summary)}",
        f"DESCRIPTION:{escape_text(description(r))}",
    ]
    if r.due_date:
        lines.append(f"DUE;VALUE=DATE:{day(r.due_date)}")
    lines += [f"STATUS:{STATUS.get(r.status, 'NEEDS-ACTION')}", f"PRIORITY:{PRIORITY.get(r.priority, 5)}"]
    if cats:
        lines.append(f"CATEGORIES:{cats}")
    lines.append(f"URL:{r.url}")
    if r.status == "done":
        lines.append(f"COMPLETED:{utc_stamp(r.updated_at)}")
    lines.append("END:VTODO")
    return lines


def _event(r: ExportRow, due: date, stamp: str, cats: str) -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{uid_for(r)}",
        f"DTSTAMP:{stamp}",
        f"SUMMARY:{escape_text(r.summary)}",
        f"DESCRIPTION:{escape_text(description(r))}",
        f"DTSTART;VALUE=DATE:{day(due)}",
        f"DTEND;VALUE=DATE:{day(due + timedelta(days=1))}",
        "TRANSP:TRANSPARENT",
        f"URL:{r.url}",
    ]
    if cats:
        lines.append(f"CATEGORIES:{cats}")
    lines.append("END:VEVENT")
    return lines


def ical_chunks(
    rows: Iterable[ExportRow], *, name: str = "Nirdesh", events: bool = False, now: datetime | None = None
) -> Iterator[bytes]:
    """The calendar as UTF-8 pieces (one per item), written as text: nothing but one item in memory."""
    stamp = utc_stamp(now or datetime.now(UTC))
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Nirdesh//action items//HI",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-PUBLISHED-TTL:PT1H",  # subscribed clients: refresh hourly
    ]
    yield b"".join(fold(line) for line in head)
    for r in rows:
        cats = ",".join(escape_text(c) for c in categories(r))
        lines = _todo(r, stamp, cats)
        if events and r.due_date:
            lines += _event(r, r.due_date, stamp, cats)
        yield b"".join(fold(line) for line in lines)
    yield b"END:VCALENDAR\r\n"


def write_ical(
    rows: Iterable[ExportRow], *, name: str = "Nirdesh", events: bool = False, now: datetime | None = None
) -> bytes:
    return b"".join(ical_chunks(rows, name=name, events=events, now=now))
