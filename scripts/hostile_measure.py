"""Issue 17 findings, measured before and after: time, peak RSS and HTTP status per attack.

    python scripts/hostile_measure.py --before /tmp/main-before [--after .] [--case NAME ...]

Each case runs in a fresh child process with the checkout's code first on ``sys.path``: the API app
(``create_app`` with the real pipeline, SQLite in a temporary folder) driven by a TestClient, or a store
function. The attack files come from this repository's ``tests/helpers/hostile.py`` for both runs. Every
child runs under an address-space limit (``--limit-gb``, default 6) so a "before" that would take the
machine's memory fails with MemoryError instead; peak RSS is the child's own plus its children's
(``ru_maxrss``, the sandboxed readers included). One line per case and checkout, then a table.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parents[1]
CASES: dict[str, tuple[str, Callable[[Any], dict[str, Any]]]] = {}


def case(name: str, finding: str) -> Callable[[Callable[[Any], dict[str, Any]]], Callable[[Any], dict[str, Any]]]:
    def register(fn: Callable[[Any], dict[str, Any]]) -> Callable[[Any], dict[str, Any]]:
        CASES[name] = (finding, fn)
        return fn

    return register


def _hostile() -> Any:
    spec = importlib.util.spec_from_file_location("hostile_here", HERE / "tests" / "helpers" / "hostile.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- in the child ----------------------------------------------------------------------------------


class App:
    """create_app of the checkout under test, on a temporary SQLite database and data folder."""

    def __init__(self, tmp: Path, embedder: Any = None, **overrides: Any) -> None:
        from fastapi.testclient import TestClient

        from api.app import create_app
        from core.settings import Settings

        names = {f.name for f in dataclasses.fields(Settings)}
        settings = dataclasses.replace(
            Settings(),
            data_dir=tmp / "data",
            require_auth=False,
            embedder="fake" if embedder else "none",
            **{k: v for k, v in overrides.items() if k in names},  # settings the old checkout lacks are skipped
        )
        factory = (lambda: embedder) if embedder else None
        self.client = TestClient(
            create_app(settings, host="127.0.0.1", database_url=f"sqlite:///{tmp / 'm.db'}", embedder_factory=factory),
            raise_server_exceptions=False,  # a 500 is a measurement, not a crash of the script
        )
        self.client.__enter__()

    def upload(self, name: str, data: bytes) -> Any:
        return self.client.post("/v1/documents", files={"file": (name, data, "application/octet-stream")})

    def wait(self, job_id: int, timeout: float = 300) -> dict[str, Any]:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job = self.client.get(f"/v1/jobs/{job_id}").json()
            if job["status"] in ("done", "failed"):
                return dict(job)
            time.sleep(0.1)
        return {"status": "still running", "error": None}


def _error(r: Any) -> str:
    try:
        body = r.json()
    except ValueError:
        return r.text[:80]
    error = body.get("error") if isinstance(body, dict) else None
    return str(error.get("code", "")) if isinstance(error, dict) else ""


class SlowQueries:
    """An embedder whose query embedding takes 20 s (busy with a batch of passages)."""

    name = "slow"
    dim = 8

    def embed_queries(self, texts: list[str]) -> Any:
        import numpy as np

        time.sleep(20)
        return np.ones((len(texts), self.dim), dtype=np.float32) / np.sqrt(self.dim)

    def embed_passages(self, texts: list[str]) -> Any:
        import numpy as np

        return np.ones((len(texts), self.dim), dtype=np.float32) / np.sqrt(self.dim)


SENTENCE = "जिलाधिकारी ने तहसीलदार को निर्देश दिए कि सर्वे 30 सितंबर 2025 तक पूरा करें।\n"


@case("search_vs_write", "1")
def search_vs_write(tmp: Path) -> dict[str, Any]:
    """A search waiting 20 s for its query embedding; a PATCH sent meanwhile."""
    app = App(tmp, embedder=SlowQueries())
    item = app.upload("m.txt", SENTENCE.encode()).json()["items"][0]
    app.client.app.state.ctx.search.embed_pending()  # type: ignore[attr-defined]  # a FastAPI app behind the ASGI type
    app.client.patch(f"/v1/action-items/{item['id']}", json={"note": "warm-up"})  # first-call costs aside
    out: dict[str, Any] = {}

    def search() -> None:
        start = time.monotonic()
        out["search_status"] = app.client.get("/v1/search", params={"q": "सर्वे"}).status_code
        out["search_s"] = round(time.monotonic() - start, 2)

    t = threading.Thread(target=search)
    t.start()
    time.sleep(0.5)
    start = time.monotonic()
    r = app.client.patch(f"/v1/action-items/{item['id']}", json={"note": "x"})
    write_s = round(time.monotonic() - start, 2)
    t.join()
    return {"status": r.status_code, "seconds": write_s, **out}


@case("correction_5mb", "1/8")
def correction_5mb(tmp: Path) -> dict[str, Any]:
    app = App(tmp)
    item = app.upload("m.txt", SENTENCE.encode()).json()["items"][0]
    start = time.monotonic()
    body = {"decision": "correct", "fields": {"text": "क" * 5_000_000}}
    r = app.client.post(f"/v1/action-items/{item['id']}/review", json=body)
    return {"status": r.status_code, "code": _error(r), "seconds": round(time.monotonic() - start, 2)}


@case("long_item_text", "1")
def long_item_text(tmp: Path) -> dict[str, Any]:
    app = App(tmp, max_upload_bytes=4 << 20, sync_max_bytes=4 << 20)
    text = "जिलाधिकारी ने निर्देश दिए कि " + "सड़क " * 38_000 + "पूरा करें।\n"
    start = time.monotonic()
    r = app.upload("long.txt", text.encode())
    items = r.json().get("items", []) if r.status_code < 300 else []
    longest = max((len(i["text"]) for i in items), default=0)
    return {"status": r.status_code, "seconds": round(time.monotonic() - start, 2), "stored_item_chars": longest}


@case("stalled_job", "2")
def stalled_job(tmp: Path) -> dict[str, Any]:
    """A 140 KB TXT of repeated titles (quadratic in the old people extractor), then a normal file."""
    app = App(tmp, sync_max_bytes=0, job_workers=1, job_timeout_s=10, max_upload_bytes=1 << 20)
    start = time.monotonic()
    slow = app.upload("titles.txt", ("डॉ." * 20_000 + "\n").encode())
    normal = app.upload("m.txt", SENTENCE.encode())
    done = app.wait(normal.json()["id"])
    normal_s = round(time.monotonic() - start, 2)
    stalled = app.wait(slow.json()["id"])
    err = stalled.get("error") or {}
    return {
        "status": slow.status_code,
        "seconds": normal_s,
        "normal_job": done["status"],
        "slow_job": f"{stalled['status']} {err.get('code') if isinstance(err, dict) else err}",
    }


def _page_image(tmp: Path, pdf: bytes, width: int = 2400) -> dict[str, Any]:
    app = App(tmp)
    r = app.upload("odd.pdf", pdf)
    if r.status_code != 202:
        return {"status": r.status_code, "code": _error(r), "seconds": 0}
    doc = app.wait(r.json()["id"])["document_id"]
    start = time.monotonic()
    try:
        img = app.client.get(f"/v1/documents/{doc}/pages/1/image", params={"width": width})
        status, code, size = img.status_code, _error(img) if img.status_code >= 400 else "", len(img.content)
    except MemoryError:
        status, code, size = 500, "MemoryError", 0
    return {"status": status, "code": code, "seconds": round(time.monotonic() - start, 2), "png_bytes": size}


@case("page_image_strip", "3")
def page_image_strip(tmp: Path) -> dict[str, Any]:
    return _page_image(tmp, _hostile().odd_page_pdf(100, 14400))


@case("page_image_sliver", "3")
def page_image_sliver(tmp: Path) -> dict[str, Any]:
    return _page_image(tmp, _hostile().odd_page_pdf(1, 792))


def _upload(tmp: Path, name: str, data: bytes, **overrides: Any) -> dict[str, Any]:
    app = App(tmp, **overrides)
    start = time.monotonic()
    try:
        r = app.upload(name, data)
        status, code = r.status_code, _error(r)
    except MemoryError:
        status, code = 500, "MemoryError"
    return {"status": status, "code": code, "seconds": round(time.monotonic() - start, 2), "bytes": len(data)}


@case("pdf_content_bomb", "4")
def pdf_content_bomb(tmp: Path) -> dict[str, Any]:
    return _upload(tmp, "minutes.pdf", _hostile().content_bomb_pdf())


@case("docx_lying_sizes", "7")
def docx_lying_sizes(tmp: Path) -> dict[str, Any]:
    return _upload(tmp, "minutes.docx", _hostile().docx_lying_sizes())


@case("json_50mb", "8")
def json_50mb(tmp: Path) -> dict[str, Any]:
    app = App(tmp)
    item = app.upload("m.txt", SENTENCE.encode()).json()["items"][0]
    body = b'{"note": "' + b"x" * (50 << 20) + b'"}'
    start = time.monotonic()
    r = app.client.patch(f"/v1/action-items/{item['id']}", content=body, headers={"content-type": "application/json"})
    return {"status": r.status_code, "code": _error(r), "seconds": round(time.monotonic() - start, 2)}


@case("blank_pages_100", "11")
def blank_pages_100(tmp: Path) -> dict[str, Any]:
    app = App(tmp, job_workers=1)
    start = time.monotonic()
    r = app.upload("blank.pdf", _hostile().many_pages_pdf(100))
    job = app.wait(r.json()["id"]) if r.status_code == 202 else {"status": r.status_code}
    return {"status": r.status_code, "seconds": round(time.monotonic() - start, 2), "job": job["status"]}


@case("upload_quota", "11")
def upload_quota(tmp: Path) -> dict[str, Any]:
    app = App(tmp, quota_uploads_per_day=3, job_workers=1)
    statuses = [
        app.upload(f"m{i}.txt", f"जिलाधिकारी ने निर्देश दिए कि सर्वे {i} करें।\n".encode()).status_code for i in range(4)
    ]
    return {"status": statuses[-1], "seconds": 0, "statuses": statuses}


@case("ready_missing_bucket", "13")
def ready_missing_bucket(tmp: Path) -> dict[str, Any]:
    from tests.helpers.scale_cluster import S3Server

    s3 = S3Server(bucket="exists")
    s3.start()
    try:
        app = App(tmp, file_store="s3", s3_bucket="no-such-bucket", s3_endpoint_url=s3.endpoint)
        ready = app.client.get("/v1/ready")
        up = app.upload("m.txt", SENTENCE.encode())
        return {"status": ready.status_code, "seconds": 0, "upload_status": up.status_code}
    finally:
        s3.stop()


@case("save_page_first_delivery", "13")
def save_page_first_delivery(tmp: Path) -> dict[str, Any]:
    import uuid

    from store import page_results
    from store.db import Database

    url = os.environ.get("NIRDESH_TEST_PG_URL")
    if not url:
        return {"status": "skipped (NIRDESH_TEST_PG_URL)", "seconds": 0}
    from tests.helpers.builders import reset_pg

    reset_pg(url)  # an empty database for this checkout's schema
    db = Database(url)
    sha = uuid.uuid4().hex * 2
    args: dict[str, Any] = {
        "sha256": sha,
        "extractor_version": "m",
        "number": 1,
        "page": {},
        "job_id": None,
        "worker": None,
    }
    with db.session() as s:
        first = page_results.save_page(s, **args)
    with db.session() as s:
        again = page_results.save_page(s, **args)
    return {"status": f"first={first} again={again}", "seconds": 0}


def run_case(name: str, limit_gb: float) -> None:
    limit = int(limit_gb * (1 << 30))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    with tempfile.TemporaryDirectory() as tmp:
        try:
            out = CASES[name][1](Path(tmp))
        except BaseException as exc:  # noqa: BLE001 - the outcome is the measurement
            out = {"status": "crashed", "code": f"{type(exc).__name__}: {exc}"[:120], "seconds": None}
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out["peak_rss_mb"] = round(max(own, children) / 1024)
    print("RESULT " + json.dumps(out, ensure_ascii=False), flush=True)


# --- in the parent ---------------------------------------------------------------------------------


def measure(checkout: Path, name: str, limit_gb: float, timeout: float) -> dict[str, Any]:
    env = {**os.environ, "PYTHONPATH": str(checkout), "NIRDESH_EMBEDDER": "none"}
    code = (
        f"import sys; sys.path.insert(0, {str(checkout)!r}); sys.argv = ['m'];"
        f"import importlib.util as u; s = u.spec_from_file_location('hm', {str(Path(__file__).resolve())!r});"
        f"m = u.module_from_spec(s); s.loader.exec_module(m); m.run_case({name!r}, {limit_gb})"
    )
    start = time.monotonic()
    try:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=checkout, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"status": f"no answer in {timeout:g} s", "seconds": round(time.monotonic() - start, 1)}
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return dict(json.loads(line[7:]))
    return {"status": f"child exit {done.returncode}", "code": done.stderr.strip()[-160:], "seconds": None}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--before", type=Path, required=True, help="a checkout of main before the fixes")
    p.add_argument("--after", type=Path, default=HERE, help="the checkout with the fixes (default: this one)")
    p.add_argument("--case", nargs="*", choices=sorted(CASES), help="cases to run (default all)")
    p.add_argument("--limit-gb", type=float, default=6.0, help="address-space limit of each child")
    p.add_argument("--timeout", type=float, default=420.0, help="seconds before a case counts as hung")
    ns = p.parse_args()
    rows = []
    for name in ns.case or list(CASES):
        finding = CASES[name][0]
        for label, checkout in (("before", ns.before), ("after", ns.after)):
            result = measure(checkout.resolve(), name, ns.limit_gb, ns.timeout)
            print(
                json.dumps({"case": name, "finding": finding, "run": label, **result}, ensure_ascii=False), flush=True
            )
            rows.append((finding, name, label, result))
    print(f"\n{'finding':<8}{'case':<26}{'run':<8}{'status':<26}{'seconds':>9}{'peak RSS MB':>13}  detail")
    for finding, name, label, r in rows:
        detail = {k: v for k, v in r.items() if k not in ("status", "seconds", "peak_rss_mb")}
        seconds = "" if r.get("seconds") is None else r["seconds"]
        print(
            f"{finding:<8}{name:<26}{label:<8}{str(r.get('status')):<26}{seconds!s:>9}{r.get('peak_rss_mb', '')!s:>13}  "
            + json.dumps(detail, ensure_ascii=False)[:110]
        )


if __name__ == "__main__":
    main()
