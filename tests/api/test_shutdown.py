"""Issue 17, finding 12: SIGTERM ends a server that is busy with a request within a bounded time."""

from __future__ import annotations

import contextlib
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GRACE_S = 1.0
# The server's bound: GRACE_S for open requests, then as long again plus 5 s before the process is ended.
BOUND_S = 2 * GRACE_S + 5

SERVER = textwrap.dedent(
    """
    import dataclasses, sys, time
    from fastapi import FastAPI
    from api.server import make_server
    from core.settings import Settings

    app = FastAPI()

    @app.get("/busy")
    def busy() -> dict:
        time.sleep(600)  # a request thread that nothing can interrupt (a long extraction, a database wait)
        return {}

    @app.get("/up")
    def up() -> dict:
        return {}

    settings = dataclasses.replace(Settings(), shutdown_timeout_s=float(sys.argv[2]))
    make_server(app, "127.0.0.1", int(sys.argv[1]), settings).run()
    """
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float) -> None:
    with contextlib.suppress(OSError):
        urllib.request.urlopen(url, timeout=timeout).read()


def test_sigterm_ends_a_busy_server_in_bounded_time(tmp_path: Path) -> None:
    port = _free_port()
    script = tmp_path / "serve.py"
    script.write_text(SERVER)
    proc = subprocess.Popen(
        [sys.executable, str(script), str(port), str(GRACE_S)],
        cwd=ROOT,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/up", timeout=1).read()
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.1)
        threading.Thread(target=_get, args=(f"http://127.0.0.1:{port}/busy", 60), daemon=True).start()
        time.sleep(0.5)
        start = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=BOUND_S + 5)
        except subprocess.TimeoutExpired:
            raise AssertionError(f"still running {BOUND_S + 5:.0f} s after SIGTERM") from None
        assert time.monotonic() - start <= BOUND_S + 1
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
