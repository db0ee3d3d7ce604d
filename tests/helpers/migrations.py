"""Migration tests: a database brought to an older revision, and rows written there the raw way."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from store.db import MIGRATIONS_DIR, make_engine


def run_alembic(engine: sa.Engine, action: Callable[[Config, str], None], revision: str) -> None:
    """``action`` (``command.upgrade`` or ``command.downgrade``) to ``revision``, in one transaction."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        action(cfg, revision)


def engine_at(db_url: str, revision: str) -> sa.Engine:
    """An engine on ``db_url`` migrated to ``revision`` only (dispose it before opening a Database)."""
    engine = make_engine(db_url)
    run_alembic(engine, command.upgrade, revision)
    return engine


def raw_document(conn: sa.Connection, sha: str, now: str) -> None:
    """Document 1, processed, inserted without the ORM."""
    conn.execute(
        sa.text(
            "INSERT INTO documents (id, sha256, filename, content_type, kind, size, stored_path, status, "
            "created_at, updated_at) VALUES (1, :sha, 'm.txt', 'text/plain', 'txt', 1, 'x', 'processed', "
            ":now, :now)"
        ),
        {"sha": sha, "now": now},
    )
