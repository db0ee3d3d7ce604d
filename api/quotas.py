"""Per-token daily quotas on uploads (store.quotas), answered with 429 ``quota_exceeded`` and Retry-After."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy.exc import InterfaceError, OperationalError
from sqlalchemy.orm import Session

from api.auth import Principal
from api.context import ServiceContext
from api.errors import ApiError
from ingest.document import IngestError
from ingest.formats import by_content
from store.quotas import Quota, QuotaExceeded, add_usage, check_room


def _today() -> date:
    return datetime.now(UTC).date()


def _refusal(e: QuotaExceeded) -> ApiError:
    now = datetime.now(UTC)
    midnight = datetime.combine(now.date() + timedelta(days=1), datetime.min.time(), UTC)
    return ApiError(429, "quota_exceeded", e.message, {"Retry-After": str(int((midnight - now).total_seconds()) + 1)})


def _quota(ctx: ServiceContext) -> Quota:
    return Quota(uploads=ctx.settings.quota_uploads_per_day, pages=ctx.settings.quota_pages_per_day)


def pages_to_count(data: bytes) -> int:
    """Pages a PDF or image may need OCR for (its page or frame count; nothing is loaded or drawn); 0 for
    formats read whole (TXT, DOCX)."""
    fmt = by_content(data)
    if fmt is None or fmt.paging is None:
        return 0
    try:
        return int(fmt.paging.count(data))
    except IngestError:
        return 0  # the structural check decides about damaged files


def check_before_storing(ctx: ServiceContext, who: Principal, data: bytes) -> int:
    """429 now if this upload would pass the caller's quota; else the pages it counts for."""
    pages = pages_to_count(data)
    try:
        with ctx.db.read() as s:
            check_room(s, who.actor, _today(), _quota(ctx), pages)
    except QuotaExceeded as e:
        raise _refusal(e) from e
    except (OperationalError, InterfaceError):
        # The database is away: this early look is only a courtesy. The original is stored anyway and the
        # upload's own transaction (which counts the quota for real) answers 503, so nothing is lost.
        return pages
    return pages


def count_upload(s: Session, ctx: ServiceContext, who: Principal, pages: int) -> None:
    """Count the upload in the caller's transaction; 429 (and the transaction rolls back) past a limit."""
    try:
        add_usage(s, who.actor, _today(), _quota(ctx), pages)
    except QuotaExceeded as e:
        raise _refusal(e) from e
