"""Issue 18, ``q=`` within 2x in every form: on PostgreSQL ``q=`` combined with other filters, and a
needle with whitespace, take their candidates from the words of the texts (``store.text_words.candidates``)
when those are few. Pages and totals must stay exactly the plain query's (the ILIKE of the text with
the other filters) on both databases, under caps, for frequent, multi-word, rare, mixed-case, LIKE-special
and whitespace needles, after text edits and deletes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, func, insert, select, update

from store import text_words
from store.db import Database
from store.models import ActionItem, Document
from store.repository import ItemFilter, _filtered, _order, list_items
from store.responsibles import sync

TODAY = date(2026, 6, 1)
AT = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
POOL = ["हैंडपंपों", "हैंडपंप", "(पंप),", "जांच", "Road", "ROAD-side", "roadways", "50%", "a_b", "x/y", "सड़क", "नाली"]
NEEDLES = [
    "हैंडपंपों",  # frequent
    "पंप",  # inside three words
    "road",  # mixed case in the texts
    "ROAD-S",
    "%",
    "_",
    "a_b",
    "x/y",
    "नाली",
    "zzz",
    "हैंडपंपों जांच",  # whitespace: first piece ends a word, last starts one
    "ंपों जां",  # both pieces inside words
    "हैंडपंपों  जांच",  # two spaces: only the texts with two spaces there
    "जांच\tसड़क",
    "road ",  # trailing / leading whitespace: one piece
    " road",
    "Road हैंडपंपों नाली",  # an inner whole word
    "50% a_b",
    "x/y zzz",  # a piece in no word: nothing
    " ",  # whitespace alone: no piece, the trigram path
]
PEOPLE = ([{"name": None, "designation": "अधिशासी अभियंता"}], [{"name": None, "designation": "तहसीलदार"}])
FILTERS = [
    ItemFilter(),
    ItemFilter(department="कृषि"),
    ItemFilter(status=["open"]),
    ItemFilter(responsible="अधिशासी"),
    ItemFilter(responsible="अधिशासी", tracked=True),
    ItemFilter(tracked=True),
    ItemFilter(overdue=True),
    ItemFilter(review_state=["proposed"]),
    ItemFilter(document_id=2, priority="high"),
    ItemFilter(department="जल", status=["open", "done"]),
]


def _text(n: int) -> str:
    words = [w for i, w in enumerate(POOL) if (n >> (i % 6)) & 1 or (i > 5 and n % (i - 3) == 0)]
    if n % 3:
        words.insert(0, POOL[0])
    tails = (["हैंडपंपों", "जांच"], ["Road", "हैंडपंपों", "नाली"], ["जांच", "सड़क"], ["50%", "a_b"], [])
    words += tails[n % 5] if n % 7 else ["हैंडपंपों", "जांचघर"]
    sep = ("  ", "\t", "\n", " ", " ", "  ")[n % 6]
    return (" " if n % 5 == 0 else "") + sep.join(words or ["निर्देश"])


def _fill(s: Any, n_items: int = 60) -> None:
    s.execute(
        insert(Document),
        [{"id": d, "sha256": f"{d:064x}", "filename": "d.txt", "content_type": "text/plain", "kind": "txt",
          "size": 1, "stored_path": "d", "meeting_date": TODAY, "status": "processed", "department": dept}
         for d, dept in ((1, "कृषि विभाग"), (2, "जल निगम"))],
    )  # fmt: skip
    s.execute(
        insert(ActionItem),
        [{"id": n, "document_id": 1 + n % 2, "seq": n, "text": _text(n), "norm_text": "x",
          "responsible": PEOPLE[n % 3 == 0], "status": ("open", "done", "in_progress")[n % 3],
          "review_state": ("proposed", "confirmed", "rejected", "confirmed")[n % 4],
          "priority": ("normal", "high")[n % 5 == 0],
          "created_at": AT + timedelta(minutes=n % 7), "due_date": TODAY + timedelta(days=n % 5 - 2) if n % 3 else None}
         for n in range(1, n_items + 1)],
    )  # fmt: skip
    sync(s)


def _plain(f: ItemFilter, sort: str = "-created_at") -> Any:
    """The ids the plain query gives: the other filters and the ILIKE of the text, no words, no index."""
    stmt = select(ActionItem.id).join(ActionItem.document)
    plain_q = ActionItem.text.icontains(f.q or "", autoescape=True)
    return _filtered(stmt, f, TODAY, q_condition=plain_q).order_by(*_order(sort))


def _check(s: Any) -> None:
    for needle in NEEDLES:
        for base in FILTERS:
            f = ItemFilter(**{**base.__dict__, "q": needle})
            exact = list(s.scalars(_plain(f)))
            items, total = list_items(s, f, today=TODAY, limit=500, count_cap=10_000)
            assert (total, [i.id for i in items]) == (len(exact), exact), (needle, base)
            for cap in (0, 2, len(exact)):  # a capped total, the page still the plain one
                items, total = list_items(s, f, today=TODAY, limit=4, offset=1, count_cap=cap)
                assert total == min(len(exact), cap + 1), (needle, base, cap)
                assert [i.id for i in items] == exact[1:5], (needle, base, cap)
            for sort in ("id", "-due_date"):
                page, _ = list_items(s, f, today=TODAY, sort=sort, limit=5, offset=2, count_cap=10_000)
                assert [i.id for i in page] == list(s.scalars(_plain(f, sort).limit(5).offset(2))), (needle, sort)


def test_q_with_filters_and_whitespace_equals_the_plain_query_after_every_write(db: Database) -> None:
    with db.session() as s:
        _fill(s)
    with db.session() as s:
        assert len(list(s.scalars(_plain(ItemFilter(q="हैंडपंपों जांच"))))) > 3
        assert list(s.scalars(_plain(ItemFilter(q="ंपों जां", department="कृषि"))))
        assert list(s.scalars(_plain(ItemFilter(q="road", responsible="अधिशासी"))))
        _check(s)
    with db.session() as s:  # texts changed by Core and by the ORM; a status, a delete
        s.execute(update(ActionItem).where(ActionItem.id.in_([1, 2, 3, 4])).values(text="नाली ROAD हैंडपंपों  जांच"))
        s.execute(update(ActionItem).where(ActionItem.id == 5).values(status="open"))
        item = s.get(ActionItem, 6)
        assert item is not None
        item.text = "नया हैंडपंपों\tजांचघर"
        s.execute(delete(ActionItem).where(ActionItem.id.in_([7, 8, 9])))
    with db.session() as s:
        _check(s)
        s.execute(delete(Document).where(Document.id == 2))
    with db.session() as s:
        _check(s)


def test_the_words_path_is_taken_and_falls_back(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session() as s:
        _fill(s)
    with db.session() as s:
        if s.get_bind().dialect.name == "postgresql":
            found = text_words.candidates(s, "पंप")
            assert found is not None and found.exact
            assert sorted(found.ids) == sorted(s.scalars(_plain(ItemFilter(q="पंप"))))
            paired = text_words.candidates(s, "हैंडपंपों जांच")  # two pieces, one space: 0025's pairs, exact
            assert paired is not None and paired.exact
            assert sorted(paired.ids) == sorted(s.scalars(_plain(ItemFilter(q="हैंडपंपों जांच"))))
            assert text_words.candidates(s, "पंपों जांच नाली") is not None
            monkeypatch.setattr(text_words, "MAX_PAIRS", 0)  # the pieces in too many pairs: their words
            spaced = text_words.candidates(s, "हैंडपंपों जांच")
            assert spaced is not None and not spaced.exact
            assert set(spaced.ids) >= set(s.scalars(_plain(ItemFilter(q="हैंडपंपों जांच"))))
            assert text_words.candidates(s, "x/y zzz") == text_words.Candidates([], exact=True)
            assert text_words.candidates(s, " ") is None
            monkeypatch.setattr(text_words, "PIECE_ITEMS", 0)  # no piece narrows enough: the trigram path
            assert text_words.candidates(s, "हैंडपंपों जांच") is None
            # only the rarer piece ("जांच…" words) is looked up, not the frequent word "हैंडपंपों"
            tw = text_words.text_words
            rarer = s.scalar(select(func.sum(tw.c["items"])).where(tw.c.word.like("जांच%")))
            assert 0 < rarer < s.scalar(select(tw.c["items"]).where(tw.c.word == "हैंडपंपों"))
            monkeypatch.setattr(text_words, "PIECE_ITEMS", rarer)
            wider = text_words.candidates(s, "हैंडपंपों जांच")
            assert wider is not None and set(wider.ids) >= set(spaced.ids)
            assert text_words.candidates(s, "हैंडपंपों", limit=3) is None  # more items than the limit
        _check(s)  # (with one piece looked up on PostgreSQL) still the plain query's
        monkeypatch.setattr(text_words, "PAGE_IDS", 3)  # broader needles: the trigram path as before
        _check(s)
