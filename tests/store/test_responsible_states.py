"""Issue 18, lists within 2x: ``item_responsibles.review_state`` follows the item's review state whatever
writes it (migration 0019), the capped counts of ``responsible=`` with a review filter read it and equal
the counts of the old shape (every people row probing its item), and the office list's total read
from the scorecard rollup equals the count of the links it lists."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import delete, func, insert, select, update

from core.states import ItemStatus, ReviewState
from store.db import Database
from store.items import review_item
from store.models import ActionItem, Document, ItemOffice, ItemResponsible, Office
from store.offices import office_items
from store.repository import ItemFilter, count_items, count_of, list_items, matching_ids, people_rows
from store.responsibles import sync, write_items
from store.review_scope import gate
from store.scorecard_rollup import confirmed_links
from tests.helpers.migrations import engine_at, raw_document

TODAY = date(2026, 6, 1)
STATES = (ReviewState.CONFIRMED, ReviewState.PROPOSED, ReviewState.REJECTED)


def _document(s: Any) -> None:
    s.execute(
        insert(Document),
        [{"id": 1, "sha256": "1" * 64, "filename": "d.txt", "content_type": "text/plain", "kind": "txt",
          "size": 1, "stored_path": "d", "meeting_date": TODAY, "department": "कृषि विभाग",
          "status": "processed"}],
    )  # fmt: skip


def _people(*designations: str) -> list[dict[str, Any]]:
    return [{"name": None, "designation": d} for d in designations]


LISTS = [
    _people("अधिशासी अभियंता", "अधिशासी अभियंता जल निगम"),  # two matching people: the item counts once
    _people("अधिशासी अभियंता"),
    _people("तहसीलदार"),
    _people("अधिशासी अभियंता लोक निर्माण", "तहसीलदार"),
    _people("अधिशासी अभियंता"),
    [],
]


def _fill(s: Any, copies: int = 4) -> None:
    _document(s)
    n = 0
    for _ in range(copies):
        for people in LISTS:
            n += 1
            s.execute(
                insert(ActionItem),
                [{"id": n, "document_id": 1, "seq": n, "text": f"निर्देश {n}", "norm_text": f"निर्देश {n}",
                  "responsible": people, "review_state": STATES[n % 3],
                  "status": ItemStatus.OPEN if n % 4 else ItemStatus.DONE}],
            )  # fmt: skip
    sync(s)  # people rows written outside the ORM, as the bulk loaders do


def _drift(s: Any) -> list[tuple[int, str | None, str]]:
    """People rows whose review state differs from their item's (none, ever)."""
    stmt = (
        select(ItemResponsible.item_id, ItemResponsible.review_state, ActionItem.review_state)
        .join(ActionItem, ActionItem.id == ItemResponsible.item_id)
        .where(ItemResponsible.review_state.is_distinct_from(ActionItem.review_state))
    )
    return [tuple(r) for r in s.execute(stmt)]  # type: ignore[misc]


def test_people_rows_take_the_items_review_state_on_every_write(db: Database) -> None:
    with db.session() as s:
        _fill(s)
        assert s.scalar(select(func.count()).select_from(ItemResponsible)) == 4 * 7
    with db.session() as s:
        assert _drift(s) == []
        item = s.get(ActionItem, 1)
        assert item is not None
        review_item(s, item, "confirm", "t")  # the ORM, as the API's review does
        s.execute(update(ActionItem).where(ActionItem.id.in_([2, 4, 5])).values(review_state="rejected"))  # Core
        s.execute(update(ActionItem).where(ActionItem.id == 7).values(text="नया पाठ"))  # another column only
    with db.session() as s:
        assert _drift(s) == []
        assert set(s.scalars(select(ItemResponsible.review_state).where(ItemResponsible.item_id == 1))) == {"confirmed"}
        item = s.get(ActionItem, 2)
        assert item is not None
        item.responsible = _people("नया अधिकारी", "अधिशासी अभियंता")  # rows rewritten by the flush hook
        write_items(s, [(3, _people("तहसीलदार", "उप जिलाधिकारी"))])  # the bulk writers' path
        review_item(s, s.get(ActionItem, 3), "revert", "t")  # type: ignore[arg-type]
    with db.session() as s:
        assert _drift(s) == []
        s.execute(delete(ActionItem).where(ActionItem.id == 1))  # the rows go with the item (cascade)
        assert s.scalar(select(func.count()).select_from(ItemResponsible).where(ItemResponsible.item_id == 1)) == 0
        assert _drift(s) == []


