"""item_responsibles and the folded issuer key follow the JSON list on every write path; the
responsible/issuer filters read them; the migration backfills them."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import select

from store.db import Database
from store.items import review_item
from store.manual_items import Selection, add_item
from store.models import ActionItem, ItemOffice, ItemResponsible, SearchTerm
from store.offices import create_office
from store.repository import ItemFilter, get_document, list_items
from store.reprocess import reprocess_document
from store.responsibles import folded_key, person_rows, sync
from tests.helpers.builders import extraction_for, store_text
from tests.helpers.migrations import engine_at, raw_document

TODAY = date(2025, 10, 15)
TEXT = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी 2025-09-30 तक सर्वे पूरा करें। "
    "जिलाधिकारी ने अधिशासी अभियंता को 2025-12-31 तक सड़क निर्माण के निर्देश दिए। "
    "तहसीलदार को साप्ताहिक समीक्षा के निर्देश दिए गए।"
)


def _rows(db: Database) -> dict[int, list[tuple[Any, ...]]]:
    with db.session() as s:
        out: dict[int, list[tuple[Any, ...]]] = {}
        for r in s.scalars(select(ItemResponsible).order_by(ItemResponsible.item_id, ItemResponsible.position)):
            out.setdefault(r.item_id, []).append((r.position, r.key, r.search, r.name, r.designation))
        return out


def _expected(db: Database) -> dict[int, list[tuple[Any, ...]]]:
    with db.session() as s:
        out: dict[int, list[tuple[Any, ...]]] = {}
        for item_id, responsible in s.execute(select(ActionItem.id, ActionItem.responsible)):
            rows = person_rows(item_id, responsible, {})
            if rows:
                out[item_id] = [(r["position"], r["key"], r["search"], r["name"], r["designation"]) for r in rows]
        return out


def assert_in_step(db: Database) -> None:
    assert _rows(db) == _expected(db)


def _seqs(db: Database, **kw: Any) -> tuple[list[int], int]:
    with db.session() as s:
        items, total = list_items(s, ItemFilter(**kw), today=TODAY, sort="id")
        return [i.seq for i in items], total


def test_extraction_correction_manual_item_and_reprocess_keep_rows_in_step(db: Database) -> None:
    doc_id = store_text(db, TEXT, "r", date(2025, 9, 16))
    assert_in_step(db)
    assert _rows(db)  # the extraction named people
    with db.session() as s:
        first = s.scalars(select(ActionItem).order_by(ActionItem.seq)).first()
        assert first is not None
        review_item(s, first, "correct", "meena", {"responsible": [{"name": "रमेश", "designation": "सचिव"}, "तहसीलदार"]})
    assert_in_step(db)
    with db.session() as s:
        first = s.scalars(select(ActionItem).order_by(ActionItem.seq)).first()
        assert first is not None
        people = s.scalars(select(ItemResponsible).where(ItemResponsible.item_id == first.id)).all()
        assert [(p.position, p.key, p.search) for p in people] == [(0, "सचिव", "रमेश सचिव"), (1, "तहसीलदार", "तहसीलदार")]
    assert _seqs(db, responsible="रमेश") == ([1], 1)  # a name matches too, not only the designation
    assert _seqs(db, responsible="खंड विकास") == ([], 0)  # the corrected-away officer no longer matches
    with db.session() as s:
        doc = get_document(s, doc_id)
        assert doc is not None
        add_item(
            s,
            doc,
            Selection(
                page=1,
                start=0,
                end=10,
                text="नया कार्य",
                responsible=[{"name": None, "designation": "जिला पूर्ति अधिकारी"}],
            ),
            "m",
        )
    assert_in_step(db)
    assert _seqs(db, responsible="पूर्ति")[1] == 1
    new = extraction_for(TEXT.replace("तहसीलदार को", "सचिव को"), date(2025, 9, 16), version="fake-2")
    with db.session() as s:
        doc = get_document(s, doc_id)
        assert doc is not None
        reprocess_document(s, doc, new)
    assert_in_step(db)
    assert _seqs(db, responsible="सचिव")[1] == 2  # the corrected item and the new one


def test_deleting_an_item_deletes_its_rows(db: Database) -> None:
    store_text(db, TEXT, "d")
    with db.session() as s:
        item = s.scalars(select(ActionItem)).first()
        assert item is not None
        item_id = item.id
        s.delete(item)
    assert item_id not in _rows(db)
    assert_in_step(db)


def test_responsible_filter_is_a_folded_substring(db: Database) -> None:
    store_text(db, TEXT, "f")
    assert _seqs(db, responsible="अभियंता") == ([2], 1)
    assert _seqs(db, responsible="अभियंता", tracked=True) == ([], 0)
    # nukta and case fold: a spelling variant of the query still finds the officer
    assert _seqs(db, responsible="खण्ड विकास")[1] == _seqs(db, responsible="खंड विकास")[1] == 1
    assert _seqs(db, responsible="%")[1] == 0  # LIKE wildcards are literal
    assert _seqs(db, issuer="जिलाधिकारी")[1] == 2
    assert _seqs(db, issuer="ज़िलाधिकारी")[1] == 2  # nukta folded
    assert _seqs(db, issuer="मंडलायुक्त")[1] == 0


def test_correcting_the_issuer_moves_the_item_between_issuer_filters(db: Database) -> None:
    store_text(db, TEXT, "i")
    with db.session() as s:
        first = s.scalars(select(ActionItem).order_by(ActionItem.seq)).first()
        assert first is not None
        review_item(s, first, "correct", "meena", {"issued_by": {"name": None, "designation": "मंडलायुक्त"}})
    assert _seqs(db, issuer="मंडलायुक्त") == ([1], 1)
    assert _seqs(db, issuer="जिलाधिकारी")[1] == 1


def test_an_office_alias_marks_rows_and_links_items(db: Database) -> None:
    store_text(db, TEXT, "o")
    with db.session() as s:
        office = create_office(s, designation="अधिशासी अभियंता")
        office_id = office.id
    with db.session() as s:
        marked = s.scalars(select(ItemResponsible.item_id).where(ItemResponsible.office_id == office_id)).all()
        linked = s.scalars(select(ItemOffice.item_id).where(ItemOffice.office_id == office_id)).all()
        assert len(marked) == 1 and sorted(marked) == sorted(linked)
    # an item extracted after the office exists is marked by the flush hook
    store_text(db, TEXT, "p")
    with db.session() as s:
        assert len(s.scalars(select(ItemResponsible).where(ItemResponsible.office_id == office_id)).all()) == 2


def test_sync_fills_rows_and_issuer_keys_of_bulk_written_items(db: Database) -> None:
    store_text(db, TEXT, "s")
    with db.session() as s:
        doc_id = s.scalar(select(ActionItem.document_id))
    with db.engine.begin() as c:  # outside the ORM: no hook runs
        c.execute(
            sa.insert(ActionItem),
            [
                {
                    "document_id": doc_id,
                    "seq": 10,
                    "text": "x",
                    "norm_text": "x",
                    "issuer_designation": "मुख्य विकास अधिकारी",
                    "responsible": [{"name": None, "designation": "परियोजना निदेशक"}, {"name": "", "designation": ""}],
                    "targets": [],
                }
            ],
        )
    assert _seqs(db, responsible="परियोजना") == ([], 0)
    with db.engine.begin() as c:
        assert sync(c) == 1
        assert sync(c) == 0  # nothing left to fill
    assert_in_step(db)
    assert _seqs(db, responsible="परियोजना") == ([10], 1)
    assert _seqs(db, issuer="मुख्य विकास") == ([10], 1)


def test_migration_backfills_items_stored_before_it(db_url: str) -> None:
    engine = engine_at(db_url, "0010")
    with engine.begin() as conn:
        raw_document(conn, "b" * 64, "2025-10-01 00:00:00+00:00")
        conn.execute(
            sa.text(
                "INSERT INTO action_items (id, document_id, seq, text, norm_text, issuer_name, responsible, "
                "responsible_search, targets, review_state, status, priority, due_date_source, stale, created_at, "
                "updated_at) VALUES (1, 1, 1, 'x', 'x', 'श्री वर्मा', :resp, '', '[]', 'proposed', 'open', 'normal', "
                "'extracted', :f, :now, :now)"
            ),
            {
                "resp": '[{"name": null, "designation": "ज़िला पूर्ति अधिकारी"}]',
                "f": False,
                "now": "2025-10-01 00:00:00+00:00",
            },
        )
    engine.dispose()
    db = Database(db_url)  # migrates to the head
    try:
        assert _rows(db) == {1: [(0, folded_key("ज़िला पूर्ति अधिकारी"), "जिला पूर्ति अधिकारी", None, "ज़िला पूर्ति अधिकारी")]}
        with db.session() as s:
            assert s.scalar(select(ActionItem.issuer_key)) == "श्री वर्मा"
            assert set(s.scalars(select(SearchTerm.term))) == {"जिला पूर्ति अधिकारी", "श्री वर्मा"}
        assert _seqs(db, responsible="पूर्ति") == ([1], 1)
    finally:
        db.dispose()


def test_reprocess_with_fewer_people_drops_rows(db: Database) -> None:
    doc_id = store_text(db, TEXT, "q")
    only_first = extraction_for(TEXT, date(2025, 9, 16), version="fake-3")
    only_first = replace(only_first, action_items=only_first.action_items[:1])
    with db.session() as s:
        doc = get_document(s, doc_id)
        assert doc is not None
        reprocess_document(s, doc, only_first)
    assert_in_step(db)
    assert len(_rows(db)) == 1


def test_a_term_another_writer_already_added_is_not_an_error(db: Database) -> None:
    from store import responsibles

    with db.session() as s:
        responsibles.add_terms(s, responsibles.RESPONSIBLE, ["अधिशासी अभियंता"])
    # A second writer adds the same term again (as two workers do when they store items at once).
    with db.session() as s:
        responsibles.add_terms(s, responsibles.RESPONSIBLE, ["अधिशासी अभियंता", "तहसीलदार"])
    with db.session() as s:
        terms = sorted(s.scalars(sa.select(SearchTerm.term).where(SearchTerm.kind == responsibles.RESPONSIBLE)))
    assert terms == ["अधिशासी अभियंता", "तहसीलदार"]
