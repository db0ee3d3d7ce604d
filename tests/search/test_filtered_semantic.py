"""Filtered semantic ranking on a real store (SQLite and PostgreSQL): whichever way the pool is sized
(no estimate, the planner's row estimate, the remembered ids, one pool or the exact ranking), the
answer is the ``k`` passing items nearest to the query, as a brute-force ranking of the passing items
gives it."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from search import filter_ids
from search import service as service_mod
from search.service import SearchService
from store.db import Database
from store.repository import ItemFilter
from tests.helpers.embedders import BagOfWordsEmbedder
from tests.search.test_filtered_keyword import DEPARTMENTS, TODAY, _store

QUERIES = ("गोदाम निरीक्षण", "धान खरीद", "मजदूरी भुगतान")
FILTERS = (
    ItemFilter(department="कृषि"),  # a third of the items
    ItemFilter(meeting_from=date(2025, 2, 1), meeting_to=date(2025, 2, 1)),  # one meeting of nine
    ItemFilter(department="विभाग", meeting_from=date(2025, 3, 1)),  # most of them
    ItemFilter(department="नहीं है ऐसा विभाग"),  # none
)


@pytest.fixture
def service(db: Database) -> SearchService:
    for n in range(9):
        _store(db, n, DEPARTMENTS[n % 3], date(2025, 1 + n, 1))
    svc = SearchService(db, embedder_factory=BagOfWordsEmbedder, query_cache=8)
    svc.embed_pending()
    return svc


def _best_passing(svc: SearchService, q: str, passing: frozenset[int], k: int) -> list[float]:
    """The cosines of the ``k`` passing items nearest to ``q``, by brute force."""
    qvec = BagOfWordsEmbedder().embed_queries([q])[0]
    cosines = []
    for i in passing:
        vec = svc.index.get(i)
        assert vec is not None
        cosines.append(float(vec @ qvec))
    return sorted(cosines, reverse=True)[:k]


@pytest.mark.parametrize("pool", [2, 500])  # a pool smaller than k: the pool paths; the usual one
def test_the_filtered_ranking_is_the_best_passing_items(
    service: SearchService, monkeypatch: pytest.MonkeyPatch, pool: int
) -> None:
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", pool)
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL_MAX", 20)  # some filters take a pool, some the exact path
    assert len(service.index) == 54
    for f in FILTERS:
        for k in (3, 10):
            for q in QUERIES:
                with service.db.read() as s:
                    ranked = service.semantic_ranking(s, q, f, TODAY, k=k)
                    passing = filter_ids.passing_ids(s, f, TODAY)
                assert len({i for i, _ in ranked}) == len(ranked) == min(k, len(passing))
                assert {i for i, _ in ranked} <= passing
                best = _best_passing(service, q, passing, k)
                assert [c for _, c in ranked] == pytest.approx(best, abs=2e-3)  # f16 vectors in the index


def test_a_department_takes_one_pool_sized_from_the_row_estimate(
    service: SearchService, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the store estimates rows (PostgreSQL), a filter passing a third of the items is checked once."""
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", 2)
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL_MAX", 40)
    checked: list[int] = []
    real = service_mod.store.filter_ids

    def spy(s: object, ids: list[int], f: ItemFilter, today: date) -> set[int]:
        checked.append(len(ids))
        return real(s, ids, f, today)  # type: ignore[arg-type]

    monkeypatch.setattr(service_mod.store, "filter_ids", spy)
    monkeypatch.setattr(service_mod.store, "estimated_rows", lambda s, f, today: 18.0)  # 18 of 54 pass
    with service.db.read() as s:
        ranked = service.semantic_ranking(s, "गोदाम निरीक्षण", ItemFilter(department="कृषि"), TODAY, k=5)
        passing = filter_ids.passing_ids(s, ItemFilter(department="कृषि"), TODAY)
    assert checked == [23]  # 5 at a third, x1.5: one graph search of 23, one check
    assert [c for _, c in ranked] == pytest.approx(_best_passing(service, "गोदाम निरीक्षण", passing, 5), abs=2e-3)
    assert np.all(np.diff([c for _, c in ranked]) <= 1e-6)
