"""Resident memory of the API server on a large database: start ``python -m nirdesh.cli serve`` on
``--db-url`` (a database ``bench/scale.py`` loaded), call every list filter, keyword search, an office's
items, /v1/stats and a filtered export over HTTP, and read the server's VmRSS / VmHWM from /proc
before and after, beside the p50/p95 of each call as the client saw it.

``--engine`` sets NIRDESH_VECTOR_ENGINE for the server (ivfpq: codes in memory, vectors read with
pread, so no index pages in RssFile; hnsw: the usearch file memory-mapped).

With ``--vector-dir`` (NIRDESH_VECTOR_DIR for the server; ``bench/semantic_scale.py --embed`` filled
the vectors and saved the index there) the server opens the vector index too (memory-mapped unless
NIRDESH_VECTOR_VIEW=0); the bench waits until semantic search answers, times semantic and hybrid
search, and prints the memory after the start, after the timed calls (a warm-up of a few dozen
queries) and after ``--many`` more distinct queries: the pages of a mapped file that searches touched
count in VmRSS as RssFile (shared, clean, dropped by the kernel under memory pressure), the process's
own memory as RssAnon.

    PYTHONPATH=. /work/main/.venv/bin/python bench/server_rss.py --db-url postgresql+psycopg://… [--runs 10] \
        [--vector-dir /tmp/vec18 --many 500]
"""

from __future__ import annotations

import argparse
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, latency, load_text, percentile  # noqa: E402
from bench.generate import CHAIRS, DEPARTMENTS, OFFICERS, PLACES, TASKS  # noqa: E402
from search.timing import STEPS  # noqa: E402

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


def serve(root: Path, env: dict[str, str], port: int) -> tuple[subprocess.Popen[bytes], str]:
    """Start ``nirdesh serve`` from ``root`` with ``env`` on ``port``; the process and its base URL once it answers."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "nirdesh.cli", "serve", "--port", str(port)],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_up(base, proc)
    return proc, base


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


def memory(pid: int) -> str:
    """VmRSS (RssAnon + RssFile + RssShmem) and the peak VmHWM of ``pid``, in MB."""
    got: dict[str, int] = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
            got[key] = int(value.split()[0]) // 1024
    return (
        f"VmRSS {got['VmRSS']} MB (RssAnon {got['RssAnon']}, RssFile {got['RssFile']}), VmHWM {got['VmHWM']} MB; "
        f"load average {load_text()}"
    )


SEARCH_QUERIES = ["हैंडपंपों की जांच", "सड़कों की मरम्मत", "पेंशन प्रकरणों", "नालियों की सफाई", "DM", "godown"]


def search_path(q: str, mode: str, **filters: str) -> str:
    return f"/v1/search?{urlencode({'q': q, 'mode': mode, 'scope': 'items', **filters})}"


def wait_semantic(client: httpx.Client, timeout: float = 3600.0) -> float:
    """Seconds until a semantic search answers from the vector index (it is opened or built at start)."""
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        r = client.get(search_path(SEARCH_QUERIES[0], "semantic"))
        if r.status_code == 200 and r.json()["mode"] == "semantic":
            return time.monotonic() - t0
        time.sleep(2)
    raise RuntimeError("semantic search did not come up")


def distinct_queries(n: int) -> list[str]:
    """``n`` different queries from the generator's words (each needs its own embedding and graph walk)."""
    out = [f"{o} {t} {p}" for t in TASKS for o in OFFICERS for p in PLACES]
    return out[:n]


def samples(client: httpx.Client, path: str, runs: int, warm_up: bool = True) -> list[float]:
    """Seconds of ``runs`` calls of ``path`` (after one warm-up call unless ``warm_up`` is False)."""
    times = []
    for _ in range(runs + warm_up):
        t0 = time.perf_counter()
        r = client.get(path)
        times.append(time.perf_counter() - t0)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: {r.status_code} {r.text[:200]}")
    return times[1:] if warm_up else times


def timed(client: httpx.Client, path: str, runs: int) -> dict[str, float]:
    return latency(samples(client, path, runs))


_METRIC = re.compile(r'([\w-]+);dur=([\d.]+)(?:;desc="([^"]*)")?')


def server_timing(header: str) -> dict[str, float]:
    """The steps of a ``Server-Timing`` header in ms, and its descriptions' counts as ``step.key``."""
    out: dict[str, float] = {}
    for name, dur, desc in _METRIC.findall(header):
        out[name] = float(dur)
        for kv in desc.split():
            key, _, value = kv.partition("=")
            out[f"{name}.{key}"] = float(value)
    return out


def io_counters(pid: int) -> dict[str, int]:
    """The server's major page faults (/proc/PID/stat) and bytes read from storage (/proc/PID/io), and the
    machine's pages read in (/proc/vmstat pgpgin, KB) and major faults."""
    stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    got = {"majflt": int(stat[9])}  # field 12 of the file, 10th after the command's closing parenthesis
    for line in Path(f"/proc/{pid}/io").read_text().splitlines():
        key, _, value = line.partition(":")
        if key == "read_bytes":
            got["read_kb"] = int(value) // 1024
    for line in Path("/proc/vmstat").read_text().splitlines():
        key, _, value = line.partition(" ")
        if key in ("pgpgin", "pgmajfault"):
            got[f"machine {key}"] = int(value)
    return got


def thread_cpu(pid: int) -> dict[str, float]:
    """CPU seconds (user + system) of each of the server's threads, summed by thread name."""
    tick = os.sysconf("SC_CLK_TCK")
    out: dict[str, float] = {}
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            head, _, rest = (task / "stat").read_text().rpartition(")")
        except OSError:  # the thread ended
            continue
        name = re.sub(r"[_-]?\d+$", "", head.partition("(")[2])  # one name for a pool's threads
        fields = rest.split()
        out[name] = out.get(name, 0.0) + (int(fields[11]) + int(fields[12])) / tick
    return out


