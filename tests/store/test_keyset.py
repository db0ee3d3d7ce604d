"""Keyset pagination: walking every page with ``after`` gives exactly the offset order, for every sort."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

import pytest

from core.contract import Extraction
from store import keyset
from store.db import Database
from store.repository import SORT_KEYS, ItemFilter, create_document, list_items, save_extraction

TODAY = date(2026, 3, 1)


def _seed(db: Database) -> None:
    rnd = random.Random(3)
    with db.session() as s:
        for d in range(3):
            doc = create_document(
                s,
                sha256=f"{d:064d}",
                filename="m.txt",
                content_type="text/plain",
                kind="txt",
                size=1,
                stored_path="x",
                meeting_date=date(2026, 1, 1) + timedelta(days=d) if d else None,
            )
            items = [{"id": f"ai-{i}", "text": f"कार्य {i}", "confidence": 0.5} for i in range(9)]
            extraction = Extraction.from_json(
                {"meeting": {}, "action_items": items, "pages": [], "extractor_version": "t"}
            )
            for item in save_extraction(s, doc, extraction):
                item.due_date = rnd.choice([None, date(2026, 2, 1), date(2026, 2, 2), date(2026, 3, 3)])  # ties, NULLs
                item.confidence = rnd.choice([None, 0.5, 0.7])
                item.priority = rnd.choice(["low", "normal", "high"])
                item.status = rnd.choice(["open", "done"])
                item.created_at = datetime(2026, 1, 5, tzinfo=UTC) + timedelta(minutes=rnd.choice([0, 1, 2]))


@pytest.mark.parametrize("sort", sorted(SORT_KEYS) + [f"-{k}" for k in sorted(SORT_KEYS)])
def test_after_pages_equal_offset_pages(db: Database, sort: str) -> None:
    _seed(db)
    f = ItemFilter(status=["open", "done"])
    with db.session() as s:
        everything, total = list_items(s, f, today=TODAY, sort=sort, limit=100)
        walked, cursor = [], None
        while True:
            after = keyset.after_condition(sort, *keyset.decode(cursor, sort)) if cursor else None
            page, page_total = list_items(s, f, today=TODAY, sort=sort, limit=4, after=after)
            assert page_total == total
            walked += [i.id for i in page]
            if len(page) < 4:
                break
            cursor = keyset.encode(sort, page[-1])
    assert walked == [i.id for i in everything] and total == 27


def test_cursor_is_tied_to_its_sort_and_rejects_garbage(db: Database) -> None:
    _seed(db)
    with db.session() as s:
        page, _ = list_items(s, ItemFilter(), today=TODAY, sort="due_date", limit=2)
    cursor = keyset.encode("due_date", page[-1])
    assert keyset.decode(cursor, "due_date")[1] == page[-1].id
    for bad, sort in ((cursor, "-due_date"), ("not-a-cursor", "id"), ("", "id"), ("WyJpZCIsIG51bGwsIDFd", "id")):
        with pytest.raises(ValueError, match="after: not a cursor"):
            keyset.decode(bad, sort)
