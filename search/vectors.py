"""Vector indexes over the item embeddings: (item id → L2-normalised vector), cosine top-k.

``AnnIndex`` (the default) is an HNSW graph from ``usearch`` with half-precision vectors: a query
visits a few hundred nodes instead of all rows, and the index can be saved beside the SQLite database
and loaded at the next start (``search.vector_store``). ``BruteForceIndex`` is the former index, a
float32 matrix and one matrix-vector product per query; it is kept as the exact reference for
``bench/search_speed.py`` (recall@10 and latency beside the ANN in the same run) and the tests.
For large stores ``search.ivf.IvfIndex`` (faiss IVF-PQ codes in memory, float16 vectors read from a
file with ``pread``) implements the same ``VectorSearch``; NIRDESH_VECTOR_ENGINE picks one
(``search.vector_store``).

Both take ``allowed`` (the item ids that pass the search filters) and rank only those: an ANN index
ranks a small candidate set exactly (its vectors fetched by key) and a large one with an oversampled
graph search that widens until ``k`` candidates are found, so a narrow filter still answers ``k`` hits
when that many items pass it (a top-k filtered afterwards loses them).
"""

from __future__ import annotations

import math
import multiprocessing
import threading
from collections.abc import Collection
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Protocol

import numpy as np
from usearch.index import Index

from search.timing import step

#: Candidate sets up to this size (or this share of the index, but never more than EXACT_CAP) are
#: ranked exactly, by key lookups; larger ones by the oversampled graph search. (A department of a
#: million items is 110,000 candidates: 85 MB of vectors to read for one query, against a graph walk
#: of a few thousand neighbours.)
EXACT_MAX = 20_000
EXACT_SHARE = 0.25
EXACT_CAP = 50_000
#: HNSW parameters: graph degree and the search beam (higher: better recall, slower queries).
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 96
ADD_CHUNK = 4096  # vectors added per lock hold, so searches are not held up by a long load
OVERSAMPLE = 3.0  # graph-search count = k / (share of items allowed) x this, widened until filled
#: Below this many vectors a part of the index is searched by comparing every vector: exact, and no
#: slower than the graph walk at that size (a small graph of many equal vectors can miss neighbours).
GRAPH_FROM = 10_000


class VectorSearch(Protocol):
    """What the search service needs from a vector index."""

    dim: int
    last_row_id: int

    def __len__(self) -> int: ...

    def __contains__(self, item_id: int) -> bool: ...

    def add(self, item_ids: np.ndarray | list[int], vectors: np.ndarray) -> None: ...

    def remove(self, item_ids: Collection[int]) -> int: ...

    def keys(self) -> np.ndarray: ...

    def get(self, item_id: int) -> np.ndarray | None: ...

    def search(self, query: np.ndarray, k: int, allowed: Collection[int] | None = None) -> list[tuple[int, float]]: ...


def _ids(values: Collection[int] | np.ndarray) -> np.ndarray:
    if isinstance(values, np.ndarray):
        return values.astype(np.int64, copy=False)
    return np.fromiter(values, dtype=np.int64, count=len(values))  # no generator: 111,000 ids in ~10 ms


def top_k(ids: np.ndarray, scores: np.ndarray, k: int) -> list[tuple[int, float]]:
    """The ``k`` best (id, score) pairs, best first (ties in input order)."""
    k = min(k, len(ids))
    if k <= 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k] if k < len(ids) else np.arange(len(ids))
    top = top[np.argsort(-scores[top], kind="stable")]
    return [(int(ids[t]), float(scores[t])) for t in top if np.isfinite(scores[t])]