def many_queries(client: httpx.Client, pid: int, queries: list[str]) -> list[float]:
    """Time each of ``queries`` (a semantic search, each new to the server) and print, beside the client's
    total, p50/p95/max of every step the server reported (Server-Timing), the server's major faults and
    storage reads before/after, and the slowest requests' headers."""
    before, cpu_before = io_counters(pid), thread_cpu(pid)
    times, steps, headers = [], [], []
    for q in queries:
        t0 = time.perf_counter()
        r = client.get(search_path(q, "semantic"))
        times.append(time.perf_counter() - t0)
        if r.status_code != 200:
            raise RuntimeError(f"{q}: {r.status_code} {r.text[:200]}")
        headers.append(r.headers.get("server-timing", ""))
        steps.append(server_timing(headers[-1]))
    after, cpu_after = io_counters(pid), thread_cpu(pid)
    print(f"\n{len(queries)} distinct semantic queries, per step (Server-Timing; ms unless named):")
    print(f"{'step':28s} {'p50':>8s} {'p95':>8s} {'max':>8s} {'n':>5s}")
    print(f"{'client total (over HTTP)':28s} {_row([t * 1000 for t in times])}")
    for key in sorted({k for st in steps for k in st}, key=_step_order):
        print(f"{key:28s} {_row([st[key] for st in steps if key in st])}")
    print(f"server counters before/after: {before} -> {after}")
    used = {k: v - cpu_before.get(k, 0.0) for k, v in cpu_after.items()}
    print(
        "server CPU seconds by thread: "
        + ", ".join(f"{k} {v:.2f}" for k, v in sorted(used.items(), key=lambda t: -t[1]) if v > 0)
    )
    slowest = sorted(range(len(times)), key=lambda n: -times[n])[:5]
    for n in slowest:
        print(f"  slow: client {times[n] * 1000:.1f} ms; {headers[n]}")
    print(f"load average {load_text()}")
    return times


def _row(values: list[float]) -> str:
    return f"{percentile(values, 50):8.1f} {percentile(values, 95):8.1f} {max(values):8.1f} {len(values):5d}"


def _step_order(key: str) -> tuple[int, str]:
    name = key.split(".")[0]
    return (STEPS.index(name) if name in STEPS else len(STEPS) + (name == "total"), key)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--vector-dir", help="NIRDESH_VECTOR_DIR of the server: also time semantic and hybrid search")
    ap.add_argument("--many", type=int, default=500, help="distinct semantic queries after the timed calls")
    ap.add_argument("--search-only", action="store_true", help="skip the lists, /v1/stats and the export")
    ap.add_argument("--engine", default="", help="NIRDESH_VECTOR_ENGINE of the server (hnsw, ivfpq; default: its own)")
    ns = ap.parse_args()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DATABASE_URL": ns.db_url, "PYTHONPATH": str(ROOT)}
    if ns.vector_dir:
        env["NIRDESH_VECTOR_DIR"] = ns.vector_dir
    if ns.engine:
        env["NIRDESH_VECTOR_ENGINE"] = ns.engine
    print(f"load average before: {load_text()}; engine {ns.engine or '(default)'}")
    with tempfile.TemporaryDirectory() as tmp:
        env["NIRDESH_DATA_DIR"] = tmp
        proc, _ = serve(ROOT, env, port)
        try:
            print(f"server up: {memory(proc.pid)}")
            rows = []
            with httpx.Client(base_url=base, timeout=600) as client:
                if ns.vector_dir:
                    print(f"semantic search answers after {wait_semantic(client):.1f}s: {memory(proc.pid)}")
                    for name, mode, f in (
                        ("semantic search", "semantic", {}),
                        ("hybrid search", "hybrid", {}),
                        ("hybrid search + department", "hybrid", {"department": DEPARTMENTS[1]}),
                    ):
                        times = [t for q in SEARCH_QUERIES for t in samples(client, search_path(q, mode, **f), ns.runs)]
                        rows.append((name, latency(times)))
                    print(f"after {len(SEARCH_QUERIES) * 3 * (ns.runs + 1)} searches: {memory(proc.pid)}")
                for name, params in ({} if ns.search_only else CALLS).items():
                    rows.append((f"list: {name}", timed(client, f"/v1/action-items?{urlencode(params)}", ns.runs)))
                query = urlencode({"q": "हैंडपंपों की जांच", "mode": "keyword"})
                rows.append(("keyword search", timed(client, f"/v1/search?{query}", ns.runs)))
                if not ns.search_only:
                    rows.append(("office 1 items", timed(client, "/v1/offices/1/items", ns.runs)))
                    rows.append(("/v1/stats", timed(client, "/v1/stats", 2)))
                    export = urlencode({"format": "csv", "department": DEPARTMENTS[1], "status": "open"})
                    rows.append(("export csv (one department, open)", timed(client, f"/v1/export?{export}", 2)))
                if ns.vector_dir and ns.many:
                    many = many_queries(client, proc.pid, distinct_queries(ns.many))
                    rows.append((f"semantic search, {len(many)} distinct queries", latency(many)))
                    print(f"after {len(many)} more distinct semantic searches: {memory(proc.pid)}")
            final = memory(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"\n{'what (over HTTP)':42s} {'p50 ms':>9s} {'p95 ms':>9s}")
    for name, r in rows:
        print(f"{name:42s} {r['p50_ms']:9.1f} {r['p95_ms']:9.1f}")
    print(f"server at the end: {final}")
    print(f"load average after: {load_text()}")


if __name__ == "__main__":
    main()
