"""Queries over the item keyword index and the stored item embeddings (both kept by ``store.fts``)."""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import ARRAY, TSQUERY
from sqlalchemy.orm import Session, selectinload

from nlp.query import QueryTerms
from search import filter_ids as filter_ids_cache
from store.fts import BM25_WEIGHTS, ITEM_FTS_PG, ITEM_FTS_SQLITE, is_sqlite
from store.models import ActionItem, Document, ItemEmbedding
from store.repository import ItemFilter, _filtered, document_conditions, matching_ids

# --- queries -----------------------------------------------------------------------------------------


def _fts5_string(s: str) -> str:
    return '"' + s.replace('"', '""') + '"'


def fts5_match(q: QueryTerms) -> str:
    alts = []
    for group in q.groups:
        for kind, terms in group:
            column = "body" if kind == "term" else "roman"
            alts.append(f"{column} : {_fts5_string(' '.join(terms))}")
    return " OR ".join(alts)


def _tsq_lexeme(s: str) -> str:
    return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'"


def _pg_alternative(kind: str, terms: list[str]) -> str:
    lexemes = [_tsq_lexeme(t if kind == "term" else "~" + t) for t in terms]
    return lexemes[0] if len(lexemes) == 1 else "(" + " & ".join(lexemes) + ")"


def pg_tsquery(q: QueryTerms) -> str:
    """Any query word (any of its alternatives)."""
    return " | ".join(_pg_alternative(kind, terms) for group in q.groups for kind, terms in group)


def pg_alternatives(q: QueryTerms) -> list[str]:
    """One tsquery per alternative of every query word (a lexeme, or the lexemes of a phrase), each once."""
    return list(dict.fromkeys(_pg_alternative(kind, terms) for group in q.groups for kind, terms in group))


def _item_base() -> sa.Select[Any]:
    return select(ActionItem.id).select_from(ActionItem).join(Document, ActionItem.document_id == Document.id)


def keyword_search(
    session: Session, q: QueryTerms, f: ItemFilter, today: date, limit: int = 100
) -> list[tuple[int, float]]:
    """Items matching any query word, best first, as (item id, score: higher is better)."""
    if q.is_empty():
        return []
    if is_sqlite(session):
        return [(int(i), -float(s)) for i, s in _sqlite_keyword(session, q, f, today, limit)]
    return [(int(i), float(s)) for i, s in _pg_keyword(session, q, f, today, limit)]


_BM25: sa.ColumnElement[Any] = sa.literal_column(f"bm25(item_fts, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]})")


def _sqlite_keyword(session: Session, q: QueryTerms, f: ItemFilter, today: date, limit: int) -> list[Any]:
    """(item id, bm25: lower is better) of the best matches passing ``f``.

    The index table alone ranks (its rows leave with their items: a trigger). With a filter, FTS5 keeps
    the matches whose id is among the filter's ids (``search.filter_ids``: read once and remembered while
    the data stay the same), so bm25 is computed for the passing matches only, and no match is joined to
    its item and meeting. The former shape joined every match to both (docs/performance.md, "Filtered
    keyword search on SQLite"): 2-3x the unfiltered query at 100,000 items.
    """
    match = sa.text("item_fts MATCH :m").bindparams(m=fts5_match(q))
    key = ITEM_FTS_SQLITE.c.rowid
    ranked = select(key, _BM25).where(match).order_by(_BM25, key).limit(limit)
    if f == ItemFilter():
        return list(session.execute(ranked))
    ids = filter_ids_cache.passing_ids(session, f, today)
    if not ids:
        return []
    with filter_ids_cache.among(session, ids) as passes:
        return list(session.execute(ranked.where(passes(key))))


#: PostgreSQL ranks a bounded candidate set: for each query word, its first ``limit`` x this many matches
#: (oldest first, the tie order of the ranking); with a filter, x PG_FILTER_READ as many are read and
#: those passing the filter kept. Ranking every match of a common word read and scored about 140,000
#: index rows per query at a million items (1.4 s); see docs/performance.md.
PG_WORD_CANDIDATES = 3
PG_FILTER_READ = 4
PG_FILTER_RETRY = 4
PG_NARROW_SHARE = 0.02  # of all items: a filter passing fewer leads the query


