"""Per-officer and per-department workload: open and overdue counts, days pending and overdue."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.states import CLOSED_STATUSES
from store.models import ActionItem, Document
from store.review_scope import scope_states

NONE_LABEL = "(unspecified)"


def _summarise(groups: dict[str, list[tuple[int, int | None]]], key: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for name, rows in groups.items():
        pending = [p for p, _ in rows]
        overdue = [o for _, o in rows if o is not None]
        out.append(
            {
                key: name,
                "open": len(rows),
                "overdue": len(overdue),
                "mean_days_pending": round(sum(pending) / len(pending), 1) if pending else None,
                "max_days_pending": max(pending) if pending else None,
                "mean_days_overdue": round(sum(overdue) / len(overdue), 1) if overdue else None,
            }
        )
    out.sort(key=lambda r: (-int(r["overdue"]), -int(r["open"]), r[key]))
    return out


def workload(session: Session, *, today: date, review: str = "confirmed") -> dict[str, Any]:
    """Open items (not done/dropped) of the review scope ``review`` (confirmed by default, ``all`` adds
    proposed ones, never rejected) grouped by responsible designation and department.

    Days pending count from the meeting date (or the upload date when the meeting date is unknown).
    """
    stmt = (
        select(
            ActionItem.responsible,
            ActionItem.due_date,
            Document.meeting_date,
            Document.created_at,
            Document.department,
        )
        .join(ActionItem.document)
        .where(ActionItem.status.not_in(CLOSED_STATUSES), ActionItem.review_state.in_(scope_states(review)))
    )
    by_officer: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    by_dept: dict[str, list[tuple[int, int | None]]] = defaultdict(list)
    for responsible, due, meeting_date, created_at, department in session.execute(stmt):
        start = meeting_date or created_at.date()
        row = (max(0, (today - start).days), (today - due).days if due is not None and due < today else None)
        officers = {(p.get("designation") or p.get("name") or "").strip() for p in responsible or []} - {""}
        for officer in officers or {NONE_LABEL}:
            by_officer[officer].append(row)
        by_dept[department or NONE_LABEL].append(row)
    return {
        "as_of": today.isoformat(),
        "review": review,
        "by_officer": _summarise(by_officer, "officer"),
        "by_department": _summarise(by_dept, "department"),
    }
