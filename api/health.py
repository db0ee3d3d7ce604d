"""``GET /v1/ready``: can this server do its work now? Checks the database and, if it has one, the broker.

A failure raises the backend's own error, which api.errors turns into 503 ``service_unavailable``.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlalchemy import text

from api.auth import Ctx

ready_router = APIRouter(tags=["health"])


@ready_router.get("/v1/ready")
def ready(ctx: Ctx) -> dict[str, Any]:
    with ctx.db.session() as s:
        s.execute(text("SELECT 1"))
    ping = getattr(ctx.queue, "ping", None)
    if ping is not None:
        ping()
    return {"status": "ready", "queue": ctx.settings.queue, "file_store": ctx.settings.file_store}