def custom_plans(session: Session) -> None:
    """Plan this transaction's statements for their values (PostgreSQL). psycopg prepares a statement
    run five times, and the server may then keep one generic plan for every value: one plan for
    every query word, whether it occurs in 14% of the items (walk the key) or in none (ask the
    index), which cost 1-2 s for the words it did not suit at a million items."""
    session.execute(sa.text("SELECT set_config('plan_cache_mode', 'force_custom_plan', true)"))


def _pg_keyword(session: Session, q: QueryTerms, f: ItemFilter, today: date, limit: int) -> list[Any]:
    custom_plans(session)
    per_word = limit * PG_WORD_CANDIDATES
    if f == ItemFilter():
        return list(session.execute(_pg_ranked(q, f, today, per_word, per_word).limit(limit)))
    if estimated_share(session, f, today) < PG_NARROW_SHARE:
        # A narrow filter leads: every match passing it is ranked (the planner starts from the filter's
        # own index; a week of meetings at a million items: about 0.1 s). Walking the words' matches
        # to find the few that pass would read most of them.
        return list(session.execute(_pg_ranked(q, f, today, None, None).limit(limit)))
    read = per_word * PG_FILTER_READ
    rows = list(session.execute(_pg_ranked(q, f, today, per_word, read).limit(limit)))
    if limit > len(rows) >= limit / PG_FILTER_RETRY:
        # A broad filter whose share of the words' first matches came out low: an item list is contiguous
        # in id, so those matches come from few meetings, and a department filter passes whole meetings.
        rows = list(session.execute(_pg_ranked(q, f, today, per_word, read * PG_FILTER_RETRY).limit(limit)))
    if len(rows) < limit:  # narrower than the planner thought
        rows = list(session.execute(_pg_ranked(q, f, today, None, None).limit(limit)))
    return rows


#: The planner's estimates are kept this long (seconds) per connection and filter: a hybrid search asks
#: for one twice (its keyword and semantic halves), and they change only when the tables are analysed.
ESTIMATE_TTL_S = 60.0
_ESTIMATES_KEY = "nirdesh_estimates"
_ESTIMATES_KEPT = 32


def _remembered_estimate(session: Session, key: str, ask: Callable[[sa.Connection], float | None]) -> float | None:
    conn = session.connection()
    kept: OrderedDict[str, tuple[float | None, float]] = conn.info.setdefault(_ESTIMATES_KEY, OrderedDict())
    now = time.monotonic()
    got = kept.get(key)
    if got is not None and now - got[1] < ESTIMATE_TTL_S:
        return got[0]
    value = ask(conn)
    kept[key] = (value, now)
    kept.move_to_end(key)
    while len(kept) > _ESTIMATES_KEPT:
        kept.popitem(last=False)
    return value


def estimated_rows(session: Session, f: ItemFilter, today: date) -> float | None:
    """How many items the planner expects ``f`` to pass (its estimate: nothing is read; one EXPLAIN,
    remembered for ESTIMATE_TTL_S); None on SQLite, which has no row estimate."""
    if is_sqlite(session):
        return None

    def ask(conn: sa.Connection) -> float | None:
        # the filter's values go as parameters (a one-off statement: planned for them), never as SQL text
        compiled = matching_ids(f, today).compile(conn, compile_kwargs={"render_postcompile": True})
        plan = conn.exec_driver_sql("EXPLAIN (FORMAT JSON) " + compiled.string, compiled.params).scalar()
        return float(plan[0]["Plan"]["Plan Rows"]) if plan else None

    return _remembered_estimate(session, f"{f!r}@{today.isoformat()}", ask)


def estimated_share(session: Session, f: ItemFilter, today: date) -> float:
    """The share of all items that the planner expects ``f`` to pass (1.0 when it cannot tell)."""
    rows = estimated_rows(session, f, today)
    if rows is None:
        return 1.0

    def ask(conn: sa.Connection) -> float | None:
        total = conn.exec_driver_sql("SELECT reltuples FROM pg_class WHERE relname = 'action_items'").scalar()
        return float(total or 0)

    return rows / max(_remembered_estimate(session, "action_items", ask) or 0.0, 1.0)


