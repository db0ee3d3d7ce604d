"""Keyword ranking over a bounded candidate set (PostgreSQL reads each query word's first matches only):
the best items still come first, and a narrow filter still finds every match that passes it."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from nlp.query import parse_query
from search import item_queries
from search.item_queries import keyword_search, pg_alternatives
from search.lexicon import search_lexicon
from store.db import Database
from store.models import ActionItem
from store.repository import ItemFilter
from tests.helpers.builders import store_text

TODAY = date(2026, 1, 15)
COMMON = "आंगनबाड़ी केंद्रों के निरीक्षण के निर्देश दिए गए क्रमांक {n}।"
BOTH = "नए गोदाम का निरीक्षण तीस दिन में करने के निर्देश दिए।"
OTHER = "धान खरीद केंद्रों पर भुगतान करने के निर्देश दिए।"


@pytest.fixture
def crowded(db: Database, monkeypatch: pytest.MonkeyPatch) -> Database:
    """Twelve items with only the common word, stored before the one item with both query words."""
    monkeypatch.setattr(item_queries, "PG_WORD_CANDIDATES", 1)
    monkeypatch.setattr(item_queries, "PG_FILTER_READ", 1)
    store_text(db, "\n".join(COMMON.format(n=n) for n in range(12)), "a", date(2025, 11, 1))
    store_text(db, BOTH + "\n" + OTHER, "b", date(2025, 12, 1))
    return db


def _search(db: Database, q: str, f: ItemFilter, limit: int) -> list[str]:
    with db.session() as s:
        hits = keyword_search(s, parse_query(q, search_lexicon()), f, TODAY, limit=limit)
        rows = s.execute(select(ActionItem.id, ActionItem.text).where(ActionItem.id.in_([i for i, _ in hits])))
        texts = {item_id: text for item_id, text in rows}
        return [texts[i] for i, _ in hits]


def test_an_item_with_every_query_word_ranks_first_beyond_the_common_words_first_matches(crowded: Database) -> None:
    # limit 2 with one candidate set of 2 per word: the common word's first 2 matches are items 1-2;
    # the item with both words is the 13th match of the common word but among the rare word's.
    found = _search(crowded, "गोदाम निरीक्षण", ItemFilter(), limit=2)
    assert found[0] == BOTH
    assert len(found) == 2


def test_a_narrow_filter_finds_every_match_that_passes_it(crowded: Database) -> None:
    with crowded.session() as s:
        doc_b = s.query(ActionItem.document_id).filter(ActionItem.text == BOTH).scalar()
    # The common word's first matches (document a) all fail the filter: the filter must lead then.
    found = _search(crowded, "निरीक्षण", ItemFilter(document_id=doc_b), limit=3)
    assert found == [BOTH]
    found = _search(crowded, "गोदाम निरीक्षण", ItemFilter(department="नहीं है ऐसा विभाग"), limit=3)
    assert found == []


def test_a_broad_filter_keeps_the_rank_order(crowded: Database) -> None:
    found = _search(crowded, "गोदाम निरीक्षण", ItemFilter(status=["open"]), limit=3)
    assert found[0] == BOTH
    assert set(found[1:]) <= {*(COMMON.format(n=n) for n in range(12))}
    assert len(found) == 3


def test_each_alternative_of_each_word_is_one_candidate_query() -> None:
    q = parse_query("DM गोदाम", search_lexicon())
    alts = pg_alternatives(q)
    assert len(alts) == len(set(alts))
    assert "'गोदाम'" in alts
    assert any("&" in a for a in alts)  # a phrase of the lexicon stays one alternative


def test_a_hostile_filter_value_stays_a_value(crowded: Database) -> None:
    # PostgreSQL asks the planner how much a filter passes before it searches: by parameters, not SQL text
    hostile = "x'); DROP TABLE documents; -- \\ 100% _"
    assert _search(crowded, "निरीक्षण", ItemFilter(department=hostile, q=hostile), limit=3) == []
    assert len(_search(crowded, "निरीक्षण", ItemFilter(status=["open", "done"]), limit=3)) == 3
    with crowded.session() as s:
        assert s.query(ActionItem).count() == 14  # the documents (and their items) are all there
