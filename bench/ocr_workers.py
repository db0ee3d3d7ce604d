"""Scaling figures: OCR pages per minute with 1 and 2 ``nirdesh worker``s, and upload throughput / p95 latency
of ``nirdesh serve`` with 20 concurrent clients on loopback.

Starts its own Redis (redis-server on a free port) and uses the PostgreSQL database given (its schema is
DROPPED and recreated: use a scratch database). Scanned Hindi PDFs are rendered here (tests/helpers/scale_cluster.py).

Usage: python bench/ocr_workers.py --database-url postgresql+psycopg://USER:PW@127.0.0.1/SCRATCH_DB
       [--docs 4] [--pages 6] [--dpi 200] [--ocr-dpi 300] [--clients 20] [--uploads 400]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from typing import Any

import httpx

LINES = 22
ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from tests.helpers.scale_cluster import (  # noqa: E402
    Proc,
    RedisServer,
    free_port,
    minutes_pages,
    nirdesh_cmd,
    scanned_pdf,
    wait_for,  # noqa: E402
)

FILLER = [
    "बैठक में विकास खंड स्तर की सभी योजनाओं की प्रगति पर विस्तार से चर्चा की गई।",
    "संबंधित अधिकारियों ने लक्ष्य के सापेक्ष उपलब्धि का विवरण प्रस्तुत किया।",
    "लंबित प्रकरणों का निस्तारण समय सीमा के भीतर करने पर बल दिया गया।",
    "ग्राम पंचायत स्तर पर जन सुनवाई शिविर लगाने का प्रस्ताव रखा गया।",
]


def dense_pages(doc_no: int, n_pages: int, lines: int) -> list[list[str]]:
    """A page as full as real minutes: the test text plus our own filler lines up to ``lines`` lines."""
    pages = minutes_pages(doc_no, n_pages)
    for page in pages:
        page += [FILLER[i % len(FILLER)] for i in range(max(0, lines - len(page)))]
    return pages


def reset(url: str) -> None:
    from sqlalchemy import create_engine

    from store.db import Database

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()
    Database(url).dispose()


def job_status(url: str, ids: list[int]) -> list[str]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT status FROM jobs WHERE id = ANY(:ids)"), {"ids": ids}).all()
    engine.dispose()
    return [r[0] for r in rows]


def _is_ready(w: Proc) -> bool:
    return "ready." in w.log.read_text(errors="replace")


class Stack:
    def __init__(self, tmp: Path, db_url: str, ocr_dpi: int) -> None:
        self.redis = RedisServer(tmp / "redis")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.db_url = db_url
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DATABASE_URL": db_url,
            "NIRDESH_QUEUE": "celery",
            "NIRDESH_DATA_DIR": str(tmp / "data"),
            "NIRDESH_OCR_DPI": str(ocr_dpi),
            "OMP_THREAD_LIMIT": "1",
            "NIRDESH_SYNC_MAX_KB": "0",
            "NIRDESH_MAX_UPLOAD_MB": "50",
        }
        self.logs = tmp / "logs"
        self.logs.mkdir(exist_ok=True)
        self.server = Proc("serve", nirdesh_cmd("serve", "--port", str(self.port)), self.env, self.logs)
        self.workers: list[Proc] = []

    def start(self) -> None:
        self.redis.start()
        self.env["REDIS_URL"] = self.redis.url
        self.server.start()
        wait_for(lambda: httpx.get(f"{self.base}/v1/health", timeout=2).status_code == 200, 60, "the API server")

    def add_workers(self, n: int) -> None:
        for _ in range(n):
            name = f"b{len(self.workers) + 1}"
            w = Proc(name, nirdesh_cmd("worker", "--concurrency", "1", "--name", f"{name}@%h"), self.env, self.logs)
            w.start()
            self.workers.append(w)
        for w in self.workers:
            wait_for(partial(_is_ready, w), 60, f"{w.name} ready", 0.3)

    def stop_workers(self) -> None:
        for w in self.workers:
            w.stop()
        self.workers = []

    def stop(self) -> None:
        self.stop_workers()
        self.server.stop()
        self.redis.stop()

    def upload(self, name: str, data: bytes) -> httpx.Response:
        return httpx.post(f"{self.base}/v1/documents", files={"file": (name, data)}, timeout=60)

    def run_docs(self, docs: list[bytes], tag: str) -> float:
        """Upload all, wait for every job; seconds from the first upload to the last job done."""
        t0 = time.perf_counter()
        ids = []
        for i, d in enumerate(docs):
            r = self.upload(f"{tag}-{i}.pdf", d)
            r.raise_for_status()
            ids.append(int(r.json()["id"]))
        wait_for(lambda: all(s in ("done", "failed") for s in job_status(self.db_url, ids)), 1800, "OCR jobs", 0.2)
        elapsed = time.perf_counter() - t0
        assert all(s == "done" for s in job_status(self.db_url, ids)), "some jobs failed"
        return elapsed


def ocr_rate(stack: Stack, workers: int, docs: int, pages: int, dpi: int, seed: int) -> float:
    stack.add_workers(workers)
    warm = [scanned_pdf(minutes_pages(seed + 900 + i, 1), dpi=dpi) for i in range(workers)]
    stack.run_docs(warm, f"warm{seed}")  # each worker loads the extractor once
    batch = [scanned_pdf(dense_pages(seed + i, pages, LINES), dpi=dpi) for i in range(docs)]
    seconds = stack.run_docs(batch, f"batch{seed}")
    stack.stop_workers()
    rate = docs * pages / seconds * 60
    print(f"  {workers} worker(s): {docs * pages} pages in {seconds:.1f} s = {rate:.1f} pages/min", flush=True)
    return rate


def upload_load(stack: Stack, clients: int, total: int) -> dict[str, Any]:
    """``clients`` threads upload ``total`` distinct small PDFs as fast as they can (no workers running)."""
    body = scanned_pdf(minutes_pages(1, 1), dpi=100)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        with httpx.Client(timeout=60) as http:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                data = body + f"\n% upload {i} {time.time_ns()}\n".encode()  # distinct bytes, still a valid PDF
                t0 = time.perf_counter()
                r = http.post(f"{stack.base}/v1/documents", files={"file": (f"u{i}.pdf", data)})
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    statuses[r.status_code] = statuses.get(r.status_code, 0) + 1

    threads = [threading.Thread(target=client) for _ in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    latencies.sort()
    return {
        "uploads": total,
        "seconds": elapsed,
        "per_s": total / elapsed,
        "statuses": statuses,
        "p50_ms": 1000 * statistics.median(latencies),
        "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))],
        "bytes": len(body),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--database-url", default=os.environ.get("NIRDESH_BENCH_PG_URL"), required=False)
    ap.add_argument("--docs", type=int, default=4)
    ap.add_argument("--pages", type=int, default=6)
    ap.add_argument("--dpi", type=int, default=200, help="resolution of the rendered scans")
    ap.add_argument("--ocr-dpi", type=int, default=300, help="NIRDESH_OCR_DPI (the product default is 300)")
    ap.add_argument("--lines", type=int, default=22, help="text lines per scanned page")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--uploads", type=int, default=400)
    args = ap.parse_args()
    global LINES
    LINES = args.lines
    if not args.database_url:
        ap.error("give --database-url (or NIRDESH_BENCH_PG_URL): a scratch PostgreSQL database")
    print(f"machine: {os.cpu_count()} cores; scans {args.dpi} dpi, OCR at {args.ocr_dpi} dpi", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        reset(args.database_url)
        stack = Stack(Path(tmp), args.database_url, args.ocr_dpi)
        stack.start()
        try:
            print("OCR throughput (upload → every page OCR'd, assembled, extracted, stored):", flush=True)
            one = ocr_rate(stack, 1, args.docs, args.pages, args.dpi, seed=100)
            two = ocr_rate(stack, 2, args.docs, args.pages, args.dpi, seed=200)
            print(f"  ratio 2 workers / 1 worker: {two / one:.2f}", flush=True)
            print(f"upload load: {args.clients} concurrent clients, {args.uploads} uploads, no workers running:")
            res = upload_load(stack, args.clients, args.uploads)
            print(
                f"  {res['uploads']} uploads ({res['bytes'] // 1024} KB PDFs) in {res['seconds']:.1f} s = "
                f"{res['per_s']:.1f} uploads/s; latency p50 {res['p50_ms']:.0f} ms, p95 {res['p95_ms']:.0f} ms; "
                f"statuses {res['statuses']}",
                flush=True,
            )
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