def _old_people_rows(f: ItemFilter) -> Any:
    """The count's rows before 0019: every people row probes its item for the review filters too."""
    from dataclasses import replace

    from store.repository import _filtered, document_conditions
    from store.responsibles import responsible_rows

    assert f.responsible
    rows = responsible_rows(f.responsible).join(ActionItem, ActionItem.id == ItemResponsible.item_id)
    if document_conditions(f):
        rows = rows.join(ActionItem.document)
    return _filtered(rows, replace(f, responsible=None), TODAY)


FILTERS = [
    ItemFilter(responsible="अधिशासी", tracked=True),
    ItemFilter(responsible="अधिशासी", tracked=False),
    ItemFilter(responsible="अधिशासी", review_state=["proposed"]),
    ItemFilter(responsible="अधिशासी", review_state=[]),  # a scope that excludes every state: nothing
    ItemFilter(responsible="तहसील", tracked=True, status=["open"]),
    ItemFilter(responsible="अधिशासी", review_state=["confirmed"], department="कृषि"),
    gate(ItemFilter(responsible="अभियंता"), "all"),
    gate(ItemFilter(responsible="अभियंता"), "confirmed"),
]


def test_review_filtered_responsible_counts_equal_the_old_shape_under_every_cap(db: Database) -> None:
    with db.session() as s:
        _fill(s)
    with db.session() as s:  # reviews after the people rows were written: the counts follow them
        review_item(s, s.get(ActionItem, 1), "confirm", "t")  # type: ignore[arg-type]  # was proposed
        s.execute(update(ActionItem).where(ActionItem.id == 4).values(review_state=ReviewState.REJECTED))
    with db.session() as s:
        for f in FILTERS:
            new_rows = sorted(s.scalars(people_rows(f, TODAY)))
            assert new_rows == sorted(s.scalars(_old_people_rows(f))), f
            exact = len(set(s.scalars(matching_ids(f, TODAY))))
            assert exact == len(set(new_rows)), f
            assert count_items(s, f, TODAY) == exact, f
            for cap in range(0, 14):
                assert count_items(s, f, TODAY, cap) == min(exact, cap + 1), (f, cap)
            items, total = list_items(s, f, today=TODAY, sort="id", limit=500)
            assert total == len(items) == exact, f
        assert count_items(s, ItemFilter(responsible="अधिशासी", review_state=[]), TODAY) == 0


def test_migration_fills_the_review_state_of_existing_people_rows(db_url: str) -> None:
    engine = engine_at(db_url, "0018_scorecard_rollup")
    with engine.begin() as conn:
        raw_document(conn, "e" * 64, "2026-05-01 00:00:00+00:00")
        for n, state in ((1, "confirmed"), (2, "rejected")):
            conn.execute(
                sa.text(
                    "INSERT INTO action_items (id, document_id, seq, text, norm_text, responsible, "
                    "responsible_search, targets, review_state, status, priority, due_date_source, stale, "
                    "created_at, updated_at) VALUES (:n, 1, :n, 'निर्देश', 'x', '[]', '', '[]', :state, 'open', "
                    "'normal', 'extracted', :f, :now, :now)"
                ),
                {"n": n, "state": state, "f": False, "now": "2026-05-01 00:00:00+00:00"},
            )
            conn.execute(
                sa.text(
                    "INSERT INTO item_responsibles (item_id, position, key, search, designation) "
                    "VALUES (:n, 0, 'तहसीलदार', 'तहसीलदार', 'तहसीलदार')"
                ),
                {"n": n},
            )
    engine.dispose()
    db = Database(db_url)  # migrates to the head
    try:
        with db.session() as s:
            assert dict(s.execute(select(ItemResponsible.item_id, ItemResponsible.review_state)).all()) == {
                1: "confirmed",
                2: "rejected",
            }
            sync(s)  # the vocabulary of rows written the raw way
            assert count_items(s, ItemFilter(responsible="तहसील", tracked=True), TODAY) == 1
    finally:
        db.dispose()


