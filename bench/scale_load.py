"""Bulk loaders of the scale benchmark: realistic items from bench/generate.py's templates and word
lists (officers, departments, tasks, deadlines), 50 per meeting, with their keyword index rows and
normalised responsibles.

* SQLite: multi-row INSERTs, then ``store.responsibles.sync`` and ``store.fts.write_rows``.
* PostgreSQL: ``COPY ... FROM STDIN`` of documents, items, responsibles and keyword rows in chunks of
  ``CHUNK`` items (1,000,000 items in minutes, not hours of row INSERTs); with an embedder, also
  ``item_embeddings`` (``bench.scale_vectors``: each distinct base sentence embedded once, every item
  its base's vector plus a small deterministic perturbation, an approximation of real data).
"""

from __future__ import annotations

import functools
import json
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa

from bench import scale_vectors
from bench.generate import CHAIRS, DEPARTMENTS, DIRECTIVES, OFFICERS, _fill
from models.embedder import Embedder
from nlp.query import index_fields
from store import fts, offices, responsibles
from store.db import Database
from store.models import ActionItem, Document, Office, OfficeAlias

TODAY = date(2026, 6, 1)
PER_DOC = 50
CHUNK = 20_000
# The first chunk on PostgreSQL: the statement triggers of migrations 0020-0025 look each new text's words
# and pairs up in text_words / text_pairs, planned while those are empty (a scan of the whole table per
# text): 20,000 items at once took over 5 minutes. A small first chunk, then ANALYZE (TRIGGER_TABLES), and
# the later chunks' plans look them up by index.
FIRST_CHUNK = 5_000
TRIGGER_TABLES = ("text_words", "text_pairs", "filter_words", "item_words", "item_pairs")
START = datetime(2024, 7, 1, tzinfo=UTC)

DOC_COLUMNS = [
    "id",
    "sha256",
    "filename",
    "content_type",
    "kind",
    "size",
    "stored_path",
    "meeting_date",
    "department",
    "status",
    "created_at",
    "updated_at",
]
ITEM_COLUMNS = [
    "id",
    "document_id",
    "seq",
    "text",
    "norm_text",
    "issuer_designation",
    "issuer_key",
    "responsible",
    "responsible_search",
    "deadline_date",
    "due_date",
    "targets",
    "confidence",
    "review_state",
    "status",
    "priority",
    "due_date_source",
    "stale",
    "created_at",
    "updated_at",
]
PERSON_COLUMNS = ("item_id", "position", "key", "search", "name", "designation", "office_id")


@dataclass
class Chunk:
    documents: list[dict[str, Any]] = field(default_factory=list)
    items: list[dict[str, Any]] = field(default_factory=list)


