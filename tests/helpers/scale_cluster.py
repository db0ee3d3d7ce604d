"""A small Nirdesh cluster for the distributed tests: a private Redis, a TCP proxy in front of PostgreSQL
(so a test can cut the database off without stopping the shared server), an S3-compatible server (moto),
``nirdesh serve`` and ``nirdesh worker`` subprocesses, and scanned Hindi PDFs rendered here.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers.samples import hindi_scan_pdf

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check: Callable[[], Any], timeout: float, what: str, interval: float = 0.2) -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
        except Exception as e:  # the thing is not up yet
            last = e
        else:
            if last:
                return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:g}s waiting for {what} (last: {last!r})")


# --- Redis -------------------------------------------------------------------------------------------


class RedisServer:
    """``redis-server`` on a free port, with an append-only file so a restart keeps the queue."""

    def __init__(self, workdir: Path) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail(
                "redis-server is not installed: apt-get install -y redis-server (scripts/setup.sh installs it)",
                pytrace=False,
            )
        self.binary = binary
        self.dir = workdir
        self.dir.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.dir),
                "--appendonly",
                "yes",
                "--appendfsync",
                "always",
                "--save",
                "",
                "--daemonize",
                "no",
                "--logfile",
                str(self.dir / "redis.log"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for(self.ping, 10, "redis-server to answer")

    def ping(self) -> bool:
        import redis

        return bool(redis.Redis(port=self.port, socket_connect_timeout=0.5).ping())

    def client(self) -> Any:
        import redis

        return redis.Redis(port=self.port)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()  # SIGTERM: redis flushes the append-only file and exits
            self.proc.wait(10)
        self.proc = None


# --- a TCP proxy in front of PostgreSQL ----------------------------------------------------------------


class TcpProxy:
    """Forwards 127.0.0.1:<port> to a target; ``cut()`` drops every connection and refuses new ones."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self._listener: socket.socket | None = None
        self._conns: list[socket.socket] = []
        self._lock = threading.Lock()

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
                upstream.settimeout(None)
            except OSError:
                client.close()
                continue
            with self._lock:
                self._conns += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        if self._listener is not None:
            with contextlib.suppress(OSError):  # wakes the thread blocked in accept(); close() alone does not
                self._listener.shutdown(socket.SHUT_RDWR)
            self._listener.close()
            self._listener = None
        with self._lock:
            conns, self._conns = self._conns, []
        for s in conns:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def restore(self) -> None:
        self.start()


# --- S3 (moto) -----------------------------------------------------------------------------------------


S3_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}


class S3Server:
    """moto's S3-compatible server in a thread, with one bucket."""

    def __init__(self, bucket: str = "nirdesh-test") -> None:
        from moto.server import ThreadedMotoServer

        self.port = free_port()
        self.bucket = bucket
        self._server = ThreadedMotoServer(ip_address="127.0.0.1", port=self.port, verbose=False)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        import boto3

        for k, v in S3_ENV.items():
            os.environ.setdefault(k, v)
        self._server.start()
        boto3.client("s3", endpoint_url=self.endpoint).create_bucket(Bucket=self.bucket)

    def stop(self) -> None:
        self._server.stop()


# --- nirdesh processes ----------------------------------------------------------------------------------


def nirdesh_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "nirdesh.cli", *args]


class Proc:
    """A nirdesh subprocess in its own process group (so SIGKILL takes its children too), logging to a file."""

    def __init__(self, name: str, args: list[str], env: dict[str, str], logdir: Path) -> None:
        self.name, self.args, self.env = name, args, env
        self.log = logdir / f"{name}.log"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        fh = open(self.log, "ab")  # noqa: SIM115 - kept open for the child's lifetime
        self.proc = subprocess.Popen(
            self.args, env=self.env, cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
        )
        fh.close()

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, sig)
            self.proc.wait(30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(10)

    def tail(self, n: int = 40) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""


# --- scanned Hindi documents ----------------------------------------------------------------------------


def scanned_pdf(pages: list[list[str]], dpi: int = 150) -> bytes:
    """An image-only PDF (a "scan") of shaped Devanagari lines, ``dpi`` giving its page size."""
    return hindi_scan_pdf(pages, resolution=dpi)


SUBJECTS = [
    "सड़क मरम्मत",
    "पेयजल आपूर्ति",
    "विद्यालय भवन",
    "राशन वितरण",
    "टीकाकरण शिविर",
    "नाली सफाई",
    "पुल निर्माण",
    "आंगनबाड़ी केंद्र",
    "गौशाला संचालन",
    "सामुदायिक शौचालय",
    "बिजली कनेक्शन",
    "तालाब खुदाई",
    "पेंशन सत्यापन",
    "छात्रवृत्ति भुगतान",
    "फसल बीमा",
    "अस्पताल भवन",
]


def subject(doc_no: int, page: int) -> str:
    """The work a page is about: different on every page of a document (up to 16 pages)."""
    return SUBJECTS[(doc_no + page) % len(SUBJECTS)]


def minutes_pages(doc_no: int, n_pages: int) -> list[list[str]]:
    """Our own Hindi review-meeting text: page 1 a heading, every page one directive about its own subject."""
    pages = []
    for p in range(1, n_pages + 1):
        lines = []
        if p == 1:
            lines += [f"समीक्षा बैठक कार्यवृत्त संख्या {doc_no}", "जिलाधिकारी की अध्यक्षता में बैठक हुई।", ""]
        lines += [
            f"पृष्ठ {p}",
            f"{subject(doc_no, p)} का कार्य अधूरा पाया गया।",
            "अधिशासी अभियंता को निर्देश दिए गए कि",
            "कार्य एक सप्ताह में पूरा कराएं।",
        ]
        pages.append(lines)
    return pages


def best_subject(text: str, doc_no: int, n_pages: int) -> int:
    """Which page's subject the OCR'd text reads most like (OCR drops a matra here and there)."""
    import difflib

    def score(p: int) -> float:
        want = subject(doc_no, p)
        return max(
            (difflib.SequenceMatcher(None, want, line[: len(want) + 2]).ratio() for line in text.splitlines()),
            default=0.0,
        )

    return max(range(1, n_pages + 1), key=score)
