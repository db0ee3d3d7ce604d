"""A compressed IVF index (faiss ``IndexIVFPQ``) for large stores, with exact rescoring from a flat file.

In memory: the inverted lists (a k-means coarse quantizer of ``lists`` centroids; each vector a product
quantization code of ``pq_m`` bytes and its item id: about 56 MB for a million vectors at 48 bytes) and
two small arrays (slot -> item id, item id -> slot). On disk and read with ``os.pread``: every vector at
float16 in a flat file (``search.flat_file``), so the file's pages sit in the kernel's page cache, not
in the process's resident memory.

A search probes ``nprobe`` lists, takes the ``rerank`` best by their codes and ranks those exactly by
their float16 vectors read from the file. A filter is applied inside the probe (a faiss ``IDSelector``
bitmap over item ids), so the probed lists yield passing items only; a narrow filter (at most
``EXACT_MAX`` held items) is ranked exactly over all its items. Adds and removes go straight to the
lists (no graph to rebuild): a replaced or removed vector's row in the file is dead (its slot maps to
no item) and a new row is appended.

Until ``train_at`` vectors are held the index is not trained and every search is exact over the file.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import threading
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from search.flat_file import FlatFile
from search.timing import count, step
from search.vectors import _ids, top_k

EXACT_MAX = 20_000  # filters passing at most this many held items are ranked exactly
TRAIN_SAMPLE = 100_000  # vectors the k-means and the codebooks are trained on
MIN_POINTS_PER_LIST = 39  # faiss asks for at least this many training points per centroid
ADD_CHUNK = 16_384
TRIM_AFTER = 4096  # an add of this many vectors or more returns the freed heap (faiss's temporaries)
ENGINE = "ivfpq"

# One query at a time here: faiss parallelises over queries, and k-means on two shared cores ran slower
# with two OpenMP threads than with one (measured: 21 s against 8 s for 20,000 points at load 3).
faiss.omp_set_num_threads(1)


def give_back_memory() -> None:
    """Return freed heap to the system (glibc's ``malloc_trim``): training and coding leave about
    100 MB of freed temporaries in the heap for 100,000 vectors, counted in RSS until trimmed."""
    name = ctypes.util.find_library("c")
    if name:
        trim = getattr(ctypes.CDLL(name), "malloc_trim", None)
        if trim is not None:
            trim(0)


def sub_quantizers(dim: int, wanted: int) -> int:
    """The largest divisor of ``dim`` not above ``wanted`` (PQ splits a vector into equal parts)."""
    return max(m for m in range(1, min(dim, wanted) + 1) if dim % m == 0)


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def vector_file(path: Path) -> Path:
    """The flat float16 vector file saved beside the index file ``path``."""
    return _side(path, ".vec")


def slots_file(path: Path) -> Path:
    """The slot -> item id array saved beside the index file ``path``."""
    return _side(path, ".slots.npy")


def _selector(ids: np.ndarray) -> tuple[faiss.IDSelector, np.ndarray]:
    """A bitmap selector of ``ids`` (the bitmap returned too: faiss keeps only a pointer to it)."""
    bits = np.zeros(int(ids.max()) + 1 if len(ids) else 1, dtype=bool)
    bits[ids] = True
    bitmap = np.packbits(bits, bitorder="little")
    return faiss.IDSelectorBitmap(len(bitmap), faiss.swig_ptr(bitmap)), bitmap


@dataclass
class _Memo:
    """The last frozenset filter: its held ids at ``version``, and the probe's selector of them."""

    allowed: frozenset[int]
    version: int
    held: np.ndarray
    selector: tuple[faiss.IDSelector, np.ndarray] | None = None


class IvfIndex:
    """Item id -> unit vector, cosine top-k; thread-safe; implements ``search.vectors.VectorSearch``."""

    dtype = "f16"  # the flat file's vector type
    viewed = False  # nothing memory-mapped (the HNSW engine's view)

    def __init__(
        self,
        dim: int = 0,
        *,
        lists: int = 1024,
        pq_m: int = 48,
        nprobe: int = 32,
        rerank: int = 512,
        train_at: int = 65_536,
    ) -> None:
        self.dim = dim
        self.path: Path | None = None  # where it was saved or read from
        self.lists, self.pq_m, self.nprobe, self.rerank = lists, pq_m, nprobe, rerank
        self.train_at = max(train_at, 256)  # a PQ codebook has 256 centroids
        self.last_row_id = 0
        self._lock = threading.RLock()
        self._flat: FlatFile | None = None
        self._ivf: faiss.IndexIVFPQ | None = None
        self._slot_item = np.zeros(0, dtype=np.int64)  # per row of the file: its item id, -1 dead
        self._slot_of = np.zeros(0, dtype=np.int32)  # per item id: its row, -1 none
        self._live = 0
        self.pending = 0  # vectors added or removed since the files were written or read
        self._version = 0  # changes of the held ids (for the memo of the last filter)
        self._memo: _Memo | None = None

    # --- files -----------------------------------------------------------------------------------

    def _file(self) -> FlatFile:
        if self._flat is None:
            self._flat = FlatFile(self.dim)
        return self._flat

    @property
    def saved(self) -> bool:
        """True when the bulk of the vectors is a saved file (the base), the rest beside it."""
        return self._flat is not None and self._flat.base is not None

    @property
    def trained(self) -> bool:
        return self._ivf is not None

    def describe(self) -> str:
        if self._ivf is None:
            return f"faiss IVF-PQ (not trained below {self.train_at:,} vectors: exact over the float16 file)"
        pq = self._ivf.pq
        return (
            f"faiss IVF-PQ ({self._ivf.nlist} lists, {pq.M} bytes a vector, nprobe {self.nprobe}, "
            f"{self.rerank} reranked exactly from the float16 file read with pread)"
        )

    def memory_bytes(self) -> int:
        """Bytes of the in-memory part: codes and ids of the lists, the centroids, the slot maps."""
        held = self._slot_item.nbytes + self._slot_of.nbytes
        if self._ivf is not None:
            held += self._ivf.ntotal * (self._ivf.code_size + 8) + self._ivf.nlist * self.dim * 4
        return held

    def save(self, path: Path) -> None:
        """Write the index to ``path``: the lists (faiss), the live rows of the vectors as a new flat file
        (``vector_file``: dead rows dropped, in slot order: items stored together, such as a week of
        meetings, stay together and are read as spans) and the slot map (``slots_file``), each through a
        temporary file; then read the vectors from the new file. Searches wait meanwhile (at a million
        vectors: the 768 MB vector file rewritten, a few seconds; ``VectorStore`` saves after many
        changes only)."""
        with self._lock:
            flat = self._file()
            keep = self._slot_item[: flat.rows] >= 0
            slot_item = self._slot_item[: flat.rows][keep]
            tmp_ivf, tmp_slots = _side(path, ".tmp"), _side(path, ".slots.tmp.npy")
            if self._ivf is not None:
                faiss.write_index(self._ivf, str(tmp_ivf))
            np.save(tmp_slots, slot_item)
            flat.write_live(vector_file(path), keep)
            tmp_slots.replace(slots_file(path))
            if self._ivf is not None:
                tmp_ivf.replace(path)
            else:
                path.unlink(missing_ok=True)
            self._flat = FlatFile(self.dim, vector_file(path), rows=len(slot_item))
            flat.close()
            self.path = path
            self._slot_item = slot_item
            self._slot_of[:] = -1
            self._slot_of[slot_item] = np.arange(len(slot_item), dtype=np.int32)
            self.pending = 0
        give_back_memory()

    @classmethod
    def load(cls, path: Path, dim: int, **params: int) -> IvfIndex:
        """The index saved at ``path`` (``save``); ``ValueError`` when it is not an IVF-PQ index of
        ``dim`` dimensions or its files disagree."""
        try:
            slot_item = np.load(slots_file(path), allow_pickle=False)
        except (OSError, ValueError) as e:
            raise ValueError(f"unreadable vector slots beside {path}: {e}") from e
        if slot_item.dtype != np.int64 or slot_item.ndim != 1:
            raise ValueError(f"vector slots beside {path} are not an id array")
        idx = cls(dim, **params)
        idx.path = path
        live = slot_item >= 0
        idx._live = int(live.sum())
        if path.exists():
            try:
                ivf = faiss.read_index(str(path))
            except RuntimeError as e:
                raise ValueError(f"unreadable vector index {path}: {e}") from e
            if not isinstance(ivf, faiss.IndexIVFPQ):
                raise ValueError(f"vector index {path} is a {type(ivf).__name__}, not an IVF-PQ index")
            if ivf.d != dim:
                raise ValueError(f"vector index {path} has {ivf.d} dimensions, not {dim}")
            if ivf.ntotal != idx._live:
                raise ValueError(f"vector index {path} holds {ivf.ntotal} vectors, its slots {idx._live}")
            idx._ivf = ivf
        elif idx._live >= idx.train_at:
            raise ValueError(f"vector index {path} is missing")
        try:
            idx._flat = FlatFile(dim, vector_file(path), rows=len(slot_item))
        except OSError as e:
            raise ValueError(f"unreadable vector file beside {path}: {e}") from e
        idx._slot_item = slot_item
        idx._grow_ids(int(slot_item.max()) if len(slot_item) else 0)
        idx._slot_of[slot_item[live]] = np.flatnonzero(live).astype(np.int32)
        give_back_memory()
        return idx

    # --- contents --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._live

    def __contains__(self, item_id: object) -> bool:
        if not isinstance(item_id, (int, np.integer)):
            return False
        return bool(self._slots(np.array([int(item_id)], dtype=np.int64))[0] >= 0)

    def _slots(self, ids: np.ndarray) -> np.ndarray:
        """The row of each id, -1 for ids not held."""
        out = np.full(len(ids), -1, dtype=np.int64)
        known = (ids >= 0) & (ids < len(self._slot_of))
        out[known] = self._slot_of[ids[known]]
        return out

    def _grow_ids(self, top: int) -> None:
        if top >= len(self._slot_of):
            grown = np.full(max(top + 1, 2 * len(self._slot_of), 1024), -1, dtype=np.int32)
            grown[: len(self._slot_of)] = self._slot_of
            self._slot_of = grown

    def keys(self) -> np.ndarray:
        with self._lock:
            items = self._slot_item[: self._file().rows]
            return items[items >= 0].copy()

    def get(self, item_id: int) -> np.ndarray | None:
        with self._lock:
            slot = self._slots(np.array([int(item_id)], dtype=np.int64))[0]
            return None if slot < 0 else self._file().read(np.array([slot]))[0]

    def add(self, item_ids: np.ndarray | list[int], vectors: np.ndarray) -> None:
        """Add or replace (a re-embedded item) the vectors of ``item_ids``."""
        ids = _ids(item_ids)
        if not len(ids):
            return
        vecs = np.asarray(vectors, dtype=np.float32).reshape(len(ids), -1)
        if len(np.unique(ids)) != len(ids):  # the last vector of a repeated id wins
            last = {int(k): n for n, k in enumerate(ids)}
            rows = np.fromiter(last.values(), dtype=np.int64, count=len(last))
            ids, vecs = ids[rows], vecs[rows]
        vecs = vecs / np.maximum(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12)
        with self._lock:
            if self.dim == 0:
                self.dim = vecs.shape[1]
            self._drop(ids)
            flat = self._file()
            slots = flat.append(vecs)
            if flat.rows > len(self._slot_item):
                grown = np.full(max(flat.rows, 2 * len(self._slot_item), 1024), -1, dtype=np.int64)
                grown[: len(self._slot_item)] = self._slot_item
                self._slot_item = grown
            self._slot_item[slots] = ids
            self._grow_ids(int(ids.max()))
            self._slot_of[ids] = slots.astype(np.int32)
            self._live += len(ids)
            self.pending += len(ids)
            self._version += 1
            if self._ivf is not None:
                for lo in range(0, len(ids), ADD_CHUNK):
                    self._ivf.add_with_ids(vecs[lo : lo + ADD_CHUNK], ids[lo : lo + ADD_CHUNK])
            elif self._live >= self.train_at:
                self._train()
        if len(ids) >= TRIM_AFTER:
            give_back_memory()

    def _drop(self, ids: np.ndarray) -> int:
        """Forget the held ones of ``ids`` (their rows dead, their codes out of the lists)."""
        slots = self._slots(ids)
        held = slots >= 0
        if not held.any():
            return 0
        self._slot_item[slots[held]] = -1
        self._slot_of[ids[held]] = -1
        self._live -= int(held.sum())
        self.pending += int(held.sum())
        self._version += 1
        if self._ivf is not None:
            self._ivf.remove_ids(faiss.IDSelectorBatch(ids[held]))
        return int(held.sum())

    def remove(self, item_ids: Collection[int]) -> int:
        ids = _ids(item_ids)
        with self._lock:
            return self._drop(ids) if len(ids) else 0

    def _train(self) -> None:
        """k-means and codebooks on a sample of the held vectors, then every held vector coded."""
        flat = self._file()
        live = np.flatnonzero(self._slot_item[: flat.rows] >= 0)
        step = max(1, len(live) // TRAIN_SAMPLE)
        sample = flat.read(live[::step][:TRAIN_SAMPLE])
        nlist = max(1, min(self.lists, len(sample) // MIN_POINTS_PER_LIST))
        ivf = faiss.IndexIVFPQ(faiss.IndexFlatL2(self.dim), self.dim, nlist, sub_quantizers(self.dim, self.pq_m), 8)
        ivf.train(sample)
        del sample
        for start, rows in flat.scan(ADD_CHUNK):
            items = self._slot_item[start : start + len(rows)]
            keep = items >= 0
            if keep.any():
                ivf.add_with_ids(rows[keep].astype(np.float32), items[keep])
        self._ivf = ivf
        give_back_memory()

    # --- search ----------------------------------------------------------------------------------

    def search(self, query: np.ndarray, k: int, allowed: Collection[int] | None = None) -> list[tuple[int, float]]:
        """Top ``k`` (item id, cosine) for a normalised query, optionally only among ``allowed`` ids."""
        q = np.asarray(query, dtype=np.float32).reshape(-1)
        with self._lock:
            if self._live == 0 or k <= 0:
                return []
            if allowed is None:
                if self._ivf is None:  # not trained: exact over the whole file
                    with step("rerank", disk=True):
                        count("rerank", "rows", self._live)
                        return self._scan(q, k)
                return self._probe(q, k, None, self._live)
            cand = self._held(allowed)
            if self._ivf is None or len(cand) <= EXACT_MAX:
                return self._rank(q, cand, k)
            return self._probe(q, k, cand, len(cand))

    def _held(self, allowed: Collection[int]) -> np.ndarray:
        """The held ids of ``allowed``; remembered for a frozenset (immutable: the service passes the
        same one for a repeated filter) until the index changes, with the probe's selector."""
        memo = self._memo
        if memo is not None and memo.allowed is allowed and memo.version == self._version:
            return memo.held
        held = _ids(allowed)
        held = held[self._slots(held) >= 0]
        if isinstance(allowed, frozenset):
            self._memo = _Memo(allowed, self._version, held)
        return held

    def _rank(self, q: np.ndarray, ids: np.ndarray, k: int) -> list[tuple[int, float]]:
        """``ids`` (held) ranked by their float16 vectors read from the file."""
        if not len(ids):
            return []
        with step("rerank", disk=True):
            count("rerank", "rows", len(ids))
            return top_k(ids, self._file().read(self._slots(ids)) @ q, k)

    def _scan(self, q: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Exact over every live row of the file (an index not trained yet)."""
        best_ids, best = np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        for start, rows in self._file().scan():
            items = self._slot_item[start : start + len(rows)]
            keep = items >= 0
            best_ids = np.concatenate([best_ids, items[keep]])
            best = np.concatenate([best, rows[keep].astype(np.float32) @ q])
            if len(best) > 4 * k:
                top = np.argpartition(-best, k - 1)[:k]
                best_ids, best = best_ids[top], best[top]
        return top_k(best_ids, best, k)

    def _probe(self, q: np.ndarray, k: int, cand: np.ndarray | None, passing: int) -> list[tuple[int, float]]:
        """Probe the lists nearest the query (only ``cand`` items when given), take the best by their
        codes, rank those exactly; probe more lists while fewer than ``k`` were found."""
        assert self._ivf is not None
        ivf = self._ivf
        params = faiss.SearchParametersIVF()
        bitmap = None
        if cand is not None:
            memo = self._memo if self._memo is not None and self._memo.held is cand else None
            if memo is None or memo.selector is None:
                made = _selector(cand)
                if memo is not None:
                    memo.selector = made
            else:
                made = memo.selector
            params.sel, bitmap = made
        # a filter passing a share s of the items: the probed lists hold about s of what they hold,
        # so probe more of them (by 1/sqrt(s): the nearest lists matter most)
        nprobe = min(ivf.nlist, math.ceil(self.nprobe * math.sqrt(max(1.0, self._live / max(1, passing)))))
        want = min(k, passing)
        pool = min(passing, max(self.rerank, k))  # a pool of k (k > rerank): k ranked exactly
        with step("probe"):
            while True:
                params.nprobe = nprobe
                _, found = ivf.search(q[None, :], pool, params=params)
                ids = found[0][found[0] >= 0]
                if len(ids) >= want or nprobe >= ivf.nlist:
                    break
                nprobe = min(ivf.nlist, nprobe * 4)
        del bitmap
        return self._rank(q, ids.astype(np.int64), k)
