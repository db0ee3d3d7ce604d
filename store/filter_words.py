"""The list filters as words of ``item_words`` (migration 0022, PostgreSQL): ``q=`` + a filter in one GIN scan.

``filter_words`` holds one row per value a filter can match (``status``, ``review`` — the review state,
for ``review_state=`` and ``tracked=`` —, ``dept`` — a meeting's department as stored —, ``resp`` — a
responsible row's ``search``), and ``item_words.filter_ids`` each item's ids of them, kept exact by
triggers. A filter's words are chosen the way the filter matches its column (the same equality, the
same ILIKE on the same value, the same ``search_terms``), so the items having one of them are exactly
the items the filter matches, and ``filter_ids && ARRAY[those ids]`` is the filter. With the needle's
word condition (``store.text_words.word_condition``) on the same row, the GIN index on
``(word_ids, filter_ids)`` intersects the two posting lists itself: the count of ``हैंडपंपों`` + status
reads the ~14,000 items of the intersection instead of checking each of the needle's 69,643 against the
status on ``action_items``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Integer, String, column, func, literal, select, table
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from core.states import ReviewState
from store.responsibles import RESPONSIBLE, _terms

filter_words = table("filter_words", column("id", Integer), column("kind", String), column("value", String))
word_filter_counts = table(
    "word_filter_counts", column("word_id", Integer), column("filter_id", Integer), column("items", Integer)
)
# the ItemFilter fields whose meaning filter_words can carry (everything else on the list keeps its path)
FIELDS = ("status", "review_state", "tracked", "department", "responsible")


def applies(session: Session) -> bool:
    """PostgreSQL (migration 0022's table and column)."""
    return session.get_bind().dialect.name == "postgresql"


def _ids(session: Session, kind: str, condition: Any) -> list[int]:
    value = filter_words.c.value
    return list(session.scalars(select(filter_words.c.id).where(filter_words.c.kind == kind, condition(value))))


def word_arrays(session: Session, f: Any) -> list[list[int]]:
    """For each filter of ``f`` (a ``store.repository.ItemFilter``) among FIELDS that is set (in the sense
    ``store.repository._filtered`` gives it), the ids of its words: an item matches the filters when
    its ``filter_ids`` overlaps every array (an empty array: nothing matches)."""
    arrays: list[list[int]] = []
    if f.status:
        arrays.append(_ids(session, "status", lambda v: v.in_(f.status)))
    if f.review_state is not None:
        arrays.append(_ids(session, "review", lambda v: v.in_(f.review_state)))
    if f.tracked is not None:
        confirmed = ReviewState.CONFIRMED.value
        arrays.append(_ids(session, "review", lambda v: (v == confirmed) if f.tracked else (v != confirmed)))
    if f.department:
        arrays.append(_ids(session, "dept", lambda v: v.icontains(f.department, autoescape=True)))
    if f.responsible:
        arrays.append(_ids(session, "resp", lambda v: v.in_(_terms(RESPONSIBLE, f.responsible))))
    return arrays


def single_value(session: Session, field: str, f: Any) -> str | None:
    """The value of the one filter word ``f``'s filter ``field`` matches (only ``responsible``: a people
    row's ``search``), or None when it matches none or several."""
    if field != "responsible" or not f.responsible:
        return None
    value = filter_words.c.value
    rows = session.scalars(
        select(value).where(filter_words.c.kind == "resp", value.in_(_terms(RESPONSIBLE, f.responsible))).limit(2)
    ).all()
    return str(rows[0]) if len(rows) == 1 else None


def set_fields(f: Any) -> list[str]:
    """The FIELDS of ``f`` that are set, in ``word_arrays``' order and sense."""
    set_ = (bool(f.status), f.review_state is not None, f.tracked is not None, bool(f.department), bool(f.responsible))
    return [name for name, is_set in zip(FIELDS, set_, strict=True) if is_set]


def pair_count(session: Session, word_id: int, f: Any) -> int | None:
    """How many items have the text word ``word_id`` and match ``f``'s one filter among FIELDS, from
    ``word_filter_counts`` (one row per filter word): exact when the filter's words are disjoint on
    every item — status, review state, tracked and department (an item has one of each), or a
    responsible filter with one word. None otherwise (several filters; several responsible words)."""
    fields = set_fields(f)
    if len(fields) != 1:
        return None
    (ids,) = word_arrays(session, f)
    if fields == ["responsible"] and len(ids) > 1:
        return None
    if not ids:
        return 0
    c = word_filter_counts.c
    total = session.scalar(
        select(func.coalesce(func.sum(c["items"]), 0)).where(c.word_id == word_id, c.filter_id.in_(ids))
    )
    return int(total or 0)


def conditions(arrays: list[list[int]], item_words: Any) -> list[Any]:
    """``filter_ids && ARRAY[…]`` on ``item_words`` for each array of ``word_arrays`` (literal arrays: the
    planner sees the values)."""
    col = item_words.c.filter_ids
    return [col.overlap(literal(ids, ARRAY(Integer))) for ids in arrays]
