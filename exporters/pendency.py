"""The pendency report (लंबित निर्देशों की आख्या): every confirmed, still open directive across meetings,
grouped by department and then by officer (the linked office, else the responsible as extracted),
with how many days it is overdue and the latest accepted action-taken report.

Printable: a letterhead line, a number (पत्रांक) and date block, then the table; PDF (A4 landscape,
shaped Devanagari, as exporters.report) or XLSX.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager

from core.states import CLOSED_STATUSES, ReviewState
from exporters.csv_xlsx import write_table
from exporters.report import STATUS_HI, _ReportPdf, accepted_reports, report_font, report_note
from exporters.rows import person_label
from store.models import ActionItem, Document, ItemOffice, Office

TITLE = "लंबित निर्देशों की आख्या"
HEADERS = ("क्र.", "निर्देश", "बैठक दिनांक", "समय-सीमा", "अतिदेय (दिन)", "स्थिति / अंतिम आख्या")
WIDTHS: tuple[float, ...] = (10, 112, 26, 26, 22, 81)
NO_DEPARTMENT = "विभाग अज्ञात"
NO_OFFICER = "अधिकारी अज्ञात"


@dataclass(frozen=True)
class PendencyHeader:
    letterhead: str
    number: str
    date: date


@dataclass(frozen=True)
class PendencyLine:
    number: int
    directive: str
    meeting: str
    deadline: str
    days_overdue: int
    status: str


@dataclass(frozen=True)
class PendencyGroup:
    department: str
    officer: str
    lines: list[PendencyLine]


@dataclass(frozen=True)
class PendencyData:
    header: PendencyHeader
    groups: list[PendencyGroup]

    @property
    def total(self) -> int:
        return sum(len(g.lines) for g in self.groups)


def _d(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else "—"


def pendency_data(session: Session, today: date, header: PendencyHeader, department: str | None = None) -> PendencyData:
    stmt = (
        select(ActionItem)
        .join(ActionItem.document)
        .options(contains_eager(ActionItem.document))
        .where(ActionItem.review_state == ReviewState.CONFIRMED, ActionItem.status.not_in(CLOSED_STATUSES))
        .order_by(ActionItem.due_date.asc().nulls_last(), ActionItem.id)
    )
    if department:
        stmt = stmt.where(Document.department.icontains(department, autoescape=True))
    items = list(session.scalars(stmt))
    ids = [i.id for i in items]
    offices: dict[int, list[str]] = {}
    if ids:
        for item_id, name in session.execute(
            select(ItemOffice.item_id, Office.designation)
            .join(Office, Office.id == ItemOffice.office_id)
            .where(ItemOffice.item_id.in_(ids))
            .order_by(Office.designation)
        ):
            offices.setdefault(item_id, []).append(name)
    reports = accepted_reports(session, ids)
    grouped: dict[tuple[str, str], list[ActionItem]] = {}
    for item in items:
        dept = (item.document.department or "").strip() or NO_DEPARTMENT
        officers = (
            offices.get(item.id) or [x for x in (person_label(p) for p in item.responsible or []) if x] or [NO_OFFICER]
        )
        grouped.setdefault((dept, "; ".join(officers)), []).append(item)
    groups = []
    for (dept, officer), its in sorted(grouped.items()):
        lines = [
            PendencyLine(
                number=n,
                directive=i.text,
                meeting=_d(i.document.meeting_date),
                deadline=_d(i.due_date) if i.due_date else (i.deadline_text or "—"),
                days_overdue=max((today - i.due_date).days, 0) if i.due_date else 0,
                status=f"{STATUS_HI.get(i.status, i.status)}; {report_note(reports.get(i.id))}",
            )
            for n, i in enumerate(its, start=1)
        ]
        groups.append(PendencyGroup(dept, officer, lines))
    return PendencyData(header=header, groups=groups)


def render_pendency_pdf(data: PendencyData, font_path: str | Path) -> bytes:
    doc = _ReportPdf(report_font(font_path), True, HEADERS, WIDTHS)
    pdf = doc.pdf
    pdf.set_title(TITLE)
    pdf.set_creator("Nirdesh")
    pdf.set_fill_color(221, 230, 240)
    pdf.add_page()
    if data.header.letterhead:
        pdf.set_font_size(15)
        doc.text(0, 8, data.header.letterhead, align="C", multi=False)
    pdf.set_font_size(11)
    pdf.line(10, pdf.get_y() + 1, pdf.w - 10, pdf.get_y() + 1)
    pdf.ln(3)
    y = pdf.get_y()
    doc.text(130, 6, f"पत्रांक: {data.header.number or '..........'}", multi=False)
    pdf.set_xy(pdf.w - 80, y)
    doc.text(70, 6, f"दिनांक: {_d(data.header.date)}", align="R", multi=False)
    pdf.set_font_size(14)
    doc.text(0, 9, TITLE, align="C", multi=False)
    pdf.set_font_size(10)
    doc.text(0, 6, f"कुल लंबित निर्देश: {data.total}", multi=False)
    pdf.set_font_size(9.5)
    for g in data.groups:
        if pdf.get_y() + 30 > pdf.h - 12:
            pdf.add_page()
        pdf.ln(2)
        doc.text(0, 6, f"{g.department} — {g.officer} ({len(g.lines)})", multi=False)
        doc.row(HEADERS, fill=True)
        for ln in g.lines:
            doc.row((str(ln.number), ln.directive, ln.meeting, ln.deadline, str(ln.days_overdue), ln.status))
    if not data.groups:
        doc.text(0, 6, "कोई लंबित निर्देश नहीं है।", multi=False)
    return bytes(pdf.output())


def render_pendency_xlsx(data: PendencyData) -> bytes:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    header = (
        ("विभाग", "", 24),
        ("अधिकारी", "", 28),
        *((h, "", int(w) // 2 + 6) for h, w in zip(HEADERS, WIDTHS, strict=True)),
    )
    write_table(
        wb.create_sheet(TITLE[:31]),
        header,
        (
            [g.department, g.officer, ln.number, ln.directive, ln.meeting, ln.deadline, ln.days_overdue, ln.status]
            for g in data.groups
            for ln in g.lines
        ),
    )
    info = wb.create_sheet("विवरण")
    for row in (
        ("कार्यालय", data.header.letterhead or "—"),
        ("पत्रांक", data.header.number or "—"),
        ("दिनांक", _d(data.header.date)),
        ("कुल लंबित निर्देश", data.total),
    ):
        info.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
