"""Exports (CSV, XLSX, iCalendar, JSON), calendar feeds per officer and department, and the
compliance report of a meeting. The writers live in ``exporters``; this module is HTTP only.

Calendar apps cannot send an Authorization header, so the feeds also accept the API token as
``?token=…`` (use a viewer token made for the purpose: a URL ends up in logs and calendar settings).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query, Request, Response

from api.auth import Ctx, Principal, Viewer, viewer
from api.context import ServiceContext
from api.errors import ApiError, not_found
from api.filters import SORTS, Filters, SortKey
from api.params import IdPath, Text
from api.review_param import ReviewQuery
from core.states import ErrorCode, Role
from exporters.mapping import MappingError
from exporters.report import ReportFontError, accepted_reports, render_pdf, render_xlsx, report_data
from exporters.rows import ExportRow, load_rows
from exporters.service import MEDIA, base_url, filename, render
from store.repository import ItemFilter, get_document
from store.review_scope import gate
from store.tokens import ROLE_RANK, verify_token

if TYPE_CHECKING:
    from exporters.notify import Dispatcher

router = APIRouter(prefix="/v1", tags=["export"])


def _attachment(body: bytes, media_type: str, name: str, inline: bool = False) -> Response:
    disposition = "inline" if inline else "attachment"
    ascii_name = name.encode("ascii", "replace").decode().replace("?", "_")
    headers = {"Content-Disposition": f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"}
    return Response(body, media_type=media_type, headers=headers)


def _rows(request: Request, ctx: Ctx, f: ItemFilter, sort: str) -> list[ExportRow]:
    if sort not in SORTS:
        raise ApiError(422, ErrorCode.VALIDATION_ERROR, f"sort: use one of {SORTS}")
    base = ctx.settings.public_url or str(request.base_url).rstrip("/")
    with ctx.db.session() as s:
        return load_rows(s, f, today=ctx.today(), base_url=base, sort=sort, max_items=ctx.settings.export_max_items)


def _files(*formats: str) -> dict[int | str, dict]:
    """OpenAPI: the 200 answer is a file in one of these formats."""
    return {200: {"description": "the file", "content": {MEDIA[f]: {} for f in formats}}}


@router.get("/export", response_class=Response, responses=_files("csv", "xlsx", "ics", "json"))
def export(
    request: Request,
    ctx: Ctx,
    _who: Viewer,
    f: Filters,
    format: Annotated[Literal["csv", "xlsx", "ics", "json"], Query(description="csv | xlsx | ics | json")] = "csv",
    q: Annotated[Text | None, Query(description="substring of the item text")] = None,
    sort: Annotated[SortKey, Query(description="as for /v1/action-items")] = "due_date",
    sheets: Annotated[
        Literal["flat", "meeting"], Query(description="xlsx: one flat sheet or one per meeting")
    ] = "flat",
    events: Annotated[bool, Query(description="ics: also an all-day VEVENT on each due date")] = False,
    review: ReviewQuery = None,
) -> Response:
    """The action items matching the filters (the same as /v1/action-items), in one file: confirmed
    items unless ``review=all`` or an explicit ``review_state``/``tracked`` says otherwise; never rejected."""
    f.q = q
    f = gate(f, review)
    rows = _rows(request, ctx, f, sort)
    try:
        out = render(format, rows, f, settings=ctx.settings, per_meeting=sheets == "meeting", events=events)
    except MappingError as e:
        raise ApiError(500, ErrorCode.CONFIG_ERROR, str(e)) from e
    return _attachment(out.body, out.media_type, filename("nirdesh-action-items", out.extension, ctx.today()))


def _feed_principal(request: Request, ctx: Ctx, token: str | None) -> Principal:
    if not token:
        return viewer(request, ctx)
    with ctx.db.session() as s:
        row = verify_token(s, token)
        if row is None or ROLE_RANK[row.role] < ROLE_RANK[Role.VIEWER]:
            raise ApiError(401, ErrorCode.UNAUTHORIZED, "invalid or revoked token")
        return Principal(actor=f"{row.label}#{row.id}", role=row.role)


TokenQuery = Annotated[str | None, Query(description="API token, for calendar apps that cannot send headers")]


def _feed(request: Request, ctx: Ctx, f: ItemFilter, name: str, events: bool, review: str | None) -> Response:
    f = gate(f, review)  # confirmed items unless review=all; rejected extractions are never tasks
    rows = _rows(request, ctx, f, "due_date")
    out = render("ics", rows, f, settings=ctx.settings, events=events, calendar_name=name)
    return _attachment(out.body, out.media_type, f"{name}.ics", inline=True)


@router.get("/feeds/{kind}/{key}.ics", tags=["feeds"], response_class=Response, responses=_files("ics"))
def feed(
    kind: Literal["officer", "department"],
    key: str,
    request: Request,
    ctx: Ctx,
    token: TokenQuery = None,
    events: bool = False,
    review: ReviewQuery = None,
) -> Response:
    """Subscribable calendar: /feeds/officer/{key}.ics has the items whose responsible officer
    (designation or name) contains ``key``; /feeds/department/{key}.ics those of the meetings whose
    department contains ``key``."""
    _feed_principal(request, ctx, token)
    f = ItemFilter(responsible=key) if kind == "officer" else ItemFilter(department=key)
    return _feed(request, ctx, f, f"निर्देश — {key}", events, review)


@router.get(
    "/documents/{document_id}/compliance-report",
    tags=["documents"],
    response_class=Response,
    responses=_files("pdf", "xlsx"),
)
def compliance_report(
    document_id: IdPath,
    ctx: Ctx,
    _who: Viewer,
    format: Annotated[Literal["pdf", "xlsx"], Query(description="pdf | xlsx")] = "pdf",
    review: ReviewQuery = None,
) -> Response:
    """अनुपालन आख्या: every confirmed directive of the meeting (``review=all`` adds proposed ones) with
    officer, deadline, status and notes."""
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        if doc is None:
            raise not_found("document", document_id)
        data = report_data(doc, ctx.today(), review or "confirmed", accepted_reports(s, [i.id for i in doc.items]))
    try:
        body = render_pdf(data, ctx.settings.report_font) if format == "pdf" else render_xlsx(data)
    except ReportFontError as e:
        raise ApiError(500, ErrorCode.CONFIG_ERROR, str(e)) from e
    name = filename(f"compliance-report-{document_id}", format, ctx.today())
    return _attachment(body, MEDIA[format], name, inline=format == "pdf")


def start_reminders(ctx: ServiceContext) -> Dispatcher | None:
    """Start the reminder dispatcher thread when webhooks or SMTP are configured; returns it (or None)."""
    from exporters.notify import Dispatcher, NotifyConfig

    cfg = NotifyConfig.from_settings(ctx.settings, base_url(ctx.settings))
    if not cfg.enabled:
        return None
    dispatcher = Dispatcher(ctx.db, cfg, today=ctx.today)
    dispatcher.start(ctx.settings.remind_interval_s)
    return dispatcher
