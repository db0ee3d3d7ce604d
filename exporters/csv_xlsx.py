"""CSV (UTF-8 with BOM, Jira import columns) and XLSX (readable header, real dates) writers."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from operator import attrgetter
from typing import IO, Any

from exporters.cells import csv_value, xlsx_cell
from exporters.mapping import DEFAULTS, label_safe, user_for
from exporters.rows import ExportRow
from exporters.xlsx_stream import XlsxWriter

# Jira's CSV importer maps these headers onto its fields without manual mapping; the rest follow.
JIRA_COLUMNS = ("Summary", "Description", "Assignee", "Due date", "Priority", "Labels", "Status")
EXTRA_COLUMNS = ("Nirdesh ID", "Responsible", "Department", "Meeting date", "Review state", "URL")
BOM = "\ufeff"


def description(row: ExportRow) -> str:
    """The item in plain text for a tracker: the directive, who, until when, where it came from."""
    lines = [row.text, ""]
    if row.responsible_text:
        lines.append(f"जिम्मेदार / Responsible: {row.responsible_text}")
    if row.issued_by:
        lines.append(f"निर्देशकर्ता / Issued by: {row.issued_by}")
    if row.deadline_text or row.due_date:
        due = row.due_date.isoformat() if row.due_date else "—"
        lines.append(f"समय-सीमा / Deadline: {row.deadline_text or ''} ({due})".replace(" ()", ""))
    meeting = " ".join(x for x in (row.meeting_title, row.meeting_date.isoformat() if row.meeting_date else "") if x)
    lines.append(f"बैठक / Meeting: {meeting or '—'} [{row.source}]")
    if row.note:
        lines.append(f"टिप्पणी / Note: {row.note}")
    lines.append(f"Nirdesh: {row.url}")
    return "\n".join(lines)


def labels(row: ExportRow, base: Iterable[str]) -> list[str]:
    out = list(base) + [f"doc-{row.document_id}"]
    if row.department:
        out.append(label_safe(row.department))
    if row.overdue:
        out.append("overdue")
    return list(dict.fromkeys(x for x in out if x))


def write_csv(rows: Iterable[ExportRow], mapping: dict[str, Any] | None = None) -> bytes:
    """CSV bytes: UTF-8 with a BOM (so Excel reads Devanagari), CRLF rows, Jira headers first.

    Labels are space-separated in one column (Jira splits them); dates are ISO (yyyy-MM-dd in the
    importer's date-format box). Every value goes through ``cells.csv_value`` (no control characters,
    no formulas).
    """
    return b"".join(csv_chunks(rows, mapping))


def csv_chunks(rows: Iterable[ExportRow], mapping: dict[str, Any] | None = None, batch: int = 500) -> Iterator[bytes]:
    """The CSV of :func:`write_csv` in pieces of ``batch`` rows (streamed, constant memory)."""
    jira = (mapping or DEFAULTS)["jira"]
    buf = io.StringIO()
    buf.write(BOM)
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(JIRA_COLUMNS + EXTRA_COLUMNS)
    for n, r in enumerate(rows, start=1):
        if n % batch == 0:
            yield buf.getvalue().encode("utf-8")
            buf.seek(0)
            buf.truncate()
        values = [
            r.summary,
            description(r),
            user_for(jira, r.officers) or r.assignee or (r.officers[0] if r.officers else ""),
            r.due_date.isoformat() if r.due_date else "",
            jira["priority"].get(r.priority, r.priority),
            " ".join(labels(r, jira.get("labels") or [])),
            jira["status"].get(r.status, r.status),
            r.id,
            r.responsible_text,
            r.department or "",
            r.meeting_date.isoformat() if r.meeting_date else "",
            r.review_state,
            r.url,
        ]
        w.writerow([csv_value(v) for v in values])  # formula-looking values made inert (exporters.cells)
    yield buf.getvalue().encode("utf-8")


# --- XLSX ---------------------------------------------------------------------------------------------

XLSX_COLUMNS: tuple[tuple[str, str, int], ...] = (
    # (header, ExportRow attribute or computed key, width)
    ("क्रमांक / ID", "id", 8),
    ("निर्देश / Directive", "text", 60),
    ("जिम्मेदार / Responsible", "responsible_text", 30),
    ("निर्देशकर्ता / Issued by", "issued_by", 22),
    ("विभाग / Department", "department", 20),
    ("बैठक तिथि / Meeting date", "meeting_date", 14),
    ("समय-सीमा / Deadline (text)", "deadline_text", 22),
    ("देय तिथि / Due date", "due_date", 14),
    ("स्थिति / Status", "status", 12),
    ("प्राथमिकता / Priority", "priority", 11),
    ("अतिदेय / Overdue", "overdue", 9),
    ("सौंपा गया / Assignee", "assignee", 18),
    ("टिप्पणी / Note", "note", 30),
    ("समीक्षा / Review", "review_state", 11),
    ("स्रोत / Source", "source", 24),
    ("लिंक / URL", "url", 40),
)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(row: ExportRow, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique in the workbook."""
    when = row.meeting_date.isoformat() if row.meeting_date else "undated"
    base = _BAD_SHEET_CHARS.sub("-", f"{when} #{row.document_id}")[:31]
    title, n = base, 2
    while title.lower() in used:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(title.lower())
    return title


