"""The workload figures of ``/v1/stats`` read from the rollups of migration 0017.

``workload_rollup`` counts the open, proposed or confirmed items by (kind, name, review state, axis,
day): kind ``d`` a department, ``o`` an officer, ``n`` the items that name nobody; axis ``s`` the start
day (meeting date, else upload day), ``d`` the due date. ``workload_rollup_month`` holds the same
counts by month with the sum of their day numbers (days since 1970-01-01). Database triggers keep both
exact under every write. For any ``today`` (month M) the figures follow exactly:

* open: the start-axis count of every month;
* days pending (max(today - start, 0)): the months before M are wholly in the past, n * today - days;
  the days of M before today come from the day rows; later days add 0; the max is today - the first
  start day with a count (one index probe per group);
* overdue (due < today): the due-axis months before M, plus the day rows of M before today.

So a read is a few thousand month rows, the day rows of one month and a probe per group, whatever
the number of items.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import BigInteger, Date, Integer, String, column, func, select, table
from sqlalchemy.orm import Session

from store.review_scope import scope_states

NONE_LABEL = "(unspecified)"
KIND_LABEL = {"d": "department", "o": "officer", "n": "officer"}
EPOCH = date(1970, 1, 1)

_KEY = (column("kind", String), column("name", String), column("review_state", String), column("axis", String))
by_day = table("workload_rollup", *_KEY, column("day", Date), column("n", Integer))
by_month = table(
    "workload_rollup_month",
    *(column(c.name, c.type) for c in _KEY),
    column("month", Date),
    column("n", Integer),
    column("days", BigInteger),
)


@dataclass
class _Group:
    open: int = 0
    pending: int = 0  # sum of days pending
    overdue: int = 0
    days_overdue: int = 0
    first: date | None = None  # the earliest start day


def _groups(session: Session, today: date, states: tuple[str, ...]) -> dict[tuple[str, str], _Group]:
    month_start, number = today.replace(day=1), (today - EPOCH).days
    groups: dict[tuple[str, str], _Group] = defaultdict(_Group)
    m = by_month.c
    for kind, name, axis, month, n, days in session.execute(
        select(m.kind, m.name, m.axis, m.month, m.n, m.days).where(m.review_state.in_(states), m.n != 0)
    ):
        g = groups[(kind, name)]
        if axis == "s":
            g.open += n
            if month < month_start:
                g.pending += n * number - days
        elif month < month_start:
            g.overdue += n
            g.days_overdue += n * number - days
    d = by_day.c
    for kind, name, axis, day, n in session.execute(
        select(d.kind, d.name, d.axis, d.day, d.n).where(
            d.day >= month_start, d.day < today, d.review_state.in_(states), d.n != 0
        )
    ):
        g = groups[(kind, name)]
        if axis == "s":
            g.pending += n * (today - day).days
        else:
            g.overdue += n
            g.days_overdue += n * (today - day).days
    first = (
        select(d.day)
        .where(d.kind == m.kind, d.name == m.name, d.review_state == m.review_state, d.axis == "s", d.n > 0)
        .order_by(d.day)
        .limit(1)
        .scalar_subquery()
    )
    probe = (
        select(m.kind, m.name, first)
        .where(m.axis == "s", m.review_state.in_(states))
        .group_by(m.kind, m.name, m.review_state)
        .having(func.sum(m.n) > 0)
    )
    for kind, name, day in session.execute(probe):
        g = groups[(kind, name)]
        g.first = day if g.first is None or day < g.first else g.first
    return groups


def _row(kind: str, name: str, g: _Group, today: date) -> dict[str, Any]:
    first = g.first or today
    return {
        KIND_LABEL[kind]: name,
        "open": g.open,
        "overdue": g.overdue,
        "mean_days_pending": round(g.pending / g.open, 1),
        "max_days_pending": max((today - first).days, 0),
        "mean_days_overdue": round(g.days_overdue / g.overdue, 1) if g.overdue else None,
    }


def ordered(rows: list[dict[str, Any]], label: str) -> list[dict[str, Any]]:
    """Most overdue first, then most open, then by name."""
    return sorted(rows, key=lambda r: (-int(r["overdue"]), -int(r["open"]), r[label]))


def workload(session: Session, *, today: date, review: str = "confirmed") -> dict[str, Any]:
    """``store.stats.workload_scan``'s answer (the same dict) from the rollups."""
    groups = _groups(session, today, scope_states(review))
    rows = {
        kind: [_row(kind, name, g, today) for (k, name), g in groups.items() if k == kind and g.open > 0]
        for kind in "don"
    }
    return {
        "as_of": today.isoformat(),
        "review": review,
        "by_officer": ordered(rows["o"] + rows["n"], "officer"),
        "by_department": ordered(rows["d"], "department"),
    }
