"""Storage layer: migrations, saving extractions, filters, audit, review, corrections, re-processing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import inspect, select

from store.corrections import export_corrections
from store.db import Database
from store.files import FileStore, display_name
from store.items import review_item, update_item
from store.models import ActionItem, ApiToken, AuditLog, Correction
from store.repository import ItemFilter, create_document, get_document, list_items, save_extraction
from store.reprocess import reprocess_document
from store.stats import workload
from store.tokens import create_token, hash_token, verify_token
from tests.helpers.builders import extraction_for

TODAY = date(2025, 10, 15)
TEXT = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी 2025-09-30 तक सर्वे पूरा करें। "
    "बैठक में प्रगति पर चर्चा की गई। "
    "जिलाधिकारी ने अधिशासी अभियंता को 2025-12-31 तक सड़क निर्माण के निर्देश दिए। "
    "तहसीलदार को साप्ताहिक समीक्षा के निर्देश दिए गए।"
)


def _doc(db: Database, text: str = TEXT, sha: str = "a" * 64, meeting: date | None = date(2025, 9, 16)) -> int:
    with db.session() as s:
        doc = create_document(
            s,
            sha256=sha,
            filename="m.txt",
            content_type="text/plain",
            kind="txt",
            size=len(text),
            stored_path=f"files/{sha[:2]}/{sha[2:]}",
            meeting_date=meeting,
        )
        save_extraction(s, doc, extraction_for(text, meeting))
        return doc.id


def _items(db: Database, **kw) -> tuple[list[int], int]:
    sort = kw.pop("sort", "id")
    with db.session() as s:
        items, total = list_items(s, ItemFilter(**kw), today=TODAY, sort=sort)
        return [i.seq for i in items], total


def test_migration_creates_tables_and_is_idempotent(db: Database, db_url: str) -> None:
    names = set(inspect(db.engine).get_table_names())
    assert {"documents", "pages", "action_items", "audit_log", "jobs", "corrections", "api_tokens"} <= names
    Database(db_url).dispose()  # second upgrade is a no-op
    with db.engine.connect() as c:
        versions = {r[0] for r in c.exec_driver_sql("select version_num from alembic_version")}
    from alembic.script import ScriptDirectory

    from store.db import MIGRATIONS_DIR

    assert versions == set(ScriptDirectory(str(MIGRATIONS_DIR)).get_heads())  # every head applied
    assert "0001" in {r.revision for r in ScriptDirectory(str(MIGRATIONS_DIR)).walk_revisions()}


def test_save_extraction_writes_pages_items_and_meeting(db: Database) -> None:
    doc_id = _doc(db)
    with db.session() as s:
        doc = get_document(s, doc_id)
        assert doc.status == "processed" and doc.extractor_version == "fake-1"
        assert doc.department == "ग्राम्य विकास विभाग"
        assert [p.number for p in doc.pages] == [1]
        assert [i.seq for i in doc.items] == [1, 2, 3]
        first = doc.items[0]
        assert first.review_state == "proposed" and first.status == "open"
        assert first.responsible == [{"name": None, "designation": "खंड विकास अधिकारी"}]
        assert first.due_date == date(2025, 9, 30) and first.deadline_text == "2025-09-30 तक"
        assert doc.items[2].recurrence == "weekly"


def test_filters_overdue_responsible_department_dates(db: Database) -> None:
    _doc(db)
    _doc(
        db,
        "विभाग: राजस्व विभाग\nसचिव को 2030-01-01 तक भुगतान के निर्देश दिए गए।",
        sha="b" * 64,
        meeting=date(2025, 10, 1),
    )
    assert _items(db) == ([1, 2, 3, 1], 4)
    # 2025-09-30 is before TODAY and the item is open → overdue; derived, so closing it clears it.
    assert _items(db, overdue=True) == ([1], 1)
    assert _items(db, overdue=False)[1] == 3
    assert _items(db, responsible="अभियंता") == ([2], 1)
    assert _items(db, department="राजस्व") == ([1], 1)
    assert _items(db, issuer="जिलाधिकारी")[1] == 2
    assert _items(db, due_before=date(2025, 12, 31)) == ([1, 2], 2)
    assert _items(db, due_after=date(2026, 1, 1)) == ([1], 1)
    assert _items(db, meeting_from=date(2025, 9, 20))[1] == 1
    assert _items(db, meeting_to=date(2025, 9, 20))[1] == 3
    assert _items(db, q="सड़क") == ([2], 1)
    # due_date ascending puts undated items last
    with db.session() as s:
        items, _ = list_items(s, ItemFilter(), today=TODAY, sort="due_date")
        assert [i.due_date for i in items][-1] is None
        assert [i.due_date for i in items][:3] == [date(2025, 9, 30), date(2025, 12, 31), date(2030, 1, 1)]
        page, total = list_items(s, ItemFilter(), today=TODAY, sort="-due_date", limit=2, offset=1)
        assert total == 4 and [i.due_date for i in page] == [date(2025, 12, 31), date(2025, 9, 30)]
        item = s.scalar(select(ActionItem).where(ActionItem.due_date == date(2025, 9, 30)))
        update_item(s, item, {"status": "done"}, "tester")
    assert _items(db, overdue=True) == ([], 0)


def test_update_item_writes_audit_rows(db: Database) -> None:
    _doc(db)
    with db.session() as s:
        item = s.scalar(select(ActionItem).where(ActionItem.seq == 1))
        changed = update_item(s, item, {"status": "in_progress", "note": "  चालू  ", "priority": "normal"}, "ravi")
        assert changed == ["status", "note"]  # priority was already normal: no row
        update_item(s, item, {"due_date": "2020-01-01"}, "ravi")
        assert item.due_date == date(2020, 1, 1) and item.due_date_source == "manual"
        with pytest.raises(ValueError):
            update_item(s, item, {"text": "x"}, "ravi")
        with pytest.raises(ValueError):
            update_item(s, item, {"status": "finished"}, "ravi")
        rows = s.scalars(select(AuditLog).where(AuditLog.item_id == item.id).order_by(AuditLog.id)).all()
        assert [(r.actor, r.field, r.old, r.new) for r in rows] == [
            ("ravi", "status", "open", "in_progress"),
            ("ravi", "note", None, "चालू"),
            ("ravi", "due_date", "2025-09-30", "2020-01-01"),
        ]


def test_review_correct_stores_original_and_exports_gold(db: Database) -> None:
    _doc(db)
    with db.session() as s:
        a, b, c = s.scalars(select(ActionItem).order_by(ActionItem.seq)).all()
        review_item(
            s,
            a,
            "correct",
            "meena",
            {
                "responsible": ["खंड विकास अधिकारी", "सचिव"],
                "deadline": {"text": "15 अक्टूबर तक", "date": "2025-10-15"},
            },
        )
        review_item(s, b, "reject", "meena")
        with pytest.raises(ValueError):
            review_item(s, c, "correct", "meena", {"status": "done"})
        assert a.review_state == "confirmed" and a.due_date == date(2025, 10, 15)
        corr = {x.field: x for x in s.scalars(select(Correction)).all()}
        assert corr["responsible"].original == [{"name": None, "designation": "खंड विकास अधिकारी"}]
        assert corr["responsible"].corrected[1] == {"name": None, "designation": "सचिव"}
        assert corr["deadline"].original["date"] == "2025-09-30"
        gold = export_corrections(s)
    assert len(gold) == 1
    doc = gold[0]
    assert doc["doc"] == "m.txt" and doc["meeting"]["date"] == "2025-09-16"
    assert doc["meeting"]["department"] == "ग्राम्य विकास विभाग"
    assert doc["review"] == {
        "confirmed": 1,
        "rejected": 1,
        "unreviewed": 1,
        "corrected_fields": 2,
        "extractor_version": "fake-1",
    }
    (item,) = doc["items"]
    assert item["sentence"].startswith("जिलाधिकारी ने निर्देश दिए")
    assert item["responsible"] == ["खंड विकास अधिकारी", "सचिव"]
    assert item["deadline"] == {"text": "15 अक्टूबर तक", "date": "2025-10-15"}
    assert item["issued_by"] == {"name": None, "designation": "जिलाधिकारी"}
    assert set(item) == {"sentence", "issued_by", "responsible", "deadline", "recurrence", "targets"}


def test_reprocess_keeps_manual_changes(db: Database) -> None:
    doc_id = _doc(db)
    with db.session() as s:
        a, b, c = s.scalars(select(ActionItem).order_by(ActionItem.seq)).all()
        ids = (a.id, b.id, c.id)
        review_item(s, a, "correct", "meena", {"responsible": ["सचिव"]})
        update_item(s, a, {"status": "in_progress", "note": "फील्ड टीम लगी", "due_date": "2025-11-01"}, "meena")
        # b untouched; c is confirmed but will disappear from the new extraction
        review_item(s, c, "confirm", "meena")
    new_text = TEXT.replace("तहसीलदार को साप्ताहिक समीक्षा के निर्देश दिए गए।", "सचिव को  नई  सूची बनाने के निर्देश दिए गए।")
    new = extraction_for(new_text, date(2025, 9, 16), version="fake-2", confidence=0.95)
    with db.session() as s:
        doc = get_document(s, doc_id)
        summary = reprocess_document(s, doc, new)
    assert summary == {"added": 1, "removed": 0, "kept": 0, "changed": 2, "stale": 1}
    with db.session() as s:
        doc = get_document(s, doc_id)
        assert doc.extractor_version == "fake-2"
        by_id = {i.id: i for i in doc.items}
        a = by_id[ids[0]]
        assert a.review_state == "confirmed" and a.status == "in_progress" and a.note == "फील्ड टीम लगी"
        assert a.responsible == [{"name": None, "designation": "सचिव"}]  # correction survives
        assert a.due_date == date(2025, 11, 1) and a.confidence == 0.95
        assert a.corrections[0].original == [{"name": None, "designation": "खंड विकास अधिकारी"}]
        assert by_id[ids[1]].review_state == "proposed" and by_id[ids[1]].confidence == 0.95
        assert by_id[ids[2]].stale is True  # a reviewed item is never thrown away
        assert len(doc.items) == 4
    # Same extraction again: nothing changes; untouched items that vanish are removed.
    with db.session() as s:
        assert reprocess_document(s, get_document(s, doc_id), new)["kept"] == 3
        only_first = replace(new, action_items=new.action_items[:1])
        summary = reprocess_document(s, get_document(s, doc_id), only_first)
    assert summary["removed"] == 2 and summary["kept"] == 1


def test_tokens_are_stored_hashed(db: Database) -> None:
    with db.session() as s:
        token = create_token(s, "editor", "ci")
        with pytest.raises(ValueError):
            create_token(s, "root", "x")
    with db.session() as s:
        row = s.scalar(select(ApiToken))
        assert row.token_hash == hash_token(token) and token not in row.token_hash
        assert verify_token(s, token).role == "editor"
        assert verify_token(s, token + "x") is None


def test_stats_per_officer_and_department(db: Database) -> None:
    _doc(db)
    with db.session() as s:
        assert workload(s, today=TODAY)["by_officer"] == []  # nothing confirmed yet: no tracked work
        result = workload(s, today=TODAY, review="all")
    officers = {r["officer"]: r for r in result["by_officer"]}
    assert officers["खंड विकास अधिकारी"] == {
        "officer": "खंड विकास अधिकारी",
        "officer_label": "खंड विकास अधिकारी",
        "open": 1,
        "overdue": 1,
        "mean_days_pending": 29.0,
        "max_days_pending": 29,
        "mean_days_overdue": 15.0,
    }
    assert officers["अधिशासी अभियंता"]["overdue"] == 0
    (dept,) = result["by_department"]
    assert dept["department"] == "ग्राम्य विकास विभाग" and dept["open"] == 3 and dept["overdue"] == 1


def test_file_store_is_content_addressed(tmp_path: Path) -> None:
    fs = FileStore(tmp_path)
    sha, rel = fs.put(b"hello")
    assert rel == f"files/{sha[:2]}/{sha[2:]}" and fs.read(rel) == b"hello"
    assert fs.put(b"hello") == (sha, rel)
    with pytest.raises(ValueError):
        fs.path("../outside")
    assert display_name("../../etc/passwd") == "passwd"
    assert display_name('C:\\x\\बैठक "1".txt') == "बैठक _1_.txt"
    assert display_name("...") == "document"


def test_index_and_outbox_hooks_do_not_trust_the_listener_registry(monkeypatch) -> None:
    """SQLAlchemy's registry is keyed by id(): a new sessionmaker reusing a collected one's id looked
    'already installed' and got no hooks (2 in 400 fresh databases lost their search index rows)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session, sessionmaker

    from store import fts, outbox

    monkeypatch.setattr(event, "contains", lambda *a, **k: True)  # what a stale registry entry answers
    factory = sessionmaker()
    calls = []
    monkeypatch.setattr(event, "listen", lambda target, name, fn: calls.append((target, name, fn)))
    fts.install_index_hooks(factory)
    outbox.install(factory)
    fts.install_index_hooks(factory)  # a second install of the same factory adds nothing
    assert [(t, n) for t, n, _ in calls] == [(factory, "after_flush"), (factory, "after_flush")]
    assert isinstance(factory(), Session)


def test_enum_members_are_stored_as_plain_strings(db: Database) -> None:
    from sqlalchemy import text

    from core.states import DocumentStatus, DueDateSource, ItemStatus, JobKind, JobStatus, Priority, ReviewState
    from store import jobs as job_store

    doc_id = _doc(db, "बैठक में निर्देश दिए गए कि तहसीलदार 2025-10-01 तक सूची दें।")
    with db.session() as s:
        job_store.create_job(s, doc_id, JobKind.REPROCESS)
    with db.engine.connect() as c:
        doc_status = c.execute(text("SELECT status FROM documents WHERE id = :i"), {"i": doc_id}).scalar_one()
        item = c.execute(
            text("SELECT status, review_state, priority, due_date_source, deadline_kind FROM action_items")
        ).one()
        job = c.execute(text("SELECT kind, status FROM jobs")).one()
    assert type(doc_status) is str and doc_status == DocumentStatus.PROCESSED
    assert tuple(item) == (ItemStatus.OPEN, ReviewState.PROPOSED, Priority.NORMAL, DueDateSource.EXTRACTED, "by")
    assert all(type(v) is str for v in item)
    assert tuple(job) == ("reprocess", JobStatus.QUEUED)
