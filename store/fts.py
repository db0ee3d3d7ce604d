"""Search storage: the keyword indexes (``item_fts``, ``page_fts``) and stored item embeddings.

The keyword indexes are written in the same transaction as the action items and document pages
themselves: a session hook (``install_index_hooks``, installed by ``store.db.Database``) indexes every
item or page that a flush inserts or whose text changes and unindexes deleted ones, so save,
re-process, review and delete paths can never leave them behind. ``sync_index`` fills in rows written
before an index existed (or by a process without the hook) and drops orphans; ``reindex_all`` rebuilds
everything. Queries over both indexes are in the ``search`` package.

Both backends index the same analysed words (``nlp.query``): SQLite in an FTS5 table ranked by
BM25, PostgreSQL in a tsvector column (GIN) ranked by ts_rank. A changed item text also deletes the
item's embeddings, so the embedding worker computes them again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session

from nlp.query import index_fields
from store.models import ActionItem, ItemEmbedding, Page

INDEXED_FIELDS = ("text", "action", "responsible_search", "issuer_name", "issuer_designation")
BM25_WEIGHTS = (1.0, 0.4)  # body terms, roman keys: a transliteration match counts for less


@dataclass(frozen=True)
class FtsIndex:
    """One keyword index: its table, the rows it indexes and (PostgreSQL) its key column."""

    table: str
    source: type[ActionItem] | type[Page]
    pg_key: str
    sqlite_trigger: str


ITEMS = FtsIndex(
    "item_fts",
    ActionItem,
    "item_id",
    "CREATE TRIGGER IF NOT EXISTS action_items_fts_delete AFTER DELETE ON action_items "
    "BEGIN DELETE FROM item_fts WHERE rowid = old.id; END",
)
PAGES = FtsIndex(
    "page_fts",
    Page,
    "page_id",
    "CREATE TRIGGER IF NOT EXISTS pages_fts_delete AFTER DELETE ON pages "
    "BEGIN DELETE FROM page_fts WHERE rowid = old.id; END",
)
ITEM_FTS_SQLITE = sa.table("item_fts", sa.column("rowid", sa.Integer), sa.column("body"), sa.column("roman"))
ITEM_FTS_PG = sa.table("item_fts", sa.column("item_id", sa.Integer), sa.column("terms"))


def searchable_text(item: ActionItem) -> str:
    """What the keyword index holds for an item: its sentence, action and the people in it."""
    parts = [
        item.text,
        item.action if item.action != item.text else None,
        item.responsible_search,
        item.issuer_name,
        item.issuer_designation,
    ]
    return "\n".join(p for p in parts if p)


def is_sqlite(conn: sa.Connection | Session) -> bool:
    bind = conn if isinstance(conn, sa.Connection) else conn.get_bind()
    return bind.dialect.name == "sqlite"


def write_rows(conn: sa.Connection, rows: Sequence[tuple[int, str]], index: FtsIndex = ITEMS) -> None:
    """Upsert index rows for (row id, searchable text)."""
    if not rows:
        return
    analysed = [(row_id, *index_fields(text)) for row_id, text in rows]
    t, key = index.table, index.pg_key
    if conn.dialect.name == "sqlite":
        conn.execute(sa.text(f"DELETE FROM {t} WHERE rowid = :id"), [{"id": r[0]} for r in analysed])
        conn.execute(
            sa.text(f"INSERT INTO {t}(rowid, body, roman) VALUES (:id, :body, :roman)"),
            [{"id": i, "body": b, "roman": r} for i, b, r in analysed],
        )
    else:
        conn.execute(
            sa.text(
                f"INSERT INTO {t}({key}, terms) VALUES (:id, array_to_tsvector(CAST(:terms AS text[]))) "
                f"ON CONFLICT ({key}) DO UPDATE SET terms = EXCLUDED.terms"
            ),
            [{"id": i, "terms": _pg_lexemes(b, r)} for i, b, r in analysed],
        )


def _pg_lexemes(body: str, roman: str) -> list[str]:
    return sorted({*body.split(), *("~" + k for k in roman.split())})


def _delete_rows(conn: sa.Connection, ids: Iterable[int], index: FtsIndex = ITEMS) -> None:
    params = [{"id": i} for i in ids]
    if not params:
        return
    where = "rowid" if conn.dialect.name == "sqlite" else index.pg_key
    conn.execute(sa.text(f"DELETE FROM {index.table} WHERE {where} = :id"), params)


def _text_changed(item: ActionItem) -> bool:
    state = inspect(item)
    return any(state.attrs[f].history.has_changes() for f in INDEXED_FIELDS)


def _after_flush(session: Session, _ctx: Any) -> None:
    new = [o for o in session.new if isinstance(o, ActionItem)]
    changed = [o for o in session.dirty if isinstance(o, ActionItem) and _text_changed(o)]
    deleted = [o.id for o in session.deleted if isinstance(o, ActionItem) and o.id is not None]
    _index_pages(session)
    if not (new or changed or deleted):
        return
    conn = session.connection()
    write_rows(conn, [(o.id, searchable_text(o)) for o in new + changed])
    _delete_rows(conn, deleted)
    text_changed = [o.id for o in changed if inspect(o).attrs.text.history.has_changes()]
    if text_changed:
        conn.execute(sa.delete(ItemEmbedding).where(ItemEmbedding.item_id.in_(text_changed)))


def _index_pages(session: Session) -> None:
    """The page half of the flush hook: new pages and changed page text are (re)indexed."""
    new = [o for o in session.new if isinstance(o, Page)]
    changed = [o for o in session.dirty if isinstance(o, Page) and inspect(o).attrs.text.history.has_changes()]
    deleted = [o.id for o in session.deleted if isinstance(o, Page) and o.id is not None]
    if not (new or changed or deleted):
        return
    conn = session.connection()
    write_rows(conn, [(o.id, o.text or "") for o in new + changed], PAGES)
    _delete_rows(conn, deleted, PAGES)


def install_index_hooks(target: Any) -> None:
    """Keep the keyword index in step with every flush of sessions made by ``target`` (a sessionmaker)."""
    # A marker on the factory itself, not ``event.contains``: SQLAlchemy's listener registry is keyed by
    # id(), and a new sessionmaker that reuses a collected one's id was seen to look "already installed"
    # (2 in 400 fresh databases got no index hook).
    if getattr(target, "_nirdesh_index_hooks", False):
        return
    event.listen(target, "after_flush", _after_flush)
    target._nirdesh_index_hooks = True


# --- maintenance -------------------------------------------------------------------------------------


def sync_index(session: Session, batch: int = 2000) -> dict[str, int]:
    """Index items and pages that have no index row and drop rows of ones that no longer exist."""
    items = _sync(session, ITEMS, batch)
    pages = _sync(session, PAGES, batch)
    return {**items, "pages_indexed": pages["indexed"], "pages_dropped": pages["dropped"]}


def _sync(session: Session, index: FtsIndex, batch: int) -> dict[str, int]:
    conn = session.connection()
    source = index.source.__tablename__
    if is_sqlite(session):
        conn.exec_driver_sql(index.sqlite_trigger)
        dropped = conn.exec_driver_sql(
            f"DELETE FROM {index.table} WHERE rowid NOT IN (SELECT id FROM {source})"
        ).rowcount
        indexed = sa.table(index.table, sa.column("rowid", sa.Integer)).c.rowid
    else:
        dropped = 0  # the foreign key cascades
        indexed = sa.table(index.table, sa.column(index.pg_key, sa.Integer)).c[index.pg_key]
    # NOT EXISTS, not NOT IN: PostgreSQL hashes a NOT IN subquery only while it fits in work_mem; at a
    # million rows it fell back to rescanning the index table per item (a server start never finished)
    has_row = sa.exists().where(indexed == index.source.id)
    missing = list(session.scalars(select(index.source.id).where(~has_row)))
    for i in range(0, len(missing), batch):
        _index_ids(session, missing[i : i + batch], index)
    return {"indexed": len(missing), "dropped": max(dropped or 0, 0)}


def _index_ids(session: Session, ids: Sequence[int], index: FtsIndex = ITEMS) -> None:
    if index is PAGES:
        rows = session.execute(select(Page.id, Page.text).where(Page.id.in_(ids))).all()
        write_rows(session.connection(), [(i, t or "") for i, t in rows], PAGES)
        return
    items = session.scalars(select(ActionItem).where(ActionItem.id.in_(ids))).all()
    write_rows(session.connection(), [(it.id, searchable_text(it)) for it in items])


def reindex_all(session: Session, batch: int = 2000) -> int:
    """Rebuild both keyword indexes from scratch (after a change to the analysis, say); returns the
    number of items (``count_pages`` tells the pages)."""
    counts = [_reindex(session, index, batch) for index in (ITEMS, PAGES)]
    return counts[0]


def _reindex(session: Session, index: FtsIndex, batch: int) -> int:
    conn = session.connection()
    conn.exec_driver_sql(f"DELETE FROM {index.table}")
    ids = list(session.scalars(select(index.source.id).order_by(index.source.id)))
    for i in range(0, len(ids), batch):
        _index_ids(session, ids[i : i + batch], index)
    if is_sqlite(session):
        conn.exec_driver_sql(f"INSERT INTO {index.table}({index.table}) VALUES ('optimize')")
    return len(ids)


def count_pages(session: Session) -> int:
    return int(session.scalar(select(sa.func.count(Page.id))) or 0)
