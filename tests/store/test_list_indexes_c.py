"""Issue 18, part C: ``q=`` through the trigram index keeps the LIKE's meaning, the responsible counts
without DISTINCT equal the exact counts, ``item_offices.due_date`` follows the item whatever writes it,
and migration 0013 backfills both for data stored before it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy import delete, insert, select, update

from core.states import ReviewState
from store.db import Database
from store.items import update_item
from store.models import ActionItem, Document, ItemOffice, Office
from store.offices import assign_item, office_items
from store.repository import ItemFilter, _filtered, count_items, list_items, matching_ids
from store.responsibles import sync
from store.substring import caseless
from tests.helpers.migrations import engine_at, raw_document

TODAY = date(2026, 6, 1)
TEXTS = [
    "हैंडपंपों की मरम्मत 15 दिन में",
    "सभी हैंडपंप चालू रहें",
    "Road survey by PWD",
    "road SURVEY report",
    "ÉCOLE और école दोनों",
    "100% टीकाकरण_लक्ष्य",
    "100 प्रतिशत टीकाकरण",
    'उद्धरण "कोट" वाला',
    "KELVIN \u212a sign",
    "छोटा",
]
NEEDLES = [
    "हैंडपंप",
    "हैंडपंपों",
    "survey",
    "SURVEY",
    "Road",
    "école",
    "ÉCOLE",
    "%",
    "0% ट",
    "_ल",
    '"कोट"',
    "k",
    "kelvin",
    "छो",
    "टीकाकरण",
    "नहीं है",
]


def _document(s: Any, doc_id: int = 1) -> None:
    s.execute(
        insert(Document),
        [{"id": doc_id, "sha256": f"{doc_id:064x}", "filename": "d.txt", "content_type": "text/plain",
          "kind": "txt", "size": 1, "stored_path": "d", "meeting_date": TODAY, "status": "processed"}],
    )  # fmt: skip


def _items(s: Any, texts: list[str], start: int = 1, **extra: Any) -> None:
    s.execute(
        insert(ActionItem),
        [{"id": start + n, "document_id": 1, "seq": start + n, "text": t, "norm_text": t, **extra}
         for n, t in enumerate(texts)],
    )  # fmt: skip


def _like_ids(s: Any, needle: str) -> set[int]:
    """What q= always meant: the plain LIKE/ILIKE of the text, no index."""
    return set(s.scalars(select(ActionItem.id).where(ActionItem.text.icontains(needle, autoescape=True))))


def _q_ids(s: Any, needle: str) -> set[int]:
    items, total = list_items(s, ItemFilter(q=needle), today=TODAY, sort="id", limit=500)
    assert total == len(items)
    return {i.id for i in items}


def test_q_finds_exactly_what_the_plain_like_finds(db: Database) -> None:
    with db.session() as s:
        _document(s)
        _items(s, TEXTS)
    with db.session() as s:
        for needle in NEEDLES:
            assert _q_ids(s, needle) == _like_ids(s, needle), needle
            walked = _filtered(select(ActionItem.id), ItemFilter(q=needle), TODAY, text_index=False)
            assert set(s.scalars(walked)) == _like_ids(s, needle), needle  # a page walking the sort order
        assert _q_ids(s, "हैंडपंप") == {1, 2}
        assert _q_ids(s, "survey") == {3, 4}
        assert _q_ids(s, "%") == {6}  # literal, not a wildcard
        assert _q_ids(s, "नहीं है") == set()


def test_caseless_needles_are_devanagari_digits_and_punctuation_only() -> None:
    assert caseless("हैंडपंपों की 15%")
    assert not caseless("PWD")
    assert not caseless("é")


def test_q_follows_inserts_text_changes_and_deletes(db: Database) -> None:
    with db.session() as s:
        _document(s)
        _items(s, ["नलकूप की जाँच"])
    with db.session() as s:
        assert _q_ids(s, "नलकूप") == {1}
        s.execute(update(ActionItem).where(ActionItem.id == 1).values(text="सड़क की जाँच"))
    with db.session() as s:
        assert _q_ids(s, "नलकूप") == set()
        assert _q_ids(s, "सड़क") == {1}
        item = s.get(ActionItem, 1)
        assert item is not None
        item.text = "पुलिया की मरम्मत"  # an ORM write (a reviewer's correction writes the column)
    with db.session() as s:
        assert _q_ids(s, "पुलिया") == {1}
        assert _q_ids(s, "सड़क") == set()
        s.execute(delete(ActionItem).where(ActionItem.id == 1))
    with db.session() as s:
        assert _q_ids(s, "पुलिया") == set()
        _items(s, ["पुलिया फिर से"], start=2)
    with db.session() as s:
        assert _q_ids(s, "पुलिया") == {2}


def _people(*designations: str) -> list[dict[str, Any]]:
    return [{"name": None, "designation": d} for d in designations]


def test_responsible_counts_equal_the_exact_distinct_counts_under_every_cap(db: Database) -> None:
    # items naming two matching people come twice in the people rows: the cap must still count items
    lists = [
        _people("अधिशासी अभियंता", "अधिशासी अभियंता जल निगम"),
        _people("अधिशासी अभियंता"),
        _people("तहसीलदार"),
        _people("अधिशासी अभियंता लोक निर्माण", "अधिशासी अभियंता"),
        _people("अधिशासी अभियंता"),
    ] * 3
    with db.session() as s:
        _document(s)
        for n, people in enumerate(lists, start=1):
            state = ReviewState.CONFIRMED if n % 2 else ReviewState.PROPOSED
            _items(s, [f"निर्देश {n}"], start=n, responsible=people, review_state=state)
        sync(s)  # rows written outside the ORM get their people rows as the bulk loaders' do
    with db.session() as s:
        for f in (
            ItemFilter(responsible="अधिशासी"),
            ItemFilter(responsible="अधिशासी", tracked=True),
            ItemFilter(responsible="अधिशासी", department="नहीं"),
            ItemFilter(responsible="तहसील", status=["open"]),
        ):
            exact = len(set(s.scalars(matching_ids(f, TODAY))))
            assert count_items(s, f, TODAY) == exact
            for cap in range(0, 16):
                assert count_items(s, f, TODAY, cap) == min(exact, cap + 1), (f, cap)
        assert count_items(s, ItemFilter(responsible="अधिशासी"), TODAY) == 12


def _office_due(s: Any) -> dict[int, date | None]:
    return dict(s.execute(select(ItemOffice.item_id, ItemOffice.due_date)).all())


def _item_due(s: Any) -> dict[int, date | None]:
    linked = select(ItemOffice.item_id)
    return dict(s.execute(select(ActionItem.id, ActionItem.due_date).where(ActionItem.id.in_(linked))).all())


def test_office_due_date_follows_the_item_on_every_write(db: Database) -> None:
    dues = [TODAY + timedelta(days=d) for d in (5, -3, 5, 40)] + [None, None]
    with db.session() as s:
        s.execute(insert(Office), [{"id": 1, "designation": "कार्यालय"}])
        _document(s)
        for n, due in enumerate(dues, start=1):
            _items(s, [f"निर्देश {n}"], start=n, due_date=due, review_state=ReviewState.CONFIRMED)
        s.execute(insert(ItemOffice), [{"item_id": n, "office_id": 1, "assigned_on": TODAY} for n in (1, 2, 3, 4)])
    with db.session() as s:
        assert _office_due(s) == _item_due(s)
        office = s.get(Office, 1)
        item = s.get(ActionItem, 5)
        assert office is not None and item is not None
        assert assign_item(s, office, item)  # linked by hand, through the ORM session
        update_item(s, s.get(ActionItem, 1), {"due_date": "2026-07-30"}, actor="t")  # type: ignore[arg-type]
        s.execute(update(ActionItem).where(ActionItem.id == 2).values(due_date=None))  # a Core write
    with db.session() as s:
        assert _office_due(s) == _item_due(s)
        assert _office_due(s)[1] == date(2026, 7, 30)
        items, total = office_items(s, 1, today=TODAY)
        expected = sorted(
            (i for i in s.scalars(select(ActionItem).where(ActionItem.id.in_(select(ItemOffice.item_id))))),
            key=lambda i: (i.due_date is None, i.due_date or TODAY, -i.id),
        )
        assert [i.id for i in items] == [i.id for i in expected] == [3, 4, 1, 5, 2]
        assert total == 5
        late, n_late = office_items(s, 1, today=TODAY + timedelta(days=10), overdue=True)
        assert ([i.id for i in late], n_late) == ([3], 1)


def test_migration_fills_the_trigram_index_and_office_due_dates(db_url: str) -> None:
    engine = engine_at(db_url, "0012")
    with engine.begin() as conn:
        raw_document(conn, "c" * 64, "2026-05-01 00:00:00+00:00")
        conn.execute(
            sa.text(
                "INSERT INTO action_items (id, document_id, seq, text, norm_text, responsible, responsible_search, "
                "targets, review_state, status, priority, due_date_source, stale, due_date, created_at, updated_at) "
                "VALUES (1, 1, 1, 'हैंडपंपों की मरम्मत', 'x', '[]', '', '[]', 'confirmed', 'open', 'normal', "
                "'extracted', :f, :due, :now, :now)"
            ),
            {"f": False, "due": date(2026, 6, 20), "now": "2026-05-01 00:00:00+00:00"},
        )
        conn.execute(
            sa.text("INSERT INTO offices (id, designation, created_at) VALUES (1, 'कार्यालय', :now)"),
            {"now": "2026-05-01 00:00:00+00:00"},
        )
        conn.execute(
            sa.text("INSERT INTO item_offices (item_id, office_id, source, assigned_on) VALUES (1, 1, 'alias', :d)"),
            {"d": TODAY},
        )
    engine.dispose()
    db = Database(db_url)  # migrates to the head
    try:
        with db.session() as s:
            assert _q_ids(s, "हैंडपंपों") == {1}
            assert _office_due(s) == {1: date(2026, 6, 20)}
    finally:
        db.dispose()
