"""``nirdesh serve``: run the API with uvicorn (one process; jobs run in its worker threads)."""

from __future__ import annotations

from core.settings import Settings, get_settings


def run(host: str | None = None, port: int | None = None, settings: Settings | None = None) -> None:
    import uvicorn

    from api.app import create_app

    settings = settings or get_settings()
    host = host or settings.host
    app = create_app(settings, host=host)
    uvicorn.run(app, host=host, port=port or settings.port, log_level="info")
