"""The API as a user runs it: ``nirdesh serve`` in a subprocess on a free port with a temporary data folder.

1. Upload-to-items for a 3-page text PDF (each upload a different generated document): POST → 202 + job →
   poll the job until done → GET its items; p50/p95 over ``uploads`` uploads. Also a 3-page TXT upload,
   which is extracted within the request (201 with the items).
2. List latency, p50/p95 of GET /v1/action-items with typical filters, at each item count in ``items``
   (synthetic items bulk-inserted into the server's SQLite database through the store's tables).
3. Peak resident memory of the server process (VmHWM from /proc, the high-water mark over the whole run).

Usage: python bench/api_speed.py [--uploads 20] [--items 10000,100000] [--list-runs 30]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from bench.common import ROOT, growth, latency, load, proc_memory_kb
from bench.generate import make_document, text_pdf_bytes

OFFICERS = ["खंड विकास अधिकारी", "जिला कृषि अधिकारी", "अधिशासी अभियंता", "तहसीलदार", "सचिव", "नगर आयुक्त"]
DEPTS = ["ग्राम्य विकास विभाग", "कृषि विभाग", "लोक निर्माण विभाग", "राजस्व विभाग"]
LIST_QUERIES = {
    "newest 50": "/v1/action-items",
    "overdue by due date": "/v1/action-items?overdue=true&sort=due_date",
    "responsible + tracked": "/v1/action-items?responsible=अभियंता&tracked=true",
    "department + status, offset 500": "/v1/action-items?department=कृषि&status=open&offset=500",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """``nirdesh serve`` as a child process; stopped (by its own pid) on exit."""

    def __init__(self, data_dir: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL" and not k.startswith("NIRDESH_")}
        env.update(PYTHONPATH=str(ROOT), NIRDESH_DATA_DIR=str(data_dir), NIRDESH_REQUIRE_AUTH="0")
        self.log = open(data_dir / "server.log", "wb")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "nirdesh.cli", "serve", "--port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait_ready(self, client, timeout_s: float = 60) -> float:  # noqa: ANN001 - httpx.Client
        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout_s:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the server exited: {(self.log.name)}")
            try:
                if client.get(f"{self.url}/v1/stats").status_code == 200:
                    return time.perf_counter() - t0
            except Exception:  # noqa: BLE001 - not listening yet
                time.sleep(0.1)
        raise RuntimeError("the server did not start in time")

    def memory_kb(self) -> dict[str, int]:
        return proc_memory_kb(self.proc.pid)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def seed_items(database_url: str, n: int, start_doc: int = 0, per_doc: int = 100) -> None:
    """Insert ``n`` synthetic action items (``per_doc`` per document) with bulk inserts."""
    from sqlalchemy import insert

    from store import responsibles
    from store.db import Database
    from store.models import ActionItem, Document

    db = Database(database_url)
    rng = random.Random(7 + start_doc)
    today = date.today()
    with db.session() as s:
        for d in range(start_doc, start_doc + n // per_doc):
            doc = Document(
                sha256=f"{d:064x}",
                filename=f"synthetic-{d}.pdf",
                content_type="application/pdf",
                kind="pdf",
                size=1,
                stored_path=f"files/00/{d:062x}",
                status="processed",
                meeting_date=today - timedelta(days=rng.randint(1, 400)),
                department=DEPTS[d % len(DEPTS)],
            )
            s.add(doc)
            s.flush()
            rows = []
            for k in range(per_doc):
                officer = OFFICERS[rng.randrange(len(OFFICERS))]
                due = today + timedelta(days=rng.randint(-200, 200)) if rng.random() < 0.8 else None
                rows.append(
                    dict(
                        document_id=doc.id,
                        seq=k + 1,
                        text=f"निर्देश {d}-{k}: {officer} कार्य पूरा करें।",
                        norm_text=f"निर्देश {d} {k}",
                        action="कार्य पूरा करें",
                        issuer_designation="जिलाधिकारी",
                        responsible=[{"name": None, "designation": officer}],
                        responsible_search=officer,
                        deadline_date=due,
                        due_date=due,
                        targets=[],
                        confidence=rng.random(),
                        review_state=rng.choice(["proposed", "confirmed", "confirmed", "rejected"]),
                        status=rng.choice(["open", "open", "in_progress", "done"]),
                        priority="normal",
                        due_date_source="extracted",
                        stale=False,
                    )
                )
            s.execute(insert(ActionItem), rows)
    with db.engine.begin() as c:
        responsibles.sync(c)  # the rows the ORM's flush hook writes for items it saves
    db.engine.dispose()


def _upload(client, url: str, pdf: bytes, name: str) -> int:  # noqa: ANN001
    r = client.post(
        f"{url}/v1/documents", files={"file": (name, pdf, "application/pdf")}, data={"meeting_date": "2025-09-16"}
    )
    if r.status_code != 202:
        raise RuntimeError(f"upload answered {r.status_code}: {r.text[:300]}")
    job_id = r.json()["id"]
    while (job := client.get(f"{url}/v1/jobs/{job_id}").json())["status"] not in ("done", "failed"):
        time.sleep(0.005)
    if job["status"] != "done":
        raise RuntimeError(f"job failed: {job}")
    return client.get(f"{url}/v1/action-items?document_id={job['document_id']}&limit=500").json()["total"]


def run(uploads: int = 20, items: tuple[int, ...] = (10_000, 100_000), list_runs: int = 30, seed: int = 41) -> dict:
    import httpx

    rng = random.Random(seed)
    pdfs = [text_pdf_bytes(make_document(rng, 3, f"upload-{i}")) for i in range(uploads + 1)]
    txts = [make_document(rng, 3, f"txt-{i}").text.encode() for i in range(uploads)]
    out: dict = {"list": {}}
    with tempfile.TemporaryDirectory(prefix="nirdesh-bench-api-") as tmp, httpx.Client(timeout=120) as client:
        data_dir = Path(tmp)
        server = Server(data_dir)
        try:
            out["startup_s"] = round(server.wait_ready(client), 2)
            out["rss_after_start_kb"] = server.memory_kb()["VmRSS"]
            _upload(client, server.url, pdfs[-1], "warm-up.pdf")
            times, n_items = [], 0
            for i, pdf in enumerate(pdfs[:-1]):
                t0 = time.perf_counter()
                n_items = _upload(client, server.url, pdf, f"upload-{i}.pdf")
                times.append(time.perf_counter() - t0)
            out["upload_3page_pdf"] = {**latency(times), "items_per_document": n_items}
            times = []
            for i, doc in enumerate(txts):
                t0 = time.perf_counter()
                r = client.post(
                    f"{server.url}/v1/documents",
                    files={"file": (f"t{i}.txt", doc, "text/plain")},
                    data={"meeting_date": "2025-09-16"},
                )
                times.append(time.perf_counter() - t0)
                if r.status_code != 201:
                    raise RuntimeError(f"TXT upload answered {r.status_code}: {r.text[:300]}")
                n_items = len(r.json()["items"])
            out["upload_3page_txt"] = {**latency(times), "items_per_document": n_items}
            database_url = f"sqlite:///{(data_dir / 'nirdesh.db').resolve()}"
            seeded = 0
            for target in items:
                t0 = time.perf_counter()
                seed_items(database_url, target - seeded, start_doc=seeded // 100 + 1000)
                seed_s = time.perf_counter() - t0
                seeded = target
                total = client.get(f"{server.url}/v1/action-items?limit=1").json()["total"]
                figures: dict = {"total_items": total, "seed_s": round(seed_s, 1), "queries": {}}
                for label, path in LIST_QUERIES.items():
                    client.get(server.url + path)  # warm-up (page cache, query plan)
                    lat = []
                    for _ in range(list_runs):
                        t0 = time.perf_counter()
                        resp = client.get(server.url + path)
                        lat.append(time.perf_counter() - t0)
                        if resp.status_code != 200:
                            raise RuntimeError(f"{path} answered {resp.status_code}")
                    figures["queries"][label] = latency(lat)
                figures["worst_p95_ms"] = max(q["p95_ms"] for q in figures["queries"].values())
                out["list"][str(target)] = figures
            memory = server.memory_kb()
            out["server_peak_rss_mb"] = round(memory["VmHWM"] / 1024, 1)
            out["server_rss_end_mb"] = round(memory["VmRSS"] / 1024, 1)
        finally:
            server.stop()
    if len(items) >= 2:
        small, large = out["list"][str(items[0])], out["list"][str(items[-1])]
        out["growth_list"] = growth(
            small["queries"]["newest 50"]["p50_ms"], large["queries"]["newest 50"]["p50_ms"], items[-1] / items[0]
        )
        out["growth_list_filtered"] = growth(
            small["queries"]["responsible + tracked"]["p50_ms"],
            large["queries"]["responsible + tracked"]["p50_ms"],
            items[-1] / items[0],
        )
    out["load"] = load()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--uploads", type=int, default=20)
    ap.add_argument("--items", default="10000,100000")
    ap.add_argument("--list-runs", type=int, default=30)
    args = ap.parse_args()
    items = tuple(int(x) for x in args.items.split(","))
    print(json.dumps(run(args.uploads, items, args.list_runs), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
