"""The distributed queue end to end: a real Redis, PostgreSQL (through a proxy the tests can cut), an S3
server (moto), ``nirdesh serve`` and two ``nirdesh worker --concurrency 1`` processes, real OCR of
scanned Hindi PDFs rendered by the tests. Select with ``-m distributed``.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest
from sqlalchemy import func, select

from tests.helpers.scale_cluster import (
    S3_ENV,
    Proc,
    RedisServer,
    S3Server,
    TcpProxy,
    best_subject,
    free_port,
    minutes_pages,
    nirdesh_cmd,
    scanned_pdf,
    wait_for,
)

pytestmark = pytest.mark.distributed

PG_ENV = "NIRDESH_TEST_PG_URL"
VISIBILITY_TIMEOUT = 6


class Cluster:
    def __init__(self, tmp: Path, pg_url: str) -> None:
        from store.db import Database

        self.tmp = tmp
        parts = urlsplit(pg_url)
        self.proxy = TcpProxy(parts.hostname or "127.0.0.1", parts.port or 5432)
        netloc = parts.netloc.rsplit("@", 1)
        self.db_url = urlunsplit(parts._replace(netloc=f"{netloc[0]}@127.0.0.1:{self.proxy.port}"))
        self.db = Database(pg_url)  # migrates the fresh schema; the tests read through it directly
        self.redis = RedisServer(tmp / "redis")
        self.s3 = S3Server()
        self.port = free_port()
        self.env = {
            **os.environ,
            **S3_ENV,
            "PYTHONPATH": str(Path(__file__).resolve().parents[2]),
            "DATABASE_URL": self.db_url,
            "REDIS_URL": self.redis.url,
            "NIRDESH_QUEUE": "celery",
            "NIRDESH_FILE_STORE": "s3",
            "NIRDESH_S3_BUCKET": self.s3.bucket,
            "NIRDESH_S3_ENDPOINT_URL": self.s3.endpoint,
            "NIRDESH_DATA_DIR": str(tmp / "data"),
            "NIRDESH_OCR_DPI": "150",
            "NIRDESH_OCR_WORKERS": "1",
            "NIRDESH_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
            "NIRDESH_SWEEP_SECONDS": "1",
            "NIRDESH_RESEND_SECONDS": "5",  # a send cut off by the server's SIGKILL is made again soon
            "NIRDESH_SYNC_MAX_KB": "0",  # every upload goes through the queue
            "NIRDESH_REQUIRE_AUTH": "0",
            "OMP_THREAD_LIMIT": "1",
        }
        logs = tmp / "logs"
        logs.mkdir()
        self.workers = {
            name: Proc(
                name,
                nirdesh_cmd("worker", "--concurrency", "1", "--name", f"{name}@%h", "--loglevel", "info"),
                self.env,
                logs,
            )
            for name in ("w1", "w2")
        }
        self.server = Proc("serve", nirdesh_cmd("serve", "--port", str(self.port)), self.env, logs)
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proxy.start()
        self.redis.start()
        self.s3.start()
        for w in self.workers.values():
            self.start_worker(w)
        self.start_server()
        for w in self.workers.values():
            wait_for(lambda w=w: "ready." in w.log.read_text(errors="replace"), 60, f"{w.name} ready", 0.3)

    def start_worker(self, w: Proc) -> None:
        w.log.write_text("")
        w.start()

    def start_server(self) -> None:
        self.server.start()
        wait_for(lambda: httpx.get(f"{self.base}/v1/health", timeout=2).status_code == 200, 60, "the API server")

    def stop(self) -> None:
        self.server.stop()
        for w in self.workers.values():
            w.stop()
        self.redis.stop()
        self.s3.stop()
        self.proxy.cut()
        self.db.dispose()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.tail()}" for p in [self.server, *self.workers.values()])

    # -- helpers ---------------------------------------------------------------------------------------
    def upload(self, name: str, data: bytes, timeout: float = 30) -> httpx.Response:
        return httpx.post(f"{self.base}/v1/documents", files={"file": (name, data)}, timeout=timeout)

    def job(self, job_id: int) -> Any:
        from store.models import Job

        with self.db.session() as s:
            return s.get(Job, job_id)

    def wait_jobs(self, job_ids: list[int], timeout: float) -> None:
        def finished() -> bool:
            return all(self.job(j).status in ("done", "failed") for j in job_ids)

        try:
            wait_for(finished, timeout, f"jobs {job_ids}", 0.3)
        except AssertionError as e:
            raise AssertionError(f"{e}\n{self.logs()}") from None

    def page_results(self, sha: str) -> list[Any]:
        from store.models import PageResult

        with self.db.session() as s:
            return list(s.scalars(select(PageResult).where(PageResult.sha256 == sha).order_by(PageResult.number)))

    def document(self, sha: str) -> Any:
        from store.repository import get_document_by_sha

        with self.db.session() as s:
            doc = get_document_by_sha(s, sha)
            if doc is not None:
                doc.pages, doc.items  # noqa: B018 - load while the session is open
            return doc


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    pg_url = os.environ.get(PG_ENV)
    if not pg_url:
        if os.environ.get("NIRDESH_SKIP_PG") == "1":
            pytest.skip("the distributed tests need PostgreSQL; NIRDESH_SKIP_PG=1")
        pytest.fail(f"{PG_ENV} is not set: the distributed tests need a scratch PostgreSQL database", pytrace=False)
    from tests.helpers.builders import reset_pg

    reset_pg(pg_url)
    c = Cluster(tmp_path_factory.mktemp("cluster"), pg_url)
    try:
        c.start()
        yield c
    finally:
        c.stop()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _submit(cluster: Cluster, name: str, data: bytes) -> int:
    r = cluster.upload(name, data)
    assert r.status_code == 202, r.text
    return int(r.json()["id"])


def _assert_complete(cluster: Cluster, data: bytes, doc_no: int, n_pages: int, job_id: int) -> None:
    """The document has every page exactly once, in order, with its own text, and its items stored once."""
    job = cluster.job(job_id)
    assert job.status == "done", (job.error_code, job.error)
    assert job.pages_total == n_pages
    rows = cluster.page_results(_sha(data))
    assert [r.number for r in rows] == list(range(1, n_pages + 1))
    doc = cluster.document(_sha(data))
    assert doc.status == "processed"
    assert [p.number for p in doc.pages] == list(range(1, n_pages + 1))
    for p in doc.pages:
        assert p.route == "ocr" and best_subject(p.text, doc_no, n_pages) == p.number, p.text
    seqs = [i.seq for i in doc.items]
    assert len(seqs) == len(set(seqs)) == job.result["items"] >= n_pages  # one directive per page, none twice


def test_batch_of_scans_spreads_over_both_workers(cluster: Cluster) -> None:
    numbers = range(10, 14)
    docs = [scanned_pdf(minutes_pages(n, 3)) for n in numbers]
    job_ids = [_submit(cluster, f"scan-{i}.pdf", d) for i, d in enumerate(docs)]
    cluster.wait_jobs(job_ids, 120)
    by_worker: dict[str, int] = {}
    for doc_no, data, job_id in zip(numbers, docs, job_ids, strict=True):
        _assert_complete(cluster, data, doc_no, 3, job_id)
        for r in cluster.page_results(_sha(data)):
            name = (r.worker or "?").split("@")[0]
            by_worker[name] = by_worker.get(name, 0) + 1
    assert set(by_worker) == {"w1", "w2"}, by_worker  # both workers OCR'd pages…
    assert min(by_worker.values()) >= 2, by_worker  # …of a batch of 12 pages


def test_killed_worker_job_is_finished_by_the_other_once(cluster: Cluster) -> None:
    n = 12
    data = scanned_pdf(minutes_pages(50, n), dpi=200)
    sha = _sha(data)
    job_id = _submit(cluster, "long-scan.pdf", data)
    # Kill w1 as soon as it has stored a page of this document: it is then working on the next one.
    wait_for(
        lambda: any((r.worker or "").startswith("w1@") for r in cluster.page_results(sha)),
        60,
        "w1 to store a page",
        0.05,
    )
    victim = cluster.workers["w1"]
    victim.kill()  # SIGKILL to the worker and its pool process: no chance to acknowledge or clean up
    killed_at = time.time()
    stored_at_kill = {r.number for r in cluster.page_results(sha)}
    in_flight = cluster.redis.client().hlen("unacked")
    try:
        assert len(stored_at_kill) < n, "the job finished before the kill; make it longer"
        assert in_flight >= 1  # at least one task was taken but not acknowledged when w1 died
        cluster.wait_jobs([job_id], 60 + 3 * VISIBILITY_TIMEOUT)
        _assert_complete(cluster, data, 50, n, job_id)
        rows = cluster.page_results(sha)
        late = [r for r in rows if r.created_at.timestamp() > killed_at]
        assert late and all(r.worker.startswith("w2@") for r in late)  # the rest was done by w2 alone
        assert all(r.created_at.timestamp() <= killed_at for r in rows if r.worker.startswith("w1@"))
        assert cluster.job(job_id).worker.startswith("w2@")
        wait_for(lambda: cluster.redis.client().hlen("unacked") == 0, 10, "every task acknowledged")
    finally:
        cluster.start_worker(victim)
        wait_for(lambda: "ready." in victim.log.read_text(errors="replace"), 60, "w1 restarted", 0.3)


def test_redis_outage_upload_kept_and_sent_later(cluster: Cluster) -> None:
    data = scanned_pdf(minutes_pages(70, 2))
    cluster.redis.stop()
    try:
        r = cluster.upload("during-redis-outage.pdf", data)
        assert r.status_code == 202, r.text  # stored and queued in PostgreSQL; the sweep sends it later
        job_id = int(r.json()["id"])
        assert cluster.job(job_id).enqueued_at is None
        ready = httpx.get(f"{cluster.base}/v1/ready", timeout=20)
        assert ready.status_code == 503, ready.text
        assert ready.json()["error"]["code"] == "service_unavailable"
        assert "Redis" in ready.json()["error"]["message"]
        time.sleep(2)
        assert cluster.job(job_id).status == "queued"
    finally:
        cluster.redis.start()
    cluster.wait_jobs([job_id], 90)
    _assert_complete(cluster, data, 70, 2, job_id)
    assert httpx.get(f"{cluster.base}/v1/ready", timeout=10).status_code == 200


def test_postgres_outage_answers_503_and_jobs_resume(cluster: Cluster) -> None:
    from store.s3files import S3FileStore

    running = scanned_pdf(minutes_pages(80, 4))
    refused = scanned_pdf(minutes_pages(81, 2))
    job_id = _submit(cluster, "before-outage.pdf", running)
    cluster.proxy.cut()  # the database disappears for the API and for both workers
    try:
        r = cluster.upload("during-outage.pdf", refused)
        assert r.status_code == 503, r.text
        assert r.json()["error"] == {
            "code": "service_unavailable",
            "message": "the database is not reachable; try again shortly",
        }
        assert r.headers.get("retry-after") == "5"
        listing = httpx.get(f"{cluster.base}/v1/documents", timeout=20)
        assert listing.status_code == 503 and listing.json()["error"]["code"] == "service_unavailable"
        store = S3FileStore(cluster.s3.bucket, endpoint_url=cluster.s3.endpoint)
        assert store.exists(f"files/{_sha(refused)[:2]}/{_sha(refused)[2:]}")  # the original was kept anyway
        time.sleep(3)
    finally:
        cluster.proxy.restore()
    cluster.wait_jobs([job_id], 120)
    _assert_complete(cluster, running, 80, 4, job_id)
    retry_id = _submit(cluster, "during-outage.pdf", refused)  # the client's retry after the 503
    cluster.wait_jobs([retry_id], 60)
    _assert_complete(cluster, refused, 81, 2, retry_id)


def test_api_restart_during_uploads_loses_nothing(cluster: Cluster) -> None:
    from store.s3files import S3FileStore

    results: list[tuple[str, int | None]] = []
    stop = threading.Event()

    def upload_loop() -> None:
        i = 0
        while not stop.is_set():
            body = (
                f"पुनरारंभ परीक्षण {i} {time.time_ns()}\nजिलाधिकारी ने तहसीलदार को निर्देश दिए कि "
                f"फाइल संख्या {i} का निस्तारण करें।\n"
            ).encode()
            try:
                status: int | None = cluster.upload(f"restart-{i}.txt", body, timeout=10).status_code
            except httpx.HTTPError:
                status = None
            results.append((_sha(body), status))
            i += 1
            time.sleep(0.02)

    t = threading.Thread(target=upload_loop, daemon=True)
    t.start()
    try:
        wait_for(lambda: len(results) >= 15, 90, "uploads before the restart")
        cluster.server.kill()  # SIGKILL: in-flight requests die with it
        before = len(results)
        cluster.start_server()
        wait_for(
            lambda: sum(1 for _, st in results[before:] if st and 200 <= st < 300) >= 15,
            90,
            "uploads after the restart",
        )
    finally:
        stop.set()
        t.join(15)
    ok = [sha for sha, status in results if status is not None and 200 <= status < 300]
    assert len(ok) >= 30
    assert all(status in (None, 202, 503) or 200 <= status < 300 for _, status in results), results
    store = S3FileStore(cluster.s3.bucket, endpoint_url=cluster.s3.endpoint)

    def all_processed() -> bool:
        return all((d := cluster.document(sha)) is not None and d.status == "processed" for sha in ok)

    wait_for(all_processed, 180, "every acknowledged upload processed")
    for sha in ok:
        assert store.exists(f"files/{sha[:2]}/{sha[2:]}")
        doc = cluster.document(sha)
        assert len(doc.items) == 1 and "तहसीलदार" in (doc.items[0].responsible_search or "")
    from store.models import Job

    def unfinished_jobs() -> int:
        with cluster.db.session() as s:
            return int(s.scalar(select(func.count(Job.id)).where(Job.status.in_(("queued", "running")))) or 0)

    # an upload cut off by the restart (never acknowledged) may still have its job running: wait for it
    wait_for(lambda: unfinished_jobs() == 0, 120, "every job finished")
    assert unfinished_jobs() == 0
