"""The vector index of one embedding model, kept in step with ``item_embeddings`` and saved beside an
SQLite database (``nirdesh.db.vectors-<model>.usearch`` and a ``.json`` note of what it holds), or for a
PostgreSQL database in the folder NIRDESH_VECTOR_DIR names (``<host>-<port>-<db>.vectors-<model>.usearch``).

The table is the truth; the index file only saves the graph build at start. ``sync``:

* loads the rows stored after the last row the index holds (rows are only inserted or deleted, and
  their ids are never reused: migration 0011_vectors), adding new items and replacing re-embedded ones;
* when the table holds a different number of items than the index, compares the two id sets and
  removes deleted items (an item or a document deleted, a text changed and not yet re-embedded) and
  adds any that are missing.

A saved file is used only when it was made for the same model, dimension and vector type, and not for
a newer database than this one (its last row id is beyond any id the table has handed out: the
database was replaced, e.g. by a backup) and, on PostgreSQL, for the same database (its oid: a
database dropped and created again under the same name has another); otherwise the index is rebuilt
from the table. Without NIRDESH_VECTOR_DIR, PostgreSQL (and in-memory SQLite) keep the index in memory
only and build it at start: at a million items that is the HNSW build of every vector again (see
docs/performance.md), against a fraction of a second to reopen the file.

With NIRDESH_VECTOR_VIEW (the default) a saved file is opened memory-mapped, read-only, and what
``sync`` finds afterwards goes to a small in-memory index and a tombstone set beside it
(``search.vectors.AnnIndex``); ``save`` rewrites the file only once NIRDESH_VECTOR_MERGE_AT changes are
held (in a child process), since fewer are simply found again at the next start: the file's note keeps
the last row the file holds. NIRDESH_VECTOR_DTYPE picks f16 or i8 vectors (each its own file).

NIRDESH_VECTOR_ENGINE picks the engine (each its own file; the note names it, and a file of another
engine is not opened): ``hnsw`` above (the default on SQLite), or ``ivfpq`` (``search.ivf``; the
default on PostgreSQL): compressed codes in memory (about 60 MB at a million vectors) and the float16
vectors in a flat file read with ``pread``, so the resident memory does not grow with searches. Its
files: ``….ivfpq`` (the faiss lists), ``….ivfpq.vec`` (vectors), ``….ivfpq.slots.npy`` (row -> item id);
what changes after they were read is held in memory (the lists take adds and removes at once) and
appended to a private temporary file, and they are rewritten (dead rows dropped) once
NIRDESH_VECTOR_MERGE_AT changes are held, like the HNSW view.
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import sqlalchemy as sa
from sqlalchemy.engine import make_url

from core.settings import get_settings
from search import item_queries as store
from search.filter_ids import changed_since, snapshot
from search.ivf import IvfIndex
from search.vectors import AnnIndex
from store.db import Database

log = logging.getLogger(__name__)

LOAD_CHUNK = 20_000  # stored vectors read per transaction while loading
SAVE_EVERY_S = 60.0  # a changed index is written at most this often (and when the service stops)
#: PostgreSQL: the sweep (stored ids against the index's) runs when the change log shows a write since the
#: last one, and at least this often (an embedding committed late by another process is not logged).
SWEEP_EVERY_S = 60.0
FORMAT = 1
DTYPES = ("f16", "i8")
ENGINES = ("hnsw", "ivfpq")
SUFFIX = {"hnsw": "usearch", "ivfpq": "ivfpq"}


#: A folder where the index of a PostgreSQL database is saved (unset: it is built at every start).
VECTOR_DIR_ENV = "NIRDESH_VECTOR_DIR"


def _slug(s: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", s)


def default_engine(db_url: str) -> str:
    """The engine NIRDESH_VECTOR_ENGINE names, else by the database: ivfpq on PostgreSQL (the large
    stores: about 60 MB resident at a million vectors), hnsw on SQLite (docs/performance.md)."""
    chosen = get_settings().vector_engine.strip().lower()
    if chosen:
        if chosen not in ENGINES:
            raise ValueError(f"NIRDESH_VECTOR_ENGINE must be one of {', '.join(ENGINES)}, not {chosen!r}")
        return chosen
    return "hnsw" if make_url(db_url).get_backend_name() == "sqlite" else "ivfpq"


def index_path(
    db_url: str, model: str, vector_dir: Path | None = None, dtype: str = "f16", engine: str = "hnsw"
) -> Path | None:
    """Where the index of ``model`` is saved for the database at ``db_url`` (None: not saved): beside
    an SQLite file, in ``vector_dir`` for a PostgreSQL database; a vector type other than f16 is part of
    the name (``....i8.usearch``), and so is the engine (``.usearch``, ``.ivfpq``), so switching
    NIRDESH_VECTOR_DTYPE or NIRDESH_VECTOR_ENGINE never overwrites the other file."""
    url = make_url(db_url)
    kind = "" if dtype == "f16" else f".{_slug(dtype)}"
    suffix = SUFFIX[engine]
    if url.get_backend_name() != "sqlite":
        if vector_dir is None or not url.database:
            return None
        where = _slug(f"{url.host or 'local'}-{url.port or 5432}-{url.database}")
        return vector_dir / f"{where}.vectors-{_slug(model)}{kind}.{suffix}"
    if not url.database or url.database == ":memory:":
        return None
    db_file = Path(url.database)
    return db_file.with_name(f"{db_file.name}.vectors-{_slug(model)}{kind}.{suffix}")


def _meta_path(path: Path) -> Path:
    return path.with_name(path.name + ".json")


def _rows_issued(session: Any) -> int | None:
    """The highest item_embeddings row id the database ever handed out (SQLite AUTOINCREMENT, the
    PostgreSQL sequence), or None."""
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        seq = session.execute(sa.text("SELECT seq FROM sqlite_sequence WHERE name = 'item_embeddings'")).scalar()
        return int(seq or 0)
    if dialect != "postgresql":
        return None
    name = session.execute(sa.text("SELECT pg_get_serial_sequence('item_embeddings', 'id')")).scalar()
    last, called = session.execute(sa.text(f"SELECT last_value, is_called FROM {name}")).one()
    return int(last) if called else 0


def _database_identity(session: Any) -> str | None:
    """Which PostgreSQL database this is, beyond its name (None on SQLite: the file is the database)."""
    if session.get_bind().dialect.name != "postgresql":
        return None
    oid = session.execute(sa.text("SELECT oid FROM pg_database WHERE datname = current_database()")).scalar()
    return f"postgresql oid {oid}"


class VectorStore:
    """The ANN index of ``model`` for ``db``; ``sync`` and ``save`` are called by the embedding worker."""

    def __init__(
        self,
        db: Database,
        model: str,
        dim: int,
        *,
        dtype: str | None = None,
        vector_dir: Path | None = None,
        view: bool | None = None,
        merge_at: int | None = None,
        engine: str | None = None,
    ) -> None:
        settings = get_settings()
        self.db = db
        self.model = model
        self.dim = dim
        self.engine = default_engine(db.url) if engine is None else engine
        if self.engine not in ENGINES:
            raise ValueError(f"NIRDESH_VECTOR_ENGINE must be one of {', '.join(ENGINES)}, not {self.engine!r}")
        # ivfpq keeps float16 vectors in its file (its codes are what NIRDESH_VECTOR_PQ_BYTES says)
        self.dtype = "f16" if self.engine == "ivfpq" else settings.vector_dtype if dtype is None else dtype
        if self.dtype not in DTYPES:
            raise ValueError(f"NIRDESH_VECTOR_DTYPE must be one of {', '.join(DTYPES)}, not {self.dtype!r}")
        self.merge_at = settings.vector_merge_at if merge_at is None else merge_at
        if vector_dir is None and os.environ.get(VECTOR_DIR_ENV):
            vector_dir = Path(os.environ[VECTOR_DIR_ENV])
        self.path = index_path(db.url, model, vector_dir, self.dtype, self.engine)
        self.view = (settings.vector_view if view is None else view) and self.path is not None
        with db.read() as s:
            self.database = _database_identity(s)
        self.index: AnnIndex | IvfIndex = self._new_index()
        self._swept: tuple[str, float] | None = None  # PostgreSQL: (snapshot, monotonic time) of the last sweep
        self.loaded_from_file = False
        self._dirty = False
        self._saved_at = time.monotonic()
        self._lock = threading.Lock()  # one sync or save at a time
        self._open()

    def _ivf_params(self) -> dict[str, int]:
        settings = get_settings()
        return {
            "lists": settings.vector_ivf_lists,
            "pq_m": settings.vector_pq_bytes,
            "nprobe": settings.vector_ivf_nprobe,
            "rerank": settings.vector_ivf_rerank,
            "train_at": settings.vector_ivf_train_at,
        }

    def _new_index(self) -> AnnIndex | IvfIndex:
        if self.engine == "ivfpq":
            return IvfIndex(self.dim, **self._ivf_params())
        return AnnIndex(self.dim, dtype=self.dtype)

    def describe(self) -> str:
        where = f"saved in {self.path}" if self.path else "in memory, built from the database at start"
        if isinstance(self.index, IvfIndex):
            if self.index.saved:
                where += f", {self.index.pending} changes since"
            return f"{self.index.describe()}, {len(self.index)} vectors, {where}"
        if self.index.viewed:
            where += f", memory-mapped with {self.index.pending} changes beside it"
        return f"usearch HNSW ({self.dtype}, {len(self.index)} vectors, {where})"

    # --- file ------------------------------------------------------------------------------------

    def _open(self) -> None:
        if self.path is None or not _meta_path(self.path).exists():
            return
        try:
            meta = json.loads(_meta_path(self.path).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            log.warning("vector index %s has no readable note; rebuilding it", self.path)
            return
        expected: dict[str, Any] = {"format": FORMAT, "model": self.model, "dim": self.dim, "dtype": self.dtype}
        if meta.get("engine", "hnsw") != self.engine:  # notes written before the engines had none: hnsw
            log.info("vector index %s was made by another engine (%s); rebuilding it", self.path, meta)
            return
        if self.database is not None:
            expected["database"] = self.database
        if any(meta.get(k) != v for k, v in expected.items()):
            log.info("vector index %s was made for %s; rebuilding it", self.path, meta)
            return
        with self.db.read() as s:
            issued = _rows_issued(s)
        if issued is not None and int(meta.get("last_row_id", 0)) > issued:
            log.warning("vector index %s is newer than the database (replaced?); rebuilding it", self.path)
            return
        try:
            index: AnnIndex | IvfIndex
            if self.engine == "ivfpq":
                index = IvfIndex.load(self.path, self.dim, **self._ivf_params())
            else:
                index = AnnIndex.load(self.path, self.dim, dtype=self.dtype, view=self.view)
        except ValueError as e:
            log.warning("%s; rebuilding it", e)
            return
        index.last_row_id = int(meta["last_row_id"])
        self.index = index
        self.loaded_from_file = True

    def save(self, *, force: bool = False) -> bool:
        """Write a changed index (at most every SAVE_EVERY_S unless ``force``); True when written.

        A memory-mapped index is rewritten only when ``merge_at`` changes or more are held beside it
        (the merge reads the whole index into memory for a moment); fewer are simply found again at
        the next start, since the file's note keeps the last row it holds."""
        if self.path is None or not self._dirty:
            return False
        held = self.index.saved if isinstance(self.index, IvfIndex) else self.index.viewed
        if held and self.index.pending < self.merge_at:
            return False
        if not force and time.monotonic() - self._saved_at < SAVE_EVERY_S:
            return False
        with self._lock:
            last = self.index.last_row_id
            self._dirty = False
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                if isinstance(self.index, IvfIndex):
                    self.index.save(self.path)
                else:
                    self.index.save(self.path, view=self.view)
                note = {
                    "database": self.database,
                    "engine": self.engine,
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

    def _sweep_due(self) -> bool:
        """Whether the sweep must look: always on SQLite; on PostgreSQL when a logged write became visible
        since the last sweep or SWEEP_EVERY_S passed. Counting a million stored vectors took 0.5 s, and
        the worker syncs at every poll (twice): searches waited behind it."""
        if self._swept is None:
            return True
        snap, at = self._swept
        if time.monotonic() - at >= SWEEP_EVERY_S:
            return True
        with self.db.read() as s:
            return changed_since(s, snap)

    def _sweep(self) -> int:
        if not self._sweep_due():
            return 0
        with self.db.read() as s:
            snap = snapshot(s)  # before the count: a write committed after it makes the next sweep look
            swept = None if snap is None else (snap, time.monotonic())
            if store.embedding_count(s, self.model) == len(self.index):
                self._swept = swept
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
        self._swept = swept
        return removed + added
