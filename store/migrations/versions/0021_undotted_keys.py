"""undotted matching keys: offices and ``responsible=``/``issuer=`` see through ``एस.डी.एम.``, ``एस0डी0एम0``

``store.responsibles.folded_key`` now undots each whitespace-separated word written letter by letter
(``nlp.vocab.undotted``: ``एस.डी.एम.``, ``एस0डी0एम0``, ``उ0प्र0`` -> ``एसडीएम``, ``उप्र``) before it folds.
This re-keys the rows written before, whose key changes under it:

* ``office_aliases.key`` (every alias: a small table). An alias whose new key another alias already
  holds keeps its old key (a warning names both): the unique key cannot hold two offices.
* ``item_responsibles.key``/``search``/``office_id`` and ``action_items.issuer_key``: only the rows
  whose name or designation has a dot or a zero between two Devanagari letters (``MARKED``: a regular
  expression in SQL on PostgreSQL, a ``LIKE`` on SQLite) are read, and only those whose key changes
  are written (on PostgreSQL one ``UPDATE ... FROM unnest(...)`` per batch: the statement triggers
  run once per batch, and re-derive nothing since no name, designation, state or date changes; 0020's
  ``trg_item_words_upd``, which re-reads the words of every updated item even when its text is the
  same, 0.4 ms an item, is disabled around the issuer updates and enabled again in the same
  transaction, as 0019 does with 0017's).
* ``search_terms``: the new terms added, the old ones no row uses any more removed.
* ``item_offices``: the re-keyed items, and the items whose key a re-keyed alias now matches, are
  linked to the offices they match (as ``store.offices.link_items``: not rejected items, assigned on
  the meeting date, else today). Links are only added, never removed (as everywhere: a link made
  under the old key stays). The scorecard rollup (0018) and ``item_offices.due_date`` (0013) follow
  by their triggers, so ``scorecard`` equals ``scorecard_scan`` after it.

Downgrade restores the old keys (fold without undotting: ``_old_key``) of the same rows, and the
terms, by the same steps; links stay (a link is never taken back by a change of keys).

Time and rows at 100,000 items on PostgreSQL: docs/performance.md ("Undotted keys").

Revision ID: 0021_undotted_keys
Revises: 0020_text_words
Create Date: 2026-12-05
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0021_undotted_keys"
down_revision = "0020_text_words"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

MAX_KEY = 300  # store.responsibles.MAX_KEY (= store.offices.MAX_ALIAS)
BATCH = 2000
_LETTER = "\u0900-\u0963\u0971-\u097f"  # nlp.vocab's letters of a word written letter by letter
MARKED = f"[{_LETTER}][.0\u0966][{_LETTER}]"  # a dot or a zero between two letters: what undotted can change
_MARKED = re.compile(MARKED)

WORDS_TRIGGER = "trg_item_words_upd"  # 0020's: the words of updated items' texts

Key = Callable[[str | None, int], str]


def _old_key(text: str | None, limit: int = MAX_KEY) -> str:
    """``store.responsibles.folded_key`` before this revision: folded, spaces collapsed, marks kept."""
    from nlp.normalize import fold

    return " ".join(fold(text or "").split())[:limit]


def _new_key(text: str | None, limit: int = MAX_KEY) -> str:
    from store.responsibles import folded_key

    return folded_key(text, limit)


def _search(key: Key, name: str | None, designation: str | None) -> str:
    """``store.responsibles.person_search`` under ``key``."""
    return key(" ".join(x for x in (name, designation) if x), 2 * MAX_KEY)


def _marked(dialect: str, *columns: str) -> str:
    """SQL: one of ``columns`` may hold a word written letter by letter (a superset on SQLite)."""
    if dialect == "postgresql":
        return " OR ".join(f"{c} ~ :marked" for c in columns)
    return " OR ".join(f"{c} LIKE '%{m}%'" for c in columns for m in (".", "0", "\u0966"))


def _chunks(rows: Sequence[Any], size: int = BATCH) -> Iterable[Sequence[Any]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


# --- aliases -------------------------------------------------------------------------------------------


def _rekey_aliases(conn: sa.Connection, key: Key) -> list[tuple[str, str, int]]:
    """Re-key the aliases; returns the changed ones' (old key, new key, office)."""
    rows = conn.execute(sa.text("SELECT id, office_id, alias, key FROM office_aliases ORDER BY id")).all()
    held = {k: i for i, _o, _a, k in rows}
    changed: list[tuple[int, int, str, str]] = []
    for alias_id, office_id, alias, current in rows:
        new = key(alias, MAX_KEY)
        if not new or new == current:
            continue
        owner = held.get(new)
        if owner is not None and owner != alias_id:
            log.warning("alias %s (%r) keeps its key %r: alias %s holds %r", alias_id, alias, current, owner, new)
            continue
        held.pop(current, None)
        held[new] = alias_id
        changed.append((alias_id, office_id, current, new))
    if not changed:
        return []
    # two steps: an alias may take the key another one gives up in the same pass
    stmt = sa.text("UPDATE office_aliases SET key = :key WHERE id = :id")
    conn.execute(stmt, [{"id": i, "key": f"\u2060re-key {i}"} for i, _o, _c, _n in changed])
    conn.execute(stmt, [{"id": i, "key": new} for i, _o, _c, new in changed])
    return [(current, new, office_id) for _i, office_id, current, new in changed]


