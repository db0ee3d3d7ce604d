"""Pages read by distributed workers: stored once per (content hash, extractor version, page number)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import PageResult, utcnow


def save_page(
    session: Session,
    *,
    sha256: str,
    extractor_version: str,
    number: int,
    page: dict[str, Any],
    job_id: int | None,
    worker: str | None,
    seconds: float | None = None,
    error: str | None = None,
) -> bool:
    """Insert a page result unless one is already there (a redelivered task). True if this call stored it."""
    values = {
        "sha256": sha256,
        "extractor_version": extractor_version,
        "number": number,
        "page": page,
        "job_id": job_id,
        "worker": worker,
        "seconds": seconds,
        "error": error,
    }
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    stmt = (
        insert(PageResult)
        .values(created_at=utcnow(), **values)
        .on_conflict_do_nothing(index_elements=["sha256", "extractor_version", "number"])
        .returning(PageResult.id)
    )
    # The inserted row's id comes back; a conflict returns no row. (rowcount is not reliable here: an
    # ORM-enabled INSERT through the session reported -1 on PostgreSQL, so every first store looked like a
    # redelivery in the logs.)
    return session.execute(stmt).first() is not None


def stored_numbers(session: Session, sha256: str, extractor_version: str) -> set[int]:
    stmt = select(PageResult.number).where(
        PageResult.sha256 == sha256, PageResult.extractor_version == extractor_version
    )
    return set(session.scalars(stmt))


def count_pages(session: Session, sha256: str, extractor_version: str) -> int:
    stmt = select(func.count(PageResult.id)).where(
        PageResult.sha256 == sha256, PageResult.extractor_version == extractor_version
    )
    return session.scalar(stmt) or 0


def load_pages(session: Session, sha256: str, extractor_version: str) -> list[PageResult]:
    stmt = (
        select(PageResult)
        .where(PageResult.sha256 == sha256, PageResult.extractor_version == extractor_version)
        .order_by(PageResult.number)
    )
    return list(session.scalars(stmt))
