"""Exports (CSV, XLSX, iCalendar, JSON), calendar feeds per officer and department, and the
compliance report of a meeting. The writers live in ``exporters``; this module is HTTP only.

Calendar apps cannot send an Authorization header, so the feeds also accept a token as ``?token=…``:
only a feed token (``nirdesh token create --role feed``), which can read the feeds and nothing else,
because a URL ends up in logs, proxies and calendar settings. The server's access log shows it redacted.
Links and calendar UIDs are built from the configured public URL, never from the request's Host header.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse

from api.auth import Ctx, Principal, Viewer, require
from api.context import ServiceContext
from api.errors import ApiError, not_found
from api.filters import SORTS, Filters, SortKey
from api.params import IdPath, Line, Text
from api.review_param import ReviewQuery
from api.uploads import content_disposition
from core.states import ErrorCode, Role
from exporters.mapping import MappingError
from exporters.report import ReportFontError, accepted_reports, render_pdf, render_xlsx, report_data
from exporters.rows import iter_rows
from exporters.service import MEDIA, base_url, chunks, filename, read_pieces, spool
from store.files import display_name
from store.repository import ItemFilter, get_document
from store.review_scope import gate
from store.tokens import verify_token

if TYPE_CHECKING:
    from exporters.notify import Dispatcher

router = APIRouter(prefix="/v1", tags=["export"])


def _disposition(name: str, inline: bool = False) -> str:
    return content_disposition(display_name(name, "nirdesh"), "inline" if inline else "attachment")


def _attachment(body: bytes, media_type: str, name: str, inline: bool = False) -> Response:
    return Response(body, media_type=media_type, headers={"Content-Disposition": _disposition(name, inline)})


def _export_file(
    ctx: Ctx,
    f: ItemFilter,
    sort: str,
    fmt: str,
    name: str,
    *,
    inline: bool = False,
    **options: Any,
) -> Response:
    """The matching items in ``fmt``, read from the database in batches into a temporary file (constant
    memory; the transaction ends before the first byte goes out), then streamed to the client."""
    if sort not in SORTS:
        raise ApiError(422, ErrorCode.VALIDATION_ERROR, f"sort: use one of {SORTS}")
    base = base_url(ctx.settings)  # the request's Host header is the client's to choose
    try:
        with ctx.db.session() as s:
            rows = iter_rows(s, f, today=ctx.today(), base_url=base, sort=sort, max_items=ctx.settings.export_max_items)
            body, size = spool(chunks(fmt, rows, f, settings=ctx.settings, **options))
    except MappingError as e:
        raise ApiError(500, ErrorCode.CONFIG_ERROR, str(e)) from e
    headers = {"Content-Disposition": _disposition(name, inline), "Content-Length": str(size)}
    return StreamingResponse(read_pieces(body), media_type=MEDIA[fmt], headers=headers)


def _files(*formats: str) -> dict[int | str, dict]:
    """OpenAPI: the 200 answer is a file in one of these formats."""
    return {200: {"description": "the file", "content": {MEDIA[f]: {} for f in formats}}}


@router.get("/export", response_class=Response, responses=_files("csv", "xlsx", "ics", "json"))
def export(
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
    name = filename("nirdesh-action-items", format, ctx.today())
    return _export_file(ctx, f, sort, format, name, per_meeting=sheets == "meeting", events=events)


_feed_reader = require("feed")


def _feed_principal(request: Request, ctx: Ctx, token: str | None) -> Principal:
    """The header's token (any role) or, in the URL, a feed token only."""
    if not token:
        return _feed_reader(request, ctx)
    with ctx.db.session() as s:
        row = verify_token(s, token)
        if row is None:
            raise ApiError(401, ErrorCode.UNAUTHORIZED, "invalid or revoked token")
        if row.role != Role.FEED:
            raise ApiError(
                403,
                ErrorCode.FORBIDDEN,
                f"a {row.role} token is not accepted in a URL: revoke it (it may be in logs now) and use a feed "
                "token (nirdesh token create --role feed)",
            )
        return Principal(actor=f"{row.label}#{row.id}", role=row.role)


TokenQuery = Annotated[
    Text | None, Query(max_length=200, description="a feed token, for calendar apps that cannot send headers")
]
FeedKey = Annotated[Line, Path(min_length=1, max_length=200, description="officer or department, or part of it")]


def _feed(ctx: Ctx, f: ItemFilter, name: str, events: bool, review: str | None) -> Response:
    f = gate(f, review)  # confirmed items unless review=all; rejected extractions are never tasks
    return _export_file(ctx, f, "due_date", "ics", f"{name}.ics", inline=True, events=events, calendar_name=name)


@router.get("/feeds/{kind}/{key}.ics", tags=["feeds"], response_class=Response, responses=_files("ics"))
def feed(
    kind: Literal["officer", "department"],
    key: FeedKey,
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
    return _feed(ctx, f, f"निर्देश — {key}", events, review)


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
