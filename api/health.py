"""``GET /v1/ready``: can this server do its work now? Checks the database, the file store (the folder is
writable; the S3 bucket exists and the credentials reach it) and, if it has one, the broker.

A failure raises the backend's own error, which api.errors turns into 503 ``service_unavailable``; a file
store failure is answered 503 here, with what is wrong.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from api.auth import Ctx
from api.errors import ApiError

log = logging.getLogger("nirdesh.api")

ready_router = APIRouter(tags=["health"])


@ready_router.get("/v1/ready")
def ready(ctx: Ctx) -> dict[str, Any]:
    with ctx.db.session() as s:
        s.execute(text("SELECT 1"))
    try:
        ctx.files.check()
    except Exception as e:  # noqa: BLE001 - any failure means uploads would fail: not ready
        log.warning("file store not ready: %s", e)
        raise ApiError(
            503, "service_unavailable", f"the file store ({ctx.settings.file_store}) is not usable: {e}"
        ) from e
    ping = getattr(ctx.queue, "ping", None)
    if ping is not None:
        ping()
    return {"status": "ready", "queue": ctx.settings.queue, "file_store": ctx.settings.file_store}