_XLSX_VALUES = attrgetter(*(attr for _, attr, _ in XLSX_COLUMNS))
_OVERDUE = [attr for _, attr, _ in XLSX_COLUMNS].index("overdue")


def xlsx_values(row: ExportRow) -> list[Any]:
    """The XLSX_COLUMNS values of ``row`` (overdue as a word)."""
    values = list(_XLSX_VALUES(row))
    values[_OVERDUE] = "हाँ / yes" if values[_OVERDUE] else ""
    return values


def write_table(ws: Any, header: tuple[tuple[str, str, int], ...], records: Iterable[list[Any]]) -> None:
    """Fill a write-only sheet: a bold, frozen, filterable header; date cells get a date format.

    Write-only sheets stream rows to disk; an ordinary sheet took minutes for 10,000 rows. Text is
    written as string cells without control characters (``cells.xlsx_cell``), never as a formula.
    """
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDE6F0")
    wrap = Alignment(wrap_text=True, vertical="top")
    for i, (_, _, width) in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.freeze_panes = "A2"
    cells = []
    for h, _, _ in header:
        cell = xlsx_cell(ws, h)
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        cells.append(cell)
    ws.append(cells)
    n = 1
    for values in records:
        row: list[Any] = []
        for v in values:
            cell = xlsx_cell(ws, v)
            if isinstance(v, date):
                cell.number_format = "yyyy-mm-dd"
            row.append(cell)
        ws.append(row)
        n += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{n}"


def xlsx_into(out: IO[bytes], rows: Iterable[ExportRow], *, per_meeting: bool = False) -> int:
    """Write the XLSX of ``rows`` to ``out``: one flat sheet, or one sheet per meeting (document) when
    ``per_meeting``, in order of first appearance. Rows are streamed; returns how many were written."""
    used: set[str] = set()
    titles: dict[int, str] = {}
    n = 0
    with tempfile.TemporaryFile() as scratch:
        book = XlsxWriter([(h, width) for h, _, width in XLSX_COLUMNS], scratch)
        for r in rows:
            title = "कार्य-बिंदु"
            if per_meeting:
                if r.document_id not in titles:
                    titles[r.document_id] = sheet_title(r, used)
                title = titles[r.document_id]
            book.add_row(title, xlsx_values(r))
            n += 1
        if not n:
            book.sheet("कार्य-बिंदु")
        book.finish(out)
    return n


def write_xlsx(rows: Iterable[ExportRow], *, per_meeting: bool = False) -> bytes:
    """XLSX bytes: one flat sheet, or one sheet per meeting (document) when ``per_meeting``."""
    out = io.BytesIO()
    xlsx_into(out, rows, per_meeting=per_meeting)
    return out.getvalue()
