"""``nirdesh export``, ``nirdesh remind`` and ``nirdesh report``: the exporters from the command line."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

from rich.console import Console

from core.states import ItemStatus, ReviewState  # core.states imports nothing, so --help stays light

err = Console(stderr=True, soft_wrap=True)
STATUSES: tuple[str, ...] = tuple(ItemStatus)
REVIEW_STATES: tuple[str, ...] = tuple(ReviewState)


def values_of(allowed: tuple[str, ...]) -> Any:
    """An argparse type: a comma-separated list whose values must be in ``allowed``."""

    def parse(value: str) -> list[str]:
        parts = [p.strip() for p in value.split(",") if p.strip()]
        if bad := [p for p in parts if p not in allowed]:
            raise argparse.ArgumentTypeError(f"unknown value(s) {bad}; use {list(allowed)}")
        return parts

    return parse


FILTER_OPTIONS: tuple[tuple[str, dict[str, Any]], ...] = (
    ("--status", {"type": values_of(STATUSES), "help": "comma-separated: open,in_progress,done,dropped"}),
    ("--overdue", {"action": argparse.BooleanOptionalAction, "default": None, "help": "only (or no) overdue items"}),
    ("--responsible", {"help": "substring of a responsible officer's name or designation"}),
    ("--department", {"help": "substring of the meeting's department"}),
    ("--issuer", {"help": "substring of the issuer's name or designation"}),
    ("--assignee", {}),
    ("--priority", {"choices": ["low", "normal", "high"]}),
    ("--due-before", {"type": date.fromisoformat, "help": "YYYY-MM-DD, inclusive"}),
    ("--due-after", {"type": date.fromisoformat, "help": "YYYY-MM-DD, inclusive"}),
    ("--meeting-from", {"type": date.fromisoformat}),
    ("--meeting-to", {"type": date.fromisoformat}),
    ("--document-id", {"type": int}),
    ("--review-state", {"type": values_of(REVIEW_STATES), "help": "comma-separated: proposed,confirmed,rejected"}),
    ("--tracked", {"action": argparse.BooleanOptionalAction, "default": None, "help": "only confirmed items"}),
    ("--q", {"help": "substring of the item text"}),
)

REVIEW_HELP = "confirmed items only (default) or all (proposed too); rejected items never"


def item_filter(ns: argparse.Namespace) -> Any:
    """The ItemFilter from the filter options (their dests are ItemFilter's field names)."""
    from dataclasses import fields

    from store.repository import ItemFilter

    return ItemFilter(**{f.name: getattr(ns, f.name) for f in fields(ItemFilter)})


def _context() -> tuple[Any, Any]:
    from core.settings import get_settings
    from store.db import Database

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings, Database(settings.database_url)


def _write(body: bytes | Iterable[bytes], out: str | None) -> None:
    pieces = [body] if isinstance(body, bytes) else body
    if not out or out == "-":
        for piece in pieces:
            sys.stdout.buffer.write(piece)
        sys.stdout.buffer.flush()
        return
    size = 0
    with Path(out).open("wb") as target:
        for piece in pieces:
            size += target.write(piece)
    err.print(f"{size:,} bytes written to {out}")


def cmd_export(ns: argparse.Namespace) -> int:
    from exporters.mapping import MappingError
    from exporters.trackers import TrackerConfigError

    try:
        return _export(ns)
    except (MappingError, TrackerConfigError) as e:
        err.print(f"nirdesh: {e}", highlight=False)
        return 2


def _export(ns: argparse.Namespace) -> int:
    from exporters.rows import iter_rows
    from exporters.service import Counted, base_url, chunks, read_pieces, spool

    settings, db = _context()
    from store.review_scope import gate

    f = gate(item_filter(ns), ns.review)
    if ns.push:
        return _push(ns, settings, db, f)
    fmt = ns.format or "csv"
    with db.session() as s:
        rows = Counted(
            iter_rows(
                s, f, today=date.today(), base_url=base_url(settings), sort=ns.sort, max_items=settings.export_max_items
            )
        )
        body, _size = spool(
            chunks(fmt, rows, f, settings=settings, per_meeting=ns.sheets == "meeting", events=ns.events)
        )
    _write(read_pieces(body), ns.out)
    err.print(f"{rows.n} action items exported as {fmt}")
    return 0


def _push(ns: argparse.Namespace, settings: Any, db: Any, f: Any) -> int:
    from exporters.mapping import load_mapping
    from exporters.service import base_url
    from exporters.trackers import config_from_settings, push

    cfg = config_from_settings(ns.push, settings)
    result = push(
        db,
        cfg,
        f,
        mapping=load_mapping(settings.tracker_mapping),
        today=date.today(),
        base_url=base_url(settings),
        dry_run=ns.dry_run,
        on_progress=lambda m: err.print(m, highlight=False),
    )
    if ns.dry_run:
        for p in result.planned:
            print(
                json.dumps(
                    {"item_id": p.item_id, "method": p.method, "url": p.url, "json": p.body},
                    ensure_ascii=False,
                    indent=2,
                )
            )
        err.print(
            f"dry run: {len(result.planned)} issues would be created, "
            f"{len(result.skipped)} items already pushed; nothing was sent"
        )
        return 0
    err.print(f"{len(result.created)} created, {len(result.skipped)} already pushed, {len(result.failed)} failed")
    return 1 if result.failed else 0


def cmd_remind_run(ns: argparse.Namespace) -> int:
    from exporters.notify import Dispatcher, NotifyConfig
    from exporters.service import base_url

    settings, db = _context()
    cfg = NotifyConfig.from_settings(settings, base_url(settings))
    if not cfg.enabled:
        err.print("nothing to send to: set NIRDESH_WEBHOOK_URLS (+ NIRDESH_WEBHOOK_SECRET) and/or NIRDESH_SMTP_HOST")
    dispatcher = Dispatcher(db, cfg)
    while True:
        stats = dispatcher.run_once()
        err.print(" ".join(f"{k}={v}" for k, v in stats.items()))
        if not ns.loop:
            return 0
        time.sleep(settings.remind_interval_s)


def cmd_remind_status(_ns: argparse.Namespace) -> int:
    from exporters.notify import status_counts

    _settings, db = _context()
    print(json.dumps(status_counts(db)))
    return 0


def cmd_report(ns: argparse.Namespace) -> int:
    from exporters.report import ReportFontError, accepted_reports, render_pdf, render_xlsx, report_data
    from store.repository import get_document

    settings, db = _context()
    with db.session() as s:
        doc = get_document(s, ns.document)
        if doc is None:
            err.print(f"nirdesh: document {ns.document} not found")
            return 2
        data = report_data(doc, date.today(), ns.review, accepted_reports(s, [i.id for i in doc.items]))
    try:
        body = render_pdf(data, settings.report_font) if ns.format == "pdf" else render_xlsx(data)
    except ReportFontError as e:
        err.print(f"nirdesh: {e}", highlight=False)
        return 2
    _write(body, ns.out)
    return 0


def add_commands(sub: Any) -> None:
    """Register export, remind and report on the main parser's subparsers."""
    p = sub.add_parser("export", help="export action items (CSV, XLSX, iCalendar, JSON) or push them to Jira/GitHub")
    p.add_argument("--format", choices=["csv", "xlsx", "ics", "json"], help="file format (default csv)")
    p.add_argument("--out", help="output file (default: stdout)")
    p.add_argument("--sheets", choices=["flat", "meeting"], default="flat", help="xlsx: one sheet, or one per meeting")
    p.add_argument("--events", action="store_true", help="ics: also an all-day event on each due date")
    p.add_argument("--sort", default="due_date", help="sort key as in the API (default due_date)")
    p.add_argument("--push", choices=["jira", "github"], help="create issues in a tracker instead of a file")
    p.add_argument("--dry-run", action="store_true", help="with --push: print the requests, send nothing")
    p.add_argument("--review", choices=["confirmed", "all"], help=REVIEW_HELP)
    for flag, kw in FILTER_OPTIONS:
        p.add_argument(flag, **kw)
    p.set_defaults(func=cmd_export)

    remind = sub.add_parser("remind", help="webhook and e-mail reminders").add_subparsers(
        dest="remind_command", required=True
    )
    p = remind.add_parser("run", help="sweep for overdue items, queue digests, deliver pending reminders")
    p.add_argument("--loop", action="store_true", help="keep running (every NIRDESH_REMIND_INTERVAL seconds)")
    p.set_defaults(func=cmd_remind_run)
    p = remind.add_parser("status", help="outbox counts: events, delivered, pending, failed")
    p.set_defaults(func=cmd_remind_status)

    p = sub.add_parser("report", help="compliance report (अनुपालन आख्या) of a meeting as PDF or XLSX")
    p.add_argument("--document", type=int, required=True, help="document id of the meeting")
    p.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
    p.add_argument("--out", help="output file (default: stdout)")
    p.add_argument("--review", choices=["confirmed", "all"], default="confirmed", help=REVIEW_HELP)
    p.set_defaults(func=cmd_report)
