"""``q=``'s count on PostgreSQL from the words of the item texts (migration 0020), not a trigram bitmap.

A needle without whitespace (``WORD_SEPARATORS``, the ones 0020 splits on) lies inside one word of
``lower(text)``, so the items matching ``q=`` are exactly those having one of the vocabulary words
that contain ``lower(q)``. ``text_words`` holds each word with ``items``, the number of items having
it (kept exact by triggers), and ``item_words`` each item's word ids. So:

* no word contains the needle: no item does (0);
* one word does: its ``items`` is the count, exact, whatever the cap;
* several do and one of them is in more items than the cap: the count passes the cap;
* otherwise: the ids of the items having any of them (``item_words``' GIN index, up to ``cap + 1``),
  counted; a list page then reads exactly those items (``items_containing``).

The trigram path counted by building the bitmap of *every* candidate (69,643 for a 7% needle at a
million items) and rechecking 10,001 texts; this reads one vocabulary row in the common case.

The meaning is ``store.substring``'s: ILIKE there is ``lower(text) LIKE lower(pattern)`` (PostgreSQL
lower-cases both in a multibyte database), and a word is a piece of ``lower(text)``, matched here by
``word LIKE lower(pattern)``. A caseless needle (LIKE there) matches the same texts either way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Integer, String, and_, any_, column, func, literal, select, table
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

WORD_SEPARATORS = frozenset("\t\n\v\f\r ")  # 0020_text_words.WORD_SPLIT
_SPLIT = re.compile("[\t\n\v\f\r ]+")
MAX_WORDS = 1000  # a needle inside more vocabulary words than this keeps the trigram path
# A list page of q= with at most this many matches reads exactly those items by id (the planner probes
# them by key and sorts, or walks the sort order filtering on the hashed ids; it cannot estimate a
# substring and would otherwise build the whole trigram bitmap of a needle like "1,3": 126,451
# candidates, 1.6 s); more matches: the page walks the sort order with the LIKE as before.
PAGE_IDS = 10_000

text_words = table("text_words", column("id", Integer), column("word", String), column("items", Integer))
item_words = table(
    "item_words",
    column("item_id", Integer),
    column("word_ids", ARRAY(Integer)),
    column("filter_ids", ARRAY(Integer)),  # migration 0022: store.filter_words
)


text_pairs = table(
    "text_pairs",
    column("id", Integer),
    column("left_id", Integer),
    column("right_id", Integer),
    column("items", Integer),
)
item_pairs = table("item_pairs", column("item_id", Integer), column("pair_ids", ARRAY(Integer)))
MAX_PAIRS = 1000  # a spaced needle whose two pieces stand in more vocabulary pairs keeps the other paths


def applies(session: Session, needle: str) -> bool:
    """Whether ``word_count`` can count ``needle`` here: PostgreSQL (0020's tables), no whitespace, or
    two pieces around exactly one space (0025's pairs, ``pair_pieces``)."""
    if not needle or session.get_bind().dialect.name != "postgresql":
        return False
    return not WORD_SEPARATORS & set(needle) or len(pair_pieces(needle) or ()) == 2


def pair_pieces(needle: str) -> list[str] | None:
    """The pieces of a needle whose every separator is exactly one space (``"a b c"``), None for any
    other needle (no space, a tab or a newline, two spaces together, a leading or trailing space). A
    text contains ``"P1 P2"`` exactly when two of its words stand next to each other separated by one
    space, the first ending with ``P1``, the second starting with ``P2`` (``text_pairs``, 0025); with
    more pieces, every two neighbouring pieces so, each middle piece a whole word: a superset."""
    pieces = needle.split(" ")
    if len(pieces) < 2 or any(not p or WORD_SEPARATORS & set(p) for p in pieces):
        return None
    return pieces


def like_pattern(needle: str, start: str = "%", end: str = "%") -> str:
    """``%needle%`` with LIKE's special characters escaped by ``/`` (as ``icontains(autoescape=True)``);
    ``start`` / ``end``: "" to anchor the pattern at the word's start / end."""
    escaped = needle.replace("/", "//").replace("%", "/%").replace("_", "/_")
    return f"{start}{escaped}{end}"


def _word_like(pattern: str, word: Any = None) -> Any:
    """The vocabulary word (``word``: another alias's) matches ``lower(pattern)`` (``/`` escapes)."""
    return (text_words.c.word if word is None else word).like(func.lower(literal(pattern, String)), escape="/")


def _word_contains(needle: str) -> Any:
    """The vocabulary word contains ``lower(needle)``."""
    return _word_like(like_pattern(needle))


def words_containing(needle: str) -> Any:
    """SELECT id, items of the vocabulary words containing ``lower(needle)`` (at most MAX_WORDS + 1)."""
    return select(text_words.c.id, text_words.c["items"]).where(_word_contains(needle)).limit(MAX_WORDS + 1)


def item_ids_containing(needle: str) -> Any:
    """SELECT item_id of the items whose text contains ``needle`` (by their words)."""
    words = select(text_words.c.id).where(_word_contains(needle))
    return select(item_words.c.item_id).where(item_words.c.word_ids.overlap(func.array(words.scalar_subquery())))


def items_containing(needle: str, item_id: Any, ids: list[int] | None = None) -> Any:
    """``item_id = ANY (…)``: the ids ``ids`` when read already, else ``ARRAY(…the ids of the items
    containing needle…)`` (by their words, or by their pairs for a needle of two pieces). The planner
    reads the primary key for each and sorts them, whatever it would guess for a substring."""
    if ids is not None:
        return item_id == any_(literal(ids, ARRAY(Integer)))
    pieces = pair_pieces(needle)
    rows = item_ids_containing(needle) if pieces is None else item_ids_paired(pieces)
    return item_id == any_(func.array(rows.scalar_subquery()))


def _piece_pattern(pieces: list[str], i: int) -> str:
    """The LIKE pattern of piece ``i``'s words: the first ends with it, the last starts with it, a middle
    one is it (``_pieces``)."""
    return like_pattern(pieces[i], "%" if i == 0 else "", "%" if i == len(pieces) - 1 else "")


def pairs_of(pieces: list[str], i: int) -> Any:
    """SELECT id, items of the vocabulary pairs of pieces ``i`` and ``i + 1``."""
    left, right = text_words.alias("pl"), text_words.alias("pr")
    return (
        select(text_pairs.c.id, text_pairs.c["items"])
        .join(left, left.c.id == text_pairs.c.left_id)
        .join(right, right.c.id == text_pairs.c.right_id)
        .where(
            _word_like(_piece_pattern(pieces, i), left.c.word), _word_like(_piece_pattern(pieces, i + 1), right.c.word)
        )
    )


def pair_conditions(pieces: list[str]) -> list[Any]:
    """``item_pairs.pair_ids && ARRAY(…)`` for every two neighbouring pieces (a subquery's array, so the
    planner takes the GIN index; see ``word_match``)."""
    return [
        item_pairs.c.pair_ids.overlap(
            func.array(pairs_of(pieces, i).with_only_columns(text_pairs.c.id).scalar_subquery())
        )
        for i in range(len(pieces) - 1)
    ]


def item_ids_paired(pieces: list[str]) -> Any:
    """SELECT item_id of the items having a pair of every two neighbouring pieces (exactly the items
    containing the needle when there are two pieces)."""
    return select(item_pairs.c.item_id).where(*pair_conditions(pieces))


def pair_match(session: Session, pieces: list[str], cap: int | None = None) -> WordMatch | None:
    """``word_match`` of a needle of two pieces around one space, from ``text_pairs`` / ``item_pairs``:
    no pair, 0; one in more items than PAGE_IDS or the cap, its ``items`` (capped); else the items' ids
    read from the GIN index (a list page then reads its own ids first, ``store.repository.page_of_ids``:
    for ``30 जून``'s one pair of 1,417 items 34 ms through ``id = ANY(ARRAY(…))`` against ~10). None when
    the pieces stand in more than MAX_PAIRS pairs."""
    pairs = session.execute(pairs_of(pieces, 0).limit(MAX_PAIRS + 1)).all()
    if len(pairs) > MAX_PAIRS:
        return None
    if not pairs:
        return WordMatch(0, [])
    widest = max(int(items) for _id, items in pairs)
    if len(pairs) == 1 and (widest > PAGE_IDS or (cap is not None and widest > cap)):
        return WordMatch(widest if cap is None else min(widest, cap + 1))  # the page walks the sort order
    if cap is not None and widest > cap:
        return WordMatch(cap + 1)
    rows = item_ids_paired(pieces)
    ids = list(session.scalars(rows if cap is None else rows.limit(cap + 1)))
    return WordMatch(len(ids), ids if cap is None or len(ids) <= cap else None)


@dataclass(frozen=True)
class WordMatch:
    """``count``: how many items match, at most ``cap + 1`` as ``store.repository.count_items`` counts;
    ``ids``: their ids when they were read to count them (several words, at most ``cap`` items)."""

    count: int
    ids: list[int] | None = None


def word_match(session: Session, needle: str, cap: int | None = None) -> WordMatch | None:
    """How many items' texts contain ``needle`` (``q=``); None when the vocabulary cannot say (too many
    words: the caller keeps the trigram path). A needle of two pieces around one space: ``pair_match``."""
    if WORD_SEPARATORS & set(needle):
        pieces = pair_pieces(needle)
        return pair_match(session, pieces, cap) if pieces is not None and len(pieces) == 2 else None
    words = session.execute(words_containing(needle)).all()
    if len(words) > MAX_WORDS:
        return None
    if not words:
        return WordMatch(0, [])
    if len(words) == 1:
        n = int(words[0][1])
        return WordMatch(n if cap is None else min(n, cap + 1))
    if cap is not None and max(int(items) for _id, items in words) > cap:
        return WordMatch(cap + 1)
    # the word ids again by a subquery, not as a bound array: for an array it knows, the planner estimates
    # a third of the table and scans item_words (9 s for the 100 words of "1,3"); for a subquery's it
    # takes the GIN index
    rows = item_ids_containing(needle)
    ids = list(session.scalars(rows if cap is None else rows.limit(cap + 1)))
    return WordMatch(len(ids), ids if cap is None or len(ids) <= cap else None)


def single_word(session: Session, needle: str) -> int | None:
    """The id of the one vocabulary word containing ``needle`` (no whitespace), if exactly one does."""
    if not needle or WORD_SEPARATORS & set(needle):
        return None
    words = session.execute(words_containing(needle).limit(2)).all()
    return int(words[0][0]) if len(words) == 1 else None


def word_count(session: Session, needle: str, cap: int | None = None) -> int | None:
    """``word_match``'s count."""
    match = word_match(session, needle, cap)
    return None if match is None else match.count


# A piece of a needle with whitespace whose words are in more items than this together does not narrow
# the candidates enough to be worth its GIN bitmap (a word like "की" is in most texts); it is left out
# of the conjunction (the candidates stay a superset).
PIECE_ITEMS = 100_000


@dataclass(frozen=True)
class Candidates:
    """The ids of the items that may match ``q=`` (``exact``: exactly those that do; otherwise a
    superset, which the caller rechecks with the text condition)."""

    ids: list[int]
    exact: bool


def _pieces(needle: str) -> list[Any]:
    """For a needle with whitespace, the vocabulary conditions each matching text's words meet: its
    first piece ends a word, its last piece starts one, every piece between is a whole word (the
    text's separators match the needle's literally, and 0020 splits the text on them)."""
    pieces = _SPLIT.split(needle)
    conds = []
    if pieces[0]:
        conds.append(_word_like(like_pattern(pieces[0], end="")))
    if pieces[-1]:
        conds.append(_word_like(like_pattern(pieces[-1], start="")))
    conds += [_word_like(like_pattern(p, "", "")) for p in pieces[1:-1]]
    return conds


def candidates(
    session: Session, needle: str, limit: int | None = None, extra: tuple[Any, ...] = ()
) -> Candidates | None:
    """The items whose text may contain ``needle``, from the words of the texts, when there are at most
    ``limit`` of them; None when there are more or the vocabulary cannot narrow them (the caller keeps
    the trigram path). A needle without whitespace: exactly the items having a word that contains it.
    With whitespace: the items having, for every piece of ``_pieces`` that is selective, one of its
    words: a superset of the matches. ``limit``: PAGE_IDS unless given. ``extra``: more conditions on
    ``item_words`` the items must meet (``store.filter_words.conditions``: other filters of the list)."""
    limit = PAGE_IDS if limit is None else limit
    pieces = pair_pieces(needle)
    if pieces is not None:  # one space between the pieces: their pairs (0025) narrow them, if not too many
        paired = [session.execute(pairs_of(pieces, i).limit(MAX_PAIRS + 1)).all() for i in range(len(pieces) - 1)]
        if not all(paired):
            return Candidates([], exact=True)  # two neighbouring pieces stand together in no text
        # one pair in more items than the limit: so are its candidates; the words' path below decides
        # (as before 0025: with filters, two selective pieces' words may still narrow them)
        wide = len(paired) == 1 and max(int(items) for _id, items in paired[0]) > limit
        if all(len(pairs) <= MAX_PAIRS for pairs in paired) and not wide:
            rows = select(item_pairs.c.item_id).where(*pair_conditions(pieces))
            if extra:
                rows = rows.join(item_words, item_words.c.item_id == item_pairs.c.item_id).where(*extra)
            ids = list(session.scalars(rows.limit(limit + 1)))
            return Candidates(ids, exact=len(pieces) == 2) if len(ids) <= limit else None
    if not WORD_SEPARATORS & set(needle):
        words = session.execute(words_containing(needle)).all()
        if len(words) > MAX_WORDS:
            return None
        if not words:
            return Candidates([], exact=True)
        if max(int(items) for _id, items in words) > limit:  # the union has at least that many
            return None
        ids = list(session.scalars(item_ids_containing(needle).where(*extra).limit(limit + 1)))
        return Candidates(ids, exact=True) if len(ids) <= limit else None
    arrays, widest = [], 0
    for cond in _pieces(needle):
        words = session.execute(select(text_words.c.id, text_words.c["items"]).where(cond).limit(MAX_WORDS + 1)).all()
        if not words:
            return Candidates([], exact=True)  # no text has this piece: none contains the needle
        if len(words) <= MAX_WORDS and sum(int(items) for _id, items in words) <= PIECE_ITEMS:
            arrays.append(func.array(select(text_words.c.id).where(cond).scalar_subquery()))
            widest = max(int(items) for _id, items in words)
    if not arrays or (len(arrays) == 1 and widest > limit):  # none, or one piece in more items than the limit
        return None
    rows = select(item_words.c.item_id).where(and_(*(item_words.c.word_ids.overlap(a) for a in arrays)), *extra)
    ids = list(session.scalars(rows.limit(limit + 1)))
    return Candidates(ids, exact=False) if len(ids) <= limit else None


@dataclass(frozen=True)
class WordCondition:
    """A condition on ``item_words`` that the items matching ``q=`` meet (``exact``: exactly those;
    otherwise a superset, rechecked by the caller with the text condition)."""

    condition: Any
    exact: bool


def word_condition(session: Session, needle: str) -> WordCondition | None:
    """``candidates``' condition on ``item_words`` without reading the ids, whatever their number: for a
    count that joins the other filters to it and stops at the cap (``store.repository.count_items``).
    None when the vocabulary cannot narrow the needle (the caller keeps the trigram path). One word:
    its id as a literal (the planner then knows how many items have it and may drive the join from a
    narrower filter instead); several: a subquery's array (see ``word_match``)."""
    if not WORD_SEPARATORS & set(needle):
        words = session.execute(words_containing(needle)).all()
        if len(words) > MAX_WORDS:
            return None
        if not words:
            return WordCondition(literal(False), exact=True)
        if len(words) == 1:
            return WordCondition(item_words.c.word_ids.overlap(literal([int(words[0][0])], ARRAY(Integer))), True)
        words_sql = select(text_words.c.id).where(_word_contains(needle)).scalar_subquery()
        return WordCondition(item_words.c.word_ids.overlap(func.array(words_sql)), exact=True)
    conds = []
    for cond in _pieces(needle):
        words = session.execute(select(text_words.c.id, text_words.c["items"]).where(cond).limit(MAX_WORDS + 1)).all()
        if not words:
            return WordCondition(literal(False), exact=True)  # no text has this piece
        if len(words) <= MAX_WORDS and sum(int(items) for _id, items in words) <= PIECE_ITEMS:
            conds.append(
                item_words.c.word_ids.overlap(func.array(select(text_words.c.id).where(cond).scalar_subquery()))
            )
    return WordCondition(and_(*conds), exact=False) if conds else None