def _pg_ranked(q: QueryTerms, f: ItemFilter, today: date, per_word: int | None, read: int | None) -> sa.Select[Any]:
    """Candidates of every query word, ranked by ts_rank over the whole query, oldest first on ties.

    Each query word's first ``read`` matches in item id order are read (all with None): a common
    word's walk of the primary key stops after a few thousand rows, a rare word's matches come from
    the GIN index (PostgreSQL picks by its statistics of the words, migration 0013_search). Then the
    filter, if any, is applied to those (joined by primary key) and ``per_word`` kept. An item matching
    several words is among the candidates of the rarest of them, so it still ranks first unless every
    one of its words is common and their combination rare.
    """
    full = sa.cast(sa.bindparam("tsq", pg_tsquery(q)), TSQUERY)
    branches = []
    for n, word in enumerate(pg_alternatives(q) if read is not None else [pg_tsquery(q)]):
        matches = select(ITEM_FTS_PG.c.item_id, ITEM_FTS_PG.c.terms).where(
            ITEM_FTS_PG.c.terms.op("@@")(sa.cast(sa.bindparam(f"w{n}", word), TSQUERY))
        )
        if read is not None:  # a LIMIT keeps the walk of the word's matches ahead of the filter's joins
            matches = matches.order_by(ITEM_FTS_PG.c.item_id).limit(read)
        words = matches.subquery()
        key = words.c.item_id
        stmt = select(key.label("id"), sa.func.ts_rank(words.c.terms, full).label("r"))
        if f != ItemFilter():
            stmt = stmt.join(ActionItem, ActionItem.id == key)
            if document_conditions(f):
                stmt = stmt.join(Document, ActionItem.document_id == Document.id)
            stmt = _filtered(stmt, f, today)
        branches.append(stmt.order_by(key).limit(per_word) if per_word is not None else stmt)
    cands = (branches[0] if len(branches) == 1 else sa.union_all(*branches)).subquery()
    best = sa.func.max(cands.c.r)
    return select(cands.c.id, best).group_by(cands.c.id).order_by(best.desc(), cands.c.id)


def filter_ids(session: Session, ids: Sequence[int], f: ItemFilter, today: date) -> set[int]:
    """Which of ``ids`` exist and pass the filter (from the filter's remembered ids when it has them).

    PostgreSQL gets the ids as one array parameter (``= ANY``): an ``IN`` list of 1,400 parameters took
    twice as long, most of it binding and parsing the list (docs/performance.md, "Filtered semantic")."""
    if not ids:
        return set()
    known = filter_ids_cache.remembered(session, f, today)
    if known is not None:
        return {int(i) for i in ids if i in known}
    wanted = [int(i) for i in ids]
    if is_sqlite(session):
        among: sa.ColumnElement[bool] = ActionItem.id.in_(wanted)
    else:
        among = ActionItem.id == sa.any_(sa.literal(wanted, ARRAY(sa.Integer)))
    return set(session.scalars(_filtered(_item_base().where(among), f, today)))


def all_filtered_ids(session: Session, f: ItemFilter, today: date) -> frozenset[int]:
    return filter_ids_cache.passing_ids(session, f, today)


def load_items(session: Session, ids: Sequence[int]) -> dict[int, ActionItem]:
    rows = session.scalars(
        select(ActionItem)
        .where(ActionItem.id.in_(list(ids)))
        .options(selectinload(ActionItem.document), selectinload(ActionItem.corrections))
    ).all()
    return {it.id: it for it in rows}


# --- embeddings --------------------------------------------------------------------------------------


def items_missing_embeddings(session: Session, model: str, limit: int = 64, after: int = 0) -> list[tuple[int, str]]:
    """(id, text) of items with no embedding for ``model`` and an id above ``after``, oldest first (the
    worker's next batch starts after its last one: a pass reads the anti-join once, not once a batch).

    An anti-join (``NOT EXISTS``), never ``NOT IN (subquery)``: PostgreSQL cannot turn a ``NOT IN`` over a
    million embeddings into a hash anti-join (NULL semantics), and compared each item with the whole list
    (the query ran for over half an hour at a million items)."""
    has = sa.exists().where(ItemEmbedding.item_id == ActionItem.id, ItemEmbedding.model == model)
    rows = session.execute(
        select(ActionItem.id, ActionItem.text).where(~has, ActionItem.id > after).order_by(ActionItem.id).limit(limit)
    ).all()
    return [(int(i), t) for i, t in rows]


