"""Vector index engines side by side on the same vectors: build time, query p50/p95, recall@10 against
brute force, memory. The measurement behind choosing usearch for ``search/vectors.py``.

    PYTHONPATH=. python bench/vector_engines.py --items 100000 [--dim 384] [--queries 200]

Vectors: ``--clusters`` random centres, each item a centre plus noise (cosine ~0.97 to it, like the
directives made from one template in ``bench/search_speed.py``), L2-normalised; queries are noisy
copies of random items. Engines:

* brute force: a float32 matrix and one matrix-vector product (the former ``VectorIndex``; the baseline);
* usearch HNSW with float16 and with int8 vectors (``search.vectors.AnnIndex`` parameters);
* faiss IVF-PQ as ``search.ivf.IvfIndex`` holds it (48-byte codes, 512 ranked exactly from float16 rows;
  the RSS column counts the codes, not the vector file, which is read with pread);
* sqlite-vec ``vec0`` (float32, and int8 when the build has it): an exact scan in C inside SQLite.
  Python's own ``sqlite3`` here cannot load extensions (built without ``enable_load_extension``),
  so it runs through ``apsw`` (``pip install 'nirdesh[bench-vectors]'``); skipped when missing.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable

import numpy as np

from search.vectors import CONNECTIVITY, EXPANSION_ADD, EXPANSION_SEARCH, BruteForceIndex, top_k


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def make_vectors(n: int, dim: int, clusters: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((clusters, dim)).astype(np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    noise = rng.standard_normal((n, dim)).astype(np.float32)
    noise *= 0.25 / np.linalg.norm(noise, axis=1, keepdims=True)
    v = centres[rng.integers(0, clusters, n)] + noise
    return v / np.linalg.norm(v, axis=1, keepdims=True)


Search = Callable[[np.ndarray], list[int]]
Variants = dict[str, Search]  # one built index, searched with different settings
EXPANSIONS = (EXPANSION_SEARCH, 200, 400)


def brute(vecs: np.ndarray) -> Variants:
    idx = BruteForceIndex()
    idx.add(np.arange(len(vecs)), vecs)
    return {"": lambda q: [i for i, _ in idx.search(q, 10)]}


def usearch_engine(dtype: str) -> Callable[[np.ndarray], Variants]:
    def build(vecs: np.ndarray) -> Variants:
        from usearch.index import Index

        idx = Index(
            ndim=vecs.shape[1],
            metric="cos",
            dtype=dtype,
            connectivity=CONNECTIVITY,
            expansion_add=EXPANSION_ADD,
            expansion_search=EXPANSION_SEARCH,
        )
        idx.add(np.arange(len(vecs), dtype=np.uint64), vecs)

        def at(ef: int, count: int) -> Search:
            def search(q: np.ndarray) -> list[int]:
                idx.expansion_search = ef  # type: ignore[misc]  # the wrapper has a setter
                return [int(k) for k in idx.search(q, count).keys[:10]]

            return search

        out = {f"ef {ef}": at(ef, 10) for ef in EXPANSIONS}
        out["top 10 of 100 (service)"] = at(EXPANSION_SEARCH, 100)
        return out

    return build


def ivfpq(vecs: np.ndarray) -> Variants:
    """``search.ivf.IvfIndex`` at its defaults (vectors in an anonymous file read with pread), then
    with twice the lists probed."""
    from search.ivf import IvfIndex

    idx = IvfIndex(vecs.shape[1])
    for lo in range(0, len(vecs), 20_000):  # as VectorStore.sync adds them
        idx.add(np.arange(lo, min(lo + 20_000, len(vecs))), vecs[lo : lo + 20_000])

    def at(nprobe: int) -> Search:
        def search(q: np.ndarray) -> list[int]:
            idx.nprobe = nprobe
            return [i for i, _ in idx.search(q, 10)]

        return search

    return {f"nprobe {n}": at(n) for n in (idx.nprobe, 2 * idx.nprobe)}


def sqlite_vec_engine(kind: str) -> Callable[[np.ndarray], Variants]:
    def build(vecs: np.ndarray) -> Variants:
        import apsw
        import sqlite_vec

        con = apsw.Connection(":memory:")
        con.enable_load_extension(True)
        con.load_extension(sqlite_vec.loadable_path())
        dim = vecs.shape[1]
        column = f"embedding {kind}[{dim}]"
        con.execute(f"CREATE VIRTUAL TABLE v USING vec0({column} distance_metric=cosine)")
        value = "vec_quantize_int8(?, 'unit')" if kind == "int8" else "?"
        with con:
            con.executemany(
                f"INSERT INTO v(rowid, embedding) VALUES (?, {value})",
                ((i, vecs[i].tobytes()) for i in range(len(vecs))),
            )
        probe = "vec_quantize_int8(?, 'unit')" if kind == "int8" else "?"
        sql = f"SELECT rowid FROM v WHERE embedding MATCH {probe} AND k = 10 ORDER BY distance"
        return {"": lambda q: [int(r[0]) for r in con.execute(sql, (np.asarray(q, np.float32).tobytes(),))]}

    return build


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--dim", type=int, default=384)
    ap.add_argument("--clusters", type=int, default=1000)
    ap.add_argument("--queries", type=int, default=200)
    ns = ap.parse_args()
    one, five, _ = os.getloadavg()
    print(f"{ns.items} vectors of {ns.dim} dimensions; load average {one:.1f} {five:.1f} on {os.cpu_count()} CPUs")
    vecs = make_vectors(ns.items, ns.dim, ns.clusters, 1)
    rng = np.random.default_rng(2)
    queries = vecs[rng.integers(0, ns.items, ns.queries)] + rng.standard_normal((ns.queries, ns.dim)).astype(
        np.float32
    ) * (0.05 / np.sqrt(ns.dim))
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    truth = [{i for i, _ in top_k(np.arange(ns.items), vecs @ q, 10)} for q in queries]
    engines: dict[str, Callable[[np.ndarray], Variants]] = {
        "brute force float32 (baseline)": brute,
        "usearch HNSW f16": usearch_engine("f16"),
        "usearch HNSW i8": usearch_engine("i8"),
        "faiss IVF-PQ 48 B + f16 rerank (ivfpq)": ivfpq,
        "sqlite-vec vec0 float32": sqlite_vec_engine("float"),
        "sqlite-vec vec0 int8": sqlite_vec_engine("int8"),
    }
    print(f"{'engine':<44} {'build s':>8} {'p50 ms':>8} {'p95 ms':>8} {'recall@10':>10} {'RSS +MB':>8}")
    for name, make in engines.items():
        rss0 = _rss_mb()
        t0 = time.perf_counter()
        try:
            variants = make(vecs)
        except ImportError as e:
            print(f"{name:<32} skipped: {e}")
            continue
        build_s = time.perf_counter() - t0
        grown = _rss_mb() - rss0
        for variant, search in variants.items():
            times, found = [], 0
            for q, want in zip(queries, truth, strict=True):
                t0 = time.perf_counter()
                got = search(q)
                times.append(time.perf_counter() - t0)
                found += len(set(got) & want)
            p50, p95 = (float(np.percentile(times, p)) * 1000 for p in (50, 95))
            recall = found / (10 * len(queries))
            label = f"{name} {variant}".strip()
            print(f"{label:<44} {build_s:8.1f} {p50:8.2f} {p95:8.2f} {recall:10.3f} {grown:8.0f}")
        del variants
    one, five, _ = os.getloadavg()
    print(f"load average after: {one:.1f} {five:.1f}")


if __name__ == "__main__":
    main()
