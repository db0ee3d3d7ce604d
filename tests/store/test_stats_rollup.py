"""The workload rollup (migration 0017, kept by triggers) gives exactly the GROUP BY's answer.

Random stores on every backend: after inserts, edits, status and review changes, responsible edits
(ORM and Core), document edits, moves, deletes and cascades, ``workload`` (the rollup) must equal
``workload_scan`` (the GROUP BY over the open items) for several ``today``s and both review scopes.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy import select
from sqlalchemy.orm import Session

from core.contract import Extraction
from core.states import ItemStatus, ReviewState
from store.db import Database
from store.models import ActionItem, Document, ItemResponsible
from store.repository import create_document, save_extraction
from store.stats import workload, workload_scan
from tests.helpers.migrations import run_alembic

TODAYS = (
    date(2025, 12, 1),
    date(2026, 2, 14),
    date(2026, 3, 1),
    date(2026, 3, 17),
    date(2026, 4, 30),
    date(2027, 1, 1),
)
PEOPLE: list[list[dict[str, Any]]] = [
    [{"name": None, "designation": "खंड विकास अधिकारी"}],
    [{"name": None, "designation": "तहसीलदार"}, {"name": "राम सिंह", "designation": None}],
    [{"name": None, "designation": " तहसीलदार "}, {"name": None, "designation": "तहसीलदार"}],
    [{"name": "सीता देवी", "designation": ""}],
    [{"name": "  ", "designation": None}],
    [{"name": None, "designation": "(unspecified)"}],  # an officer spelled like the "nobody" label
    [],
]
DEPARTMENTS = ("ग्राम्य विकास विभाग", "", None, "कृषि विभाग", "(unspecified)")


def _assert_equal(db: Database, when: str) -> None:
    with db.read() as s:
        for today in TODAYS:
            for review in ("all", "confirmed"):
                assert workload(s, today=today, review=review) == workload_scan(s, today=today, review=review), (
                    when,
                    today,
                    review,
                )


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
    doc.created_at = datetime(2026, 2, 1, 22, 0, tzinfo=UTC) + timedelta(hours=rnd.randint(0, 900))
    items = [
        {"id": f"ai-{i}", "text": f"कार्य {i}", "responsible": rnd.choice(PEOPLE), "confidence": 0.9} for i in range(n)
    ]
    department = rnd.choice(DEPARTMENTS)
    extraction = Extraction.from_json(
        {"meeting": {"department": department}, "action_items": items, "pages": [], "extractor_version": "t"}
    )
    for item in save_extraction(s, doc, extraction):
        _randomise(rnd, item)
    doc.meeting_date = date(2026, 1, 1) + timedelta(days=rnd.randint(0, 120)) if rnd.random() < 0.7 else None
    doc.department = department
    return doc


def _randomise(rnd: random.Random, item: ActionItem) -> None:
    item.due_date = date(2026, 3, 1) + timedelta(days=rnd.randint(-60, 60)) if rnd.random() < 0.8 else None
    item.status = rnd.choice(list(ItemStatus))
    item.review_state = rnd.choice(list(ReviewState))


def _items(s: Session) -> list[ActionItem]:
    return list(s.scalars(select(ActionItem).order_by(ActionItem.id)))


def _orm_edits(s: Session, rnd: random.Random) -> None:
    for item in rnd.sample(_items(s), 6):
        choice = rnd.randrange(4)
        if choice == 0:
            item.status = rnd.choice(list(ItemStatus))
        elif choice == 1:
            item.review_state = rnd.choice(list(ReviewState))
        elif choice == 2:
            item.due_date = None if item.due_date else date(2026, 2, 1) + timedelta(days=rnd.randint(0, 60))
        else:
            item.responsible = rnd.choice(PEOPLE)  # the flush hook rewrites item_responsibles


def _core_edits(s: Session, rnd: random.Random) -> None:
    ids = [i.id for i in rnd.sample(_items(s), 10)]
    s.execute(sa.update(ActionItem).where(ActionItem.id.in_(ids[:5])).values(status=rnd.choice(list(ItemStatus))))
    s.execute(sa.update(ActionItem).where(ActionItem.id.in_(ids[5:])).values(review_state=ReviewState.CONFIRMED))
    s.execute(sa.delete(ItemResponsible).where(ItemResponsible.item_id == ids[0]))
    people = [
        {"item_id": ids[1], "position": 90 + k, "key": "x", "search": "x", "designation": "तहसीलदार"} for k in (0, 1)
    ]
    s.execute(sa.insert(ItemResponsible), people)
    s.execute(sa.update(ItemResponsible).where(ItemResponsible.item_id == ids[2]).values(designation="सचिव"))


def _document_edits(s: Session, rnd: random.Random) -> None:
    docs = list(s.scalars(select(Document).order_by(Document.id)))
    doc = rnd.choice(docs)
    doc.department = rnd.choice(DEPARTMENTS)
    doc.meeting_date = None if doc.meeting_date else date(2026, 3, 10)
    other = rnd.choice(docs)
    other.created_at = datetime(2026, 4, 1, 23, 59, tzinfo=UTC)  # a later upload day, where no meeting date
    moved = rnd.choice(_items(s))
    moved.document_id = rnd.choice(docs).id
    s.flush()
    s.execute(sa.update(Document).where(Document.id == docs[0].id).values(department="नया विभाग"))


def _deletes(s: Session, rnd: random.Random) -> None:
    for item in rnd.sample(_items(s), 3):
        s.delete(item)
    s.flush()
    s.execute(sa.delete(ActionItem).where(ActionItem.id == rnd.choice(_items(s)).id))
    docs = list(s.scalars(select(Document).order_by(Document.id)))
    s.delete(rnd.choice(docs))  # items and their responsibles go by cascade
    s.flush()
    s.execute(sa.delete(Document).where(Document.id == rnd.choice(docs[1:]).id))


STEPS: list[tuple[str, Callable[[Session, random.Random], Any]]] = [
    ("orm edits", _orm_edits),
    ("core edits", _core_edits),
    ("document edits", _document_edits),
    ("new document", lambda s, rnd: _add_document(s, rnd, rnd.randint(1, 12))),
    ("deletes", _deletes),
]


@pytest.mark.parametrize("seed", [1, 2])
def test_rollup_equals_the_group_by_after_every_kind_of_write(db: Database, seed: int) -> None:
    rnd = random.Random(seed)
    with db.session() as s:
        for _ in range(5):
            _add_document(s, rnd, 20)
    _assert_equal(db, "seeded")
    for round_ in range(3):
        for name, step in STEPS:
            with db.session() as s:
                step(s, rnd)
            _assert_equal(db, f"round {round_}: {name}")


def test_rollup_is_not_left_behind_by_a_rolled_back_write(db: Database) -> None:
    rnd = random.Random(3)
    with db.session() as s:
        _add_document(s, rnd, 15)
    with pytest.raises(RuntimeError), db.session() as s:
        _add_document(s, rnd, 5)
        s.execute(sa.update(ActionItem).values(status=ItemStatus.OPEN, review_state=ReviewState.CONFIRMED))
        s.flush()
        raise RuntimeError("abort")
    _assert_equal(db, "after a rollback")


def test_the_migration_fills_the_rollup_of_an_existing_store(db: Database) -> None:
    rnd = random.Random(4)
    with db.session() as s:
        for _ in range(4):
            _add_document(s, rnd, 25)
    run_alembic(db.engine, command.downgrade, "0016_change_log")
    with db.engine.connect() as conn:
        assert "workload_rollup" not in sa.inspect(conn).get_table_names()
    run_alembic(db.engine, command.upgrade, "heads")
    with db.read() as s:
        assert (s.scalar(select(sa.func.count()).select_from(sa.table("workload_rollup"))) or 0) > 0
    _assert_equal(db, "after the migration")
    with db.session() as s:
        _orm_edits(s, rnd)
    _assert_equal(db, "after the migration and edits")


def test_a_truncate_empties_the_rollup(db: Database) -> None:
    """PostgreSQL has TRUNCATE (row triggers do not see it: a statement trigger rebuilds the rollup);
    SQLite's DELETE without WHERE runs the row triggers like any delete."""
    rnd = random.Random(5)
    with db.session() as s:
        for _ in range(2):
            _add_document(s, rnd, 10)
    with db.session() as s:
        if s.get_bind().dialect.name == "postgresql":
            s.execute(sa.text("TRUNCATE documents CASCADE"))
        else:
            s.execute(sa.delete(Document))
    with db.read() as s:
        assert workload(s, today=TODAYS[1], review="all")["by_department"] == []
        assert not s.scalar(sa.text("SELECT count(*) FROM workload_rollup_month WHERE n <> 0"))
    with db.session() as s:
        _add_document(s, rnd, 10)
    _assert_equal(db, "after a truncate and a new document")
