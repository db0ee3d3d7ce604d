"""The workload figures of ``/v1/stats`` read from the rollup of migration 0017 (``workload_rollup``).

The rollup counts the open, proposed or confirmed items by (kind, name, review state, axis, day):
kind ``d`` a department, ``o`` an officer, ``n`` the items that name nobody; axis ``s`` the start day
(meeting date, else upload day), ``d`` the due date. Database triggers keep it exact under every write.
For any ``today`` the figures follow from those counts exactly:

* open = the count on the start axis; days pending of a row = max(today - day, 0), so their mean is
  sum(n * pending) / open and their max the largest pending of a row with n > 0;
* overdue = the count of due-axis rows with day < today, days overdue today - day.

A few thousand rows (groups x distinct days) whatever the number of items.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Date, Integer, String, and_, case, cast, column, func, literal, select, table
from sqlalchemy.orm import Session

from store.review_scope import scope_states

NONE_LABEL = "(unspecified)"
KIND_LABEL = {"d": "department", "o": "officer", "n": "officer"}

rollup = table(
    "workload_rollup",
    column("kind", String),
    column("name", String),
    column("review_state", String),
    column("axis", String),
    column("day", Date),
    column("n", Integer),
)


def _days_to(dialect: str, today: date, day: Any) -> ColumnElement[int]:
    """Whole days from ``day`` to ``today``."""
    if dialect == "sqlite":
        return cast(func.julianday(today.isoformat()) - func.julianday(day), Integer)
    return literal(today, Date) - day


def _figures(rows: Any) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for kind, name, n_open, pending_sum, max_pending, n_overdue, overdue_sum in rows:
        n_open, n_overdue = int(n_open or 0), int(n_overdue or 0)
        if n_open <= 0:
            continue
        out.append(
            (
                kind,
                {
                    KIND_LABEL[kind]: name,
                    "open": n_open,
                    "overdue": n_overdue,
                    "mean_days_pending": round(int(pending_sum) / n_open, 1),
                    "max_days_pending": int(max_pending),
                    "mean_days_overdue": round(int(overdue_sum) / n_overdue, 1) if n_overdue else None,
                },
            )
        )
    return out


def ordered(rows: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
    """Most overdue first, then most open, then by name."""
    return sorted(rows, key=lambda r: (-int(r["overdue"]), -int(r["open"]), r[label]))


def workload(session: Session, *, today: date, review: str = "confirmed") -> dict[str, Any]:
    """``store.stats.workload_scan``'s answer (the same dict) from the rollup."""
    dialect = session.get_bind().dialect.name
    r = rollup.c
    days = _days_to(dialect, today, r.day)
    start, live = r.axis == "s", r.n > 0
    late = and_(r.axis == "d", r.day < today)

    def total(cond: Any, value: Any) -> Any:
        return func.coalesce(func.sum(case((cond, value), else_=0)), 0)

    stmt = (
        select(
            r.kind,
            r.name,
            total(start, r.n),
            total(start, r.n * case((days > 0, days), else_=0)),
            func.max(case((and_(start, live), case((days > 0, days), else_=0)), else_=None)),
            total(late, r.n),
            total(late, r.n * days),
        )
        .where(r.review_state.in_(scope_states(review)))
        .group_by(r.kind, r.name)
    )
    figures = _figures(session.execute(stmt))
    named = [f for kind, f in figures if kind == "o"]
    nobody = [f for kind, f in figures if kind == "n"]
    return {
        "as_of": today.isoformat(),
        "review": review,
        "by_officer": ordered(named + nobody, "officer"),
        "by_department": ordered([f for kind, f in figures if kind == "d"], "department"),
    }
