"""Vector indexes over the item embeddings: (item id → L2-normalised vector), cosine top-k.

``AnnIndex`` (the default) is an HNSW graph from ``usearch`` with half-precision vectors: a query
visits a few hundred nodes instead of all rows, and the index can be saved beside the SQLite database
and loaded at the next start (``search.vector_store``). ``BruteForceIndex`` is the former index, a
float32 matrix and one matrix-vector product per query; it is kept as the exact reference for
``bench/search_speed.py`` (recall@10 and latency beside the ANN in the same run) and the tests.

Both take ``allowed`` (the item ids that pass the search filters) and rank only those: an ANN index
ranks a small candidate set exactly (its vectors fetched by key) and a large one with an oversampled
graph search that widens until ``k`` candidates are found, so a narrow filter still answers ``k`` hits
when that many items pass it (a top-k filtered afterwards loses them).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Collection
from pathlib import Path
from typing import Protocol

import numpy as np
from usearch.index import Index

#: Candidate sets up to this size (or this share of the index) are ranked exactly, by key lookups.
EXACT_MAX = 20_000
EXACT_SHARE = 0.25
#: HNSW parameters: graph degree and the search beam (higher: better recall, slower queries).
CONNECTIVITY = 16
EXPANSION_ADD = 128
EXPANSION_SEARCH = 96
ADD_CHUNK = 4096  # vectors added per lock hold, so searches are not held up by a long load
OVERSAMPLE = 3.0  # graph-search count = k / (share of items allowed) x this, widened until filled


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
    return np.fromiter((int(v) for v in values), dtype=np.int64, count=len(values))


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
    """An HNSW index (usearch, cosine, float16 vectors) keyed by item id; thread-safe."""

    def __init__(self, dim: int = 0, *, dtype: str = "f16") -> None:
        self.dim = dim
        self.dtype = dtype
        self._index: Index | None = None
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

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (through a temporary file, so a reader never sees half of it)."""
        with self._lock:
            if self._index is None:
                return
            tmp = path.with_name(path.name + ".tmp")
            self._index.save(str(tmp))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path, dim: int, *, dtype: str = "f16") -> AnnIndex:
        """An index read from ``path`` (raises ``ValueError`` when it is not one of ``dim`` dimensions)."""
        idx = cls(dim, dtype=dtype)
        assert idx._index is not None
        try:
            idx._index.load(str(path))
        except (RuntimeError, OSError) as e:
            raise ValueError(f"unreadable vector index {path}: {e}") from e
        if idx._index.ndim != dim:
            raise ValueError(f"vector index {path} has {idx._index.ndim} dimensions, not {dim}")
        return idx

    # --- contents --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return 0 if self._index is None else len(self._index)

    def __contains__(self, item_id: object) -> bool:
        if self._index is None or not isinstance(item_id, (int, np.integer)):
            return False
        return bool(self._index.contains(int(item_id)))

    def memory_bytes(self) -> int:
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
        for start in range(0, len(keys), ADD_CHUNK):
            part, vecs = keys[start : start + ADD_CHUNK], vectors[start : start + ADD_CHUNK]
            with self._lock:
                if self._index is None:
                    self.dim = vecs.shape[1]
                    self._index = self._new(self.dim)
                present = np.asarray(self._index.contains(part), dtype=bool).reshape(-1)
                if present.any():
                    self._index.remove(part[present])
                self._index.add(part, vecs)

    def remove(self, item_ids: Collection[int]) -> int:
        keys = _ids(item_ids).astype(np.uint64)
        with self._lock:
            if self._index is None or not len(keys):
                return 0
            present = np.asarray(self._index.contains(keys), dtype=bool).reshape(-1)
            if present.any():
                self._index.remove(keys[present])
            return int(present.sum())

    def keys(self) -> np.ndarray:
        with self._lock:
            if self._index is None:
                return np.zeros(0, dtype=np.int64)
            return np.asarray(self._index.keys, dtype=np.uint64).astype(np.int64)

    def get(self, item_id: int) -> np.ndarray | None:
        with self._lock:
            if item_id not in self:
                return None
            assert self._index is not None
            return np.asarray(self._index.get(int(item_id)), dtype=np.float32).reshape(-1)

    # --- search ----------------------------------------------------------------------------------

    def search(self, query: np.ndarray, k: int, allowed: Collection[int] | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (item id, cosine) for a normalised query, optionally only among ``allowed`` ids."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        with self._lock:
            n = len(self)
            if n == 0 or k <= 0:
                return []
            assert self._index is not None
            if allowed is None:
                return self._graph(q, min(k, n))
            cand = _ids(allowed).astype(np.uint64)
            if len(cand):
                cand = cand[np.asarray(self._index.contains(cand), dtype=bool).reshape(-1)]
            if len(cand) <= max(EXACT_MAX, EXACT_SHARE * n):
                return self._exact(q, cand, k)
            return self._oversampled(q, cand, k, n)

    def _graph(self, q: np.ndarray, count: int) -> list[tuple[int, float]]:
        assert self._index is not None
        m = self._index.search(q, count)
        return [(int(key), 1.0 - float(d)) for key, d in zip(m.keys, m.distances, strict=True)]

    def _exact(self, q: np.ndarray, cand: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Rank the candidates by their stored vectors (exact over the set, however narrow)."""
        if not len(cand):
            return []
        assert self._index is not None
        vecs = np.asarray(self._index.get(cand), dtype=np.float32).reshape(len(cand), -1)
        norms = np.maximum(np.linalg.norm(vecs, axis=1), 1e-12)
        return top_k(cand.astype(np.int64), (vecs @ q) / norms, k)

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
