"""The reminders outbox: events written in the same transaction as the change that causes them.

``install(sessionmaker)`` adds an ``after_flush`` hook: a new action item enqueues ``item.created``
and a status change enqueues ``item.status_changed``, whichever code path made the change (API
PATCH, review, extraction, re-processing). ``sweep_overdue`` enqueues ``item.overdue`` once per
item and due date. Sending is someone else's job (exporters.notify); this module only records.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Connection, CursorResult, Table, event, insert, inspect, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from store.models import ActionItem, Delivery, OutboxEvent, utcnow
from store.repository import overdue_clause
from store.review_scope import scope_states

ITEM_EVENTS = ("item.created", "item.status_changed", "item.overdue")
DIGEST = "digest"
MAX_ATTEMPTS = 8


def item_snapshot(item: ActionItem) -> dict[str, Any]:
    """The item as the outside world sees it in an event (JSON-ready)."""
    return {
        "id": item.id,
        "document_id": item.document_id,
        "text": item.text,
        "responsible": list(item.responsible or []),
        "due_date": item.due_date.isoformat() if item.due_date else None,
        "status": item.status,
        "priority": item.priority,
        "assignee": item.assignee,
        "review_state": item.review_state,
    }


def insert_event(conn: Connection, key: str, name: str, item_id: int | None, payload: dict[str, Any]) -> bool:
    """Insert an event unless its key exists; True when it was new. Safe under concurrent writers."""
    values = {"event_key": key, "event": name, "item_id": item_id, "payload": payload, "created_at": utcnow()}
    table = cast(Table, OutboxEvent.__table__)
    if conn.dialect.name in ("postgresql", "sqlite"):
        dialect_insert = postgresql.insert if conn.dialect.name == "postgresql" else sqlite.insert
        stmt: Any = dialect_insert(table).values(**values).on_conflict_do_nothing(index_elements=["event_key"])
    else:  # pragma: no cover - other backends: check first (racy, but the unique key still holds)
        if conn.execute(select(table.c.id).where(table.c.event_key == key)).first():
            return False
        stmt = insert(table).values(**values)
    # RETURNING tells whether a row went in (psycopg reports no rowcount for ON CONFLICT inserts here)
    return conn.execute(stmt.returning(table.c.id)).first() is not None


def _after_flush(session: Session, _ctx: Any) -> None:
    pending: list[tuple[str, str, ActionItem, dict[str, Any]]] = []
    for obj in session.new:
        if isinstance(obj, ActionItem):
            pending.append((f"item.created:{obj.id}", "item.created", obj, {}))
    for obj in session.dirty:
        if not isinstance(obj, ActionItem):
            continue
        hist = inspect(obj).attrs.status.history
        if hist and hist.added and hist.deleted and hist.added[0] != hist.deleted[0]:
            key = f"item.status_changed:{obj.id}:{uuid.uuid4().hex[:16]}"
            pending.append((key, "item.status_changed", obj, {"old_status": hist.deleted[0]}))
    if not pending:
        return
    conn = session.connection()
    for key, name, item, extra in pending:
        insert_event(conn, key, name, item.id, {**item_snapshot(item), **extra})


def install(factory: sessionmaker[Session]) -> None:
    """Record item events for every session made by ``factory``."""
    if getattr(factory, "_nirdesh_outbox_hooks", False):  # not event.contains: see store.fts
        return
    event.listen(factory, "after_flush", _after_flush)
    factory._nirdesh_outbox_hooks = True  # type: ignore[attr-defined]


def sweep_overdue(session: Session, today: date, review: str = "confirmed") -> int:
    """Enqueue ``item.overdue`` for open items past their due date; returns how many were new.

    ``review`` is the review scope (store.review_scope): confirmed items by default, ``all`` adds
    proposed ones; rejected items never. The key holds the due date: an item is announced overdue
    once, again only if its date is moved.
    """
    items = session.scalars(
        select(ActionItem).where(overdue_clause(today), ActionItem.review_state.in_(scope_states(review)))
    ).all()
    conn = session.connection()
    new = 0
    for item in items:
        key = f"item.overdue:{item.id}:{item.due_date.isoformat() if item.due_date else ''}"
        payload = {**item_snapshot(item), "days_overdue": (today - item.due_date).days if item.due_date else 0}
        new += insert_event(conn, key, "item.overdue", item.id, payload)
    return new


def unfanned_events(session: Session, limit: int = 500) -> list[OutboxEvent]:
    return list(
        session.scalars(
            select(OutboxEvent).where(OutboxEvent.fanned_out_at.is_(None)).order_by(OutboxEvent.id).limit(limit)
        )
    )


def add_delivery(session: Session, event_row: OutboxEvent, channel: str, target: str, now: datetime) -> None:
    session.add(Delivery(event_id=event_row.id, channel=channel, target=target[:500], next_attempt_at=now))


def due_deliveries(session: Session, now: datetime, limit: int = 100) -> list[Delivery]:
    return list(
        session.scalars(
            select(Delivery)
            .where(Delivery.delivered_at.is_(None), Delivery.failed.is_(False), Delivery.next_attempt_at <= now)
            .order_by(Delivery.next_attempt_at, Delivery.id)
            .limit(limit)
        )
    )


def claim(session: Session, delivery: Delivery, lease: timedelta, now: datetime) -> bool:
    """Take a delivery for ``lease`` so that a second dispatcher (cron next to the server) skips it:
    the conditional update succeeds for one of them only, the other then sees a future retry time."""
    res = cast(
        CursorResult[Any],
        session.execute(
            update(Delivery)
            .where(Delivery.id == delivery.id, Delivery.delivered_at.is_(None), Delivery.next_attempt_at <= now)
            .values(next_attempt_at=now + lease)
            .execution_options(synchronize_session=False)
        ),
    )
    return res.rowcount == 1


def record_result(
    session: Session,
    delivery_id: int,
    error: str | None,
    retry_at: datetime,
    max_attempts: int = MAX_ATTEMPTS,
) -> None:
    """Mark a delivery sent, or count the failed attempt and schedule the retry (or give up)."""
    row = session.get(Delivery, delivery_id)
    if row is None:
        return
    row.attempts += 1
    now = datetime.now(UTC)
    if error is None:
        row.delivered_at = now
        row.last_error = None
        return
    row.last_error = error[:2000]
    if row.attempts >= max_attempts:
        row.failed = True
    row.next_attempt_at = retry_at
