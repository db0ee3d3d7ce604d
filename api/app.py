"""The FastAPI application factory.

``create_app(settings, extract=...)`` wires settings, the database (migrated on creation), the file
store, the extractor and the embedded job queue. The extractor is injected so tests (and a future
remote worker) can swap it; by default it is ``extractors.pipeline.process_bytes``, imported lazily so
the service starts even while the pipeline is unavailable (jobs then fail with a clear error).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from api import errors
from api.auth import auth_required_for
from api.context import CheckFn, ExtractFn, ServiceContext
from api.health import ready_router
from api.limits import UploadLimitMiddleware
from api.routes import document_fix, documents, export, items, misc, office_reports, offices
from api.routes import search as search_routes
from api.ui import ui_mount
from core.settings import Settings, get_settings
from jobs.context import default_extractor
from jobs.queue import JobQueue, make_queue
from jobs.runner import resume_jobs
from store.db import Database
from store.files import make_file_store

STATIC_DIR = Path(__file__).resolve().parent / "static"


def default_checker(settings: Settings) -> CheckFn:
    def check(data: bytes, filename: str) -> None:
        from ingest.precheck import precheck

        precheck(data, filename, settings)

    return check


def create_app(
    settings: Settings | None = None,
    *,
    extract: ExtractFn | None = None,
    host: str | None = None,
    database_url: str | None = None,
    queue: JobQueue | None = None,
    today: Callable[[], date] | None = None,
    embedder_factory: Callable[[], Any] | None = None,
    check: CheckFn | None = None,
) -> FastAPI:
    """Build the app. ``host`` is the bind address (decides whether auth is required).

    ``check`` is the upload's structural check; it defaults to the ingest layer's (``ingest.precheck``)
    with the default extractor, and to none with an injected one unless given too.
    """
    settings = settings or get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    db = Database(database_url or settings.database_url)
    ctx = ServiceContext(
        settings=settings,
        db=db,
        files=make_file_store(settings),
        extract=extract or default_extractor(settings),
        auth_required=auth_required_for(host or settings.host, settings.require_auth),
        today=today or date.today,
        check=check or (default_checker(settings) if extract is None else None),
    )
    ctx.queue = queue or make_queue(ctx)
    from search.service import SearchService

    ctx.search = SearchService(db, settings.embedder, embedder_factory=embedder_factory)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        assert ctx.queue is not None
        ctx.queue.start()
        resume_jobs(ctx)
        assert ctx.search is not None
        ctx.search.start()  # keyword index sync now; embeddings in the background
        reminders = export.start_reminders(ctx)
        try:
            yield
        finally:
            if reminders is not None:
                reminders.stop()
            ctx.search.stop()
            ctx.queue.stop()
            db.dispose()

    app = FastAPI(
        title="Nirdesh",
        version="1",
        summary="Action items from Hindi review-meeting minutes",
        lifespan=lifespan,
    )
    app.state.ctx = ctx
    errors.install(app)
    errors.document_errors(app)
    app.add_middleware(UploadLimitMiddleware, limit=settings.max_upload_bytes, paths=("/v1/documents",))
    app.include_router(documents.router)
    app.include_router(document_fix.router)
    app.include_router(items.router)
    app.include_router(misc.router)
    app.include_router(ready_router)
    app.include_router(export.router)
    app.include_router(search_routes.router)
    app.include_router(offices.router)
    app.include_router(office_reports.router)

    @app.get("/v1/health", tags=["health"])
    def health() -> dict[str, Any]:
        return {"status": "ok", "auth_required": ctx.auth_required}

    if STATIC_DIR.is_dir():
        app.router.routes.append(ui_mount(STATIC_DIR))  # after every API route; never answers /v1 paths
    return app
