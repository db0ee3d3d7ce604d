"""Action-taken reports (कृत कार्यवाही / अनुपालन आख्या) of offices on their items.

An office files versions; a reviewer accepts or returns each. An accepted ``done`` report closes the
item (its status becomes done, audited, and the office's closing date is the report's date); an
accepted ``in_progress`` report moves an open item to in progress. Every version stays, and every
submission and review is an audit row of the item, so the item's history tells the whole story.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, selectinload

from core.states import ItemStatus, ReportReview, ReportStatus
from store import audit
from store.files import FileStorage, display_name
from store.items import update_item
from store.models import ActionItem, OfficeReport, ReportAttachment
from store.offices import OfficeError, set_closed_on

MAX_TEXT = 10_000
MAX_ATTACHMENTS = 10


def _summary(report: OfficeReport) -> dict[str, Any]:
    return {
        "report": report.id,
        "office": report.office_id,
        "version": report.version,
        "status": report.status,
        "review": report.review,
    }


def submit_report(
    session: Session,
    item: ActionItem,
    office_id: int,
    *,
    status: str,
    text: str,
    report_date: date,
    actor: str,
    today: date,
    reason: str | None = None,
) -> OfficeReport:
    """File a new version of the office's report on ``item``. Raises OfficeError on bad input."""
    if status not in tuple(ReportStatus):
        raise OfficeError(f"स्थिति इनमें से एक हो: {', '.join(ReportStatus)} (status)")
    text = (text or "").strip()
    reason = (reason or "").strip() or None
    if not text:
        raise OfficeError("कृत कार्यवाही का विवरण आवश्यक है (text is required)")
    if len(text) > MAX_TEXT or len(reason or "") > MAX_TEXT:
        raise OfficeError(f"विवरण {MAX_TEXT} अक्षरों से लंबा है (text too long)")
    if status == ReportStatus.CANNOT and not reason:
        raise OfficeError("'नहीं हो सकता' के साथ कारण आवश्यक है (a reason is required)")
    if report_date > today:
        raise OfficeError("आख्या की तिथि भविष्य की नहीं हो सकती (report date is in the future)")
    last = session.scalar(
        select(func.max(OfficeReport.version)).where(
            OfficeReport.item_id == item.id, OfficeReport.office_id == office_id
        )
    )
    report = OfficeReport(
        item_id=item.id,
        office_id=office_id,
        version=(last or 0) + 1,
        status=status,
        text=text,
        reason=reason,
        report_date=report_date,
        submitted_by=actor[:100],
        review=ReportReview.PENDING,
    )
    session.add(report)
    session.flush()
    audit.record(session, item.id, actor, "report", None, {**_summary(report), "text": text, "reason": reason})
    return report


def review_report(
    session: Session, report: OfficeReport, item: ActionItem, decision: str, actor: str, note: str | None = None
) -> OfficeReport:
    """accept | return a pending report; an accepted ``done`` closes the item."""
    if decision not in ("accept", "return"):
        raise OfficeError("निर्णय 'accept' या 'return' हो (decision)")
    if report.review != ReportReview.PENDING:
        raise OfficeError(f"यह आख्या पहले ही समीक्षित है ({report.review}) (already reviewed)")
    note = (note or "").strip() or None
    if decision == "return" and not note:
        raise OfficeError("लौटाने का कारण लिखें (a note is required to return a report)")
    before = _summary(report)
    report.review = ReportReview.ACCEPTED if decision == "accept" else ReportReview.RETURNED
    report.reviewed_by = actor[:100]
    report.reviewed_at = datetime.now(UTC)
    report.review_note = note
    audit.record(session, item.id, actor, "report_review", before, {**_summary(report), "note": note})
    if report.review == ReportReview.ACCEPTED:
        if report.status == ReportStatus.DONE:
            update_item(session, item, {"status": ItemStatus.DONE}, actor)
            session.flush()
            set_closed_on(session, item.id, report.report_date)
        elif report.status == ReportStatus.IN_PROGRESS and item.status == ItemStatus.OPEN:
            update_item(session, item, {"status": ItemStatus.IN_PROGRESS}, actor)
    session.flush()
    return report


