"""Reminders per office through the outbox: due in 7 days, overdue, and no report for 30 days.

Each is an ``office.reminder`` event whose key holds the office, the item, the kind and the period, so
it is enqueued once per period (the outbox keys are unique) and the event row is the record:
due soon once per due date, overdue once per ISO week, no report once per 30 days without one.
The dispatcher (exporters.notify) sends them to the webhooks and, by e-mail, to the office's address.
"""

from __future__ import annotations

from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from core.states import CLOSED_STATUSES, ReviewState
from store import outbox
from store.models import ActionItem, ItemOffice, Office, OfficeReport

EVENT = "office.reminder"
DUE_SOON_DAYS = 7
NO_REPORT_DAYS = 30
KIND_HI = {"due_soon": "7 दिन में देय", "overdue": "अतिदेय", "no_report": "30 दिन से कोई आख्या नहीं"}


def _reminders(item: ActionItem, link: ItemOffice, last_report: date | None, today: date) -> list[tuple[str, str]]:
    """(kind, period) of every reminder the item is due for today."""
    out: list[tuple[str, str]] = []
    due = item.due_date
    if due is not None and today <= due <= today + timedelta(days=DUE_SOON_DAYS):
        out.append(("due_soon", due.isoformat()))
    if due is not None and due < today:
        year, week, _ = today.isocalendar()
        out.append(("overdue", f"{year}-W{week:02d}"))
    anchor = last_report or link.assigned_on
    silent = (today - anchor).days
    if silent >= NO_REPORT_DAYS:
        out.append(("no_report", f"{anchor.isoformat()}+{silent // NO_REPORT_DAYS}"))
    return out


def sweep(session: Session, today: date) -> int:
    """Enqueue the office reminders due today; returns how many were new."""
    last = (
        select(OfficeReport.item_id, OfficeReport.office_id, func.max(OfficeReport.report_date).label("last"))
        .group_by(OfficeReport.item_id, OfficeReport.office_id)
        .subquery()
    )
    rows = session.execute(
        select(ActionItem, ItemOffice, Office, last.c.last)
        .join(ItemOffice, ItemOffice.item_id == ActionItem.id)
        .join(Office, Office.id == ItemOffice.office_id)
        .outerjoin(last, (last.c.item_id == ItemOffice.item_id) & (last.c.office_id == ItemOffice.office_id))
        .where(ActionItem.review_state == ReviewState.CONFIRMED, ActionItem.status.not_in(CLOSED_STATUSES))
    ).all()
    conn = session.connection()
    new = 0
    for item, link, office, last_report in rows:
        for kind, period in _reminders(item, link, last_report, today):
            payload: dict[str, Any] = {
                **outbox.item_snapshot(item),
                "kind": kind,
                "office_id": office.id,
                "office": office.designation,
                "email": office.email,
                "date": today.isoformat(),
            }
            key = f"{EVENT}:{kind}:{office.id}:{item.id}:{period}"
            new += outbox.insert_event(conn, key, EVENT, item.id, payload)
    return new


def reminder_message(payload: dict[str, Any], sender: str, url: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = payload["email"]
    kind = KIND_HI.get(payload["kind"], payload["kind"])
    msg["Subject"] = f"निर्देश: {payload['office']} — {kind} (कार्य-बिंदु {payload['id']})"
    lines = [
        f"{payload['office']},",
        "",
        f"कार्य-बिंदु: {payload['text']}",
        f"देय तिथि: {payload.get('due_date') or '—'}",
        f"स्मरण: {kind} ({payload['date']})",
        "कृपया कृत कार्यवाही की आख्या भेजें।",
        url,
    ]
    msg.set_content("\n".join(lines))
    return msg