# --- the office list's total from the scorecard rollup --------------------------------------------------

# (office, due in days from today or None, status, review state)
LINKS = [
    (1, -10, ItemStatus.OPEN, ReviewState.CONFIRMED),  # overdue
    (1, -10, ItemStatus.IN_PROGRESS, ReviewState.CONFIRMED),  # overdue
    (1, 0, ItemStatus.OPEN, ReviewState.CONFIRMED),  # due today: not overdue
    (1, 30, ItemStatus.OPEN, ReviewState.CONFIRMED),
    (1, None, ItemStatus.OPEN, ReviewState.CONFIRMED),  # open, no due date: in neither overdue list
    (1, None, ItemStatus.DONE, ReviewState.CONFIRMED),
    (1, -10, ItemStatus.DONE, ReviewState.CONFIRMED),  # closed: not overdue
    (1, -10, ItemStatus.DROPPED, ReviewState.CONFIRMED),
    (1, -10, ItemStatus.OPEN, ReviewState.PROPOSED),  # not listed: unreviewed
    (1, -10, ItemStatus.OPEN, ReviewState.REJECTED),
    (2, 5, ItemStatus.OPEN, ReviewState.CONFIRMED),
    (2, -5, ItemStatus.OPEN, ReviewState.CONFIRMED),
]


def _fill_offices(s: Any) -> None:
    _document(s)
    s.execute(insert(Office), [{"id": i, "designation": f"कार्यालय {i}"} for i in (1, 2, 3)])
    for n, (office, due, status, review) in enumerate(LINKS, start=1):
        s.execute(
            insert(ActionItem),
            [{"id": n, "document_id": 1, "seq": n, "text": f"निर्देश {n}", "norm_text": f"निर्देश {n}",
              "review_state": review, "status": status,
              "due_date": None if due is None else TODAY + timedelta(days=due)}],
        )  # fmt: skip
        s.execute(insert(ItemOffice), [{"item_id": n, "office_id": office, "source": "alias", "assigned_on": TODAY}])


def _scan_count(s: Any, office: int, overdue: bool | None, today: date) -> int:
    """The count of the old shape: every link of the office probing its item (the page's conditions)."""
    from sqlalchemy import and_

    from core.states import CLOSED_STATUSES

    due = ItemOffice.due_date
    conds: list[Any] = [ItemOffice.office_id == office, ActionItem.review_state == ReviewState.CONFIRMED]
    if overdue is not None:
        late = and_(due < today, ActionItem.status.not_in(CLOSED_STATUSES))
        conds.append(late if overdue else ~late)
    ids = select(ItemOffice.item_id).join(ActionItem, ItemOffice.item_id == ActionItem.id).where(*conds)
    return int(s.scalar(count_of(ids)) or 0)


def _check_totals(s: Any) -> None:
    for today in (TODAY, TODAY + timedelta(days=10), TODAY - timedelta(days=20)):
        for office in (1, 2, 3):
            for overdue in (None, True, False):
                expected = _scan_count(s, office, overdue, today)
                assert confirmed_links(s, office, today, overdue) == expected, (office, overdue, today)
                items, total = office_items(s, office, today=today, overdue=overdue, limit=500, count_cap=10_000)
                assert total == len(items) == expected, (office, overdue, today)


def test_office_list_totals_from_the_rollup_equal_the_links_listed(db: Database) -> None:
    with db.session() as s:
        _fill_offices(s)
    with db.session() as s:
        assert [confirmed_links(s, 1, TODAY, o) for o in (None, True, False)] == [8, 2, 5]
        _check_totals(s)
        review_item(s, s.get(ActionItem, 9), "confirm", "t")  # type: ignore[arg-type]
        s.execute(update(ActionItem).where(ActionItem.id == 1).values(status=ItemStatus.DONE))
        s.execute(update(ActionItem).where(ActionItem.id == 4).values(due_date=TODAY - timedelta(days=1)))
        s.execute(update(ActionItem).where(ActionItem.id == 3).values(review_state=ReviewState.REJECTED))
        s.execute(delete(ItemOffice).where(ItemOffice.item_id == 11))
    with db.session() as s:
        _check_totals(s)
        items, total = office_items(s, 1, today=TODAY, status=["open"], limit=500)  # a status: counted links
        assert total == len(items) == 3
