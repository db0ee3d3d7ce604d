"""Search storage and analysis: Hindi-aware matching, filters, and the index following every write."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from sqlalchemy import text

from nlp.query import highlight_spans, parse_query
from nlp.stem import stem
from search.fusion import rrf, weighted
from search.item_queries import keyword_search
from search.lexicon import search_lexicon
from search.vectors import AnnIndex, BruteForceIndex
from store.db import Database
from store.fts import reindex_all, sync_index
from store.items import update_item
from store.models import ActionItem
from store.repository import ItemFilter, get_document
from store.reprocess import reprocess_document
from tests.helpers.builders import extraction_for, store_text

TODAY = date(2026, 1, 15)

DOC_A = (
    "विभाग: सहकारिता विभाग\n"
    "सभी पैक्स का कम्प्यूटरीकरण दिसम्बर तक पूर्ण करने के निर्देश दिए।\n"
    "जिलाधिकारी ने नए गोदाम का निर्माण 2025-12-31 तक कराने के निर्देश दिए।\n"
    "सहकारी समितियों की मासिक बैठक कराने के निर्देश सचिव को दिए गए।\n"
    "धान खरीद केंद्रों पर १५ दिन में भुगतान करने के निर्देश दिए।\n"
)
DOC_B = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "खंड विकास अधिकारी को आंगनबाड़ी केंद्रों के निरीक्षण के निर्देश दिए।\n"
    "मनरेगा मजदूरी का भुगतान साप्ताहिक कराने के निर्देश दिए।\n"
)


def _texts(db: Database, q: str, f: ItemFilter | None = None) -> list[str]:
    with db.session() as s:
        hits = keyword_search(s, parse_query(q, search_lexicon()), f or ItemFilter(), TODAY)
        return [s.get(ActionItem, i).text for i, _ in hits]


@pytest.fixture
def filled(db: Database) -> Database:
    store_text(db, DOC_A, "a", date(2025, 11, 1))
    store_text(db, DOC_B, "b", date(2025, 12, 1))
    return db


def test_stemmer_conflates_inflections_only() -> None:
    assert stem("समितियों") == stem("समिति") == stem("समितियां")
    assert stem("किसानों") == "किसान"
    assert stem("godown") == "godown"
    assert stem("कर") == "कर"  # never below two letters


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("कंप्यूटरीकरण दिसंबर", "कम्प्यूटरीकरण"),  # anusvara vs nasal cluster, both words
        ("समिति", "समितियों"),  # inflection
        ("आंगनवाड़ी", None),  # a different word (व vs ब): must not match by spelling fold
        ("15 दिन", "१५ दिन"),  # ASCII query, Devanagari digits in the text
        ("e-PACS", "पैक्स"),
        ("MPACS computerisation", "कम्प्यूटरीकरण"),
        ("DM", "जिलाधिकारी"),
        ("godown", "गोदाम"),
        ("manrega", "मनरेगा"),  # romanised Hindi by transliteration
        ("anganwadi", "आंगनबाड़ी"),
    ],
)
def test_variants_inflections_digits_and_latin_queries(filled: Database, query: str, expected: str | None) -> None:
    found = _texts(filled, query)
    if expected is None:
        assert not any("आंगनबाड़ी" in t for t in found)
    else:
        assert found and expected in found[0], (query, found)


def test_filters_apply_to_keyword_search(filled: Database) -> None:
    everything = _texts(filled, "भुगतान")
    assert len(everything) == 2
    only_b = _texts(filled, "भुगतान", ItemFilter(department="ग्राम्य"))
    assert only_b == [t for t in everything if "मनरेगा" in t]
    assert _texts(filled, "भुगतान", ItemFilter(meeting_to=date(2025, 11, 30))) == [t for t in everything if "धान" in t]
    assert _texts(filled, "भुगतान", ItemFilter(status=["done"])) == []


def test_highlight_spans_point_at_the_matching_words() -> None:
    text = "सभी सहकारी समितियों का कम्प्यूटरीकरण दिसम्बर तक हो।"
    spans = highlight_spans(text, parse_query("समिति कंप्यूटरीकरण", search_lexicon()))
    assert [text[a:b] for a, b in spans] == ["समितियों", "कम्प्यूटरीकरण"]
    spans = highlight_spans(text, parse_query("samiti", search_lexicon()))
    assert [text[a:b] for a, b in spans] == ["समितियों"]


def _index_rows(db: Database) -> int:
    with db.engine.connect() as c:
        return c.exec_driver_sql("SELECT count(*) FROM item_fts").scalar_one()


def test_index_follows_update_reprocess_and_delete(db: Database) -> None:
    doc_id = store_text(db, DOC_B, "c")
    assert _index_rows(db) == 2
    # A reviewer's correction of the text is searchable at once, the old wording is not.
    with db.session() as s:
        item = get_document(s, doc_id).items[0]
        from store.items import review_item

        new = "खंड विकास अधिकारी को गोदाम के निरीक्षण के निर्देश दिए।"
        review_item(s, item, "correct", "tester", {"text": new, "action": new})
    assert _texts(db, "गोदाम") and not _texts(db, "आंगनबाड़ी")
    # Re-processing adds and removes items; the index follows.
    with db.session() as s:
        doc = get_document(s, doc_id)
        reprocess_document(s, doc, extraction_for(DOC_B.replace("मनरेगा मजदूरी", "विद्युत बिलों")))
    assert _texts(db, "विद्युत") and not _texts(db, "मनरेगा")
    # Tracking edits do not touch the index; deleting the document empties it.
    with db.session() as s:
        update_item(s, get_document(s, doc_id).items[0], {"status": "done"}, "tester")
    with db.session() as s:
        s.delete(get_document(s, doc_id))
    assert _index_rows(db) == 0
    assert _texts(db, "विद्युत") == []


def test_sync_and_reindex_repair_a_drifted_index(db: Database) -> None:
    store_text(db, DOC_A, "d")
    with db.engine.begin() as c:
        c.exec_driver_sql("DELETE FROM item_fts")
    assert _texts(db, "गोदाम") == []
    with db.session() as s:
        assert sync_index(s)["indexed"] == 4
    assert _texts(db, "गोदाम")
    with db.session() as s:
        assert reindex_all(s) == 4
    assert _index_rows(db) == 4


def test_sqlite_delete_trigger_without_the_orm(tmp_path) -> None:  # noqa: ANN001
    db = Database(f"sqlite:///{tmp_path / 't.db'}")
    store_text(db, DOC_A, "e")
    with db.engine.begin() as c:
        c.execute(text("DELETE FROM action_items WHERE text LIKE '%गोदाम%'"))
    assert _index_rows(db) == 3
    db.dispose()


def test_rrf_rewards_agreement_and_weighted_normalises() -> None:
    kw = [(1, 9.0), (2, 5.0), (3, 1.0)]
    sem = [(3, 0.9), (1, 0.8), (4, 0.7)]
    fused = [i for i, _ in rrf([kw, sem])]
    assert fused[0] == 1 and fused[1] == 3 and set(fused) == {1, 2, 3, 4}
    assert [i for i, _ in weighted([kw, sem], [1.0, 0.0])][:3] == [1, 2, 3]


@pytest.mark.parametrize("kind", [BruteForceIndex, AnnIndex])
def test_vector_index_add_replace_search_and_mask(kind: type[BruteForceIndex] | type[AnnIndex]) -> None:
    idx = kind()
    eye = np.eye(4, dtype=np.float32)
    idx.add([10, 11, 12], eye[:3])
    idx.add([11], eye[3:4])  # re-embedded item overwrites its row
    assert len(idx) == 3
    assert idx.search(eye[3], 1) == [(11, 1.0)]
    assert [i for i, _ in idx.search(eye[0], 3, allowed={12})] == [12]
    big = np.random.default_rng(0).standard_normal((3000, 4)).astype(np.float32)
    idx.add(list(range(100, 3100)), big)  # grows past its buffer
    assert len(idx) == 3003 and idx.get(3099) is not None
    assert idx.remove([11, 12, 99_999]) == 2
    assert len(idx) == 3001 and 11 not in idx and idx.get(11) is None
    assert idx.search(eye[3], 1, allowed={11, 10}) == [(10, 0.0)]


def test_word_overlap_tells_a_repeated_order_from_a_related_one() -> None:
    from search.service import SIMILAR_OVERLAP, word_overlap

    first = "जिलाधिकारी ने सभी पैक्स का कम्प्यूटरीकरण दिसम्बर तक पूर्ण करने के निर्देश दिए।"
    again = "पैक्स कम्प्यूटरीकरण का कार्य पूर्ण नहीं हुआ, जिलाधिकारी ने इसे 31 दिसंबर तक पूरा करने के निर्देश पुनः दिए।"
    other = "जिलाधिकारी ने सभी गोदामों का भौतिक सत्यापन दिसम्बर तक कराने के निर्देश दिए।"
    assert word_overlap(first, again) >= SIMILAR_OVERLAP > word_overlap(first, other)


def test_semantic_neighbours_need_to_be_as_close_as_a_word_match() -> None:
    """e5 scores unrelated directives of the genre near 0.8: when words matched, a meaning-only
    neighbour is kept only if it is at least as close to the query as a word-matched item."""
    from search.service import _relevant_semantic

    semantic = [(1, 0.79), (8, 0.77), (5, 0.768)]
    assert _relevant_semantic(semantic, [(1, 4.2)]) == [(1, 0.79)]
    assert _relevant_semantic(semantic, []) == semantic  # nothing matched by words: the margin rule only
    closer = [(9, 0.85), (1, 0.80), (3, 0.70)]
    assert _relevant_semantic(closer, [(1, 4.2)]) == [(9, 0.85), (1, 0.80)]
