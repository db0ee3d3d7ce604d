"""A filter's passing ids, remembered while the data stay the same, on SQLite (``data_version``) and on
PostgreSQL (the snapshot the set was read at, and the change log of migration 0016): a commit of another
session, an update, a delete and a TRUNCATE are seen by the next search; a rollback leaves nothing behind.

On PostgreSQL the reading session stays open (READ COMMITTED: each statement sees the latest commits), so
the next search runs on the very connection that remembers the old set; SQLite's read transaction keeps
its snapshot, so there the next search is a new read transaction."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from search import filter_ids
from store.db import Database
from store.fts import is_sqlite
from store.models import ActionItem, Document
from store.repository import ItemFilter
from tests.search.test_filtered_keyword import DEPARTMENTS, TODAY, _store

KRISHI = ItemFilter(department="कृषि")
OPEN = ItemFilter(status=["open"])


@pytest.fixture
def meetings(db: Database) -> Database:
    for n in range(3):
        _store(db, n, DEPARTMENTS[n % 3], date(2025, 1 + n, 1), lines=4)
    return db


def _pg(db: Database) -> bool:
    return db.url.startswith("postgresql")


def _next(db: Database, reader: Session, f: ItemFilter) -> frozenset[int]:
    """The next search's set: in ``reader`` on PostgreSQL, in a new read transaction on SQLite."""
    if _pg(db):
        return filter_ids.passing_ids(reader, f, TODAY)
    with db.read() as s:
        return filter_ids.passing_ids(s, f, TODAY)


def test_the_set_is_read_once_while_nothing_changes(meetings: Database) -> None:
    with meetings.read() as r:
        first = filter_ids.passing_ids(r, KRISHI, TODAY)
        reads = filter_ids.reads(r)
        for _ in range(3):
            assert filter_ids.passing_ids(r, KRISHI, TODAY) == first
            assert filter_ids.remembered(r, KRISHI, TODAY) == first
        assert filter_ids.reads(r) == reads
        assert len(first) == 4


def test_an_item_committed_by_another_session_is_seen(meetings: Database) -> None:
    with meetings.read() as r:
        before = filter_ids.passing_ids(r, KRISHI, TODAY)
        reads = filter_ids.reads(r)
        doc = _store(meetings, 7, "कृषि विभाग", date(2025, 8, 1), lines=4)  # another session, committed
        with meetings.session() as w:
            new = set(w.scalars(select(ActionItem.id).where(ActionItem.document_id == doc)))
        after = _next(meetings, r, KRISHI)
        assert after == before | new and len(new) == 4
        if _pg(meetings):
            assert filter_ids.reads(r) == reads + 1  # the remembered set was stale: read again
            assert filter_ids.passing_ids(r, KRISHI, TODAY) == after and filter_ids.reads(r) == reads + 1


def test_an_updated_and_a_deleted_item_leave_the_set(meetings: Database) -> None:
    with meetings.read() as r:
        before = sorted(filter_ids.passing_ids(r, OPEN, TODAY))
        with meetings.session() as w:
            w.execute(update(ActionItem).where(ActionItem.id == before[0]).values(status="done"))
        assert _next(meetings, r, OPEN) == frozenset(before[1:])
        with meetings.session() as w:
            w.execute(delete(ActionItem).where(ActionItem.id == before[1]))
        assert _next(meetings, r, OPEN) == frozenset(before[2:])
        with meetings.session() as w:  # a meeting's department changed: its items leave the department
            doc = w.scalar(select(ActionItem.document_id).where(ActionItem.id == before[2]))
            w.execute(update(Document).where(Document.id == doc).values(department="सहकारिता विभाग"))
        krishi = _next(meetings, r, KRISHI)
        assert before[2] not in krishi


def test_a_write_session_sees_its_own_change_and_a_rollback_leaves_nothing_behind(meetings: Database) -> None:
    with meetings.read() as r:
        before = filter_ids.passing_ids(r, OPEN, TODAY)
    first = min(before)
    with pytest.raises(RuntimeError), meetings.session() as w:
        assert filter_ids.passing_ids(w, OPEN, TODAY) == before
        w.execute(update(ActionItem).where(ActionItem.id == first).values(status="done"))
        assert filter_ids.passing_ids(w, OPEN, TODAY) == before - {first}  # its own uncommitted change
        raise RuntimeError("roll back")
    for _ in range(3):  # whichever pooled connection the next read gets
        with meetings.read() as r:
            assert filter_ids.passing_ids(r, OPEN, TODAY) == before


def _oldest_running(session: Session) -> str | None:
    """PostgreSQL: the xmin of the cluster's current snapshot, as text (the floor a trim raises to at least)."""
    if is_sqlite(session):
        return None
    return str(session.connection().exec_driver_sql("SELECT pg_snapshot_xmin(pg_current_snapshot())").scalar())


def test_a_trimmed_change_log_makes_older_sets_read_again(meetings: Database) -> None:
    with meetings.read() as r:
        before = filter_ids.passing_ids(r, KRISHI, TODAY)
        with meetings.session() as w:
            xmin = _oldest_running(w)
            filter_ids.trim_changes(w, keep=0)
        got = _next(meetings, r, KRISHI)
        assert got == before
        if _pg(meetings):  # the log no longer reaches back to the floor: older sets cannot be trusted
            # (rows at or above the floor stay: a transaction still running elsewhere in the cluster holds the
            # floor at its xmin, so "no rows left" would depend on what else runs)
            with meetings.session() as w:
                below = w.connection().exec_driver_sql(
                    "SELECT count(*) FROM nirdesh_changes WHERE xid < (SELECT xid FROM nirdesh_changes_floor)"
                )
                assert below.scalar() == 0
                raised = w.connection().exec_driver_sql(
                    "SELECT xid >= CAST(%(x)s AS xid8) FROM nirdesh_changes_floor", {"x": xmin}
                )
                assert raised.scalar() is True
        doc = _store(meetings, 8, "कृषि विभाग", date(2025, 9, 1), lines=4)  # logged after the trim
        with meetings.session() as w:
            new = set(w.scalars(select(ActionItem.id).where(ActionItem.document_id == doc)))
        assert _next(meetings, r, KRISHI) == before | new
