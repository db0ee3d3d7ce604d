"""Per-officer and per-department workload: open and overdue counts, days pending and overdue.

``workload`` reads the rollup of migration 0017 (``store.workload``): thousands of rows, not every open
item. ``workload_scan`` is the reference it must equal (the tests compare them after every kind of
write): GROUP BY over the open items, no item held in Python. The responsible
officers are the normalised rows of ``item_responsibles`` (kept in step with the JSON list by
``store.responsibles``), joined by their primary key and grouped by their folded key: a plain GROUP BY,
no JSON parsed.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, Subquery, and_, case, cast, func, literal, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.types import Date, Integer

from core.states import CLOSED_STATUSES
from store.models import ActionItem, Document, ItemResponsible
from store.officer_labels import officer_labels
from store.review_scope import scope_states
from store.workload import NONE_LABEL, ordered
from store.workload import workload as rollup_workload

__all__ = ["NONE_LABEL", "workload", "workload_scan"]


def _days_since(dialect: str, today: date, start: Any) -> ColumnElement[int]:
    """Whole days from the date ``start`` to ``today`` (negative when ``start`` is later)."""
    if dialect == "sqlite":
        return cast(func.julianday(today.isoformat()) - func.julianday(start), Integer)
    return literal(today, Date) - start  # PostgreSQL: date - date is an integer


def _officer(person: Any) -> ColumnElement[Any]:
    """The officer of a responsible row: its folded key (``store.responsibles.folded_key`` of the
    designation, else the name), so one post written ``एस.डी.एम.`` and ``एसडीएम`` is one officer
    (migration 0023); NULL when blank."""
    return func.nullif(person.key, "")


def _open_items(session: Session, today: date, review: str, *extra: Any) -> Select[Any]:
    """SELECT of the open items' figures: item id, department, days pending (from the meeting, else the
    upload day), days overdue (NULL unless the due date has passed); ``extra`` columns added."""
    dialect = session.get_bind().dialect.name
    uploaded = (
        func.date(Document.created_at) if dialect == "sqlite" else func.date(func.timezone("UTC", Document.created_at))
    )
    since = _days_since(dialect, today, func.coalesce(Document.meeting_date, uploaded))
    overdue = case(
        (
            and_(ActionItem.due_date.is_not(None), ActionItem.due_date < today),
            _days_since(dialect, today, ActionItem.due_date),
        ),
        else_=None,
    )
    stmt = (
        select(
            ActionItem.id.label("item_id"),
            func.coalesce(func.nullif(Document.department, ""), NONE_LABEL).label("department"),
            case((since > 0, since), else_=0).label("pending"),
            overdue.label("overdue"),
            *extra,
        )
        .join(ActionItem.document)
        .where(ActionItem.status.not_in(CLOSED_STATUSES), ActionItem.review_state.in_(scope_states(review)))
    )
    return stmt


def _summary(session: Session, key: Any, o: Subquery, label: str) -> list[dict[str, Any]]:
    """Counts and day figures of the rows of ``o`` (one per item, or per item and officer) by ``key``."""
    stmt = select(
        key.label("name"),
        func.count(),
        func.count(o.c.overdue),
        func.avg(o.c.pending),
        func.max(o.c.pending),
        func.avg(o.c.overdue),
    ).group_by(key)
    return [
        {
            label: name,
            "open": n,
            "overdue": n_overdue,
            "mean_days_pending": round(float(mean_pending), 1) if mean_pending is not None else None,
            "max_days_pending": int(max_pending) if max_pending is not None else None,
            "mean_days_overdue": round(float(mean_overdue), 1) if mean_overdue is not None else None,
        }
        for name, n, n_overdue, mean_pending, max_pending, mean_overdue in session.execute(stmt.select_from(o))
    ]


def workload(session: Session, *, today: date, review: str = "confirmed") -> dict[str, Any]:
    """``workload_scan``'s figures, read from the rollup kept by the database's triggers."""
    return with_officer_labels(session, rollup_workload(session, today=today, review=review))


def with_officer_labels(session: Session, figures: dict[str, Any]) -> dict[str, Any]:
    """Each officer row gains ``officer_label``, the post as written (``store.officer_labels``); the
    row's ``officer`` stays the key that ``responsible=`` matches."""
    rows = figures["by_officer"]
    labels = officer_labels(session, (r["officer"] for r in rows if r["officer"] != NONE_LABEL))
    for row in rows:
        row["officer_label"] = labels.get(row["officer"], row["officer"])
    return figures


def workload_scan(session: Session, *, today: date, review: str = "confirmed") -> dict[str, Any]:
    """Open items (not done/dropped) of the review scope ``review`` (confirmed by default, ``all`` adds
    proposed ones, never rejected) grouped by responsible officer (the folded key of the designation,
    else the name) and department.

    Days pending count from the meeting date (or the upload date when the meeting date is unknown).
    An item names each of its officers once; an item with none counts under ``NONE_LABEL``. Three
    single passes: per department, per (item, officer) pair, and the items that name no officer.
    """
    person = aliased(ItemResponsible, name="person")
    officer = _officer(person)
    items = _open_items(session, today, review).subquery("open_items")
    pairs = (
        _open_items(session, today, review, officer.label("officer"))
        .join(person, person.item_id == ActionItem.id)
        .where(officer.is_not(None))
        .distinct()
        .subquery("pairs")
    )
    other = aliased(ItemResponsible, name="other")
    names_someone = select(literal(1)).where(other.item_id == ActionItem.id, _officer(other).is_not(None)).exists()
    unnamed = _open_items(session, today, review).where(~names_someone).subquery("unnamed")
    by_officer = _summary(session, pairs.c.officer, pairs, "officer")
    by_officer += _summary(session, literal(NONE_LABEL), unnamed, "officer")
    figures = {
        "as_of": today.isoformat(),
        "review": review,
        "by_officer": ordered(by_officer, "officer"),
        "by_department": ordered(_summary(session, items.c.department, items, "department"), "department"),
    }
    return with_officer_labels(session, figures)
