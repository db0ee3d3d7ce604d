"""The semantic half with a filter: a wider pool of nearest items before ranking every passing item.

A department of a million items passes about one item in nine: 55 of the 500 nearest. Reading the ids
of all 111,000 items that pass took seconds on PostgreSQL; a pool sized for the share that passed gives
the same top k from one more graph search and one check of a few thousand ids.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np
import pytest

from search import service as service_mod
from search.service import SearchService, _first_pool, _wider_pool
from search.vectors import BruteForceIndex
from store.db import Database
from store.repository import ItemFilter

N = 2_000
IDS = np.arange(1, N + 1)
QUERY = np.array([1.0, 0.0], dtype=np.float32)
FILTER = ItemFilter(department="कृषि")


def _index() -> BruteForceIndex:
    """Item i lies at angle i/N of a right angle from the query: the nearer, the smaller its id."""
    angle = IDS / N * (np.pi / 2)
    index = BruteForceIndex(2)
    index.add(IDS, np.stack([np.cos(angle), np.sin(angle)], axis=1).astype(np.float32))
    return index


def _service(
    db: Database, monkeypatch: pytest.MonkeyPatch, passes: Any, estimate: float | None = None
) -> tuple[SearchService, list[str]]:
    index = _index()
    calls: list[str] = []
    svc = SearchService(db, embedder_factory=lambda: None)
    monkeypatch.setattr(SearchService, "index", property(lambda self: index))
    monkeypatch.setattr(SearchService, "embedder", property(lambda self: object()))
    monkeypatch.setattr(service_mod, "remembered_ids", lambda s, f, today: None)

    def filter_ids(s: Any, ids: Sequence[int], f: ItemFilter, today: date) -> set[int]:
        calls.append(f"check {len(ids)}")
        return {int(i) for i in ids if passes(int(i))}

    def all_filtered_ids(s: Any, f: ItemFilter, today: date) -> frozenset[int]:
        calls.append("all")
        return frozenset(int(i) for i in IDS if passes(int(i)))

    monkeypatch.setattr(service_mod.store, "filter_ids", filter_ids)
    monkeypatch.setattr(service_mod.store, "estimated_rows", lambda s, f, today: estimate)  # None: SQLite
    monkeypatch.setattr(service_mod.store, "all_filtered_ids", all_filtered_ids)
    return svc, calls


def test_a_broad_filter_widens_the_pool_instead_of_reading_every_passing_id(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", 100)
    svc, calls = _service(db, monkeypatch, lambda i: i % 9 == 0)  # one in nine, as a department
    ranked = svc.semantic_ranking(None, QUERY, FILTER, date(2026, 1, 1), k=50)
    assert [i for i, _ in ranked] == [i for i in range(9, 9 * 51, 9)]  # the 50 nearest passing items
    assert "all" not in calls and calls[0] == "check 100" and len(calls) == 2


def test_a_narrow_filter_ranks_exactly_the_items_passing_it(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", 100)
    svc, calls = _service(db, monkeypatch, lambda i: i % 400 == 0)  # 5 of 2,000: no pool would hold k
    ranked = svc.semantic_ranking(None, QUERY, FILTER, date(2026, 1, 1), k=5)
    assert [i for i, _ in ranked] == [400, 800, 1200, 1600, 2000]
    assert calls[-1] == "all"


def test_a_row_estimate_sizes_the_pool_in_one_step(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", 100)
    svc, calls = _service(db, monkeypatch, lambda i: i % 9 == 0, estimate=N / 9)
    ranked = svc.semantic_ranking(None, QUERY, FILTER, date(2026, 1, 1), k=50)
    assert [i for i, _ in ranked] == [i for i in range(9, 9 * 51, 9)]
    assert calls == ["check 675"]  # 50 at one in nine, x1.5: one graph search, one check


def test_an_estimate_too_low_still_finds_k_passing_items(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", 100)
    svc, calls = _service(db, monkeypatch, lambda i: i % 9 == 0, estimate=N / 2)  # the planner thought half
    ranked = svc.semantic_ranking(None, QUERY, FILTER, date(2026, 1, 1), k=50)
    assert [i for i, _ in ranked] == [i for i in range(9, 9 * 51, 9)]
    assert calls[0] == "check 150" and len(calls) == 2 and "all" not in calls


def test_a_narrow_estimate_goes_straight_to_the_exact_ranking(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL_MAX", 1_000)
    svc, calls = _service(db, monkeypatch, lambda i: i % 400 == 0, estimate=5)
    ranked = svc.semantic_ranking(None, QUERY, FILTER, date(2026, 1, 1), k=5)
    assert [i for i, _ in ranked] == [400, 800, 1200, 1600, 2000]
    assert calls == ["all"]  # no graph search and no check of a pool that could not hold k


@pytest.mark.parametrize(
    ("k", "n", "passing", "wanted"),
    [
        (100, 1_000_000, 111_150, 1_350),  # a department of a million items
        (100, 1_000_000, 10_700, 0),  # a week (1%): 14,019 would be needed, over the widest pool
        (100, 1_000_000, 600_000, 500),  # a broad filter: never below SEMANTIC_POOL
        (100, 1_000_000, None, 500),  # no estimate (SQLite): SEMANTIC_POOL
        (100, 1_000_000, 0, 0),  # nothing passes
    ],
)
def test_the_first_pool_is_sized_from_the_filter_share(k: int, n: int, passing: float | None, wanted: int) -> None:
    assert _first_pool(k, n, passing) == wanted


@pytest.mark.parametrize(
    ("size", "passed", "k", "wanted"),
    [
        (500, 55, 100, 1364),  # a department of a million items: 55 of 500 passed
        (500, 0, 100, 0),  # nothing passed: no share to size a pool from
        (500, 5, 100, 0),  # 1%: 15,000 would be needed, over the widest pool
        (5_000, 90, 100, 0),  # already the widest pool
    ],
)
def test_the_wider_pool_is_sized_for_k_at_the_share_that_passed(size: int, passed: int, k: int, wanted: int) -> None:
    assert _wider_pool(size, passed, k) == wanted
