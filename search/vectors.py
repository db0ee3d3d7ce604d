"""An in-memory vector index: a normalised float32 matrix and the item id of each row.

Rows are appended into a buffer that doubles when full, so loading stored vectors in batches and
adding new ones stays linear; a re-embedded item overwrites its row. A query is one matrix-vector
product (100,000 × 384 float32 is ~150 MB and a few milliseconds).
"""

from __future__ import annotations

import threading

import numpy as np


class VectorIndex:
    def __init__(self, dim: int = 0) -> None:
        self.dim = dim
        self._buf = np.zeros((0, dim), dtype=np.float32)
        self._ids = np.zeros(0, dtype=np.int64)
        self._n = 0
        self._row: dict[int, int] = {}
        self._lock = threading.Lock()
        self.last_row_id = 0  # highest stored-embedding row already loaded

    def __len__(self) -> int:
        return self._n

    def __contains__(self, item_id: int) -> bool:
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
                ids = np.zeros(cap, dtype=np.int64)
                ids[: self._n] = self._ids[: self._n]
                self._buf, self._ids = buf, ids
            for i, v in fresh:
                self._buf[self._n] = v
                self._ids[self._n] = i
                self._row[i] = self._n
                self._n += 1

    def get(self, item_id: int) -> np.ndarray | None:
        row = self._row.get(item_id)
        return None if row is None else self._buf[row].copy()

    def search(self, query: np.ndarray, k: int, allowed: set[int] | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (item id, cosine) for a normalised query vector, optionally only ``allowed`` ids."""
        with self._lock:
            n = self._n
            if n == 0 or k <= 0:
                return []
            scores = self._buf[:n] @ np.asarray(query, dtype=np.float32).reshape(-1)
            ids = self._ids[:n]
        if allowed is not None:
            mask = np.isin(ids, np.fromiter(allowed, dtype=np.int64, count=len(allowed)))
            scores = np.where(mask, scores, -np.inf)
        k = min(k, n)
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(ids[t]), float(scores[t])) for t in top if np.isfinite(scores[t])]
