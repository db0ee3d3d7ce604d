"""Engine, sessions and schema migration.

SQLite gets WAL, foreign keys, a busy timeout and ``BEGIN IMMEDIATE`` transactions: the server has
request threads and job workers writing at once, and an immediate write lock avoids the SQLITE_BUSY
that a deferred transaction gets when it upgrades from reading to writing under contention.

Reads (``Database.read``) run in a plain ``BEGIN``: under WAL a reader takes no write lock, so a slow
read (a search waiting for its query embedding) never makes writers wait, and writers never block it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.dialects.sqlite.base import SQLiteCompiler
from sqlalchemy.orm import Session, sessionmaker

from store import outbox

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
READ_ONLY = "nirdesh_read_only"  # execution option of the engine behind Database.read()


class ReadOnlySessionError(RuntimeError):
    """Something tried to write in a Database.read() session."""


def _refuse_flush(session: Session, _context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlySessionError("a read session cannot write; use Database.session()")


def make_engine(url: str, **kwargs: Any) -> Engine:
    if url.startswith("sqlite"):
        if ":///" in url and not url.endswith(":memory:"):
            Path(url.split(":///", 1)[1]).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **kwargs)
        _configure_sqlite(engine)
        return engine
    if url.startswith("postgresql+psycopg"):
        # No server-side prepared statements: after five runs of one statement psycopg prepares it and
        # PostgreSQL may switch to a generic plan, blind to the values of LIKE patterns and filters.
        # For q= + department that plan rebuilt the needle's trigram bitmap once per meeting: 28-56 s a
        # call instead of ~0.3 s (issue 18, round 29). Each execution is planned with its values.
        # No JIT: it pays off for long analytical queries, not for lists, counts and the triggers' statement
        # functions, whose estimates pass jit_above_cost: a 2,000-item UPDATE spent 210 of the 230 ms of
        # 0020's words trigger compiling its plan, and q= with a filter ran 10-25% faster without it
        # (docs/performance.md, "JIT off"). An `options` of the URL's or the caller's own wins.
        options = {} if "options=" in url else {"options": "-c jit=off"}
        kwargs["connect_args"] = {"prepare_threshold": None, **options, **kwargs.get("connect_args", {})}
    return create_engine(url, pool_pre_ping=True, **kwargs)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN itself
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def _sqlite_index_hint(_compiler: Any, _table: Any, text: str | None) -> str | None:
    """``select(...).with_hint(Model, "INDEXED BY ix_name", "sqlite")`` renders after the table name
    (SQLAlchemy's SQLite compiler drops table hints; only INDEXED BY is let through)."""
    return text if text and text.startswith("INDEXED BY ") else None


SQLiteCompiler.get_from_hint_text = _sqlite_index_hint  # type: ignore[method-assign, assignment]


def migrate(engine: Engine) -> None:
    """Bring the schema to the latest Alembic revision; no alembic.ini needed."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":  # API servers and workers may start at once on a fresh database
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(7461)")
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")  # "heads": parallel feature branches may each add a revision


class Database:
    """An engine plus a session factory; one per process (the app, the CLI, a test)."""

    def __init__(self, url: str, *, run_migrations: bool = True) -> None:
        self.url = url
        self.engine = make_engine(url)
        if run_migrations:
            migrate(self.engine)
        self.sessionmaker = sessionmaker(self.engine, expire_on_commit=False)
        self.read_sessionmaker = sessionmaker(self.engine.execution_options(**{READ_ONLY: True}))
        event.listen(self.read_sessionmaker, "before_flush", _refuse_flush)
        outbox.install(self.sessionmaker)  # item events go to the reminders outbox in the same transaction
        from store import offices

        offices.install(self.sessionmaker)  # new items link to offices by alias; closing dates follow status
        from store import responsibles

        responsibles.install(self.sessionmaker)  # item_responsibles follow every write of the JSON list
        from store.fts import install_index_hooks

        install_index_hooks(self.sessionmaker)  # the keyword index follows every write of an item

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on error."""
        with self.sessionmaker() as s, s.begin():
            yield s

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for reading only, in a plain transaction (no write lock on SQLite), rolled back at
        the end; a write in it raises ReadOnlySessionError."""
        with self.read_sessionmaker() as s, s.begin():
            yield s
            s.rollback()

    def dispose(self) -> None:
        self.engine.dispose()
