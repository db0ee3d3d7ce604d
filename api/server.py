"""``nirdesh serve``: run the API with uvicorn (one process; jobs run in its worker threads).

Two things uvicorn does not do by itself:
* tokens sent in a URL (calendar feeds: ``?token=``) are redacted from the access log;
* SIGTERM ends the process within a bounded time: open requests get ``shutdown_timeout_s`` seconds,
  then uvicorn cancels them, and if a request thread still holds the process (a long extraction or a
  database wait cannot be interrupted), it is ended after the same time again. Nothing is lost: every
  change is committed in one transaction and unfinished jobs are resumed at the next start.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from types import FrameType
from typing import Any

from core.settings import Settings, get_settings

log = logging.getLogger("nirdesh.server")

_SECRET_PARAM = re.compile(r"(?i)([?&](?:token|access_token|api_key)=)[^&#\s]*")


def redact(text: str) -> str:
    """``text`` with the values of token-like query parameters replaced by ``***``."""
    return _SECRET_PARAM.sub(r"\1***", text)


class RedactTokens(logging.Filter):
    """Rewrites access-log records so no token from a URL reaches the log."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.msg, str):
            record.msg = redact(record.msg)
        return True


def make_server(app: Any, host: str, port: int, settings: Settings) -> Any:
    """A uvicorn server whose shutdown on SIGTERM/SIGINT is bounded (see the module docstring)."""
    import uvicorn

    grace = settings.shutdown_timeout_s

    class BoundedServer(uvicorn.Server):
        _deadline: threading.Timer | None = None

        def handle_exit(self, sig: int, frame: FrameType | None) -> None:
            super().handle_exit(sig, frame)
            if self._deadline is None:
                self._deadline = threading.Timer(2 * grace + 5, _force_exit, (grace,))
                self._deadline.daemon = True
                self._deadline.start()

    config = uvicorn.Config(app, host=host, port=port, log_level="info", timeout_graceful_shutdown=max(1, int(grace)))
    server = BoundedServer(config)  # Config has configured logging by now: the filter stays
    logging.getLogger("uvicorn.access").addFilter(RedactTokens())
    return server


def _force_exit(grace: float) -> None:
    log.error("still running %.0f s after the shutdown signal: ending the process", 2 * grace + 5)
    logging.shutdown()
    os._exit(1)


def run(host: str | None = None, port: int | None = None, settings: Settings | None = None) -> None:
    from api.app import create_app

    settings = settings or get_settings()
    host = host or settings.host
    app = create_app(settings, host=host)
    make_server(app, host, port or settings.port, settings).run()
