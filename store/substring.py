"""``q=``: a substring of an item's text, with one meaning on every database and an index under it.

The meaning is the one the list always had: ``lower(text) LIKE '%' || lower(q) || '%'`` (SQLAlchemy's
``icontains``; LIKE special characters in ``q`` are literal). Under it:

* SQLite: ``item_text_trgm``, an FTS5 trigram index over ``action_items.text`` (migration 0013, kept by
  triggers), gives the candidates: every row that contains ``q``'s characters in sequence, case-folded
  the Unicode way, a superset of what the LIKE matches (which folds ASCII only). The LIKE then checks
  each candidate, so the result is exactly the LIKE's. A caseless needle (below) needs no check: the
  index's phrase match is then exactly "the text contains the needle", which is what the LIKE finds
  too (SQLite's LIKE and ``lower`` fold ASCII letters only, and such a needle has none). A needle
  under three characters has no trigram and stays a scan, as does a page that walks the sort order
  anyway (``use_index=False``: a broad filter, see ``store.repository.walk_sort_index``).
* PostgreSQL: the pg_trgm GIN index of migration 0011 serves the ILIKE itself. ILIKE lower-cases every
  candidate it rechecks (half the time of a ``q=`` count at a million items); a needle with no letter
  that has case (Devanagari, digits, punctuation, spaces) is matched with LIKE, which finds the same
  rows: no character lower-cases to a Devanagari sign, a digit or a space.

``text_contains`` is one SQL element that renders per dialect, so statement builders that do not know
the dialect (``store.repository._filtered``, the search package) use it unchanged.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BindParameter, Boolean, ColumnElement, String, bindparam, literal
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.visitors import InternalTraversal

from store.models import ActionItem

TRIGRAM_TABLE = "item_text_trgm"
MIN_TRIGRAM = 3  # characters: a shorter needle has no trigram to look up
DEVANAGARI = ("\u0900", "\u097f")


def fts5_phrase(needle: str) -> str:
    """``needle`` as one FTS5 phrase string (double quotes doubled), matched literally."""
    return '"' + needle.replace('"', '""') + '"'


class TextContains(ColumnElement[bool]):
    """``ActionItem.text`` contains ``needle`` (case-insensitive as LIKE is); see the module docstring."""

    type = Boolean()
    inherit_cache = True
    _is_implicitly_boolean = True  # a condition as it is, not "(…) = 1" on SQLite
    _traverse_internals = [
        ("any_case", InternalTraversal.dp_clauseelement),
        ("phrase", InternalTraversal.dp_clauseelement),
        ("exact", InternalTraversal.dp_clauseelement),
        ("any_case_rechecked", InternalTraversal.dp_clauseelement),
        ("exact_rechecked", InternalTraversal.dp_clauseelement),
        ("indexed", InternalTraversal.dp_boolean),
        ("recheck", InternalTraversal.dp_boolean),
        ("caseless", InternalTraversal.dp_boolean),
    ]

    def __init__(self, needle: str, use_index: bool = True, recheck: bool = False) -> None:
        self.any_case: ColumnElement[bool] = ActionItem.text.icontains(needle, autoescape=True)
        self.phrase: BindParameter[str] = bindparam("q_phrase", fts5_phrase(needle), unique=True)
        self.exact: ColumnElement[bool] = ActionItem.text.contains(needle, autoescape=True)
        # the same operators on ``text || ''`` (the same value, NULL included), which no index serves
        unindexed = ActionItem.text.concat(literal("", String))
        self.any_case_rechecked: ColumnElement[bool] = unindexed.icontains(needle, autoescape=True)
        self.exact_rechecked: ColumnElement[bool] = unindexed.contains(needle, autoescape=True)
        self.indexed = use_index and not recheck and len(needle) >= MIN_TRIGRAM
        self.recheck = recheck
        self.caseless = caseless(needle)


def caseless(needle: str) -> bool:
    """True when ``needle`` is only Devanagari and ASCII characters that are not letters: ILIKE and LIKE
    find the same texts (no character lower-cases into one of these)."""
    return all(DEVANAGARI[0] <= ch <= DEVANAGARI[1] or (ch.isascii() and not ch.isalpha()) for ch in needle)


def text_contains(needle: str, use_index: bool = True) -> ColumnElement[bool]:
    return TextContains(needle, use_index)


def text_rechecked(needle: str) -> ColumnElement[bool]:
    """``text_contains`` as a check of rows found otherwise (``store.text_words.candidates``): on
    PostgreSQL the same LIKE / ILIKE on an expression the trigram index does not serve, so the planner
    reads the candidates by id instead of building the needle's trigram bitmap; on SQLite the LIKE."""
    return TextContains(needle, use_index=False, recheck=True)


@compiles(TextContains)
def _plain(element: TextContains, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.any_case, **kw))


@compiles(TextContains, "postgresql")
def _postgresql(element: TextContains, compiler: Any, **kw: Any) -> str:
    if element.recheck:
        return str(compiler.process(element.exact_rechecked if element.caseless else element.any_case_rechecked, **kw))
    return str(compiler.process(element.exact if element.caseless else element.any_case, **kw))


@compiles(TextContains, "sqlite")
def _sqlite(element: TextContains, compiler: Any, **kw: Any) -> str:
    like = compiler.process(element.any_case, **kw)
    if not element.indexed:
        return str(like)
    phrase = compiler.process(element.phrase, **kw)
    candidates = f"action_items.id IN (SELECT rowid FROM {TRIGRAM_TABLE} WHERE {TRIGRAM_TABLE} MATCH {phrase})"
    return candidates if element.caseless else f"({candidates} AND {like})"
