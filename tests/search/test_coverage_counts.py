"""Semantic coverage (items embedded of all items) in every search's answer: on PostgreSQL it is not
counted again while the change log shows no write to the items (two COUNTs of a million rows took
0.8-1.2 s, paid by a search every few seconds); a new document, or vectors the worker adds, are counted."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from search import service as service_mod
from search.service import SearchService
from store.db import Database
from tests.helpers.embedders import BagOfWordsEmbedder
from tests.search.test_filtered_keyword import DEPARTMENTS, _store


@pytest.fixture
def counted(db: Database, monkeypatch: pytest.MonkeyPatch) -> tuple[SearchService, list[tuple[int, int]]]:
    _store(db, 0, DEPARTMENTS[0], date(2025, 1, 1), lines=4)
    svc = SearchService(db, embedder_factory=BagOfWordsEmbedder)
    assert svc.embed_pending() == 4
    counts: list[tuple[int, int]] = []
    real = service_mod.store.embedding_coverage

    def spy(s: Any, model: str) -> tuple[int, int]:
        got = real(s, model)
        counts.append(got)
        return got

    monkeypatch.setattr(service_mod.store, "embedding_coverage", spy)
    monkeypatch.setattr(service_mod, "COVERAGE_TTL_S", 0.0)  # every call past the reuse interval
    return svc, counts


def test_coverage_is_counted_again_only_after_a_write_on_postgresql(
    counted: tuple[SearchService, list[tuple[int, int]]],
) -> None:
    svc, counts = counted
    first = svc.status()
    assert (first.status, first.embedded, first.total) == ("ready", 4, 4) and counts == [(4, 4)]
    for _ in range(3):
        assert svc.status().total == 4
    pg = svc.db.url.startswith("postgresql")
    assert counts == ([(4, 4)] if pg else [(4, 4)] * 4)  # SQLite counts each time (cheap at its scale)
    _store(svc.db, 1, DEPARTMENTS[1], date(2025, 2, 1), lines=4)  # a new document: a logged write
    grown = svc.status()
    assert (grown.status, grown.embedded, grown.total) == ("partial", 4, 8)
    assert svc.embed_pending() == 4  # the worker's new vectors reset the cache
    done = svc.status()
    assert (done.status, done.embedded, done.total) == ("ready", 8, 8)
    assert counts[-1] == (8, 8)
