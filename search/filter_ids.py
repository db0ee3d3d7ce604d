"""The ids of the items passing a filter, remembered per SQLite connection while the data stay the same.

A filtered keyword search on SQLite asks FTS5 for the query's matches and keeps those whose id is in
this set (``nirdesh_passes(rowid)``, a function of the connection), so bm25 is computed only for the
matches that pass, and no match is joined to its item and meeting. The semantic half of a hybrid
search checks its nearest items against the same set. Reading the set of a broad filter (a third of
the departments: 26,000 of 100,000 items) costs about as much as the former join, so it is kept for
the next search with the same filter (the next page, another query word, the hybrid's second half):
the last ``CACHE_FILTERS`` filters per pooled connection, ``CACHE_MAX_IDS`` ids at most.

The set stays valid while the connection's ``PRAGMA data_version`` (bumped when another connection
commits) and ``total_changes()`` (rows this connection wrote, committed or not) are those it was
read at. It is remembered only when read in a read-only session (``Database.read``, as the API
searches): there the connection cannot hold uncommitted writes that a rollback would take back.
A write session reads it fresh unless the remembered one is still valid. PostgreSQL reads it
every time (no cache: it has no cheap "data changed" stamp).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from store.db import READ_ONLY
from store.fts import is_sqlite
from store.repository import ItemFilter, matching_ids

#: Ids remembered per pooled connection, all filters together (about 60 bytes an id in a Python set);
#: the least recently used filters go first, and a larger set is not remembered at all.
CACHE_MAX_IDS = 200_000
CACHE_FILTERS = 8  # filters remembered per connection: searches of several users share a connection
PASSES_FUNCTION = "nirdesh_passes"
_INFO_KEY = "nirdesh_filter_ids"


@dataclass
class _Remembered:
    stamp: tuple[int, int]
    ids: frozenset[int]


@dataclass
class _Holder:
    """Per connection: the remembered sets (by filter), and the set ``nirdesh_passes`` checks against."""

    remembered: OrderedDict[str, _Remembered] = field(default_factory=OrderedDict)
    current: frozenset[int] = frozenset()
    reads: int = 0  # how many times the ids were read from the tables (tests, benchmarks)


def _key(f: ItemFilter, today: date) -> str:
    return f"{f!r}@{today.isoformat()}"


def _stamp(session: Session) -> tuple[int, int]:
    row = session.connection().exec_driver_sql("SELECT data_version, total_changes() FROM pragma_data_version").one()
    return int(row[0]), int(row[1])


def _holder(session: Session) -> _Holder:
    """The connection's holder; registers ``nirdesh_passes`` on a connection's first use."""
    conn = session.connection()
    info = conn.info
    holder = info.get(_INFO_KEY)
    if holder is None:
        holder = _Holder()
        raw: Any = conn.connection.dbapi_connection
        # not ``deterministic``: the answer for one id changes with the set of the next statement
        raw.create_function(PASSES_FUNCTION, 1, lambda i: i in holder.current)
        info[_INFO_KEY] = holder
    return holder


def _read(session: Session, f: ItemFilter, today: date) -> frozenset[int]:
    ids = matching_ids(f, today)
    conn = session.connection()  # not the ORM session: its row processing cost more than the query
    if not is_sqlite(session):
        return frozenset(conn.execute(ids).scalars())
    # SQLite: all ids in one string, no Python row per id (26,000 ids: about 1.5x faster than the rows)
    text = conn.execute(sa.select(sa.func.group_concat(ids.subquery().c[0], ","))).scalar()
    return frozenset(map(int, text.split(","))) if text else frozenset()


def passing_ids(session: Session, f: ItemFilter, today: date) -> frozenset[int]:
    """The ids of all items passing ``f`` (remembered on SQLite; see the module's note)."""
    if not is_sqlite(session):
        return _read(session, f, today)
    known = remembered(session, f, today)
    if known is not None:
        return known
    holder = _holder(session)
    stamp = _stamp(session)  # before the read: a commit in between makes the next search read again
    ids = _read(session, f, today)
    holder.reads += 1
    if session.connection().get_execution_options().get(READ_ONLY) and len(ids) <= CACHE_MAX_IDS:
        _remember(holder, _key(f, today), _Remembered(stamp, ids))
    return ids


def _remember(holder: _Holder, key: str, entry: _Remembered) -> None:
    sets = holder.remembered
    sets[key] = entry
    sets.move_to_end(key)
    while len(sets) > CACHE_FILTERS or sum(len(e.ids) for e in sets.values()) > CACHE_MAX_IDS:
        sets.popitem(last=False)


def remembered(session: Session, f: ItemFilter, today: date) -> frozenset[int] | None:
    """The remembered set of ``f`` when it is still valid, else None (nothing is read; SQLite only)."""
    if not is_sqlite(session):
        return None
    sets = _holder(session).remembered
    key = _key(f, today)
    got = sets.get(key)
    if got is None:
        return None
    if got.stamp != _stamp(session):  # the data changed: every remembered set is stale
        sets.clear()
        return None
    sets.move_to_end(key)
    return got.ids


@contextmanager
def among(session: Session, ids: frozenset[int]) -> Iterator[Callable[[Any], sa.ColumnElement[Any]]]:
    """``passes(column)``: SQL that is true when ``column`` is in ``ids``, for statements run on this
    session's connection inside the block (a function of the connection, checked per row: no SQL text
    or parameter per id). The set is let go at the end of the block."""
    holder = _holder(session)
    holder.current = ids
    try:
        yield lambda column: getattr(sa.func, PASSES_FUNCTION)(column)
    finally:
        holder.current = frozenset()


def forget(session: Session) -> None:
    """Drop this session's connection's remembered sets (benchmarks: the cost of a filter seen first)."""
    _holder(session).remembered.clear()


def reads(session: Session) -> int:
    """How many times this session's connection read a filter's ids from the tables."""
    return _holder(session).reads
