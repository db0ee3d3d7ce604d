"""The vector store's sweep (stored ids against the index's) on PostgreSQL runs only when the change log
shows a write since the last sweep, or SWEEP_EVERY_S passed; on SQLite it runs at every sync. A deleted
document's vectors leave the index at the next sync either way."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa

from search import vector_store as vector_store_mod
from search.service import SearchService
from store.db import Database
from store.models import Document
from tests.helpers.embedders import BagOfWordsEmbedder
from tests.search.test_filtered_keyword import DEPARTMENTS, _store


@pytest.fixture
def counted(db: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[SearchService, list[int]]:
    for n in range(2):
        _store(db, n, DEPARTMENTS[n], date(2025, 1 + n, 1), lines=4)
    svc = SearchService(db, embedder_factory=BagOfWordsEmbedder)
    assert svc.embed_pending() == 8
    counts: list[int] = []
    real = vector_store_mod.store.embedding_count

    def spy(s: Any, model: str) -> int:
        n = real(s, model)
        counts.append(n)
        return n

    monkeypatch.setattr(vector_store_mod.store, "embedding_count", spy)
    return svc, counts


def _pg(db: Database) -> bool:
    return db.url.startswith("postgresql")


def test_an_idle_sync_does_not_count_the_stored_vectors_on_postgresql(counted: tuple[SearchService, list[int]]) -> None:
    svc, counts = counted
    svc.refresh_vectors()  # the first sync after the spy: it may sweep once
    counts.clear()
    for _ in range(3):
        assert svc.refresh_vectors() == 0
    assert counts == ([] if _pg(svc.db) else [8, 8, 8])


def test_a_deleted_document_leaves_the_index_at_the_next_sync(counted: tuple[SearchService, list[int]]) -> None:
    svc, counts = counted
    svc.refresh_vectors()
    with svc.db.session() as s:
        doc = s.scalars(sa.select(Document).order_by(Document.id)).first()
        assert doc is not None
        gone = {it.id for it in doc.items}
        s.delete(doc)
    assert svc.refresh_vectors() == len(gone) == 4
    assert not any(i in svc.index for i in gone) and len(svc.index) == 4


def test_an_unlogged_deletion_is_swept_once_the_interval_passed(
    counted: tuple[SearchService, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    svc, counts = counted
    svc.refresh_vectors()
    with svc.db.session() as s:  # by hand: item_embeddings is not a logged table
        victim = s.execute(sa.text("SELECT min(item_id) FROM item_embeddings")).scalar()
        s.execute(sa.text("DELETE FROM item_embeddings WHERE item_id = :i"), {"i": victim})
    if _pg(svc.db):
        assert svc.refresh_vectors() == 0 and victim in svc.index  # not logged, interval not passed
        monkeypatch.setattr(vector_store_mod, "SWEEP_EVERY_S", 0.0)
    assert svc.refresh_vectors() == 1
    assert victim not in svc.index