def save_embeddings(session: Session, model: str, item_ids: Sequence[int], vectors: np.ndarray) -> int:
    """Store one float32 vector per item (replacing an older one); items deleted meanwhile are skipped."""
    if not len(item_ids):
        return 0
    alive = set(session.scalars(select(ActionItem.id).where(ActionItem.id.in_(list(item_ids)))))
    session.execute(
        sa.delete(ItemEmbedding).where(ItemEmbedding.model == model, ItemEmbedding.item_id.in_(list(item_ids)))
    )
    vecs = np.asarray(vectors, dtype=np.float32)
    rows = [
        {"item_id": i, "model": model, "dim": int(vecs.shape[1]), "vector": vecs[n].tobytes()}
        for n, i in enumerate(item_ids)
        if i in alive
    ]
    if rows:
        session.execute(sa.insert(ItemEmbedding), rows)
    return len(rows)


def load_embeddings(
    session: Session, model: str, after_row: int = 0, batch: int = 20_000, limit: int | None = None
) -> tuple[int, np.ndarray, np.ndarray]:
    """Embeddings stored after row ``after_row`` (at most ``limit`` rows, in row order): (last row id,
    item ids, float32 matrix)."""
    last = after_row
    ids: list[int] = []
    vecs: list[np.ndarray] = []
    while limit is None or len(ids) < limit:
        if limit is not None:
            batch = min(batch, limit - len(ids))
        rows = session.execute(
            select(ItemEmbedding.id, ItemEmbedding.item_id, ItemEmbedding.vector)
            .where(ItemEmbedding.model == model, ItemEmbedding.id > last)
            .order_by(ItemEmbedding.id)
            .limit(batch)
        ).all()
        if not rows:
            break
        for _row_id, item_id, blob in rows:
            ids.append(item_id)
            vecs.append(np.frombuffer(blob, dtype=np.float32))
        last = rows[-1][0]
    matrix = np.vstack(vecs) if vecs else np.zeros((0, 0), dtype=np.float32)
    return last, np.asarray(ids, dtype=np.int64), matrix


def embedding_coverage(session: Session, model: str) -> tuple[int, int]:
    """(items with an embedding for ``model``, all items)."""
    total = session.scalar(select(sa.func.count(ActionItem.id))) or 0
    return embedding_count(session, model), int(total)


def item_embedding(session: Session, item_id: int, model: str) -> np.ndarray | None:
    blob = session.scalar(
        select(ItemEmbedding.vector).where(ItemEmbedding.item_id == item_id, ItemEmbedding.model == model)
    )
    return None if blob is None else np.frombuffer(blob, dtype=np.float32)


def last_embedding_row(session: Session, model: str) -> int:
    """The highest stored row id for ``model`` (0 when there is none)."""
    return int(session.scalar(select(sa.func.max(ItemEmbedding.id)).where(ItemEmbedding.model == model)) or 0)


def embedding_count(session: Session, model: str) -> int:
    return int(session.scalar(select(sa.func.count(ItemEmbedding.id)).where(ItemEmbedding.model == model)) or 0)


def embedded_item_ids(session: Session, model: str) -> np.ndarray:
    """The ids of all items with a stored embedding for ``model``."""
    ids = session.scalars(select(ItemEmbedding.item_id).where(ItemEmbedding.model == model)).all()
    return np.asarray(ids, dtype=np.int64)


def embeddings_of(session: Session, model: str, item_ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """The stored vectors of ``item_ids`` (those that have one): (item ids, float32 matrix)."""
    ids: list[int] = []
    vecs: list[np.ndarray] = []
    for start in range(0, len(item_ids), 5000):
        part = [int(i) for i in item_ids[start : start + 5000]]
        rows = session.execute(
            select(ItemEmbedding.item_id, ItemEmbedding.vector).where(
                ItemEmbedding.model == model, ItemEmbedding.item_id.in_(part)
            )
        ).all()
        for item_id, blob in rows:
            ids.append(int(item_id))
            vecs.append(np.frombuffer(blob, dtype=np.float32))
    matrix = np.vstack(vecs) if vecs else np.zeros((0, 0), dtype=np.float32)
    return np.asarray(ids, dtype=np.int64), matrix