def get_report(session: Session, report_id: int) -> OfficeReport | None:
    return session.get(OfficeReport, report_id, options=[selectinload(OfficeReport.attachments)])


def item_reports(session: Session, item_id: int, office_id: int | None = None) -> list[OfficeReport]:
    """Every version on an item (of one office, when given), oldest first."""
    stmt = select(OfficeReport).where(OfficeReport.item_id == item_id)
    if office_id is not None:
        stmt = stmt.where(OfficeReport.office_id == office_id)
    stmt = stmt.options(selectinload(OfficeReport.attachments)).order_by(OfficeReport.submitted_at, OfficeReport.id)
    return list(session.scalars(stmt))


def latest_reports(session: Session, office_id: int, item_ids: list[int]) -> list[OfficeReport]:
    """The office's latest report version on each of ``item_ids`` that has one, in one query (the office
    item list shows it beside every item; it fetched every item's versions one request at a time)."""
    if not item_ids:
        return []
    mine = (OfficeReport.office_id == office_id, OfficeReport.item_id.in_(item_ids))
    latest = (
        select(OfficeReport.item_id, func.max(OfficeReport.version).label("version"))
        .where(*mine)
        .group_by(OfficeReport.item_id)
        .subquery()
    )
    stmt = (
        select(OfficeReport)
        .join(latest, and_(OfficeReport.item_id == latest.c.item_id, OfficeReport.version == latest.c.version))
        .where(*mine)
        .options(selectinload(OfficeReport.attachments))
        .order_by(OfficeReport.item_id)
    )
    return list(session.scalars(stmt))


def pending_reports(session: Session, limit: int = 200) -> list[OfficeReport]:
    return list(
        session.scalars(
            select(OfficeReport)
            .where(OfficeReport.review == ReportReview.PENDING)
            .options(selectinload(OfficeReport.attachments))
            .order_by(OfficeReport.submitted_at, OfficeReport.id)
            .limit(limit)
        )
    )


def latest_accepted(session: Session, item_ids: list[int]) -> dict[int, OfficeReport]:
    """Per item, the accepted report with the latest date (then the latest review)."""
    if not item_ids:
        return {}
    rows = session.scalars(
        select(OfficeReport)
        .where(OfficeReport.item_id.in_(item_ids), OfficeReport.review == ReportReview.ACCEPTED)
        .order_by(OfficeReport.item_id, OfficeReport.report_date, OfficeReport.reviewed_at, OfficeReport.id)
    )
    out: dict[int, OfficeReport] = {}
    for r in rows:
        out[r.item_id] = r  # ascending order: the last one wins
    return out


def add_attachment(
    session: Session,
    files: FileStorage,
    report: OfficeReport,
    data: bytes,
    filename: str | None,
    content_type: str | None,
) -> ReportAttachment:
    """Keep proof with a pending report, content-addressed in the file store like an original."""
    if report.review != ReportReview.PENDING:
        raise OfficeError("समीक्षित आख्या में संलग्नक नहीं जोड़े जा सकते (report already reviewed)")
    if not data:
        raise OfficeError("खाली फ़ाइल (empty file)")
    if len(report.attachments) >= MAX_ATTACHMENTS:
        raise OfficeError(f"एक आख्या में अधिकतम {MAX_ATTACHMENTS} संलग्नक (too many attachments)")
    sha, rel = files.put(data)
    att = ReportAttachment(
        filename=display_name(filename, "attachment"),
        content_type=(content_type or "application/octet-stream")[:100],
        size=len(data),
        sha256=sha,
        stored_path=rel,
    )
    report.attachments.append(att)
    session.flush()
    return att
