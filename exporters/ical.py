"""iCalendar (RFC 5545): one VTODO per action item, optionally an all-day VEVENT on the due date too.

* UID is ``nirdesh-item-<id>@<host>``: stable across exports, so a subscribed calendar updates the
  task instead of duplicating it.
* Items without a due date are still exported, as VTODOs without DUE (RFC 5545 allows this; task
  lists show them undated). They get no VEVENT: there is no day to put them on.
* Calendars that ignore VTODO (many web calendars) can ask for ``events=True``: each dated item then
  also appears as an all-day event on its due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
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


def write_ical(
    rows: Iterable[ExportRow], *, name: str = "Nirdesh", events: bool = False, now: datetime | None = None
) -> bytes:
    from icalendar import Calendar, Event, Todo

    now = now or datetime.now(UTC)
    cal = Calendar()
    cal.add("prodid", "-//Nirdesh//action items//HI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", clean(name))
    cal.add("x-published-ttl", "PT1H")  # subscribed clients: refresh hourly
    for r in rows:
        todo = Todo()
        todo.add("uid", uid_for(r))
        todo.add("dtstamp", now)
        todo.add("created", r.created_at)
        todo.add("last-modified", r.updated_at)
        summary, text = clean(r.summary), clean(description(r))  # RFC 5545 allows no control characters
        todo.add("summary", summary)
        todo.add("description", text)
        if r.due_date:
            todo.add("due", r.due_date)
        todo.add("status", STATUS.get(r.status, "NEEDS-ACTION"))
        todo.add("priority", PRIORITY.get(r.priority, 5))
        cats = categories(r)
        if cats:
            todo.add("categories", cats)
        todo.add("url", r.url)
        if r.status == "done":
            todo.add("completed", r.updated_at)
        cal.add_component(todo)
        if events and r.due_date:
            ev = Event()
            ev.add("uid", "event-" + uid_for(r))
            ev.add("dtstamp", now)
            ev.add("summary", summary)
            ev.add("description", text)
            ev.add("dtstart", r.due_date)
            ev.add("dtend", r.due_date + timedelta(days=1))
            ev.add("transp", "TRANSPARENT")
            ev.add("url", r.url)
            if cats:
                ev.add("categories", cats)
            cal.add_component(ev)
    return cal.to_ical()
