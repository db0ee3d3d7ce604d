"""One flat, format-neutral row per action item: what every export writer starts from."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.types import NullType

from store.models import ActionItem
from store.repository import EXPORT_COLUMNS, ItemFilter, _filtered, _order, overdue_on
from store.review_scope import gate
from store.views import ItemView


def person_label(p: dict[str, Any] | None) -> str:
    """ "designation (name)", or whichever of the two is known."""
    if not p:
        return ""
    name, designation = (p.get("name") or "").strip(), (p.get("designation") or "").strip()
    if name and designation:
        return f"{designation} ({name})"
    return designation or name


def officer_keys(responsible: list[dict[str, Any]] | None) -> list[str]:
    """The officers an item is addressed to: designation, else name (as the stats use them)."""
    keys = [((p.get("designation") or p.get("name") or "").strip()) for p in responsible or []]
    return list(dict.fromkeys(k for k in keys if k))


@dataclass(frozen=True)
class ExportRow:
    id: int
    document_id: int
    seq: int
    text: str
    action: str | None
    issued_by: str
    responsible: list[dict[str, Any]]
    officers: list[str]
    department: str | None
    meeting_date: date | None
    meeting_title: str | None
    source: str
    deadline_text: str | None
    due_date: date | None
    due_date_source: str
    recurrence: str | None
    status: str
    priority: str
    assignee: str | None
    note: str | None
    review_state: str
    overdue: bool
    confidence: float | None
    created_at: datetime
    updated_at: datetime
    url: str

    @property
    def responsible_text(self) -> str:
        return "; ".join(x for x in (person_label(p) for p in self.responsible) if x)

    @property
    def summary(self) -> str:
        """A one-line title: the action (or the sentence), cut at 200 characters."""
        s = " ".join((self.action or self.text).split())
        return s if len(s) <= 200 else s[:199] + "…"


def item_url(base_url: str, document_id: int, item_id: int) -> str:
    """A link back to the item: the document view in the web UI, which lists the item."""
    return f"{base_url.rstrip('/')}/#/documents/{document_id}?item={item_id}"


def to_row(v: ItemView, base_url: str) -> ExportRow:
    """The export row of an item's read model (the API's item JSON comes from the same one)."""
    responsible = [p.to_json() for p in v.responsible]
    return ExportRow(
        id=v.id,
        document_id=v.document_id,
        seq=v.seq,
        text=v.text,
        action=v.action,
        issued_by=person_label(v.issued_by.to_json() if v.issued_by else None),
        responsible=responsible,
        officers=officer_keys(responsible),
        department=v.department,
        meeting_date=v.meeting_date,
        meeting_title=v.meeting_title,
        source=v.document_filename,
        deadline_text=v.deadline.text if v.deadline else None,
        due_date=v.due_date,
        due_date_source=v.due_date_source,
        recurrence=v.recurrence,
        status=v.status,
        priority=v.priority,
        assignee=v.assignee,
        note=v.note,
        review_state=v.review_state,
        overdue=v.overdue,
        confidence=v.confidence,
        created_at=v.created_at,
        updated_at=v.updated_at,
        url=item_url(base_url, v.document_id, v.id),
    )


def iter_rows(
    session: Session,
    f: ItemFilter,
    *,
    today: date,
    base_url: str,
    sort: str = "due_date",
    max_items: int = 100_000,
) -> Iterator[ExportRow]:
    """Every item matching ``f`` (up to ``max_items``) as export rows, streamed in constant memory.

    ValueError on a bad sort key (raised by the first ``next``).
    """
    for r in raw_rows(session, f, today=today, sort=sort, limit=max_items):
        yield row_of(r, today, base_url)


# EXPORT_COLUMNS as the driver returns them: no SQLAlchemy result processing per value (on SQLite that
# parsed every date and datetime string and every JSON list in Python, a third of an XLSX export's CPU);
# ``row_of`` converts what it uses, in C (``fromisoformat``, ``json.loads``).
_RAW_COLUMNS: list[sa.ColumnElement[Any]] = [
    sa.type_coerce(c, NullType()).label(f"c{n}") for n, c in enumerate(EXPORT_COLUMNS)
]


def raw_rows(
    session: Session, f: ItemFilter, *, today: date, sort: str = "id", limit: int = 100_000, batch: int = 1000
) -> Iterator[Sequence[Any]]:
    """``store.repository.iter_item_rows`` with the driver's own values: on SQLite dates, datetimes and
    JSON are text."""
    stmt = (
        _filtered(sa.select(*_RAW_COLUMNS).select_from(ActionItem).join(ActionItem.document), f, today)
        .order_by(*_order(sort))
        .limit(limit)
        .execution_options(yield_per=batch)
    )
    yield from session.execute(stmt)


def _day(v: Any) -> date | None:
    return date.fromisoformat(v[:10]) if type(v) is str else v


def _moment(v: Any) -> datetime:
    if type(v) is str:
        v = datetime.fromisoformat(v)
    return v.replace(tzinfo=UTC) if v.tzinfo is None else v  # stored as UTC (store.models.UTCDateTime)


def _people(v: Any) -> list[dict[str, Any]]:
    return (json.loads(v) if type(v) is str else v) or []


def row_of(r: Sequence[Any], today: date, base_url: str) -> ExportRow:
    """The export row of one ``store.repository.EXPORT_COLUMNS`` row (typed, or as ``raw_rows`` reads
    it): the same values ``to_row`` makes from the read model (a test holds the two equal), without
    building ORM objects."""
    (
        item_id,
        document_id,
        seq,
        text,
        action,
        issuer_name,
        issuer_designation,
        people,
        deadline_text,
        due_date,
        due_date_source,
        recurrence,
        status,
        priority,
        assignee,
        note,
        review_state,
        confidence,
        created_at,
        updated_at,
        department,
        meeting_date,
        meeting_title,
        filename,
    ) = r
    issuer = None
    if issuer_name is not None or issuer_designation is not None:
        issuer = {"name": issuer_name, "designation": issuer_designation}
    due_date, meeting_date = _day(due_date), _day(meeting_date)
    responsible = [{"name": p.get("name"), "designation": p.get("designation")} for p in _people(people)]
    return ExportRow(
        item_id,
        document_id,
        seq,
        text,
        action,
        person_label(issuer),
        responsible,
        officer_keys(responsible),
        department,
        meeting_date,
        meeting_title,
        filename,
        deadline_text,
        due_date,
        due_date_source,
        recurrence,
        status,
        priority,
        assignee,
        note,
        review_state,
        overdue_on(due_date, status, today),
        confidence,
        _moment(created_at),
        _moment(updated_at),
        item_url(base_url, document_id, item_id),
    )


def load_rows(
    session: Session,
    f: ItemFilter,
    *,
    today: date,
    base_url: str,
    sort: str = "due_date",
    max_items: int = 100_000,
    review: str | None = None,
) -> list[ExportRow]:
    """Every item matching ``f`` (up to ``max_items``) within the review scope ``review`` (see
    store.review_scope.gate: confirmed by default, never rejected), as export rows. ValueError on a bad
    sort key."""
    return list(iter_rows(session, gate(f, review), today=today, base_url=base_url, sort=sort, max_items=max_items))
