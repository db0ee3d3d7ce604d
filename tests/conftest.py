"""Shared fixtures: a database per test (SQLite, and PostgreSQL when configured), a fake extractor,
and an API client on a temporary data directory."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

# Starlette's TestClient sends "Host: testserver"; the app answers only to names it trusts (api/security.py).
os.environ.setdefault("NIRDESH_ALLOWED_HOSTS", "testserver")

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # the package is not necessarily installed in the venv
    sys.path.insert(0, str(ROOT))

from core.settings import Settings  # noqa: E402
from tests.helpers.builders import PG_ENV, SKIP_PG_ENV, FakeExtractor, reset_pg  # noqa: E402

# --- databases ---------------------------------------------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh, empty database URL. PostgreSQL cases need NIRDESH_TEST_PG_URL; without it they fail,
    unless NIRDESH_SKIP_PG=1 says explicitly to skip them."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get(SKIP_PG_ENV) == "1":
            pytest.skip(f"PostgreSQL skipped: {SKIP_PG_ENV}=1")
        pytest.fail(
            f"{PG_ENV} is not set: set it to a scratch database, e.g. "
            "postgresql+psycopg://nirdesh:nirdesh@127.0.0.1:5432/nirdesh_test, "
            f"or set {SKIP_PG_ENV}=1 to skip the PostgreSQL cases",
            pytrace=False,
        )
    reset_pg(url)
    return url


@pytest.fixture
def db(db_url: str) -> Iterator[Any]:
    from store.db import Database

    database = Database(db_url)
    yield database
    database.dispose()


@pytest.fixture
def fake_extract() -> FakeExtractor:
    return FakeExtractor()


# --- the API -----------------------------------------------------------------------------------------


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return dataclasses.replace(
        Settings(),
        data_dir=tmp_path / "data",
        max_upload_bytes=256 * 1024,
        sync_max_bytes=64 * 1024,
        job_workers=1,
        require_auth=False,
        host="127.0.0.1",
        embedder="none",  # keyword search only unless a test injects an embedder
    )


@pytest.fixture
def make_client(settings: Settings, db_url: str, fake_extract: FakeExtractor) -> Iterator[Callable[..., Any]]:
    """Factory: make_client(**create_app kwargs / settings overrides) → a started TestClient."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    opened: list[Any] = []

    def make(extract: Any = None, host: str | None = None, **settings_overrides: Any) -> Any:
        s = dataclasses.replace(settings, **settings_overrides)
        app = create_app(s, extract=extract or fake_extract, host=host, database_url=db_url)
        client = TestClient(app)
        client.__enter__()
        opened.append(client)
        return client

    yield make
    for c in reversed(opened):
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., Any]) -> Any:
    return make_client()