class BruteForceIndex:
    """An exact index: a normalised float32 matrix (grown by doubling) and the item id of each row."""

    def __init__(self, dim: int = 0) -> None:
        self.dim = dim
        self._buf = np.zeros((0, dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._n = 0
        self._row: dict[int, int] = {}
        self._lock = threading.Lock()
        self.last_row_id = 0  # highest stored-embedding row already loaded

    def __len__(self) -> int:
        return len(self._row)

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._row

    def add(self, item_ids: np.ndarray | list[int], vectors: np.ndarray) -> None:
        vectors = np.asarray(vectors, dtype=np.float32)
        if not len(item_ids):
            return
        with self._lock:
            if self.dim == 0:
                self.dim = vectors.shape[1]
                self._buf = np.zeros((0, self.dim), dtype=np.float32)
            new = [(int(i), v) for i, v in zip(item_ids, vectors, strict=True)]
            fresh = [(i, v) for i, v in new if i not in self._row]
            for i, v in new:
                if i in self._row:
                    self._buf[self._row[i]] = v
            need = self._n + len(fresh)
            if need > len(self._buf):
                cap = max(need, 2 * len(self._buf), 1024)
                buf = np.zeros((cap, self.dim), dtype=np.float32)
                buf[: self._n] = self._buf[: self._n]
                ids = np.full(cap, -1, dtype=np.int64)
                ids[: self._n] = self._ids[: self._n]
                self._buf, self._ids = buf, ids
            for i, v in fresh:
                self._buf[self._n] = v
                self._ids[self._n] = i
                self._row[i] = self._n
                self._n += 1

    def remove(self, item_ids: Collection[int]) -> int:
        """Forget items (their rows are blanked, not compacted)."""
        gone = 0
        with self._lock:
            for i in item_ids:
                row = self._row.pop(int(i), None)
                if row is not None:
                    self._ids[row] = -1
                    self._buf[row] = 0.0
                    gone += 1
        return gone

    def keys(self) -> np.ndarray:
        return np.fromiter(self._row, dtype=np.int64, count=len(self._row))

    def get(self, item_id: int) -> np.ndarray | None:
        row = self._row.get(item_id)
        return None if row is None else self._buf[row].copy()

    def search(self, query: np.ndarray, k: int, allowed: Collection[int] | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (item id, cosine) for a normalised query vector, optionally only ``allowed`` ids."""
        with self._lock:
            n = self._n
            if n == 0 or k <= 0:
                return []
            scores = self._buf[:n] @ np.asarray(query, dtype=np.float32).reshape(-1)
            ids = self._ids[:n]
        live = ids >= 0
        if allowed is not None:
            live &= np.isin(ids, _ids(allowed))
        return top_k(ids, np.where(live, scores, -np.inf), k)


class AnnIndex:
    """An HNSW index (usearch, cosine, float16 or int8 vectors) keyed by item id; thread-safe.

    Held in memory, or (``load(..., view=True)``) a saved file memory-mapped read-only (the *view*: its
    pages are read from the file as searches touch them, and the kernel may drop them again) beside a
    small in-memory *delta* index of the vectors added since, and the set of the view's keys removed or
    replaced since (*tombstones*). A search asks both and drops the tombstones; ``save`` writes the
    view's vectors minus the tombstones plus the delta to a new file and maps that instead.
    """

    def __init__(self, dim: int = 0, *, dtype: str = "f16") -> None:
        self.dim = dim
        self.dtype = dtype
        self._index: Index | None = None  # everything, or with a view: the delta
        self._view: Index | None = None
        self._view_path: Path | None = None
        self._dead: set[int] = set()  # keys of the view removed or replaced since it was mapped
        # changes made while a merge runs: (ids, vectors) added, (ids, None) removed
        self._journal: list[tuple[np.ndarray, np.ndarray | None]] | None = None
        self._lock = threading.RLock()
        self.last_row_id = 0  # highest stored-embedding row already loaded
        if dim:
            self._index = self._new(dim)

    def _new(self, dim: int) -> Index:
        return Index(
            ndim=dim,
            metric="cos",
            dtype=self.dtype,
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )

    # --- persistence -----------------------------------------------------------------------------

    @property
    def viewed(self) -> bool:
        """True when the bulk of the index is a memory-mapped file."""
        return self._view is not None

    @property
    def pending(self) -> int:
        """Changes held beside the view (delta vectors and tombstones); 0 without a view."""
        if self._view is None:
            return 0
        return len(self._dead) + (0 if self._index is None else len(self._index))

    def save(self, path: Path, *, view: bool = False) -> None:
        """Write the index to ``path`` (through a temporary file, so a reader never sees half of it);
        ``view``: then map the written file and drop the in-memory copy.

        With a view, a child process reads the mapped file into memory (the one moment the whole index
        is resident, and not in this process), removes the tombstones, adds the delta and writes the new
        file; searches go on meanwhile, and changes made meanwhile are applied again to the new map."""
        with self._lock:
            tmp = path.with_name(path.name + ".tmp")
            if self._view is None:
                if self._index is None:
                    return
                self._index.save(str(tmp))
                tmp.replace(path)
                if view:
                    self._map(path)
                return
            assert self._view_path is not None
            source = self._view_path
            dead = np.fromiter(self._dead, dtype=np.uint64, count=len(self._dead))
            keys = np.zeros(0, dtype=np.uint64)
            if self._index is not None and len(self._index):
                keys = np.asarray(self._index.keys, dtype=np.uint64)
            vecs = self._delta_vectors(keys) if len(keys) else np.zeros((0, self.dim), dtype=np.float32)
            self._journal = []
        try:
            ctx = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=ctx) as pool:
                pool.submit(merge_file, source, tmp, dead, keys, vecs).result()
        except BaseException:
            with self._lock:
                self._journal = None
            raise
        with self._lock:
            tmp.replace(path)
            journal, self._journal = self._journal or [], None
            self._map(path)
            for ids, vectors in journal:
                if vectors is not None:
                    self.add(ids, vectors)
                else:
                    self.remove(ids.tolist())

    def _delta_vectors(self, keys: np.ndarray) -> np.ndarray:
        assert self._index is not None
        got = self._index.get(keys, dtype="f32")
        return np.asarray(got, dtype=np.float32).reshape(len(keys), -1)

    def _map(self, path: Path) -> None:
        view = Index.restore(str(path), view=True)
        if view is None:
            raise ValueError(f"unreadable vector index {path}")
        view.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]  # usearch has the setter; its stub hides it
        self._view, self._view_path, self._dead = view, path, set()
        self._index = self._new(self.dim)

    @classmethod
    def load(cls, path: Path, dim: int, *, dtype: str = "f16", view: bool = False) -> AnnIndex:
        """An index read from ``path`` (``view``: memory-mapped, read-only, with an in-memory delta);
        raises ``ValueError`` when it is not an index of ``dim`` dimensions and ``dtype`` vectors."""
        try:
            meta = Index.metadata(str(path))
        except (RuntimeError, OSError, ValueError) as e:
            raise ValueError(f"unreadable vector index {path}: {e}") from e
        if meta is None:
            raise ValueError(f"unreadable vector index {path}")
        if int(meta["dimensions"]) != dim:
            raise ValueError(f"vector index {path} has {meta['dimensions']} dimensions, not {dim}")
        kind = str(meta["kind_scalar"].name).lower()
        if kind != dtype.lower():
            raise ValueError(f"vector index {path} holds {kind} vectors, not {dtype}")
        idx = cls(dim, dtype=dtype)
        try:
            if view:
                idx._map(path)
            else:
                assert idx._index is not None
                idx._index.load(str(path))
        except (RuntimeError, OSError) as e:
            raise ValueError(f"unreadable vector index {path}: {e}") from e
        return idx

    # --- contents --------------------------------------------------------------------------------

    def __len__(self) -> int:
        n = 0 if self._index is None else len(self._index)
        return n if self._view is None else n + len(self._view) - len(self._dead)

    def __contains__(self, item_id: object) -> bool:
        if not isinstance(item_id, (int, np.integer)):
            return False
        return bool(self._has(np.array([int(item_id)], dtype=np.uint64))[0])

    def _has(self, keys: np.ndarray) -> np.ndarray:
        """Which of ``keys`` (uint64) the index holds."""
        found = np.zeros(len(keys), dtype=bool)
        if self._index is not None and len(self._index) and len(keys):
            found |= np.asarray(self._index.contains(keys), dtype=bool).reshape(-1)
        if self._view is not None and len(keys):
            live = np.asarray(self._view.contains(keys), dtype=bool).reshape(-1)
            if self._dead:
                live &= ~np.isin(keys.astype(np.int64), np.fromiter(self._dead, dtype=np.int64))
            found |= live
        return found

    def memory_bytes(self) -> int:
        """Bytes usearch reports for the in-memory part (a view's file pages are not counted)."""
        return 0 if self._index is None else int(self._index.memory_usage)

    def add(self, item_ids: np.ndarray | list[int], vectors: np.ndarray) -> None:
        """Add or replace (a re-embedded item) the vectors of ``item_ids``."""
        vectors = np.asarray(vectors, dtype=np.float32)
        keys = _ids(item_ids).astype(np.uint64)
        if not len(keys):
            return
        if len(np.unique(keys)) != len(keys):  # the last vector of a repeated id wins
            last = {int(k): n for n, k in enumerate(keys)}
            rows = np.fromiter(last.values(), dtype=np.int64, count=len(last))
            keys, vectors = keys[rows], vectors[rows]
        with self._lock:
            if self._journal is not None:
                self._journal.append((keys.astype(np.int64), vectors))
        for start in range(0, len(keys), ADD_CHUNK):
            part, vecs = keys[start : start + ADD_CHUNK], vectors[start : start + ADD_CHUNK]
            with self._lock:
                if self._index is None:
                    self.dim = vecs.shape[1]
                    self._index = self._new(self.dim)
                if self._view is not None:  # a replaced vector of the view: tombstone, new one in the delta
                    self._dead.update(int(k) for k in part[np.asarray(self._view.contains(part), dtype=bool)])
                present = np.asarray(self._index.contains(part), dtype=bool).reshape(-1)
                if present.any():
                    self._index.remove(part[present])
                self._index.add(part, vecs)

    def remove(self, item_ids: Collection[int]) -> int:
        keys = _ids(item_ids).astype(np.uint64)
        with self._lock:
            if not len(keys):
                return 0
            if self._journal is not None:
                self._journal.append((keys.astype(np.int64), None))
            had = self._has(keys)
            if self._index is not None and len(self._index):
                present = np.asarray(self._index.contains(keys), dtype=bool).reshape(-1)
                if present.any():
                    self._index.remove(keys[present])
            if self._view is not None:
                self._dead.update(int(k) for k in keys[np.asarray(self._view.contains(keys), dtype=bool)])
            return int(had.sum())

    def keys(self) -> np.ndarray:
        with self._lock:
            own = np.zeros(0, dtype=np.int64)
            if self._index is not None:
                own = np.asarray(self._index.keys, dtype=np.uint64).astype(np.int64)
            if self._view is None:
                return own
            viewed = np.asarray(self._view.keys, dtype=np.uint64).astype(np.int64)
            if self._dead:
                viewed = viewed[~np.isin(viewed, np.fromiter(self._dead, dtype=np.int64))]
            return np.union1d(viewed, own)

    def get(self, item_id: int) -> np.ndarray | None:
        with self._lock:
            key = np.array([int(item_id)], dtype=np.uint64)
            return self._vectors(key)[0] if self._has(key)[0] else None

    def _vectors(self, keys: np.ndarray) -> np.ndarray:
        """The unit float32 vectors of ``keys``, every one of them held by the index."""
        out = np.empty((len(keys), self.dim), dtype=np.float32)
        own = np.zeros(len(keys), dtype=bool)
        if self._index is not None and len(self._index):
            own = np.asarray(self._index.contains(keys), dtype=bool).reshape(-1)
        for source, rows in ((self._index, np.flatnonzero(own)), (self._view, np.flatnonzero(~own))):
            if len(rows):
                assert source is not None
                got = source.get(keys[rows], dtype="f32")
                out[rows] = np.asarray(got, dtype=np.float32).reshape(len(rows), -1)
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)  # int8 comes back as k/127

    # --- search ----------------------------------------------------------------------------------

    def search(self, query: np.ndarray, k: int, allowed: Collection[int] | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (item id, cosine) for a normalised query, optionally only among ``allowed`` ids."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        with self._lock, step("probe", disk=True):  # one step: the graph walk reads the vectors it visits
            n = len(self)
            if n == 0 or k <= 0:
                return []
            if allowed is None:
                return self._graph(q, min(k, n))
            cand = _ids(allowed).astype(np.uint64)
            if len(cand):
                cand = cand[self._has(cand)]
            if len(cand) <= min(max(EXACT_MAX, EXACT_SHARE * n), EXACT_CAP):
                return self._exact(q, cand, k)
            return self._oversampled(q, cand, k, n)

    def _graph(self, q: np.ndarray, count: int) -> list[tuple[int, float]]:
        """The ``count`` nearest: from the in-memory index, and from the view without its tombstones."""
        found: list[tuple[int, float]] = []
        if self._index is not None and len(self._index):
            found = _matches(self._index, q, min(count, len(self._index)))
        if self._view is None:
            return found
        ask, n = min(len(self._view), count + min(len(self._dead), count)), len(self._view)
        while True:
            viewed = [(i, c) for i, c in _matches(self._view, q, ask) if i not in self._dead]
            if len(viewed) >= count or ask >= n:
                break
            ask = min(n, ask * 4)
        return sorted(found + viewed[:count], key=lambda t: -t[1])[:count]

    def _exact(self, q: np.ndarray, cand: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Rank the candidates by their stored vectors (exact over the set, however narrow)."""
        if not len(cand):
            return []
        return top_k(cand.astype(np.int64), self._vectors(cand) @ q, k)  # cand: held keys (search checked)

    def _oversampled(self, q: np.ndarray, cand: np.ndarray, k: int, n: int) -> list[tuple[int, float]]:
        """A broad candidate set: graph search for more than ``k`` and keep the candidates, widening
        the search until ``k`` of them are found (or the whole index was asked)."""
        want = min(k, len(cand))
        count = min(n, max(k, math.ceil(k * n / max(1, len(cand)) * OVERSAMPLE)))
        allowed = cand.astype(np.int64)
        while True:
            found = self._graph(q, count)
            ids = np.fromiter((i for i, _ in found), dtype=np.int64, count=len(found))
            keep = np.isin(ids, allowed)
            if keep.sum() >= want or count >= n:
                return [found[j] for j in np.flatnonzero(keep)[:k]]
            count = min(n, count * 4)


def merge_file(source: Path, target: Path, dead: np.ndarray, keys: np.ndarray, vectors: np.ndarray) -> None:
    """Write to ``target`` the index saved in ``source`` without the ``dead`` keys and with ``keys``
    (added or replaced) at ``vectors``; run in a child process (it holds the whole index in memory)."""
    merged = Index.restore(str(source), view=False)
    if merged is None:
        raise OSError(f"could not read {source} back")
    merged.expansion_add = EXPANSION_ADD  # type: ignore[misc]  # usearch has the setter; its stub hides it
    merged.expansion_search = EXPANSION_SEARCH  # type: ignore[misc]
    if len(dead):
        merged.remove(dead)
    if len(keys):
        present = np.asarray(merged.contains(keys), dtype=bool).reshape(-1)
        if present.any():
            merged.remove(keys[present])
        merged.add(keys, vectors)
    merged.save(str(target))


def _matches(index: Index, q: np.ndarray, count: int) -> list[tuple[int, float]]:
    m = index.search(q, count, exact=len(index) < GRAPH_FROM)
    return [(int(key), 1.0 - float(d)) for key, d in zip(m.keys, m.distances, strict=True)]