def generate(n: int, seed: int = 5, first: int = CHUNK) -> Iterator[Chunk]:
    """``n`` items (and their meetings) as row dicts with explicit ids, in chunks of about CHUNK items
    (the first of about ``first``)."""
    rng = random.Random(seed)
    chunk = Chunk()
    item_id = 0
    for d in range(n // PER_DOC):
        dept = DEPARTMENTS[d % len(DEPARTMENTS)]
        created = START + timedelta(seconds=d * 900)
        chunk.documents.append(
            {
                "id": d + 1,
                "sha256": f"{d:064d}",
                "filename": f"minutes-{d}.pdf",
                "content_type": "application/pdf",
                "kind": "pdf",
                "size": 1,
                "stored_path": "x",
                "meeting_date": TODAY - timedelta(days=rng.randint(1, 700)),
                "department": dept,
                "status": "processed",
                "created_at": created,
                "updated_at": created,
            }
        )
        ctx = {"chair": rng.choice(CHAIRS), "dept": dept}
        for seq in range(1, PER_DOC + 1):
            item_id += 1
            officers = [rng.choice(OFFICERS)] + ([rng.choice(OFFICERS)] if rng.random() < 0.2 else [])
            text = _fill(rng.choice(DIRECTIVES), rng, {**ctx, "officer": officers[0]})
            due = TODAY + timedelta(days=rng.randint(-300, 200)) if rng.random() < 0.8 else None
            people = [{"name": None, "designation": o} for o in dict.fromkeys(officers)]
            chunk.items.append(
                {
                    "id": item_id,
                    "document_id": d + 1,
                    "seq": seq,
                    "text": text,
                    "norm_text": text,
                    "issuer_designation": ctx["chair"],
                    "issuer_key": responsibles.issuer_key(None, ctx["chair"]),
                    "responsible": people,
                    "responsible_search": " | ".join(dict.fromkeys(officers)).lower(),
                    "deadline_date": due,
                    "due_date": due,
                    "targets": [],
                    "confidence": round(rng.random(), 3),
                    "review_state": rng.choice(["proposed", "confirmed", "confirmed", "rejected"]),
                    "status": rng.choice(["open", "open", "in_progress", "done", "dropped"]),
                    "priority": rng.choice(["low", "normal", "normal", "high"]),
                    "due_date_source": "extracted",
                    "stale": False,
                    "created_at": created + timedelta(seconds=seq),
                    "updated_at": created + timedelta(seconds=seq),
                }
            )
        if len(chunk.items) >= (first if chunk.documents[0]["id"] == 1 else CHUNK):
            yield chunk
            chunk = Chunk()
    if chunk.items:
        yield chunk


@functools.lru_cache(maxsize=200_000)
def _analysed(text: str) -> tuple[str, str]:
    return index_fields(text)


def build_sqlite(db: Database, n: int, seed: int = 5) -> float:
    """Multi-row INSERTs, then the responsibles and keyword rows through the service's own code."""
    t0 = time.perf_counter()
    for chunk in generate(n, seed):
        with db.engine.begin() as c:
            c.execute(sa.insert(Document), chunk.documents)
            c.execute(sa.insert(ActionItem), chunk.items)
            fts.write_rows(c, [(it["id"], it["text"]) for it in chunk.items])
    with db.engine.begin() as c:
        responsibles.sync(c)
    return time.perf_counter() - t0


def _tsvector(text: str) -> str:
    body, roman = _analysed(text)
    return " ".join("'" + t.replace("\\", "\\\\").replace("'", "''") + "'" for t in fts._pg_lexemes(body, roman))


def _copy(cursor: Any, table: str, columns: tuple[str, ...] | list[str], rows: list[tuple[Any, ...]]) -> None:
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def _item_row(it: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(
        json.dumps(it[c], ensure_ascii=False) if c in ("responsible", "targets") else it[c] for c in ITEM_COLUMNS
    )


def build_pg_copy(db: Database, n: int, seed: int = 5) -> float:
    """COPY every table in chunks (one transaction per chunk), then set the id sequences and the
    vocabulary of the substring filters."""
    t0 = time.perf_counter()
    terms: dict[str, set[str]] = {responsibles.RESPONSIBLE: set(), responsibles.ISSUER: set()}
    raw = db.engine.raw_connection()
    try:
        conn = raw.driver_connection
        assert conn is not None
        with db.engine.connect() as c:
            aliases = responsibles.alias_map(c)
        for chunk in generate(n, seed, FIRST_CHUNK):
            people = [r for it in chunk.items for r in responsibles.person_rows(it["id"], it["responsible"], aliases)]
            terms[responsibles.RESPONSIBLE].update(r["search"] for r in people)
            terms[responsibles.ISSUER].update(it["issuer_key"] for it in chunk.items)
            with conn.cursor() as cur:
                _copy(cur, "documents", DOC_COLUMNS, [tuple(d[c] for c in DOC_COLUMNS) for d in chunk.documents])
                _copy(cur, "action_items", ITEM_COLUMNS, [_item_row(it) for it in chunk.items])
                _copy(cur, "item_responsibles", PERSON_COLUMNS, [tuple(r[c] for c in PERSON_COLUMNS) for r in people])
                _copy(cur, "item_fts", ("item_id", "terms"), [(it["id"], _tsvector(it["text"])) for it in chunk.items])
            conn.commit()
            with conn.cursor() as cur:  # the triggers' next plans see the tables' sizes (FIRST_CHUNK)
                cur.execute(f"ANALYZE {', '.join(TRIGGER_TABLES)}")
            conn.commit()
        with conn.cursor() as cur:
            for table in ("documents", "action_items"):
                cur.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
        conn.commit()
    finally:
        raw.close()
    with db.engine.begin() as c:
        for kind, found in terms.items():
            responsibles.add_terms(c, kind, found)
    return time.perf_counter() - t0


LINK_OFFICES = """
INSERT INTO item_offices (item_id, office_id, source, assigned_on)
SELECT DISTINCT r.item_id, r.office_id, 'alias', d.meeting_date
FROM item_responsibles r JOIN action_items a ON a.id = r.item_id JOIN documents d ON d.id = a.document_id
WHERE r.office_id IS NOT NULL AND a.review_state <> 'rejected'
"""


def add_offices(db: Database) -> None:
    """One office per officer designation of the generator (its designation is its alias)."""
    with db.engine.begin() as c:
        for n, designation in enumerate(OFFICERS, start=1):
            c.execute(sa.insert(Office).values(id=n, designation=designation, created_at=START))
            c.execute(sa.insert(OfficeAlias).values(office_id=n, alias=designation, key=offices.alias_key(designation)))
        if c.dialect.name == "postgresql":
            c.exec_driver_sql("SELECT setval(pg_get_serial_sequence('offices', 'id'), (SELECT max(id) FROM offices))")


def build(db: Database, n: int, seed: int = 5, embedder: Embedder | None = None) -> float:
    """Load ``n`` items (and an office per designation, items linked by alias) into an empty database;
    with ``embedder`` (PostgreSQL) also their approximate embeddings (``bench.scale_vectors``); returns
    seconds."""
    t0 = time.perf_counter()
    add_offices(db)
    if db.engine.dialect.name == "postgresql":
        build_pg_copy(db, n, seed)
        if embedder is not None:
            scale_vectors.load_embeddings(db, embedder)
    else:
        build_sqlite(db, n, seed)
    with db.engine.begin() as c:
        c.exec_driver_sql(LINK_OFFICES)
    return time.perf_counter() - t0


def reuse_or_build(db: Database, n: int, reuse: bool) -> None:
    """Use the items already in ``db`` (``reuse``) or load ``n`` and ANALYZE; say which on stdout."""
    if reuse:
        with db.engine.connect() as c:
            print(f"reuse {c.exec_driver_sql('SELECT count(*) FROM action_items').scalar():,} items")
        return
    print(f"build {n:,} items: {build(db, n):.1f}s ({db.engine.dialect.name})")
    with db.engine.begin() as c:
        c.exec_driver_sql("ANALYZE")
