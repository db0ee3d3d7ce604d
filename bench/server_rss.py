"""Resident memory of the API server on a large database: start ``python -m nirdesh.cli serve`` on
``--db-url`` (a database ``bench/scale.py`` loaded), call every list filter, keyword search, an office's
items, /v1/stats and a filtered export over HTTP, and read the server's VmRSS / VmHWM from /proc
before and after, beside the p50/p95 of each call as the client saw it.

    PYTHONPATH=. /work/main/.venv/bin/python bench/server_rss.py --db-url postgresql+psycopg://… [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, latency, proc_memory_kb  # noqa: E402
from bench.generate import CHAIRS, DEPARTMENTS, OFFICERS  # noqa: E402

CALLS = {
    "newest 50": {},
    "status=open": {"status": "open"},
    "overdue=true": {"overdue": "true"},
    "overdue, sort=due_date": {"overdue": "true", "sort": "due_date"},
    "responsible": {"responsible": OFFICERS[2]},
    "responsible + tracked": {"responsible": OFFICERS[2], "tracked": "true"},
    "department + status": {"department": DEPARTMENTS[1], "status": "open"},
    "issuer": {"issuer": CHAIRS[0]},
    "priority=high": {"priority": "high"},
    "due_before/after": {"due_after": "2026-06-01", "due_before": "2026-07-01", "sort": "due_date"},
    "meeting_from/to": {"meeting_from": "2026-04-01", "meeting_to": "2026-06-01"},
    "review=confirmed": {"review": "confirmed"},
    "q (substring)": {"q": "हैंडपंपों"},
    "sort=priority": {"sort": "-priority"},
    "sort=meeting_date": {"sort": "-meeting_date"},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/v1/health", timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError("the server did not come up")


def timed(client: httpx.Client, path: str, runs: int) -> dict[str, float]:
    times = []
    for _ in range(runs + 1):  # the first call warms up
        t0 = time.perf_counter()
        r = client.get(path)
        times.append(time.perf_counter() - t0)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: {r.status_code} {r.text[:200]}")
    return latency(times[1:])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ns = ap.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": ns.db_url, "PYTHONPATH": str(ROOT)}
    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        env["NIRDESH_DATA_DIR"] = tmp
        proc = subprocess.Popen(
            [sys.executable, "-m", "nirdesh.cli", "serve", "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_up(base, proc)
            print(f"server up: {proc_memory_kb(proc.pid)} kB")
            rows = []
            with httpx.Client(base_url=base, timeout=600) as client:
                for name, params in CALLS.items():
                    rows.append((f"list: {name}", timed(client, f"/v1/action-items?{urlencode(params)}", ns.runs)))
                query = urlencode({"q": "हैंडपंपों की जांच", "mode": "keyword"})
                rows.append(("keyword search", timed(client, f"/v1/search?{query}", ns.runs)))
                rows.append(("office 1 items", timed(client, "/v1/offices/1/items", ns.runs)))
                rows.append(("/v1/stats", timed(client, "/v1/stats", 2)))
                export = urlencode({"format": "csv", "department": DEPARTMENTS[1], "status": "open"})
                rows.append(("export csv (one department, open)", timed(client, f"/v1/export?{export}", 2)))
            memory = proc_memory_kb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"\n{'what (over HTTP)':42s} {'p50 ms':>9s} {'p95 ms':>9s}")
    for name, r in rows:
        print(f"{name:42s} {r['p50_ms']:9.1f} {r['p95_ms']:9.1f}")
    print(f"server VmRSS {memory['VmRSS'] / 1024:.0f} MB, VmHWM (peak) {memory['VmHWM'] / 1024:.0f} MB")
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
