"""The embedding worker's poll: on PostgreSQL an idle poll (nothing written since the last complete pass)
does not run the "items without an embedding" anti-join; new and re-extracted items are still embedded,
on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from search import service as service_mod
from search.service import SearchService
from store.db import Database
from store.models import ActionItem
from tests.helpers.embedders import BagOfWordsEmbedder
from tests.search.test_filtered_keyword import DEPARTMENTS, _store


@pytest.fixture
def service(db: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[SearchService, list[int]]:
    for n in range(2):
        _store(db, n, DEPARTMENTS[n], date(2025, 1 + n, 1), lines=4)
    svc = SearchService(db, embedder_factory=BagOfWordsEmbedder)
    calls: list[int] = []
    real = service_mod.store.items_missing_embeddings

    def spy(s: Any, model: str, limit: int = 64, after: int = 0) -> list[tuple[int, str]]:
        calls.append(after)
        return real(s, model, limit, after)

    monkeypatch.setattr(service_mod.store, "items_missing_embeddings", spy)
    return svc, calls


def _pg(db: Database) -> bool:
    return db.url.startswith("postgresql")


def test_an_idle_poll_reads_no_anti_join_on_postgresql(service: tuple[SearchService, list[int]]) -> None:
    svc, calls = service
    assert svc.embed_pending(batch=3) == 8
    assert calls == [0, 3, 6, calls[3]] and calls[3] > 6  # each batch after the last one's ids: one pass
    calls.clear()
    assert svc.embed_pending() == 0
    assert svc.embed_pending() == 0
    assert calls == ([] if _pg(svc.db) else [0, 0])  # SQLite asks every time (no change log there)


def test_a_new_item_is_embedded_after_an_idle_poll(service: tuple[SearchService, list[int]]) -> None:
    svc, calls = service
    assert svc.embed_pending() == 8
    assert svc.embed_pending() == 0
    doc = _store(svc.db, 5, DEPARTMENTS[2], date(2025, 5, 1), lines=3)
    with svc.db.read() as s:
        new = set(s.scalars(select(ActionItem.id).where(ActionItem.document_id == doc)))
    assert svc.embed_pending() == 3
    assert all(i in svc.index for i in new) and len(svc.index) == 11
    calls.clear()
    assert svc.embed_pending() == 0
    assert calls == ([] if _pg(svc.db) else [0])


def test_a_re_extracted_item_is_embedded_again(service: tuple[SearchService, list[int]]) -> None:
    svc, _ = service
    assert svc.embed_pending() == 8
    assert svc.embed_pending() == 0
    text = "मनरेगा मजदूरी भुगतान की समीक्षा के निर्देश।"
    with svc.db.session() as s:  # the keyword index's hook deletes the item's stale vector
        item = s.scalars(select(ActionItem).order_by(ActionItem.id)).first()
        assert item is not None
        item_id, item.text = item.id, text
    assert svc.embed_pending() == 1
    vec = svc.index.get(item_id)
    assert vec is not None
    assert float(vec @ BagOfWordsEmbedder().embed_passages([text])[0]) == pytest.approx(1.0, abs=2e-3)


def test_a_pass_stopped_by_its_limit_is_not_taken_as_complete(service: tuple[SearchService, list[int]]) -> None:
    svc, _ = service
    assert svc.embed_pending(limit=5) == 5
    assert svc.embed_pending() == 3
    assert svc.embed_pending() == 0
    with svc.db.read() as s:
        ids = sorted(s.scalars(select(ActionItem.id)))
    assert sorted(svc.index.keys().tolist()) == ids and len(ids) == 8
