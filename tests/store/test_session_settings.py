"""Each connection the store opens is configured for its dialect: SQLite with WAL and foreign keys,
PostgreSQL without server-side prepared statements and without JIT compilation (store/db.make_engine)."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from store.db import make_engine


def test_connections_are_configured_for_their_dialect(db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
                assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            else:
                assert conn.execute(text("SHOW jit")).scalar() == "off"
                assert conn.connection.dbapi_connection.prepare_threshold is None  # type: ignore[union-attr]
    finally:
        engine.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)  # SQLite has no connection options
def test_an_explicit_options_setting_wins(db_url: str) -> None:
    engine = make_engine(db_url, connect_args={"options": "-c jit=on"})
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SHOW jit")).scalar() == "on"
    finally:
        engine.dispose()
