"""Filtered keyword search: the matches passing the filter, in the unfiltered rank order; on SQLite the
filter's ids are remembered per connection and must never outlive a change of the data."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select, update

from nlp.query import parse_query
from search import filter_ids
from search import service as service_mod
from search.item_queries import keyword_search
from search.lexicon import search_lexicon
from search.service import SearchService
from store.db import Database
from store.models import ActionItem
from store.repository import ItemFilter
from tests.helpers.builders import store_text
from tests.helpers.embedders import BagOfWordsEmbedder

TODAY = date(2026, 1, 15)
DEPARTMENTS = ("सहकारिता विभाग", "कृषि विभाग", "ग्राम्य विकास विभाग")
LINES = (
    "गोदाम का निरीक्षण {n} दिन में करने के निर्देश दिए।",
    "धान खरीद केंद्रों पर गोदाम की सफाई के निर्देश दिए गए क्रमांक {n}।",
    "आंगनबाड़ी केंद्रों के निरीक्षण और गोदाम निर्माण की समीक्षा के निर्देश क्रमांक {n}।",
    "मनरेगा मजदूरी भुगतान के निर्देश दिए क्रमांक {n}।",
)
QUERIES = ("गोदाम निरीक्षण", "गोदाम", "निरीक्षण", "धान खरीद", "भुगतान")
FILTERS = (
    ItemFilter(department="कृषि"),
    ItemFilter(department="विभाग", meeting_from=date(2025, 3, 1)),
    ItemFilter(meeting_from=date(2025, 2, 1), meeting_to=date(2025, 2, 1)),  # one meeting of nine
    ItemFilter(status=["open"]),
)


def _store(db: Database, n: int, department: str, day: date, lines: int = 6) -> int:
    body = f"विभाग: {department}\n" + "\n".join(LINES[(n + k) % len(LINES)].format(n=n * 10 + k) for k in range(lines))
    return store_text(db, body, f"m{n}", day)


@pytest.fixture
def meetings(db: Database) -> Database:
    """Nine meetings, three per department, a month apart; each item words from one of four lines."""
    for n in range(9):
        _store(db, n, DEPARTMENTS[n % 3], date(2025, 1 + n, 1))
    return db


def _ranked(db: Database, q: str, f: ItemFilter, limit: int = 1000) -> list[int]:
    with db.read() as s:
        return [i for i, _ in keyword_search(s, parse_query(q, search_lexicon()), f, TODAY, limit=limit)]


def _passing(db: Database, f: ItemFilter) -> set[int]:
    with db.read() as s:
        return set(filter_ids.passing_ids(s, f, TODAY))


@pytest.mark.parametrize("q", QUERIES)
def test_a_filter_keeps_exactly_the_passing_matches_in_the_unfiltered_order(meetings: Database, q: str) -> None:
    everything = _ranked(meetings, q, ItemFilter())
    assert everything  # every query word occurs
    for f in FILTERS:
        passing = _passing(meetings, f)
        assert passing  # every filter passes some items
        assert _ranked(meetings, q, f) == [i for i in everything if i in passing]


def test_a_narrow_filter_finds_every_match_that_passes_it_at_a_small_limit(meetings: Database) -> None:
    f = ItemFilter(meeting_from=date(2025, 9, 1))  # the last of nine meetings
    everything = _ranked(meetings, "गोदाम", ItemFilter())
    want = [i for i in everything if i in _passing(meetings, f)]
    assert 0 < len(want) <= 5
    assert set(want) - set(everything[:5])  # filtering the unfiltered first five would miss some
    assert _ranked(meetings, "गोदाम", f, limit=5) == want
    assert _ranked(meetings, "गोदाम", ItemFilter(department="नहीं है ऐसा विभाग"), limit=5) == []


def test_a_broad_filter_keeps_the_rank_order_at_a_small_limit(meetings: Database) -> None:
    f = ItemFilter(department="विभाग", meeting_from=date(2025, 3, 1))
    everything = _ranked(meetings, "गोदाम निरीक्षण", ItemFilter())
    passing = _passing(meetings, f)
    assert _ranked(meetings, "गोदाम निरीक्षण", f, limit=4) == [i for i in everything if i in passing][:4]


# --- the remembered ids (SQLite) --------------------------------------------------------------------


@pytest.fixture
def file_db(tmp_path: Path) -> Iterator[Database]:
    """A file database (several pooled connections, as the service has), three meetings."""
    database = Database(f"sqlite:///{tmp_path / 'f.db'}")
    for n in range(3):
        _store(database, n, DEPARTMENTS[n % 3], date(2025, 1 + n, 1), lines=4)
    yield database
    database.dispose()


KRISHI = ItemFilter(department="कृषि")


def _search(s: object, q: str, f: ItemFilter) -> list[int]:
    return [i for i, _ in keyword_search(s, parse_query(q, search_lexicon()), f, TODAY, limit=100)]  # type: ignore[arg-type]


def test_repeated_searches_with_one_filter_read_its_ids_once(file_db: Database) -> None:
    with file_db.read() as s:
        first = _search(s, "गोदाम", KRISHI)
        before = filter_ids.reads(s)
        for q in ("गोदाम", "निरीक्षण", "धान खरीद", "गोदाम"):
            _search(s, q, KRISHI)
        assert filter_ids.reads(s) == before  # the next searches used the remembered ids
        assert _search(s, "गोदाम", KRISHI) == first
        other = ItemFilter(department="सहकारिता")
        _search(s, "गोदाम", other)
        assert filter_ids.reads(s) == before + 1  # another filter is read
        for q in ("गोदाम", "निरीक्षण"):  # two users' filters taking turns on one connection
            _search(s, q, KRISHI)
            _search(s, q, other)
        assert filter_ids.reads(s) == before + 1


def test_an_item_stored_by_another_session_is_found_by_the_next_search(file_db: Database) -> None:
    with file_db.read() as s:
        old = _search(s, "गोदाम", KRISHI)
    new_doc = _store(file_db, 7, "कृषि विभाग", date(2025, 8, 1), lines=4)
    with file_db.session() as w:
        new_ids = set(w.scalars(select(ActionItem.id).where(ActionItem.document_id == new_doc)))
    with file_db.read() as s:
        found = _search(s, "गोदाम", KRISHI)
    assert set(old) < set(found)
    assert set(found) - set(old) <= new_ids and set(found) - set(old)


def test_a_changed_item_leaves_a_filter_it_no_longer_passes(file_db: Database) -> None:
    open_only = ItemFilter(status=["open"])
    with file_db.read() as s:
        before = _search(s, "गोदाम", open_only)
    with file_db.session() as w:
        w.execute(update(ActionItem).where(ActionItem.id == before[0]).values(status="done"))
    with file_db.read() as s:
        assert _search(s, "गोदाम", open_only) == before[1:]


def test_a_write_session_sees_its_own_change_and_a_rollback_leaves_nothing_behind(file_db: Database) -> None:
    open_only = ItemFilter(status=["open"])
    with file_db.read() as s:
        before = _search(s, "गोदाम", open_only)
    with pytest.raises(RuntimeError), file_db.session() as w:
        w.execute(update(ActionItem).where(ActionItem.id == before[0]).values(status="done"))
        assert _search(w, "गोदाम", open_only) == before[1:]  # its own uncommitted change
        raise RuntimeError("roll back")
    for _ in range(3):  # whichever pooled connection the next read gets
        with file_db.read() as s:
            assert _search(s, "गोदाम", open_only) == before


def test_a_narrow_remembered_filter_ranks_its_vectors_without_the_pool_search(
    file_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", 2)  # 2 nearest of 12 vectors: 4 passing ids are narrow
    emb = BagOfWordsEmbedder()
    svc = SearchService(file_db, embedder_factory=lambda: emb, query_cache=8)
    svc.embed_pending()
    one_meeting = ItemFilter(meeting_from=date(2025, 2, 1), meeting_to=date(2025, 2, 1))  # 4 of 12 items
    asked: list[int] = []
    search = svc.index.search

    def counted(q: np.ndarray, k: int, allowed: Collection[int] | None = None) -> list[tuple[int, float]]:
        asked.append(k)
        return search(q, k, allowed)

    with file_db.read() as s:
        svc.index.search = counted  # type: ignore[method-assign, assignment]  # a spy on the same index
        former = svc.semantic_ranking(s, "गोदाम निरीक्षण", one_meeting, TODAY, k=5)  # the pools
        assert asked[0] == 2
        asked.clear()
        _search(s, "गोदाम", one_meeting)  # the keyword half remembers the filter's ids
        ranked = svc.semantic_ranking(s, "गोदाम निरीक्षण", one_meeting, TODAY, k=5)
        assert asked == [5]  # straight to the passing items' vectors
        assert [i for i, _ in ranked] == [i for i, _ in former] and len(ranked) == 4
        assert [c for _, c in ranked] == pytest.approx([c for _, c in former], abs=1e-6)  # graph vs exact cosine
        assert {i for i, _ in ranked} == filter_ids.passing_ids(s, one_meeting, TODAY)
