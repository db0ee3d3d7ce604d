"""Offices: registration with aliases, linking extracted responsibles to offices, an office's item list
and its scorecard (``scorecard``/``scorecards`` read the rollup of migration 0018, ``store.scorecard_rollup``;
``scorecard_scan``/``scorecards_scan``, SQL aggregates over every link, are the reference).

A responsible person links to an office when the folded form of its designation (else its name)
equals the key of one of the office's aliases (``store.responsibles.folded_key``: words written letter
by letter undotted, so ``एस.डी.एम.``, ``एस0डी0एम0`` and ``एसडीएम`` are one key). ``install`` adds a
session hook that links new items and items whose responsibles changed, and keeps
``item_offices.closed_on`` in step with the item's status, whichever code path made the change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, and_, case, delete, event, func, insert, inspect, select, update
from sqlalchemy.orm import Session, contains_eager, selectinload, sessionmaker

from core.states import CLOSED_STATUSES, ItemStatus, ReviewState
from store.models import ActionItem, Document, ItemOffice, ItemResponsible, Office, OfficeAlias
from store.repository import count_of
from store.responsibles import folded_key
from store.scorecard_rollup import Scorecard, confirmed_links
from store.scorecard_rollup import scorecard as scorecard  # read from the rollup of migration 0018
from store.scorecard_rollup import scorecards as scorecards

MAX_ALIAS = 300


class OfficeError(ValueError):
    """A bad office request (message in Hindi, for the UI)."""


def alias_key(text: str) -> str:
    """The matching key of an alias or a responsible: folded and undotted (``folded_key``), spaces collapsed."""
    return folded_key(text, MAX_ALIAS)


def responsible_keys(responsible: list[dict[str, Any]] | None) -> dict[str, str]:
    """Folded key → the label as written (designation, else name) of each responsible person."""
    out: dict[str, str] = {}
    for person in responsible or []:
        label = ((person.get("designation") or person.get("name") or "") if isinstance(person, dict) else "").strip()
        key = alias_key(label)
        if key and key not in out:
            out[key] = label
    return out


# --- offices -------------------------------------------------------------------------------------------


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def create_office(
    session: Session,
    *,
    designation: str,
    department: str | None = None,
    district: str | None = None,
    email: str | None = None,
    aliases: list[str] | None = None,
) -> Office:
    """Register an office; its designation is always one of its aliases. Links matching items."""
    name = _clean(designation)
    if not name:
        raise OfficeError("कार्यालय का पदनाम आवश्यक है (designation is required)")
    if email and "@" not in email:
        raise OfficeError("ई-मेल पता अमान्य है (invalid e-mail address)")
    office = Office(designation=name, department=_clean(department), district=_clean(district), email=_clean(email))
    session.add(office)
    session.flush()
    add_aliases(session, office, [name, *(aliases or [])])
    return office


def add_aliases(session: Session, office: Office, aliases: list[str]) -> list[str]:
    """Add aliases (duplicates of this office's are ignored; another office's raise) and link items."""
    known = {a.key for a in office.aliases}
    added: list[str] = []
    keys: list[str] = []
    for alias in aliases:
        key = alias_key(alias)
        if not key or key in known:
            continue
        owner = session.scalar(select(OfficeAlias.office_id).where(OfficeAlias.key == key))
        if owner is not None and owner != office.id:
            raise OfficeError(f"'{alias.strip()}' पहले से कार्यालय {owner} का उपनाम है (alias of office {owner})")
        office.aliases.append(OfficeAlias(alias=alias.strip()[:MAX_ALIAS], key=key))
        known.add(key)
        added.append(alias.strip())
        keys.append(key)
    session.flush()
    if added:
        session.execute(update(ItemResponsible).where(ItemResponsible.key.in_(keys)).values(office_id=office.id))
        link_items(session)
    return added


def update_office(session: Session, office: Office, changes: dict[str, str | None]) -> Office:
    """Change designation, department, district or e-mail (keys present in ``changes``); a new designation
    becomes an alias too, as at registration."""
    if "email" in changes and changes["email"] and "@" not in changes["email"]:
        raise OfficeError("ई-मेल पता अमान्य है (invalid e-mail address)")
    if "designation" in changes:
        name = _clean(changes["designation"])
        if not name:
            raise OfficeError("कार्यालय का पदनाम आवश्यक है (designation is required)")
        add_aliases(session, office, [name])
        office.designation = name
    for field in ("department", "district", "email"):
        if field in changes:
            setattr(office, field, _clean(changes[field]))
    session.flush()
    return office


def list_offices(session: Session) -> list[tuple[Office, int]]:
    """Every office with its number of linked items."""
    counts = dict(session.execute(select(ItemOffice.office_id, func.count()).group_by(ItemOffice.office_id)).all())
    offices = session.scalars(select(Office).order_by(Office.department, Office.designation, Office.id)).all()
    return [(o, counts.get(o.id, 0)) for o in offices]


def office_item_count(session: Session, office_id: int) -> int:
    return session.scalar(select(func.count()).select_from(ItemOffice).where(ItemOffice.office_id == office_id)) or 0


def item_office_ids(session: Session, item_id: int) -> list[int]:
    return list(session.scalars(select(ItemOffice.office_id).where(ItemOffice.item_id == item_id)))


# --- linking ---------------------------------------------------------------------------------------------


def _alias_map(conn: Connection | Session) -> dict[str, int]:
    return dict(conn.execute(select(OfficeAlias.key, OfficeAlias.office_id)).all())


def _assigned_on(conn: Connection | Session, document_id: int) -> date:
    meeting = conn.execute(select(Document.meeting_date).where(Document.id == document_id)).scalar()
    return meeting or datetime.now(UTC).date()


def _link(conn: Connection | Session, item_id: int, document_id: int, office_ids: set[int], source: str) -> int:
    have = set(conn.execute(select(ItemOffice.office_id).where(ItemOffice.item_id == item_id)).scalars())
    new = office_ids - have
    if new:
        on = _assigned_on(conn, document_id)
        conn.execute(
            insert(ItemOffice),
            [{"item_id": item_id, "office_id": o, "source": source, "assigned_on": on} for o in sorted(new)],
        )
    return len(new)


def link_items(session: Session, item_ids: list[int] | None = None) -> int:
    """Link items (all not rejected, or ``item_ids``) to the offices their responsibles match: an index
    scan of ``item_responsibles`` rows that name an office, not a read of every item's JSON list."""
    stmt = (
        select(ItemResponsible.item_id, ActionItem.document_id, ItemResponsible.office_id)
        .join(ActionItem, ActionItem.id == ItemResponsible.item_id)
        .where(ItemResponsible.office_id.is_not(None), ActionItem.review_state != ReviewState.REJECTED)
        .where(
            ItemResponsible.item_id.not_in(
                select(ItemOffice.item_id).where(ItemOffice.office_id == ItemResponsible.office_id)
            )
        )
        .order_by(ItemResponsible.item_id)
    )
    if item_ids is not None:
        stmt = stmt.where(ItemResponsible.item_id.in_(item_ids))
    wanted: dict[tuple[int, int], set[int]] = {}
    for item_id, document_id, office_id in session.execute(stmt):
        if office_id is not None:
            wanted.setdefault((item_id, document_id), set()).add(office_id)
    return sum(_link(session, i, d, offices, "alias") for (i, d), offices in wanted.items())


