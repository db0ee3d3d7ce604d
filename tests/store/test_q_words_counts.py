"""Issue 18, round 31: on PostgreSQL a ``q=`` whose candidates pass PAGE_IDS (a frequent needle with
another filter, a spaced needle) is counted by a join of ``item_words`` to the items, capped
(``store.repository.q_word_rows``). Totals and pages must stay exactly the plain query's, under caps, after edits and
deletes; the filters outside ``JOINED_FILTERS`` (the meeting's, ``document_id=``, overdue, …) keep the
trigram path."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from sqlalchemy import delete, update

from store import text_words
from store.db import Database
from store.models import ActionItem, Document
from store.repository import JOINED_FILTERS, ItemFilter, count_items, count_of, list_items, q_word_rows
from tests.store.test_q_words_filters import FILTERS, NEEDLES, TODAY, _check, _fill, _plain


def _joins(f: ItemFilter) -> bool:
    """Whether the join counts ``f``'s other filters (the rest: the trigram path, as before)."""
    return replace(f, q=None, **dict.fromkeys(JOINED_FILTERS)) == ItemFilter()


# round 29's filter sets, and priority (joined) alone and with statuses
ALL = [*FILTERS, ItemFilter(priority="high"), ItemFilter(status=["open", "done"], priority="normal")]
JOINED = [f for f in ALL if _joins(f)]


def _joined_counts(s: Any) -> int:
    """Check every needle x filter the join counts against the plain query; how many were joined."""
    joined = 0
    for needle in NEEDLES:
        for base in ALL:
            f = ItemFilter(**{**base.__dict__, "q": needle})
            exact = len(list(s.scalars(_plain(f))))
            rows = q_word_rows(s, f, TODAY)
            if not _joins(base):
                assert rows is None, (needle, base)
                continue
            if rows is None:  # only when the vocabulary cannot narrow the needle
                assert text_words.word_condition(s, needle) is None, needle
                continue
            joined += 1
            for cap in (None, 0, 2, exact - 1, exact):
                if cap is not None and cap < 0:
                    continue
                want = exact if cap is None else min(exact, cap + 1)
                assert s.scalar(count_of(rows, cap)) == want, (needle, base, cap)
                assert count_items(s, f, TODAY, cap) == want, (needle, base, cap)
    return joined


def test_the_join_count_equals_the_plain_query_after_every_write(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    with db.session() as s:
        _fill(s)
    postgres = db.engine.dialect.name == "postgresql"
    monkeypatch.setattr(text_words, "PAGE_IDS", 3)  # every needle's candidates pass it: the join count
    with db.session() as s:
        if postgres:
            assert len(JOINED) == 8 and not _joins(ItemFilter(department="x")) and not _joins(ItemFilter(overdue=True))
            assert not _joins(ItemFilter(issuer="x")) and not _joins(ItemFilter(document_id=1))
            assert _joined_counts(s) >= len(JOINED) * 15
            f = ItemFilter(q="हैंडपंपों", status=["open"])
            assert "item_words" in str(q_word_rows(s, f, TODAY))
            spaced = q_word_rows(s, ItemFilter(q="हैंडपंपों जांच"), TODAY)
            assert spaced is not None and "LIKE" in str(spaced)  # a superset, rechecked by the text
        else:
            assert q_word_rows(s, ItemFilter(q="हैंडपंपों", status=["open"]), TODAY) is None
        _check(s)
    with db.session() as s:  # texts changed by Core and by the ORM; a status; deletes
        s.execute(update(ActionItem).where(ActionItem.id.in_([1, 2, 3, 4])).values(text="नाली ROAD हैंडपंपों  जांच"))
        s.execute(update(ActionItem).where(ActionItem.id.in_([5, 10, 11])).values(status="open"))
        item = s.get(ActionItem, 6)
        assert item is not None
        item.text = "नया हैंडपंपों\tजांचघर"
        s.execute(delete(ActionItem).where(ActionItem.id.in_([7, 8, 9])))
    with db.session() as s:
        if postgres:
            _joined_counts(s)
        _check(s)
        s.execute(delete(Document).where(Document.id == 2))
    with db.session() as s:
        if postgres:
            _joined_counts(s)
        _check(s)


@pytest.mark.parametrize("page_ids", [text_words.PAGE_IDS, 3])  # by candidates; joined (past PAGE_IDS)
def test_responsible_with_the_words_equals_the_plain_query(
    db: Database, monkeypatch: pytest.MonkeyPatch, page_ids: int
) -> None:
    """``q=`` + ``responsible=`` (+ tracked, statuses) by the words, joined or by candidates: totals and pages
    equal the plain query's, an item naming the officer twice counted once."""
    with db.session() as s:
        _fill(s)
        s.execute(
            update(ActionItem)
            .where(ActionItem.id == 3)
            .values(
                responsible=[
                    {"name": None, "designation": "अधिशासी अभियंता"},
                    {"name": "राम", "designation": "अधिशासी अभियंता"},
                ]
            )
        )
    from store.responsibles import sync

    with db.session() as s:
        sync(s)
    monkeypatch.setattr(text_words, "PAGE_IDS", page_ids)
    with db.session() as s:
        for needle in ("पंप", "road", "हैंडपंपों जांच", "a_b", "zzz"):
            for extra in ({}, {"tracked": True}, {"status": ["open", "done"]}):
                f = ItemFilter(q=needle, responsible="अधिशासी", **extra)  # type: ignore[arg-type]
                exact = list(s.scalars(_plain(f)))
                for cap in (None, 0, 1, 10_000):
                    items, total = list_items(s, f, today=TODAY, limit=3, offset=1, count_cap=cap)
                    assert total == (len(exact) if cap is None else min(len(exact), cap + 1)), (needle, extra, cap)
                    assert [i.id for i in items] == exact[1:4], (needle, extra, cap)
