"""The normalised responsibles of action items (``item_responsibles``) and the folded issuer key, kept
in step with ``ActionItem.responsible`` / the issuer columns, and the list filters that use them.

``ActionItem.responsible`` (a JSON list) stays the read model's source. Every write of it goes through
an ORM flush (extraction, re-processing, a correction, a manual item), and ``install`` adds a flush
hook that rewrites the item's rows whenever the list changed, so no write path can leave the table
behind. Rows written outside the ORM (bulk loaders, the migration's backfill) are filled by ``sync``.

Substring filters (``responsible=``, ``issuer=``) first find the matching folded terms in the small
``search_terms`` vocabulary (a few thousand rows), then the items by an index range scan of
``(search, item_id)`` / ``(issuer_key, created_at, id)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, sessionmaker

from nlp.normalize import fold
from nlp.vocab import undotted
from store.models import ActionItem, ItemResponsible, OfficeAlias, SearchTerm

MAX_KEY = 300
RESPONSIBLE = "responsible"
ISSUER = "issuer"


def folded_key(text: str | None, limit: int = MAX_KEY) -> str:
    """The matching key of a name or designation: each whitespace-separated word written letter by letter
    undotted (``एस.डी.एम.``, ``एस0डी0एम0`` -> ``एसडीएम``: ``nlp.vocab.undotted``; other words as written,
    full stops and dates included), then folded (nukta, nasal, digits, case), spaces collapsed.

    Every key and search term (``item_responsibles.key``/``search``, ``action_items.issuer_key``,
    ``search_terms``, ``office_aliases.key``) and the needles of ``responsible=``/``issuer=`` go through
    it, so both sides agree. Migration 0021 re-keyed the rows written before it undotted."""
    return " ".join(fold(" ".join(undotted(w) for w in (text or "").split())).split())[:limit]


def person_search(name: str | None, designation: str | None) -> str:
    """What ``responsible=`` and ``issuer=`` match: the folded "name designation"."""
    return folded_key(" ".join(x for x in (name, designation) if x), 2 * MAX_KEY)


def issuer_key(name: str | None, designation: str | None) -> str | None:
    return person_search(name, designation) or None


def person_rows(item_id: int, responsible: Sequence[Any] | None, aliases: dict[str, int]) -> list[dict[str, Any]]:
    """The ``item_responsibles`` rows of one item's JSON list (blank entries skipped)."""
    rows: list[dict[str, Any]] = []
    for person in responsible or []:
        if not isinstance(person, dict):
            continue
        name, designation = person.get("name") or None, person.get("designation") or None
        key = folded_key(designation or name)
        if not key:
            continue
        rows.append(
            {
                "item_id": item_id,
                "position": len(rows),
                "key": key,
                "search": person_search(name, designation),
                "name": name,
                "designation": designation,
                "office_id": aliases.get(key),
            }
        )
    return rows


def alias_map(conn: Connection | Session) -> dict[str, int]:
    return dict(conn.execute(select(OfficeAlias.key, OfficeAlias.office_id)).all())


def add_terms(conn: Connection | Session, kind: str, terms: Iterable[str | None]) -> None:
    """Add terms to the vocabulary of ``kind`` (existing ones are left alone)."""
    fresh = sorted({t for t in terms if t})
    if not fresh:
        return
    # Known terms, and terms another writer (a second worker) adds at the same time, are left alone.
    dialect = conn.dialect.name if isinstance(conn, Connection) else conn.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    rows = [{"kind": kind, "term": t} for t in fresh]
    conn.execute(insert(SearchTerm).on_conflict_do_nothing(index_elements=["kind", "term"]), rows)


def write_items(conn: Connection | Session, items: Sequence[tuple[int, Sequence[Any] | None]]) -> None:
    """Replace the ``item_responsibles`` rows of (item id, JSON list) pairs and add their terms."""
    if not items:
        return
    aliases = alias_map(conn)
    ids = [i for i, _ in items]
    for start in range(0, len(ids), 500):
        conn.execute(sa.delete(ItemResponsible).where(ItemResponsible.item_id.in_(ids[start : start + 500])))
    rows = [r for item_id, responsible in items for r in person_rows(item_id, responsible, aliases)]
    if rows:
        conn.execute(sa.insert(ItemResponsible), rows)
    add_terms(conn, RESPONSIBLE, (r["search"] for r in rows))