def assign_item(session: Session, office: Office, item: ActionItem) -> bool:
    """Assign one item to an office by hand; False when it already was."""
    return _link(session, item.id, item.document_id, {office.id}, "manual") == 1


def unassign_item(session: Session, office_id: int, item_id: int) -> bool:
    res = session.execute(delete(ItemOffice).where(ItemOffice.office_id == office_id, ItemOffice.item_id == item_id))
    return bool(getattr(res, "rowcount", 0))


@dataclass(frozen=True)
class Unlinked:
    key: str
    label: str
    items: int


def unlinked_responsibles(session: Session, limit: int = 500) -> list[Unlinked]:
    """Responsibles (designation, else name) of items linked to no office, most frequent first."""
    linked = select(ItemOffice.item_id)
    rows = session.execute(
        select(ActionItem.responsible).where(
            ActionItem.review_state != ReviewState.REJECTED, ActionItem.id.not_in(linked)
        )
    ).scalars()
    aliases = _alias_map(session)
    counts: dict[str, list[Any]] = {}
    for responsible in rows:
        for key, label in responsible_keys(responsible).items():
            if key in aliases:
                continue
            counts.setdefault(key, [label, 0])[1] += 1
    ordered = sorted(counts.items(), key=lambda kv: (-kv[1][1], kv[0]))
    return [Unlinked(key=k, label=v[0], items=v[1]) for k, v in ordered[:limit]]


# --- the session hook: link new items, keep closing dates -------------------------------------------------


