"""The office scorecards read from the rollup of migration 0018.

``scorecard_rollup`` counts the office links by (office, review state, axis, value): axis ``o`` open
with a due date (value: the due date's day number since 1970-01-01), ``u`` open without one, ``x``
done or dropped, ``t`` closed on time, ``l`` closed late, ``m`` the days to close (value: the days).
Database triggers keep it exact under every write. For any ``today`` the scorecard follows exactly:
assigned = o + u + x, open = o + u, overdue = the ``o`` rows with value < today's day number, and the
median days to close from the ``m`` counts (a histogram per office). The counts are summed in SQL, so
a read is one grouped pass over the office's (or every office's) rollup rows, whatever the number
of items. ``store.offices.scorecards_scan`` is the reference it must equal.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, String, and_, case, column, func, literal_column, or_, select, table
from sqlalchemy.orm import Session

from core.states import ReviewState
from store.models import Office

EPOCH = date(1970, 1, 1)
rollup = table(
    "scorecard_rollup",
    column("office_id", Integer),
    column("review_state", String),
    column("axis", String),
    column("value", Integer),
    column("n", Integer),
)


@dataclass(frozen=True)
class Scorecard:
    office_id: int
    as_of: date
    assigned: int
    closed_on_time: int
    closed_late: int
    overdue: int
    open: int
    median_days_to_close: float | None


@dataclass
class _Tally:
    axes: dict[str, int]  # o (open, not yet due), O (overdue), u, x, t, l
    days: dict[int, int]  # days to close -> count


def histogram_median(counts: dict[int, int]) -> float | None:
    """The median of a multiset given as value -> count (the mean of the two middle values when even)."""
    total = sum(counts.values())
    if total <= 0:
        return None
    wanted = sorted({(total - 1) // 2, total // 2})
    found: list[int] = []
    seen = 0
    for value in sorted(counts):
        seen += counts[value]
        while wanted and wanted[0] < seen:
            found.append(value)
            wanted.pop(0)
        if not wanted:
            break
    middle = found if len(found) == 2 else found * 2
    return (middle[0] + middle[1]) / 2


def _tallies(session: Session, today: date, office_id: int | None) -> dict[int, _Tally]:
    r = rollup.c
    number: Any = literal_column(str(int((today - EPOCH).days)))  # an int, so the GROUP BY repeats it as is
    axis = case(((r.axis == "o") & (r.value < number), "O"), else_=r.axis)
    value = case((r.axis == "m", r.value), else_=0)
    stmt = (
        select(r.office_id, axis, value, func.sum(r.n))
        .where(r.review_state == ReviewState.CONFIRMED, r.n != 0)
        .group_by(r.office_id, axis, value)
    )
    if office_id is not None:
        stmt = stmt.where(r.office_id == office_id)
    out: dict[int, _Tally] = defaultdict(lambda: _Tally(defaultdict(int), {}))
    for office, ax, val, n in session.execute(stmt):
        tally = out[office]
        if ax == "m":
            tally.days[int(val)] = int(n)
        else:
            tally.axes[ax.strip()] += int(n)
    return out


def _card(office_id: int, today: date, tally: _Tally | None) -> Scorecard:
    if tally is None:
        return Scorecard(office_id, today, 0, 0, 0, 0, 0, None)
    a = tally.axes
    still_open = a["o"] + a["O"] + a["u"]
    return Scorecard(
        office_id,
        today,
        assigned=still_open + a["x"],
        closed_on_time=a["t"],
        closed_late=a["l"],
        overdue=a["O"],
        open=still_open,
        median_days_to_close=histogram_median(tally.days),
    )


def scorecard(session: Session, office_id: int, today: date) -> Scorecard:
    """One office's scorecard over its confirmed items (``store.offices.scorecard_scan``'s answer)."""
    return _card(office_id, today, _tallies(session, today, office_id).get(office_id))


def scorecards(session: Session, today: date) -> list[Scorecard]:
    """Every office's scorecard in the order of ``list_offices`` (``scorecards_scan``'s answer)."""
    order = session.scalars(select(Office.id).order_by(Office.department, Office.designation, Office.id))
    tallies = _tallies(session, today, None)
    return [_card(o, today, tallies.get(o)) for o in order]


def confirmed_links(session: Session, office_id: int, today: date, overdue: bool | None = None) -> int:
    """How many items ``store.offices.office_items`` lists for the office without a status filter: its
    links to confirmed items, all of them (``overdue`` None: o + u + x), the overdue ones (``o`` rows
    before today) or the rest (``overdue=False``: the page's ``NOT (due < today AND open)``, which
    holds for closed items and open ones due today or later, not for open ones without a due date).
    A sum over the office's rollup rows (one per due day), not a probe of every link's item."""
    r = rollup.c
    number = int((today - EPOCH).days)
    conds: list[Any] = [r.office_id == office_id, r.review_state == ReviewState.CONFIRMED]
    if overdue is None:
        conds.append(r.axis.in_(("o", "u", "x")))
    elif overdue:
        conds += [r.axis == "o", r.value < number]
    else:
        conds.append(or_(r.axis == "x", and_(r.axis == "o", r.value >= number)))
    return int(session.scalar(select(func.coalesce(func.sum(r.n), 0)).where(*conds)) or 0)
