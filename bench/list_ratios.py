"""Every list over HTTP against the unfiltered newest-50 list of the same run (issue 18's goal: each list
filter's p95 <= 2x newest-50's p95), optionally for two versions of the server side by side.

Starts ``python -m nirdesh.cli serve`` on ``--db-url`` (a database ``bench/scale.py`` loaded) from this
tree, and with ``--before-root DIR`` a second server from another checkout (an older commit, on the same
database and schema), then times each call of ``bench/server_rss.py``'s list set and an office's items,
alternating between the servers call by call, so both see the same load. A bare ``SELECT * FROM
action_items LIMIT 50`` from the bench process (no HTTP, no ORM) is timed in the same loop as the floor.
Each row prints p50/p95 and its ratio: p95 / the p95 of the newest-50 list timed in the same loop (each
round calls the row's list and then newest-50 on each server: on a shared machine the load drifts
between rows, so each row carries its own baseline, printed as ``n50 p95``), and the load average
after the row.

    PYTHONPATH=. /work/main/.venv/bin/python bench/list_ratios.py --db-url postgresql+psycopg://… \
        [--runs 30] [--before-root /tmp/base]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import ROOT, latency, load_text  # noqa: E402
from bench.generate import DEPARTMENTS, OFFICERS  # noqa: E402
from bench.server_rss import CALLS, free_port, serve  # noqa: E402

# bench/scale.py's rows of q= with another filter and with a space
Q_FORMS = {
    "q + department": {"q": "हैंडपंपों", "department": DEPARTMENTS[1]},
    "q, medium + department": {"q": "1,3", "department": DEPARTMENTS[1]},
    "q + status": {"q": "हैंडपंपों", "status": "open"},
    "q, medium + status": {"q": "1,3", "status": "open"},
    "q + responsible": {"q": "हैंडपंपों", "responsible": OFFICERS[2]},
    "q, medium + responsible": {"q": "1,3", "responsible": OFFICERS[2]},
    "q with a space (30 जून)": {"q": "30 जून"},
    "q with a space, frequent (हैंडपंपों की)": {"q": "हैंडपंपों की"},
}


def start(root: Path, db_url: str, data_dir: str) -> tuple[subprocess.Popen[bytes], str]:
    env = {**os.environ, "DATABASE_URL": db_url, "PYTHONPATH": str(root), "NIRDESH_DATA_DIR": data_dir}
    return serve(root, env, free_port())


def call(client: httpx.Client, path: str) -> float:
    t0 = time.perf_counter()
    r = client.get(path)
    took = time.perf_counter() - t0
    if r.status_code != 200:
        raise RuntimeError(f"{path}: {r.status_code} {r.text[:200]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--runs", type=int, default=30)
    ap.add_argument("--before-root", type=Path, help="a second server from this checkout, timed alternately")
    ap.add_argument("--only", help="only newest-50 and the rows whose name contains this (e.g. 'q')")
    ns = ap.parse_args()
    roots = {"after": ROOT} if ns.before_root is None else {"before": ns.before_root.resolve(), "after": ROOT}
    paths = {f"list: {name}": f"/v1/action-items?{urlencode(params)}" for name, params in CALLS.items()}
    paths["office 1 items"] = "/v1/offices/1/items"
    for name, needle in (("q, medium (1,3)", "1,3"), ("q, rare (4,73)", "4,73")):  # bench/scale.py's
        paths[f"list: {name}"] = f"/v1/action-items?{urlencode({'q': needle})}"
    for name, params in Q_FORMS.items():
        paths[f"list: {name}"] = f"/v1/action-items?{urlencode(params)}"
    if ns.only:
        paths = {k: v for k, v in paths.items() if k == "list: newest 50" or ns.only in k}
    print(f"load average before: {load_text()} on {os.cpu_count()} CPUs; servers: {roots}")
    engine = sa.create_engine(ns.db_url, pool_size=1)
    procs: list[subprocess.Popen[bytes]] = []
    servers: dict[str, httpx.Client] = {}
    with tempfile.TemporaryDirectory() as tmp:
        try:
            for label, root in roots.items():
                proc, base = start(root, ns.db_url, tmp)
                procs.append(proc)
                servers[label] = httpx.Client(base_url=base, timeout=600)
            rows: dict[str, dict[str, dict[str, float]]] = {}
            loads: dict[str, str] = {}
            with engine.connect() as conn:

                def bare() -> float:
                    t0 = time.perf_counter()
                    conn.exec_driver_sql("SELECT * FROM action_items LIMIT 50").all()
                    return time.perf_counter() - t0

                floor: list[float] = []
                newest = paths["list: newest 50"]
                paired: dict[str, dict[str, float]] = {}  # each row's own newest-50 p95, timed in its loop
                for name, path in paths.items():
                    times: dict[str, list[float]] = {label: [] for label in servers}
                    base_times: dict[str, list[float]] = {label: [] for label in servers}
                    for client in servers.values():
                        call(client, path)  # warm-up
                    for _ in range(ns.runs):
                        for label, client in servers.items():  # alternately, so both see the same load
                            times[label].append(call(client, path))
                            base_times[label].append(call(client, newest))  # the load drifts: pair it
                        floor.append(bare())
                    rows[name] = {label: latency(t) for label, t in times.items()}
                    paired[name] = {label: latency(t)["p95_ms"] for label, t in base_times.items()}
                    loads[name] = load_text()
            head = "".join(f" {label + ' p50/p95 ms':>22s} {'ratio':>6s} {'n50 p95':>8s}" for label in servers)
            print(f"\n{'what (over HTTP)':32s}{head}  load average")
            floor_ms = latency(floor)
            print(
                f"{'bare SELECT ... LIMIT 50':32s}"
                + f" {floor_ms['p50_ms']:10.1f} / {floor_ms['p95_ms']:7.1f} {'':15s}" * len(servers)
                + "  (in the bench process, between the calls)"
            )
            for name, by in rows.items():
                cells = "".join(
                    f" {r['p50_ms']:10.1f} / {r['p95_ms']:7.1f} {r['p95_ms'] / paired[name][label]:5.2f}x"
                    f" {paired[name][label]:8.1f}"
                    for label, r in by.items()
                )
                print(f"{name:32s}{cells}  {loads[name]}")
            print(f"load average after: {load_text()}")
        finally:
            for client in servers.values():
                client.close()
            for proc in procs:
                proc.terminate()
                proc.wait(timeout=30)
            engine.dispose()


if __name__ == "__main__":
    main()