# --- responsibles and issuers --------------------------------------------------------------------------


def _rekey_people(conn: sa.Connection, key: Key, aliases: dict[str, int]) -> tuple[list[int], set[str], set[str]]:
    """Re-key the responsible rows whose key or search changes; returns their items, old and new terms."""
    dialect = conn.dialect.name
    found = conn.execute(
        sa.text(
            "SELECT item_id, position, name, designation, key, search FROM item_responsibles "
            f"WHERE {_marked(dialect, 'name', 'designation')}"
        ),
        {"marked": MARKED},
    ).all()
    changes: list[dict[str, Any]] = []
    old_terms: set[str] = set()
    for item_id, position, name, designation, current_key, current_search in found:
        if not any(_MARKED.search(x or "") for x in (name, designation)):
            continue
        new_key, new_search = key(designation or name, MAX_KEY), _search(key, name, designation)
        if not new_key or (new_key, new_search) == (current_key, current_search):
            continue
        old_terms.add(current_search)
        changes.append({"i": item_id, "p": position, "k": new_key, "s": new_search, "o": aliases.get(new_key)})
    for batch in _chunks(changes):
        if dialect == "postgresql":
            conn.execute(
                sa.text(
                    """UPDATE item_responsibles r SET key = v.k, search = v.s, office_id = v.o
                       FROM unnest(CAST(:i AS int[]), CAST(:p AS int[]), CAST(:k AS text[]), CAST(:s AS text[]),
                                   CAST(:o AS int[])) AS v (i, p, k, s, o)
                       WHERE r.item_id = v.i AND r.position = v.p"""
                ),
                {f: [c[f] for c in batch] for f in "ipkso"},
            )
        else:
            conn.execute(
                sa.text(
                    "UPDATE item_responsibles SET key = :k, search = :s, office_id = :o "
                    "WHERE item_id = :i AND position = :p"
                ),
                list(batch),
            )
    return sorted({c["i"] for c in changes}), old_terms, {c["s"] for c in changes}


def _rekey_issuers(conn: sa.Connection, key: Key) -> tuple[int, set[str], set[str]]:
    """Re-key the issuers whose key changes; returns how many, the old and new terms."""
    dialect = conn.dialect.name
    found = conn.execute(
        sa.text(
            "SELECT id, issuer_name, issuer_designation, issuer_key FROM action_items "
            f"WHERE {_marked(dialect, 'issuer_name', 'issuer_designation')}"
        ),
        {"marked": MARKED},
    ).all()
    changes: list[dict[str, Any]] = []
    old_terms: set[str] = set()
    for item_id, name, designation, current in found:
        if not any(_MARKED.search(x or "") for x in (name, designation)):
            continue
        new = _search(key, name, designation) or None
        if new == current:
            continue
        if current:
            old_terms.add(current)
        changes.append({"i": item_id, "k": new})
    # 0020's trigger re-reads the words of every updated item's text (0.4 ms an item), which this leaves alone
    words = dialect == "postgresql" and bool(
        conn.exec_driver_sql(f"SELECT 1 FROM pg_trigger WHERE tgname = '{WORDS_TRIGGER}'").first()
    )
    if words and changes:
        conn.exec_driver_sql(f"ALTER TABLE action_items DISABLE TRIGGER {WORDS_TRIGGER}")
    for batch in _chunks(changes):
        if dialect == "postgresql":
            conn.execute(
                sa.text(
                    """UPDATE action_items a SET issuer_key = v.k
                       FROM unnest(CAST(:i AS int[]), CAST(:k AS text[])) AS v (i, k) WHERE a.id = v.i"""
                ),
                {f: [c[f] for c in batch] for f in "ik"},
            )
        else:
            conn.execute(sa.text("UPDATE action_items SET issuer_key = :k WHERE id = :i"), list(batch))
    if words and changes:
        conn.exec_driver_sql(f"ALTER TABLE action_items ENABLE TRIGGER {WORDS_TRIGGER}")
    return len(changes), old_terms, {c["k"] for c in changes if c["k"]}