def _close_links(conn: Connection, item_id: int, closed_on: date | None) -> None:
    rows = conn.execute(
        select(ItemOffice.office_id, ItemOffice.assigned_on, ItemOffice.closed_on).where(ItemOffice.item_id == item_id)
    ).all()
    for office_id, assigned_on, current in rows:
        if closed_on is not None and current is not None:
            continue  # closed already: keep the first closing date
        days = (closed_on - assigned_on).days if closed_on is not None else None
        conn.execute(
            update(ItemOffice)
            .where(ItemOffice.item_id == item_id, ItemOffice.office_id == office_id)
            .values(closed_on=closed_on, days_to_close=None if days is None else max(days, 0))
        )


def set_closed_on(session: Session, item_id: int, closed_on: date) -> None:
    """The item's closing date as reported (an accepted ``done`` report), replacing the hook's day."""
    rows = session.execute(
        select(ItemOffice.office_id, ItemOffice.assigned_on).where(ItemOffice.item_id == item_id)
    ).all()
    for office_id, assigned_on in rows:
        session.execute(
            update(ItemOffice)
            .where(ItemOffice.item_id == item_id, ItemOffice.office_id == office_id)
            .values(closed_on=closed_on, days_to_close=max((closed_on - assigned_on).days, 0))
        )


def _after_flush(session: Session, _ctx: Any) -> None:
    to_link: list[ActionItem] = [o for o in session.new if isinstance(o, ActionItem)]
    status_changes: list[tuple[int, str]] = []
    for obj in session.dirty:
        if not isinstance(obj, ActionItem):
            continue
        state = inspect(obj)
        if state.attrs.responsible.history.has_changes() or state.attrs.review_state.history.has_changes():
            to_link.append(obj)
        hist = state.attrs.status.history
        if hist.added and hist.deleted and hist.added[0] != hist.deleted[0]:
            status_changes.append((obj.id, obj.status))
    if not to_link and not status_changes:
        return
    conn = session.connection()
    aliases = _alias_map(conn) if to_link else {}
    for item in to_link:
        if item.review_state == ReviewState.REJECTED:
            continue
        offices = {aliases[k] for k in responsible_keys(item.responsible) if k in aliases}
        if offices:
            _link(conn, item.id, item.document_id, offices, "alias")
    today = datetime.now(UTC).date()
    for item_id, status in status_changes:
        _close_links(conn, item_id, today if status == ItemStatus.DONE else None)


def install(factory: sessionmaker[Session]) -> None:
    """Link items to offices and keep closing dates for every session made by ``factory``."""
    if getattr(factory, "_nirdesh_office_hooks", False):
        return
    event.listen(factory, "after_flush", _after_flush)
    factory._nirdesh_office_hooks = True  # type: ignore[attr-defined]


# --- an office's items and scorecard ------------------------------------------------------------------------


def office_items(
    session: Session,
    office_id: int,
    *,
    today: date,
    status: list[str] | None = None,
    overdue: bool | None = None,
    limit: int = 50,
    offset: int = 0,
    count_cap: int | None = None,
) -> tuple[list[ActionItem], int]:
    """One page of an office's confirmed items, soonest due first, and their total (counted up to
    ``count_cap + 1`` when a cap is given, as ``store.repository.list_items`` does; without a status
    filter the exact total, read from the scorecard rollup of migration 0018).

    The page walks ``item_offices (office_id, due_date, item_id)`` (the due date is kept there by
    triggers, migration 0013) and stops after one page, not a sort of all the office's items. The
    total without ``status`` sums the office's rollup rows (``confirmed_links``): a probe of the item
    of every link (16,000 at a million items) was 30 ms; with ``status`` it still counts the links."""
    due = ItemOffice.due_date
    conds: list[Any] = [ItemOffice.office_id == office_id, ActionItem.review_state == ReviewState.CONFIRMED]
    if status:
        conds.append(ActionItem.status.in_(status))
    if overdue is not None:
        late = and_(due < today, ActionItem.status.not_in(CLOSED_STATUSES))
        conds.append(late if overdue else ~late)
    ids = select(ItemOffice.item_id).join(ActionItem, ItemOffice.item_id == ActionItem.id).where(*conds)
    total = session.scalar(count_of(ids, count_cap)) if status else confirmed_links(session, office_id, today, overdue)
    order: list[Any]
    if session.get_bind().dialect.name == "sqlite":  # NULLs sort first there: the index leads with "IS NULL"
        order = [due.is_(None), due.asc(), ItemOffice.item_id.desc()]
    else:
        order = [due.asc().nulls_last(), ItemOffice.item_id.desc()]
    rows = session.scalars(
        select(ActionItem)
        .select_from(ItemOffice)
        .join(ActionItem, ItemOffice.item_id == ActionItem.id)
        .join(ActionItem.document)
        .options(contains_eager(ActionItem.document), selectinload(ActionItem.corrections))
        .where(*conds)
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    ).all()
    return list(rows), total or 0