def _after_flush(session: Session, _ctx: Any) -> None:
    touched = [o for o in session.new if isinstance(o, ActionItem)]
    touched += [
        o for o in session.dirty if isinstance(o, ActionItem) and inspect(o).attrs.responsible.history.has_changes()
    ]
    issuers = [o.issuer_key for o in session.new if isinstance(o, ActionItem)]
    issuers += [
        o.issuer_key
        for o in session.dirty
        if isinstance(o, ActionItem) and inspect(o).attrs.issuer_key.history.has_changes()
    ]
    if not touched and not any(issuers):
        return
    conn = session.connection()
    write_items(conn, [(o.id, o.responsible) for o in touched])
    add_terms(conn, ISSUER, issuers)


def install(factory: sessionmaker[Session]) -> None:
    """Keep ``item_responsibles`` and the term vocabulary in step for every session of ``factory``."""
    if getattr(factory, "_nirdesh_responsible_hooks", False):
        return
    event.listen(factory, "after_flush", _after_flush)
    factory._nirdesh_responsible_hooks = True  # type: ignore[attr-defined]


def sync(conn: Connection | Session, batch: int = 5000) -> int:
    """Fill ``item_responsibles``, ``issuer_key`` and the vocabulary for items written outside the ORM
    (bulk loads, the migration's backfill): items with a non-empty list and no rows, and items whose
    issuer has no key. Returns the number of items whose responsibles were written."""
    has_rows = sa.exists().where(ItemResponsible.item_id == ActionItem.id)  # NOT EXISTS: see store.fts._sync
    missing = select(ActionItem.id, ActionItem.responsible).where(~has_rows)
    pending = [(i, r) for i, r in conn.execute(missing) if r]
    for start in range(0, len(pending), batch):
        write_items(conn, pending[start : start + batch])
    no_key = conn.execute(
        select(ActionItem.id, ActionItem.issuer_name, ActionItem.issuer_designation).where(
            ActionItem.issuer_key.is_(None),
            sa.or_(ActionItem.issuer_name.is_not(None), ActionItem.issuer_designation.is_not(None)),
        )
    ).all()
    keys = {i: issuer_key(n, d) for i, n, d in no_key}
    if keys:
        stmt = sa.update(ActionItem).where(ActionItem.id == sa.bindparam("i")).values(issuer_key=sa.bindparam("k"))
        conn.execute(stmt, [{"i": i, "k": k} for i, k in keys.items()])
    # every key in use is in the vocabulary, however it was written (index-only DISTINCT scans)
    add_terms(conn, ISSUER, conn.execute(select(ActionItem.issuer_key).distinct()).scalars())
    add_terms(conn, RESPONSIBLE, conn.execute(select(ItemResponsible.search).distinct()).scalars())
    return len(pending)


# --- filters -----------------------------------------------------------------------------------------------


def _terms(kind: str, needle: str) -> Any:
    """The vocabulary terms of ``kind`` that contain the folded ``needle`` (a small scan)."""
    return select(SearchTerm.term).where(
        SearchTerm.kind == kind, SearchTerm.term.contains(folded_key(needle, 2 * MAX_KEY), autoescape=True)
    )


def responsible_condition(needle: str) -> Any:
    """Items with a responsible whose folded "name designation" contains ``needle``."""
    people = select(ItemResponsible.item_id).where(ItemResponsible.search.in_(_terms(RESPONSIBLE, needle)))
    return ActionItem.id.in_(people)


def responsible_item_ids(needle: str) -> Any:
    """SELECT of the ids of the items ``responsible_condition`` matches, from the covering index of
    ``(search, item_id)`` alone (every row's item exists: the foreign key cascades)."""
    return select(ItemResponsible.item_id).where(ItemResponsible.search.in_(_terms(RESPONSIBLE, needle))).distinct()


def responsible_rows(needle: str) -> Any:
    """SELECT of ``item_id`` of every responsible row ``responsible_condition`` matches (an item
    naming two matching people comes twice): a range of the covering index ``(search, item_id)``."""
    return select(ItemResponsible.item_id).where(ItemResponsible.search.in_(_terms(RESPONSIBLE, needle)))


def issuer_condition(needle: str) -> Any:
    """Items whose issuer's folded "name designation" contains ``needle``."""
    return ActionItem.issuer_key.in_(_terms(ISSUER, needle))
