"""The scorecard rollup (migration 0018, kept by triggers) gives exactly the old aggregates' answer.

Random stores on every backend: after inserts (linked by alias), links and unlinks (by hand and Core),
closes and reopens (the flush hook, a reported closing date, Core edits of the closing figures),
status and review changes (ORM and Core), due-date edits, deletes and cascades (items, documents,
offices), ``scorecards``/``scorecard`` (the rollup) must equal ``scorecards_scan``/``scorecard_scan``
(SQL aggregates over every link) for several ``today``s.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.contract import Extraction
from core.states import ItemStatus, ReviewState
from store.db import Database
from store.models import ActionItem, Document, ItemOffice, Office
from store.offices import (
    assign_item,
    create_office,
    scorecard,
    scorecard_scan,
    scorecards,
    scorecards_scan,
    set_closed_on,
    unassign_item,
)
from store.repository import create_document, save_extraction
from store.scorecard_rollup import histogram_median
from tests.helpers.migrations import run_alembic

BASE = date(2026, 11, 1)
TODAYS = (date(2025, 1, 1), BASE, BASE + timedelta(days=17), BASE + timedelta(days=45), date(2028, 1, 1))
DESIGNATIONS = ("खंड विकास अधिकारी", "तहसीलदार", "सचिव", "अधिशासी अभियंता")


def _assert_equal(db: Database, when: str) -> None:
    with db.read() as s:
        ids = list(s.scalars(select(Office.id)))
        for today in TODAYS:
            assert scorecards(s, today) == scorecards_scan(s, today), (when, today)
            for office_id in [*ids, 10_000]:  # and an office that does not exist: all zero
                assert scorecard(s, office_id, today) == scorecard_scan(s, office_id, today), (when, today, office_id)


def _offices(s: Session) -> None:
    for k, designation in enumerate(DESIGNATIONS):
        create_office(s, designation=designation, department=f"विभाग {k % 2}")


def _add_document(s: Session, rnd: random.Random, n: int) -> Document:
    doc = create_document(
        s,
        sha256=f"{rnd.getrandbits(200):064x}"[:64],
        filename="m.txt",
        content_type="text/plain",
        kind="txt",
        size=1,
        stored_path="x",
    )
    doc.meeting_date = BASE - timedelta(days=rnd.randint(0, 40))
    items = [
        {
            "id": f"ai-{i}",
            "text": f"कार्य {i}",
            "responsible": [{"name": None, "designation": d} for d in rnd.sample(DESIGNATIONS, rnd.randint(0, 2))],
            "confidence": 0.9,
        }
        for i in range(n)
    ]
    extraction = Extraction.from_json({"meeting": {}, "action_items": items, "pages": [], "extractor_version": "t"})
    saved = save_extraction(s, doc, extraction)
    for item in saved:
        item.due_date = _due(rnd)
        item.review_state = rnd.choice([ReviewState.CONFIRMED, ReviewState.CONFIRMED, ReviewState.PROPOSED])
    s.flush()
    for item in rnd.sample(saved, n // 3):
        item.status = rnd.choice(list(ItemStatus))  # done: the hook closes its links today
    return doc


def _due(rnd: random.Random) -> date | None:
    return BASE + timedelta(days=rnd.randint(-30, 60)) if rnd.random() < 0.8 else None


def _items(s: Session) -> list[ActionItem]:
    return list(s.scalars(select(ActionItem).order_by(ActionItem.id)))


def _links(s: Session) -> list[tuple[int, int]]:
    return [(i, o) for i, o in s.execute(select(ItemOffice.item_id, ItemOffice.office_id).order_by("item_id"))]


def _orm_edits(s: Session, rnd: random.Random) -> None:
    for item in rnd.sample(_items(s), 8):
        choice = rnd.randrange(4)
        if choice == 0:
            item.status = rnd.choice(list(ItemStatus))  # closes or reopens the links
        elif choice == 1:
            item.review_state = rnd.choice(list(ReviewState))
        elif choice == 2:
            item.due_date = _due(rnd)
        else:
            item.responsible = [{"name": None, "designation": rnd.choice(DESIGNATIONS)}]  # links by alias


def _core_edits(s: Session, rnd: random.Random) -> None:
    ids = [i.id for i in rnd.sample(_items(s), 12)]
    s.execute(sa.update(ActionItem).where(ActionItem.id.in_(ids[:4])).values(status=rnd.choice(list(ItemStatus))))
    s.execute(sa.update(ActionItem).where(ActionItem.id.in_(ids[4:7])).values(review_state=ReviewState.CONFIRMED))
    s.execute(sa.update(ActionItem).where(ActionItem.id.in_(ids[7:9])).values(due_date=_due(rnd)))
    s.execute(sa.update(ActionItem).where(ActionItem.id == ids[9]).values(due_date=None))
    links = rnd.sample(_links(s), 4)
    closed = BASE + timedelta(days=rnd.randint(-10, 50))
    for item_id, office_id in links[:2]:  # closing figures written directly
        s.execute(
            sa.update(ItemOffice)
            .where(ItemOffice.item_id == item_id, ItemOffice.office_id == office_id)
            .values(closed_on=closed, days_to_close=rnd.randint(0, 9))
        )
    s.execute(
        sa.update(ItemOffice)
        .where(ItemOffice.item_id == links[2][0], ItemOffice.office_id == links[2][1])
        .values(closed_on=None, days_to_close=None)
    )
    set_closed_on(s, links[3][0], closed)


def _links_and_unlinks(s: Session, rnd: random.Random) -> None:
    offices = list(s.scalars(select(Office).order_by(Office.id)))
    for item in rnd.sample(_items(s), 5):
        assign_item(s, rnd.choice(offices), item)
    for item_id, office_id in rnd.sample(_links(s), 3):
        unassign_item(s, office_id, item_id)
    item_id, office_id = rnd.choice(_links(s))
    s.execute(sa.delete(ItemOffice).where(ItemOffice.item_id == item_id, ItemOffice.office_id == office_id))
    free = [i.id for i in _items(s) if (i.id, offices[0].id) not in set(_links(s))]
    s.execute(
        sa.insert(ItemOffice),
        [{"item_id": i, "office_id": offices[0].id, "source": "manual", "assigned_on": BASE} for i in free[:2]],
    )
    moved = rnd.choice(_links(s))  # a link moved to another office
    target = next((o.id for o in offices if (moved[0], o.id) not in set(_links(s))), None)
    if target is not None:
        s.execute(
            sa.update(ItemOffice)
            .where(ItemOffice.item_id == moved[0], ItemOffice.office_id == moved[1])
            .values(office_id=target)
        )


def _deletes(s: Session, rnd: random.Random) -> None:
    for item in rnd.sample(_items(s), 3):
        s.delete(item)
    s.flush()
    s.execute(sa.delete(ActionItem).where(ActionItem.id == rnd.choice(_items(s)).id))
    docs = list(s.scalars(select(Document).order_by(Document.id)))
    s.delete(rnd.choice(docs))  # items and their links go by cascade
    s.flush()


def _office_delete(s: Session, rnd: random.Random) -> None:
    office = rnd.choice(list(s.scalars(select(Office).order_by(Office.id))))
    s.execute(sa.delete(Office).where(Office.id == office.id))  # its links go by cascade
    create_office(s, designation=office.designation)  # registered again: links the matching items


STEPS: list[tuple[str, Callable[[Session, random.Random], Any]]] = [
    ("orm edits", _orm_edits),
    ("core edits", _core_edits),
    ("links and unlinks", _links_and_unlinks),
    ("new document", lambda s, rnd: _add_document(s, rnd, rnd.randint(3, 12))),
    ("deletes", _deletes),
]


@pytest.mark.parametrize("seed", [1, 2])
def test_rollup_scorecards_equal_the_aggregates_after_every_kind_of_write(db: Database, seed: int) -> None:
    rnd = random.Random(seed)
    with db.session() as s:
        _offices(s)
        for _ in range(5):
            _add_document(s, rnd, 20)
    _assert_equal(db, "seeded")
    with db.read() as s:
        cards = scorecards_scan(s, TODAYS[2])
    assert sum(c.assigned for c in cards) > 40 and sum(c.overdue for c in cards) > 0  # a store worth comparing
    assert any(c.median_days_to_close is not None for c in cards)
    for round_ in range(3):
        for name, step in STEPS:
            with db.session() as s:
                step(s, rnd)
            _assert_equal(db, f"round {round_}: {name}")
    with db.session() as s:
        _office_delete(s, rnd)
    _assert_equal(db, "an office deleted and registered again")


def test_rollup_is_not_left_behind_by_a_rolled_back_write(db: Database) -> None:
    rnd = random.Random(3)
    with db.session() as s:
        _offices(s)
        _add_document(s, rnd, 15)
    with pytest.raises(RuntimeError), db.session() as s:
        _add_document(s, rnd, 5)
        s.execute(sa.update(ActionItem).values(status=ItemStatus.OPEN, review_state=ReviewState.CONFIRMED))
        s.execute(sa.update(ItemOffice).values(closed_on=BASE, days_to_close=3))
        s.flush()
        raise RuntimeError("abort")
    _assert_equal(db, "after a rollback")


def test_the_migration_fills_the_rollup_of_an_existing_store(db: Database) -> None:
    rnd = random.Random(4)
    with db.session() as s:
        _offices(s)
        for _ in range(4):
            _add_document(s, rnd, 25)
    run_alembic(db.engine, command.downgrade, "0017_workload_rollup")
    with db.engine.connect() as conn:
        assert "scorecard_rollup" not in sa.inspect(conn).get_table_names()
    with db.session() as s:  # written with no rollup in place
        _core_edits(s, rnd)
    run_alembic(db.engine, command.upgrade, "heads")
    with db.read() as s:
        assert (s.scalar(select(sa.func.count()).select_from(sa.table("scorecard_rollup"))) or 0) > 0
    _assert_equal(db, "after the migration")
    with db.session() as s:
        _orm_edits(s, rnd)
    _assert_equal(db, "after the migration and edits")


def test_a_truncate_empties_the_rollup(db: Database) -> None:
    """PostgreSQL has TRUNCATE (row triggers do not see it: a statement trigger rebuilds the rollup);
    SQLite's DELETE without WHERE runs the row triggers like any delete."""
    rnd = random.Random(5)
    with db.session() as s:
        _offices(s)
        _add_document(s, rnd, 20)
    postgres = db.engine.dialect.name == "postgresql"
    with db.session() as s:
        s.execute(sa.text("TRUNCATE item_offices") if postgres else sa.delete(ItemOffice))
    with db.read() as s:
        assert all(c.assigned == 0 for c in scorecards(s, BASE))
        assert not s.scalar(sa.text("SELECT count(*) FROM scorecard_rollup WHERE n <> 0"))
    with db.session() as s:
        _add_document(s, rnd, 10)
    _assert_equal(db, "after a truncate and a new document")
    with db.session() as s:
        s.execute(sa.text("TRUNCATE documents CASCADE") if postgres else sa.delete(Document))
    with db.read() as s:
        assert not s.scalar(sa.text("SELECT count(*) FROM scorecard_rollup WHERE n <> 0"))


@pytest.mark.parametrize(
    ("counts", "median"),
    [
        ({}, None),
        ({5: 1}, 5.0),
        ({3: 1, 9: 1}, 6.0),
        ({1: 2, 4: 1}, 1.0),
        ({0: 1, 2: 2, 7: 1}, 2.0),
        ({1: 3, 8: 3}, 4.5),
    ],
)
def test_histogram_median(counts: dict[int, int], median: float | None) -> None:
    assert histogram_median(counts) == median