def _swap_terms(conn: sa.Connection, kind: str, old: set[str], new: set[str], used: str) -> None:
    """Add ``new`` terms of ``kind``; remove the ``old`` ones no row uses (``used``: the column)."""
    table, column = used.split(".")
    add = sa.text("INSERT INTO search_terms (kind, term) VALUES (:kind, :term) ON CONFLICT (kind, term) DO NOTHING")
    if new:
        conn.execute(add, [{"kind": kind, "term": t} for t in sorted(new)])
    gone = sorted(old - new)
    drop = sa.text(
        f"DELETE FROM search_terms WHERE kind = :kind AND term IN :terms "
        f"AND NOT EXISTS (SELECT 1 FROM {table} x WHERE x.{column} = search_terms.term)"
    ).bindparams(sa.bindparam("terms", expanding=True))
    for batch in _chunks(gone, 500):
        conn.execute(drop, {"kind": kind, "terms": list(batch)})


# --- links -----------------------------------------------------------------------------------------------

_LINK = """INSERT INTO item_offices (item_id, office_id, source, assigned_on)
SELECT DISTINCT r.item_id, r.office_id, 'alias', COALESCE(d.meeting_date, CURRENT_DATE)
FROM item_responsibles r JOIN action_items a ON a.id = r.item_id JOIN documents d ON d.id = a.document_id
WHERE r.office_id IS NOT NULL AND a.review_state <> 'rejected' AND r.{column} IN :values
  AND NOT EXISTS (SELECT 1 FROM item_offices o WHERE o.item_id = r.item_id AND o.office_id = r.office_id)"""


def _link(conn: sa.Connection, column: str, values: Sequence[Any]) -> int:
    stmt = sa.text(_LINK.format(column=column)).bindparams(sa.bindparam("values", expanding=True))
    return sum(conn.execute(stmt, {"values": list(batch)}).rowcount or 0 for batch in _chunks(values, 500))


def _rekey(key: Key) -> None:
    conn = op.get_bind()
    aliases = _rekey_aliases(conn, key)
    every: dict[str, int] = dict(conn.execute(sa.text("SELECT key, office_id FROM office_aliases")).all())
    items, old_terms, new_terms = _rekey_people(conn, key, every)
    _swap_terms(conn, "responsible", old_terms, new_terms, "item_responsibles.search")
    # rows not re-keyed: those an alias's old key matched lose its office, those its new key matches get it
    other = "IS DISTINCT FROM" if conn.dialect.name == "postgresql" else "IS NOT"
    move = sa.text(f"UPDATE item_responsibles SET office_id = :o WHERE key = :k AND office_id {other} :o")
    for was, _now, _office in aliases:
        conn.execute(move, {"k": was, "o": every.get(was)})
    for _was, now, office_id in aliases:
        conn.execute(move, {"k": now, "o": office_id})
    issuers, old_terms, new_terms = _rekey_issuers(conn, key)
    _swap_terms(conn, "issuer", old_terms, new_terms, "action_items.issuer_key")
    links = _link(conn, "item_id", items) + _link(conn, "key", sorted(now for _was, now, _o in aliases))
    log.info(
        "re-keyed %d aliases, the responsibles of %d items, %d issuers; %d office links added",
        len(aliases),
        len(items),
        issuers,
        links,
    )


def upgrade() -> None:
    _rekey(_new_key)


def downgrade() -> None:
    _rekey(_old_key)
