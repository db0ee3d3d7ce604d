"""Audit trail: one row per changed field of an action item (who, when, field, old, new)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from store.models import AuditLog


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, so audit rows hold JSON values."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def record(session: Session, item_id: int, actor: str, field: str, old: Any, new: Any) -> AuditLog | None:
    """Add an audit row if the value really changed; returns it (or None when nothing changed)."""
    old, new = jsonable(old), jsonable(new)
    if old == new:
        return None
    row = AuditLog(item_id=item_id, actor=actor, field=field, old=old, new=new)
    session.add(row)
    return row


def history(session: Session, item_id: int) -> list[AuditLog]:
    return list(session.scalars(select(AuditLog).where(AuditLog.item_id == item_id).order_by(AuditLog.at, AuditLog.id)))
