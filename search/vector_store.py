"""The vector index of one embedding model, kept in step with ``item_embeddings`` and saved beside an
SQLite database (``nirdesh.db.vectors-<model>.usearch`` and a ``.json`` note of what it holds).

The table is the truth; the index file only saves the graph build at start. ``sync``:

* loads the rows stored after the last row the index holds (rows are only inserted or deleted, and
  their ids are never reused: migration 0011_vectors), adding new items and replacing re-embedded ones;
* when the table holds a different number of items than the index, compares the two id sets and
  removes deleted items (an item or a document deleted, a text changed and not yet re-embedded) and
  adds any that are missing.

A saved file is used only when it was made for the same model, dimension and vector type, and not for
a newer database than this one (its last row id is beyond any id the table has handed out: the
database was replaced, e.g. by a backup); otherwise the index is rebuilt from the table. PostgreSQL
and in-memory databases keep the index in memory only and build it at start.
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from search import item_queries as store
from search.vectors import AnnIndex
from store.db import Database

log = logging.getLogger(__name__)

LOAD_CHUNK = 20_000  # stored vectors read per transaction while loading
SAVE_EVERY_S = 60.0  # a changed index is written at most this often (and when the service stops)
FORMAT = 1


def index_path(db_url: str, model: str) -> Path | None:
    """Where the index of ``model`` is saved for the database at ``db_url`` (None: not saved)."""
    url = make_url(db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    db_file = Path(url.database)
    slug = re.sub(r"[^A-Za-z0-9._-]+", "_", model)
    return db_file.with_name(f"{db_file.name}.vectors-{slug}.usearch")


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _rows_issued(session: Any) -> int | None:
    """The highest item_embeddings row id SQLite ever handed out (AUTOINCREMENT), or None."""
    if session.get_bind().dialect.name != "sqlite":
        return None
    seq = session.execute(sa.text("SELECT seq FROM sqlite_sequence WHERE name = 'item_embeddings'")).scalar()
    return int(seq or 0)


class VectorStore:
    """The ANN index of ``model`` for ``db``; ``sync`` and ``save`` are called by the embedding worker."""

    def __init__(self, db: Database, model: str, dim: int, *, dtype: str = "f16") -> None:
        self.db = db
        self.model = model
        self.dim = dim
        self.dtype = dtype
        self.path = index_path(db.url, model)
        self.index = AnnIndex(dim, dtype=dtype)
        self.loaded_from_file = False
        self._dirty = False
        self._saved_at = time.monotonic()
        self._lock = threading.Lock()  # one sync or save at a time
        self._open()

    def describe(self) -> str:
        where = f"saved in {self.path}" if self.path else "in memory, built from the database at start"
        return f"usearch HNSW ({self.dtype}, {len(self.index)} vectors, {where})"

    # --- file ------------------------------------------------------------------------------------

    def _open(self) -> None:
        if self.path is None or not self.path.exists():
            return
        try:
            meta = json.loads(_meta_path(self.path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("vector index %s has no readable note; rebuilding it", self.path)
            return
        expected = {"format": FORMAT, "model": self.model, "dim": self.dim, "dtype": self.dtype}
        if any(meta.get(k) != v for k, v in expected.items()):
            log.info("vector index %s was made for %s; rebuilding it", self.path, meta)
            return
        with self.db.read() as s:
            issued = _rows_issued(s)
        if issued is not None and int(meta.get("last_row_id", 0)) > issued:
            log.warning("vector index %s is newer than the database (replaced?); rebuilding it", self.path)
            return
        try:
            index = AnnIndex.load(self.path, self.dim, dtype=self.dtype)
        except ValueError as e:
            log.warning("%s; rebuilding it", e)
            return
        index.last_row_id = int(meta["last_row_id"])
        self.index = index
        self.loaded_from_file = True

    def save(self, *, force: bool = False) -> bool:
        """Write a changed index (at most every SAVE_EVERY_S unless ``force``); True when written."""
        if self.path is None or not self._dirty:
            return False
        if not force and time.monotonic() - self._saved_at < SAVE_EVERY_S:
            return False
        with self._lock:
            last = self.index.last_row_id
            self._dirty = False
            try:
                self.index.save(self.path)
                note = {
                    "format": FORMAT,
                    "model": self.model,
                    "dim": self.dim,
                    "dtype": self.dtype,
                    "last_row_id": last,
                    "count": len(self.index),
                }
                tmp = _meta_path(self.path).with_suffix(".tmp")
                tmp.write_text(json.dumps(note), encoding="utf-8")
                tmp.replace(_meta_path(self.path))
            except OSError as e:
                self._dirty = True
                log.warning("could not save the vector index to %s: %s", self.path, e)
                return False
            self._saved_at = time.monotonic()
        return True

    # --- keeping in step with the table ----------------------------------------------------------

    def sync(self) -> int:
        """Load new rows and drop deleted items; returns how many vectors were added or removed."""
        with self._lock:
            changed = 0
            while True:
                with self.db.read() as s:
                    last, ids, matrix = store.load_embeddings(s, self.model, self.index.last_row_id, limit=LOAD_CHUNK)
                if not len(ids):
                    break
                self.index.add(ids, matrix)
                self.index.last_row_id = last
                changed += len(ids)
            changed += self._sweep()
            if changed:
                self._dirty = True
            return changed

    def _sweep(self) -> int:
        with self.db.read() as s:
            if store.embedding_count(s, self.model) == len(self.index):
                return 0
            stored = store.embedded_item_ids(s, self.model)
        keys = self.index.keys()
        gone = np.setdiff1d(keys, stored, assume_unique=True)
        missing = np.setdiff1d(stored, keys, assume_unique=True)
        removed = self.index.remove(gone.tolist())
        added = 0
        if len(missing):
            with self.db.read() as s:
                ids, matrix = store.embeddings_of(s, self.model, missing.tolist())
            self.index.add(ids, matrix)
            added = len(ids)
        return removed + added
