"""Issue 18, ``q=`` within 2x: on PostgreSQL the capped count of ``q=`` is read from the words of the
texts (migration 0020: ``text_words.items``, ``item_words``), kept by triggers under every write; it
must equal the plain count (the trigram/LIKE query) for frequent, rare, multi-word, mixed-case and
LIKE-special needles under every cap, and SQLite (which has no such tables) gives the same totals."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import delete, func, insert, select, update

from store import text_words
from store.db import Database
from store.models import ActionItem, Document
from store.repository import ItemFilter, _filtered, _order, count_items, count_of, list_items, matching_ids
from tests.helpers.migrations import engine_at, raw_document

TODAY = date(2026, 6, 1)
AT = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
# the texts: "हैंडपंपों" in most, "पंप" inside three different words (one item has two of them),
# Latin words in mixed case, LIKE's special characters, tabs, newlines and repeated spaces
POOL = ["हैंडपंपों", "हैंडपंप", "(पंप),", "जांच", "Road", "ROAD-side", "roadways", "50%", "a_b", "x/y", "सड़क", "नाली"]
NEEDLES = [
    "हैंडपंपों",  # frequent: in more items than the small caps
    "पंप",  # three vocabulary words
    "(पंप)",
    "पंप),",
    "road",  # ILIKE: "Road", "ROAD-side", "roadways"
    "ROAD-S",
    "Ways",
    "50%",
    "%",
    "_",
    "a_b",
    "ab",  # "_" is literal: no match
    "x/y",
    "/",
    "नाली",
    "ड़",
    "zzz",  # in no item
    "हैंडपंपों जांच",  # one space: 0025's pairs on PostgreSQL (exact)
    "जांच\tसड़क",  # a tab: the other spaced paths
    "ंपों हैंड",  # pieces inside the words: a word ending, a word starting
    "हैंडपंप (पंप),",
    "पंप), जांच",
    "ROAD roadWAYS",  # mixed case
    "हैंडपंपों हैंडपंपों",  # a repeated piece
    "50% a_b",  # LIKE's special characters
    "x/y सड़क",
    "हैंडपंपों जांच road",  # three pieces: the pairs of each two, rechecked
    "नाली zzz",  # a pair in no text
]


def _text(n: int) -> str:
    words = [w for i, w in enumerate(POOL) if (n >> (i % 6)) & 1 or (i > 5 and n % (i - 3) == 0)]
    if n % 3:
        words.insert(0, POOL[0])
    sep = ("  ", "\t", "\n", " ")[n % 4]
    return (" " if n % 5 == 0 else "") + sep.join(words or ["निर्देश"])


def _fill(s: Any, n_items: int = 40) -> None:
    s.execute(
        insert(Document),
        [{"id": 1, "sha256": "7" * 64, "filename": "d.txt", "content_type": "text/plain", "kind": "txt",
          "size": 1, "stored_path": "d", "meeting_date": TODAY, "status": "processed"}],
    )  # fmt: skip
    s.execute(
        insert(ActionItem),
        [{"id": n, "document_id": 1, "seq": n, "text": _text(n), "norm_text": "x", "responsible": [],
          "created_at": AT + timedelta(minutes=n % 7), "due_date": TODAY + timedelta(days=n % 5) if n % 3 else None}
         for n in range(1, n_items + 1)],
    )  # fmt: skip


def _plain(s: Any, needle: str, cap: int | None = None) -> int:
    """The count of the query that the page runs (``store.substring``'s condition), not the words."""
    return s.scalar(count_of(matching_ids(ItemFilter(q=needle), TODAY), cap)) or 0


def _plain_page(needle: str, sort: str = "-created_at") -> Any:
    """The ids of a page as the plain query orders them (the condition of ``store.substring``)."""
    return _filtered(select(ActionItem.id), ItemFilter(q=needle), TODAY).order_by(*_order(sort))


def _check_counts(s: Any) -> None:
    for needle in NEEDLES:
        exact = _plain(s, needle)
        f = ItemFilter(q=needle)
        assert count_items(s, f, TODAY) == exact, needle
        for cap in range(0, exact + 2):
            assert count_items(s, f, TODAY, cap) == min(exact, cap + 1), (needle, cap)
        items, total = list_items(s, f, today=TODAY, limit=500, count_cap=10_000)
        assert total == len(items) == exact, needle
        plain = list(s.scalars(_plain_page(needle)))
        assert [i.id for i in items] == plain, needle
        for sort in ("-created_at", "id", "-due_date"):  # a page in the middle, by the ids' path too
            page, _ = list_items(s, f, today=TODAY, sort=sort, limit=7, offset=3, count_cap=10_000)
            assert [i.id for i in page] == list(s.scalars(_plain_page(needle, sort).limit(7).offset(3))), needle
    if s.get_bind().dialect.name == "postgresql":
        _check_words(s)
        _check_pairs(s)


_RUN = re.compile("[^\t\n\v\f\r ]+")


def text_pairs_of(text: str) -> set[tuple[str, str]]:
    """The (left, right) words of ``text`` separated by exactly one space (0025), computed in Python."""
    tokens = text.lower().split(" ")
    pairs = set()
    for left, right in zip(tokens, tokens[1:], strict=False):
        lw, rw = re.search(_RUN.pattern + "$", left), _RUN.match(right)
        if lw and rw:
            pairs.add((lw.group(), rw.group()))
    return pairs


def _check_item_counts(s: Any, per_item: str, ids: str, vocabulary: Any) -> None:
    """``items`` of every vocabulary row equals the number of items whose ``per_item.ids`` hold it."""
    recount = dict(
        s.execute(
            select(sa.column("w"), func.count())
            .select_from(sa.text(f"{per_item}, unnest({per_item}.{ids}) AS w"))
            .group_by(sa.column("w"))
        ).all()
    )
    stored = dict(s.execute(select(vocabulary.c.id, vocabulary.c["items"])).all())
    assert {k: v for k, v in stored.items() if v} == recount


def _check_pairs(s: Any) -> None:
    """``items`` of every pair equals the number of items having it; each item's pairs are its text's."""
    _check_item_counts(s, "item_pairs", "pair_ids", text_words.text_pairs)
    rows = s.execute(
        sa.text(
            "SELECT a.text, ARRAY(SELECT l.word || ' ' || r.word FROM text_pairs p JOIN text_words l ON l.id = "
            "p.left_id JOIN text_words r ON r.id = p.right_id WHERE p.id = ANY (i.pair_ids)) "
            "FROM action_items a JOIN item_pairs i ON i.item_id = a.id"
        )
    ).all()
    assert len(rows) == s.scalar(select(func.count()).select_from(ActionItem))
    for text, pairs in rows:
        assert sorted(pairs) == sorted(f"{a} {b}" for a, b in text_pairs_of(text)), text


def _check_words(s: Any) -> None:
    """``items`` of every word equals the number of items having it; each item's words are its text's."""
    _check_item_counts(s, "item_words", "word_ids", text_words.text_words)
    rows = s.execute(
        sa.text(
            "SELECT a.text, ARRAY(SELECT t.word FROM text_words t WHERE t.id = ANY (i.word_ids) ORDER BY t.word) "
            "FROM action_items a JOIN item_words i ON i.item_id = a.id"
        )
    ).all()
    assert len(rows) == s.scalar(select(func.count()).select_from(ActionItem))
    for text, words in rows:
        expected = sorted({w for w in text.lower().replace("\t", " ").replace("\n", " ").split(" ") if w})
        assert sorted(words) == expected, text


def test_q_counts_equal_the_plain_count_under_every_cap_and_every_write(db: Database) -> None:
    with db.session() as s:
        _fill(s)
    with db.session() as s:
        assert _plain(s, "हैंडपंपों") > 20 and 0 < _plain(s, "पंप),") < _plain(s, "पंप") < 40
        _check_counts(s)
    with db.session() as s:  # texts changed by Core (one statement, many rows) and by the ORM
        s.execute(update(ActionItem).where(ActionItem.id.in_([1, 2, 3, 4])).values(text="नाली ROADS 50%"))
        s.execute(update(ActionItem).where(ActionItem.id == 5).values(status="done"))  # not the text
        item = s.get(ActionItem, 6)
        assert item is not None
        item.text = "नया  पंपघर\tनिर्माण"  # a word no item had
    with db.session() as s:
        _check_counts(s)
        assert _plain(s, "पंपघर") == 1 and count_items(s, ItemFilter(q="पंपघर"), TODAY, 0) == 1
        s.execute(delete(ActionItem).where(ActionItem.id.in_([6, 7, 8])))
    with db.session() as s:
        assert count_items(s, ItemFilter(q="पंपघर"), TODAY) == 0
        _check_counts(s)
        s.execute(delete(Document).where(Document.id == 1))  # every item, by the meeting's cascade
    with db.session() as s:
        assert count_items(s, ItemFilter(q="हैंडपंपों"), TODAY) == 0
        _check_counts(s)


def test_word_count_is_the_path_taken_on_postgresql(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session() as s:
        _fill(s)
    with db.session() as s:
        pg = s.get_bind().dialect.name == "postgresql"
        assert text_words.applies(s, "हैंडपंपों") is pg
        assert text_words.applies(s, "हैंडपंपों जांच") is pg  # two pieces around one space: 0025's pairs
        for spaced in ("हैंडपंपों\tजांच", "हैंडपंपों  जांच", " जांच", "जांच ", "हैंडपंपों की जांच"):
            assert text_words.applies(s, spaced) is False, spaced
        if pg:
            exact = _plain(s, "पंप")
            assert text_words.word_count(s, "पंप") == exact
            assert text_words.word_count(s, "पंप", 2) == 3
            for spaced in ("हैंडपंपों जांच", "ंपों हैंड", "ROAD roadWAYS", "नाली zzz", "पंप), जांच"):  # the pairs
                pieces = text_words.pair_pieces(spaced)
                assert pieces is not None
                match = text_words.pair_match(s, pieces)
                assert match is not None and match.count == _plain(s, spaced), spaced
            assert _plain(s, "हैंडपंपों हैंडपंप") > 2
            for cap in (0, 1):  # one pair in more items than the cap: "more"
                assert text_words.pair_match(s, ["हैंडपंपों", "हैंडपंप"], cap) == text_words.WordMatch(cap + 1)
            with monkeypatch.context() as m:
                m.setattr(text_words, "MAX_PAIRS", 0)  # too many pairs: the other spaced paths, same totals
                assert text_words.word_count(s, "हैंडपंपों हैंडपंप") is None
                for needle in ("हैंडपंपों हैंडपंप", "ंपों हैंड"):
                    items, total = list_items(s, ItemFilter(q=needle), today=TODAY, limit=5, count_cap=4)
                    assert [i.id for i in items] == list(s.scalars(_plain_page(needle).limit(5))), needle
                    assert total == min(_plain(s, needle), 5), needle
            monkeypatch.setattr(text_words, "MAX_WORDS", 2)  # "पंप" is in three words: the trigram path
            assert text_words.word_count(s, "पंप") is None
            assert count_items(s, ItemFilter(q="पंप"), TODAY) == exact
            monkeypatch.setattr(text_words, "PAGE_IDS", 3)  # broader needles' pages walk the sort order
            for needle in NEEDLES:
                items, total = list_items(s, ItemFilter(q=needle), today=TODAY, limit=5, count_cap=4)
                assert [i.id for i in items] == list(s.scalars(_plain_page(needle).limit(5))), needle
                assert total == min(_plain(s, needle), 5), needle
        # with another filter the count is the plain query's on both databases
        f = ItemFilter(q="road", status=["open"])
        assert count_items(s, f, TODAY) == s.scalar(count_of(matching_ids(f, TODAY)))


def test_migration_fills_the_words_of_existing_items(db_url: str) -> None:
    engine = engine_at(db_url, "0019_responsible_states")
    with engine.begin() as conn:
        raw_document(conn, "f" * 64, "2026-05-01 00:00:00+00:00")
        for n, text in ((1, "हैंडपंपों की जांच"), (2, "Road  हैंडपंपों"), (3, "नाली")):
            conn.execute(
                sa.text(
                    "INSERT INTO action_items (id, document_id, seq, text, norm_text, responsible, "
                    "responsible_search, targets, review_state, status, priority, due_date_source, stale, "
                    "created_at, updated_at) VALUES (:n, 1, :n, :text, 'x', '[]', '', '[]', 'proposed', "
                    "'open', 'normal', 'extracted', :f, :now, :now)"
                ),
                {"n": n, "text": text, "f": False, "now": "2026-05-01 00:00:00+00:00"},
            )
    engine.dispose()
    db = Database(db_url)  # migrates to the head
    try:
        with db.session() as s:
            if s.get_bind().dialect.name == "postgresql":
                items = dict(s.execute(select(text_words.text_words.c.word, text_words.text_words.c["items"])).all())
                assert items == {"हैंडपंपों": 2, "की": 1, "जांच": 1, "road": 1, "नाली": 1}
                _check_words(s)
                _check_pairs(s)  # 0025 filled the pairs: "हैंडपंपों की", "की जांच" (not "road  हैंडपंपों")
                assert s.scalar(select(func.count()).select_from(text_words.text_pairs)) == 2
            assert count_items(s, ItemFilter(q="पंपों की"), TODAY) == 1
            assert count_items(s, ItemFilter(q="road हैंडपंपों"), TODAY) == 0
            assert count_items(s, ItemFilter(q="road  हैंडपंपों"), TODAY) == 1
            assert count_items(s, ItemFilter(q="हैंडपंपों"), TODAY, 1) == 2
            assert count_items(s, ItemFilter(q="ROAD"), TODAY) == 1
    finally:
        db.dispose()
