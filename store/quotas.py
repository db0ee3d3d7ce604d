"""Per-caller daily quotas: uploads, and pages of PDFs and images (the pages that may need OCR).

``add_usage`` adds an upload to the caller's count for the day in the caller's transaction and raises
QuotaExceeded when that passes a limit, so the whole upload (document row and job) rolls back; two
uploads at once cannot both slip under the limit. ``check_room`` is the cheap look before the bytes
are stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from store.models import UsageCount


@dataclass(frozen=True)
class Quota:
    uploads: int  # per day; 0 = no limit
    pages: int  # per day; 0 = no limit


class QuotaExceeded(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def usage(session: Session, actor: str, day: date) -> tuple[int, int]:
    """(uploads, pages) counted for ``actor`` on ``day``."""
    row = session.execute(
        select(UsageCount.uploads, UsageCount.pages).where(UsageCount.actor == actor, UsageCount.day == day)
    ).first()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def _check(quota: Quota, uploads: int, pages: int, new_pages: int) -> None:
    if quota.uploads and uploads > quota.uploads:
        raise QuotaExceeded(f"the daily limit of {quota.uploads} uploads for this token is reached; try tomorrow")
    if quota.pages and pages > quota.pages:
        raise QuotaExceeded(
            f"this upload's {new_pages} pages would pass the daily limit of {quota.pages} pages for this token"
            f" ({pages - new_pages} used today); try tomorrow or split the work"
        )


def check_room(session: Session, actor: str, day: date, quota: Quota, new_pages: int) -> None:
    """QuotaExceeded if one more upload of ``new_pages`` pages would pass a limit (nothing is counted)."""
    uploads, pages = usage(session, actor, day)
    _check(quota, uploads + 1, pages + new_pages, new_pages)


def add_usage(session: Session, actor: str, day: date, quota: Quota, new_pages: int) -> None:
    """Count one upload of ``new_pages`` pages; QuotaExceeded (the caller rolls back) past a limit."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(
        insert(UsageCount)
        .values(actor=actor, day=day, uploads=0, pages=0)
        .on_conflict_do_nothing(index_elements=["actor", "day"])
    )
    session.execute(
        update(UsageCount)
        .where(UsageCount.actor == actor, UsageCount.day == day)
        .values(uploads=UsageCount.uploads + 1, pages=UsageCount.pages + new_pages)
    )
    uploads, pages = usage(session, actor, day)
    _check(quota, uploads, pages, new_pages)
