"""Run the search benchmark (``bench/search_speed.py``, built with the search feature) if this build has it.

Interface expected from that script: ``python bench/search_speed.py --json PATH [--quick]`` writes
``{"10000": {"p50_ms": .., "p95_ms": ..}, "100000": {...}, "index_items_per_s": ..}`` to PATH (the item
counts as keys). Without the script the section says so instead of failing the run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT, load

SCRIPT = ROOT / "bench" / "search_speed.py"


def run(quick: bool = False, timeout_s: float = 900) -> dict:
    if not SCRIPT.exists():
        return {"available": False, "note": "search: not available in this build", "load": load()}
    with tempfile.TemporaryDirectory(prefix="nirdesh-bench-search-") as tmp:
        path = Path(tmp) / "search.json"
        cmd = [sys.executable, str(SCRIPT), "--json", str(path)] + (["--quick"] if quick else [])
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        try:
            proc = subprocess.run(
                cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout_s, check=False
            )
        except subprocess.TimeoutExpired:
            return {"available": True, "error": f"timed out after {timeout_s:g} s"}
        if proc.returncode != 0 or not path.exists():
            return {"available": True, "error": f"exit {proc.returncode}: {(proc.stderr or proc.stdout)[-500:]}"}
        figures = json.loads(path.read_text())
    largest = max((k for k in figures if k.isdigit()), key=int, default=None)
    out: dict = {"available": True, "figures": figures, "load": load()}
    if largest is not None and isinstance(figures[largest], dict) and "p95_ms" in figures[largest]:
        out["target"] = {
            "goal": "search p95 under 50 ms at 100,000 items",
            "items": int(largest),
            "met": int(largest) >= 100_000 and figures[largest]["p95_ms"] < 50,
        }
    return out
