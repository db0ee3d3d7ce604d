"""The ids of the items passing a filter, remembered per connection while the data stay the same.

A filtered keyword search on SQLite asks FTS5 for the query's matches and keeps those whose id is in
this set (``nirdesh_passes(rowid)``, a function of the connection), so bm25 is computed only for the
matches that pass, and no match is joined to its item and meeting. The semantic half of a search
checks its nearest items against the same set, or ranks the set's vectors when the filter is narrow.
Reading the set of a broad filter (a third of the departments: 26,000 of 100,000 items) costs about as
much as the former join, so it is kept for the next search with the same filter (the next page, another
query word, the hybrid's second half): the last ``CACHE_FILTERS`` filters per pooled connection,
``CACHE_MAX_IDS`` ids at most.

When is a set still valid? SQLite: while the connection's ``PRAGMA data_version`` (bumped when another
connection commits) and ``total_changes()`` (rows this connection wrote, committed or not) are those it
was read at. PostgreSQL has no such stamp: the set is read in one statement with that statement's
snapshot (``pg_current_snapshot()``), and migration 0016 logs the id of every transaction that writes
a table a filter reads (``nirdesh_changes``); the set is valid while no logged transaction is visible now
that was not in its snapshot (an index range from the snapshot's xmin) and the log still reaches back
that far (``nirdesh_changes_floor``, raised by ``trim_changes``). Either way a set is remembered only
when read in a read-only session (``Database.read``, as the API searches): there the connection cannot
hold uncommitted writes that a rollback would take back. A write session reads it fresh unless the
remembered one is still valid (on PostgreSQL its own uncommitted writes are logged, so they invalidate).
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
TRIM_AT = 10_000  # PostgreSQL: change-log rows (one per writing transaction) kept before a trim
_INFO_KEY = "nirdesh_filter_ids"


@dataclass
class _Remembered:
    stamp: tuple[int, int] | str  # SQLite: (data_version, total_changes); PostgreSQL: the snapshot
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
    """The connection's holder; on SQLite registers ``nirdesh_passes`` on a connection's first use."""
    conn = session.connection()
    info = conn.info
    holder = info.get(_INFO_KEY)
    if holder is None:
        holder = _Holder()
        if is_sqlite(session):
            raw: Any = conn.connection.dbapi_connection
            # not ``deterministic``: the answer for one id changes with the set of the next statement
            raw.create_function(PASSES_FUNCTION, 1, lambda i: i in holder.current)
        info[_INFO_KEY] = holder
    return holder


def _read(session: Session, f: ItemFilter, today: date) -> tuple[tuple[int, int] | str, frozenset[int]]:
    """(the stamp the set is valid at, the ids passing ``f``)."""
    ids = matching_ids(f, today)
    conn = session.connection()  # not the ORM session: its row processing cost more than the query
    if not is_sqlite(session):
        # one statement: the ids and the snapshot they were read at (an array: no Python row per id)
        compiled = ids.compile(conn, compile_kwargs={"render_postcompile": True})
        snap, got = conn.exec_driver_sql(
            f"SELECT pg_current_snapshot()::text, ARRAY({compiled.string})", compiled.params
        ).one()
        return str(snap), frozenset(got)
    stamp = _stamp(session)  # before the read: a commit in between makes the next search read again
    # SQLite: all ids in one string, no Python row per id (26,000 ids: about 1.5x faster than the rows)
    text = conn.execute(sa.select(sa.func.group_concat(ids.subquery().c[0], ","))).scalar()
    return stamp, frozenset(map(int, text.split(","))) if text else frozenset()


def passing_ids(session: Session, f: ItemFilter, today: date) -> frozenset[int]:
    """The ids of all items passing ``f`` (remembered while valid; see the module's note)."""
    known = remembered(session, f, today)
    if known is not None:
        return known
    holder = _holder(session)
    stamp, ids = _read(session, f, today)
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
    """The remembered set of ``f`` when it is still valid, else None (no ids are read)."""
    sets = _holder(session).remembered
    key = _key(f, today)
    got = sets.get(key)
    if got is None:
        return None
    if isinstance(got.stamp, str):
        if changed_since(session, got.stamp):
            del sets[key]
            return None
    elif got.stamp != _stamp(session):  # the data changed: every remembered set is stale
        sets.clear()
        return None
    sets.move_to_end(key)
    return got.ids


_CHANGED_SINCE = """SELECT xid > pg_snapshot_xmin(CAST(%(snap)s AS pg_snapshot))
    OR EXISTS (SELECT 1 FROM nirdesh_changes WHERE xid >= pg_snapshot_xmin(CAST(%(snap)s AS pg_snapshot))
               AND NOT pg_visible_in_snapshot(xid, CAST(%(snap)s AS pg_snapshot)))
    FROM nirdesh_changes_floor"""


def snapshot(session: Session) -> str | None:
    """PostgreSQL: the snapshot of this statement, for ``changed_since`` later; None on SQLite."""
    if is_sqlite(session):
        return None
    return str(session.connection().exec_driver_sql("SELECT pg_current_snapshot()::text").scalar())


def changed_since(session: Session, snapshot: str) -> bool:
    """PostgreSQL: whether a transaction that wrote a filtered table is visible now and was not at
    ``snapshot`` (or the log no longer reaches back to it: then it may have been)."""
    return bool(session.connection().exec_driver_sql(_CHANGED_SINCE, {"snap": snapshot}).scalar())


def trim_changes(session: Session, keep: int = TRIM_AT) -> int:
    """PostgreSQL: once the change log holds over ``keep`` rows, drop those below the oldest running
    transaction and raise the floor to it (every set read before then is read again: so not often);
    returns the rows dropped. SQLite: nothing to do."""
    if is_sqlite(session):
        return 0
    conn = session.connection()
    if (conn.exec_driver_sql("SELECT count(*) FROM nirdesh_changes").scalar() or 0) <= keep:
        return 0
    conn.exec_driver_sql("UPDATE nirdesh_changes_floor SET xid = pg_snapshot_xmin(pg_current_snapshot())")
    gone = conn.exec_driver_sql("DELETE FROM nirdesh_changes WHERE xid < (SELECT xid FROM nirdesh_changes_floor)")
    return int(gone.rowcount or 0)


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