def office_has_item(session: Session, office_id: int, item_id: int) -> bool:
    return (
        session.scalar(
            select(func.count())
            .select_from(ItemOffice)
            .where(ItemOffice.office_id == office_id, ItemOffice.item_id == item_id)
        )
        or 0
    ) > 0


def _score_columns(today: date) -> list[Any]:
    """assigned, closed on time, closed late, overdue, open: SQL aggregates over item_offices ⋈ action_items."""
    closed = ItemOffice.closed_on.is_not(None)
    on_time = and_(closed, (ActionItem.due_date.is_(None)) | (ItemOffice.closed_on <= ActionItem.due_date))
    late = and_(closed, ActionItem.due_date.is_not(None), ItemOffice.closed_on > ActionItem.due_date)
    is_open = ActionItem.status.not_in(CLOSED_STATUSES)
    overdue = and_(is_open, ActionItem.due_date < today)

    def n(cond: Any) -> Any:
        return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)

    return [func.count(), n(on_time), n(late), n(overdue), n(is_open)]


CONFIRMED_LINK = ActionItem.review_state == ReviewState.CONFIRMED


def _card(office_id: int, today: date, row: Any, median: float | None) -> Scorecard:
    assigned, on_time, late, overdue, still_open = (int(x) for x in row) if row is not None else (0, 0, 0, 0, 0)
    return Scorecard(office_id, today, assigned, on_time, late, overdue, still_open, median)


def scorecard_scan(session: Session, office_id: int, today: date) -> Scorecard:
    """Counts over the office's confirmed items, as SQL aggregates over every link; the median by ordered
    offset. The reference ``scorecard`` (the rollup) must equal."""
    conds = (ItemOffice.office_id == office_id, CONFIRMED_LINK)
    row = session.execute(
        select(*_score_columns(today))
        .select_from(ItemOffice)
        .join(ActionItem, ActionItem.id == ItemOffice.item_id)
        .where(*conds)
    ).one()
    days = (
        select(ItemOffice.days_to_close)
        .join(ActionItem, ActionItem.id == ItemOffice.item_id)
        .where(*conds, ItemOffice.days_to_close.is_not(None))
    )
    n_closed = session.scalar(select(func.count()).select_from(days.subquery())) or 0
    median: float | None = None
    if n_closed:
        ordered = days.order_by(ItemOffice.days_to_close)
        mid = [int(d or 0) for d in session.scalars(ordered.limit(2 - n_closed % 2).offset((n_closed - 1) // 2))]
        median = sum(mid) / len(mid)
    return _card(office_id, today, row, median)


def scorecards_scan(session: Session, today: date) -> list[Scorecard]:
    """Every office's scorecard in the order of ``list_offices``: one grouped query over every confirmed
    link for the counts and one pass over the closed items' days for the medians. The reference
    ``scorecards`` (the rollup) must equal."""
    order = list(session.scalars(select(Office.id).order_by(Office.department, Office.designation, Office.id)))
    rows = {
        r[0]: r[1:]
        for r in session.execute(
            select(ItemOffice.office_id, *_score_columns(today))
            .join(ActionItem, ActionItem.id == ItemOffice.item_id)
            .where(CONFIRMED_LINK)
            .group_by(ItemOffice.office_id)
        )
    }
    days: dict[int, list[int]] = {}
    for office_id, d in session.execute(
        select(ItemOffice.office_id, ItemOffice.days_to_close)
        .join(ActionItem, ActionItem.id == ItemOffice.item_id)
        .where(CONFIRMED_LINK, ItemOffice.days_to_close.is_not(None))
    ):
        days.setdefault(office_id, []).append(int(d or 0))
    return [_card(o, today, rows.get(o), _median(days.get(o))) for o in order]


def _median(values: list[int] | None) -> float | None:
    if not values:
        return None
    values.sort()
    mid = len(values) // 2
    return float(values[mid]) if len(values) % 2 else (values[mid - 1] + values[mid]) / 2
