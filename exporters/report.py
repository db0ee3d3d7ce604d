"""The compliance report (अनुपालन आख्या) of one earlier meeting, for the next review meeting.

Every confirmed directive of the document (``review="all"`` adds proposed ones; rejected never) with its responsible officer,
deadline, current status and notes, as a printable PDF (A4 landscape) or as XLSX.

The PDF is drawn with fpdf2 and HarfBuzz text shaping (uharfbuzz): without shaping, Devanagari
conjuncts, the reph and the i-matra come out wrong. It needs a Devanagari TrueType font, by default
Lohit Devanagari from the Debian package fonts-lohit-deva (setting NIRDESH_REPORT_FONT).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from exporters.csv_xlsx import write_table
from exporters.rows import person_label
from store.models import ActionItem, Document, Office
from store.reports import latest_accepted
from store.repository import is_overdue
from store.review_scope import scope_states

STATUS_HI = {"open": "लंबित", "in_progress": "प्रगति पर", "done": "पूर्ण", "dropped": "निरस्त"}
TITLE = "अनुपालन आख्या"


class ReportFontError(RuntimeError):
    pass


NO_REPORT = "कृत कार्यवाही आख्या अप्राप्त"  # marks a directive without an accepted report


@dataclass(frozen=True)
class AcceptedReport:
    """The latest accepted action-taken report on an item, as the compliance report shows it."""

    office: str
    report_date: date
    status: str
    text: str


REPORT_STATUS_HI = {"in_progress": "प्रगति पर", "done": "पूर्ण", "cannot": "संभव नहीं"}


def report_note(report: AcceptedReport | None) -> str:
    if report is None:
        return NO_REPORT
    status = REPORT_STATUS_HI.get(report.status, report.status)
    return f"कृत कार्यवाही ({report.office}, {report.report_date.strftime('%d-%m-%Y')}, {status}): {report.text}"


@dataclass(frozen=True)
class ReportLine:
    number: int
    directive: str
    responsible: str
    deadline: str
    status: str
    notes: str
    action_taken: str = NO_REPORT  # the latest accepted action-taken report, or the NO_REPORT mark


@dataclass(frozen=True)
class ReportData:
    document_id: int
    title: str
    meeting: str  # "date, place"
    chair: str
    generated: date
    lines: list[ReportLine]


def _deadline(item: ActionItem) -> str:
    due = item.due_date.strftime("%d-%m-%Y") if item.due_date else ""
    text = (item.deadline_text or "").strip()
    if due and text and item.due_date_source == "extracted":
        return f"{text} ({due})"
    return due or text or "—"


def _status(item: ActionItem, today: date) -> str:
    s = STATUS_HI.get(item.status, item.status)
    return f"{s} (अतिदेय)" if is_overdue(item, today) else s


def accepted_reports(session: Session, item_ids: list[int]) -> dict[int, AcceptedReport]:
    """Item id → its latest accepted action-taken report (store.reports), with the office's name."""
    rows = latest_accepted(session, item_ids)
    names = dict(
        session.execute(
            select(Office.id, Office.designation).where(Office.id.in_({r.office_id for r in rows.values()}))
        ).all()
    )
    return {
        item_id: AcceptedReport(names.get(r.office_id, str(r.office_id)), r.report_date, r.status, r.text)
        for item_id, r in rows.items()
    }


def report_data(
    doc: Document, today: date, review: str = "confirmed", accepted: dict[int, AcceptedReport] | None = None
) -> ReportData:
    """The report lines: confirmed directives by default, ``review="all"`` adds proposed ones.
    ``accepted``: item id → its latest accepted report; items without one are marked NO_REPORT."""
    accepted = accepted or {}
    states = scope_states(review)
    items = [i for i in doc.items if i.review_state in states]
    lines = [
        ReportLine(
            number=n,
            directive=i.text,
            responsible="; ".join(x for x in (person_label(p) for p in i.responsible or []) if x) or "—",
            deadline=_deadline(i),
            status=_status(i, today),
            notes="; ".join(x for x in (i.note, f"सौंपा गया: {i.assignee}" if i.assignee else None) if x),
            action_taken=report_note(accepted.get(i.id)),
        )
        for n, i in enumerate(items, start=1)
    ]
    meeting = ", ".join(
        x for x in (doc.meeting_date.strftime("%d-%m-%Y") if doc.meeting_date else None, doc.meeting_place) if x
    )
    return ReportData(
        document_id=doc.id,
        title=doc.meeting_title or doc.department or doc.filename,
        meeting=meeting or "—",
        chair=person_label({"name": doc.chair_name, "designation": doc.chair_designation}) or "—",
        generated=today,
        lines=lines,
    )


HEADERS = ("क्र.", "निर्देश", "जिम्मेदार अधिकारी", "समय-सीमा", "वर्तमान स्थिति", "टिप्पणी", "कृत कार्यवाही / अनुपालन")
WIDTHS: tuple[float, ...] = (10, 86, 40, 30, 26, 30, 55)  # mm, A4 landscape minus margins
LINE_H = 5.5
PAD = 1.2


class _ReportPdf:
    """fpdf2 with shaped Devanagari whose text also extracts back in logical order.

    Shaping reorders glyphs (the i-matra before its consonant, the reph after its cluster) and makes
    glyphs with no Unicode of their own, so a PDF's glyph-to-Unicode map alone extracts garbled text.
    Every text run is therefore wrapped in a marked-content span with /ActualText (PDF 32000-1
    14.9.4) holding the original string; pdfium, poppler and Acrobat extract that instead.
    fpdf2 has no public call for marked content, hence ``_out``; spans never cross a page because
    rows are measured and placed before they are drawn.
    """

    def __init__(
        self,
        font: Path,
        shaping: bool,
        headers: tuple[str, ...] = HEADERS,
        widths: tuple[float, ...] = WIDTHS,
    ) -> None:
        from fpdf import FPDF

        self.headers, self.widths = headers, widths
        self.pdf = pdf = FPDF(orientation="L", unit="mm", format="A4")
        pdf.set_margins(10, 12, 10)
        pdf.set_auto_page_break(False)
        pdf.add_font("deva", "", str(font))
        pdf.set_font("deva", size=10)
        if shaping:
            pdf.set_text_shaping(use_shaping_engine=True, script="deva", language="hin")

    def text(self, w: float, h: float, text: str, *, align: str = "L", multi: bool = True) -> None:
        pdf = self.pdf
        if text:
            pdf._out("/Span <</ActualText <FEFF" + text.encode("utf-16-be").hex().upper() + ">>> BDC")
        if multi:
            pdf.multi_cell(w, h, text, align=align, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.cell(w, h, text, align=align, new_x="LMARGIN", new_y="NEXT")
        if text:
            pdf._out("EMC")

    def lines_needed(self, w: float, text: str) -> int:
        lines: list[str] = self.pdf.multi_cell(w - 2 * PAD, LINE_H, text, dry_run=True, output="LINES")  # type: ignore[assignment]  # fpdf2 types every output= mode together
        return max(1, len(lines))

    def row(self, cells: tuple[str, ...], fill: bool = False) -> None:
        pdf = self.pdf
        height = max(self.lines_needed(w, c) for w, c in zip(self.widths, cells, strict=True)) * LINE_H + 2 * PAD
        if pdf.get_y() + height > pdf.h - 12:
            pdf.add_page()
            self.row(self.headers, fill=True)
        y, x = pdf.get_y(), pdf.l_margin
        for w, c in zip(self.widths, cells, strict=True):
            pdf.rect(x, y, w, height, style="DF" if fill else "D")
            pdf.set_xy(x + PAD, y + PAD)
            pdf.set_left_margin(x + PAD)
            self.text(w - 2 * PAD, LINE_H, c)
            x += w
        pdf.set_left_margin(10)
        pdf.set_xy(10, y + height)


def report_font(font_path: str | Path) -> Path:
    """The Devanagari font file, or a ReportFontError that says how to get one."""
    font = Path(font_path)
    if not font.is_file():
        raise ReportFontError(
            f"Devanagari font not found at {font}: install fonts-lohit-deva (apt) or set NIRDESH_REPORT_FONT "
            "to a Devanagari .ttf (find one with `fc-list :lang=hi`)"
        )
    return font


def render_pdf(data: ReportData, font_path: str | Path, *, shaping: bool = True) -> bytes:
    """PDF bytes. ``shaping=False`` exists only to show (in tests) what shaping changes."""
    doc = _ReportPdf(report_font(font_path), shaping)
    pdf = doc.pdf
    pdf.set_title(f"{TITLE} — {data.title}")
    pdf.set_creator("Nirdesh")
    pdf.set_fill_color(221, 230, 240)
    pdf.add_page()
    pdf.set_font_size(16)
    doc.text(0, 9, TITLE, align="C", multi=False)
    pdf.set_font_size(11)
    for label, value in (
        ("बैठक", data.title),
        ("दिनांक / स्थान", data.meeting),
        ("अध्यक्षता", data.chair),
        ("आख्या दिनांक", data.generated.strftime("%d-%m-%Y")),
    ):
        doc.text(0, 6, f"{label}: {value}")
    pdf.ln(2)
    pdf.set_font_size(9.5)
    doc.row(HEADERS, fill=True)
    for ln in data.lines:
        doc.row((str(ln.number), ln.directive, ln.responsible, ln.deadline, ln.status, ln.notes, ln.action_taken))
    if not data.lines:
        pdf.ln(4)
        doc.text(0, 6, "इस बैठक में कोई निर्देश दर्ज नहीं है।", multi=False)
    return bytes(pdf.output())


def render_xlsx(data: ReportData) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    header = tuple((h, "", int(w) // 2 + 6) for h, w in zip(HEADERS, WIDTHS, strict=True))
    write_table(
        wb.create_sheet(TITLE),
        header,
        (
            [ln.number, ln.directive, ln.responsible, ln.deadline, ln.status, ln.notes, ln.action_taken]
            for ln in data.lines
        ),
    )
    info = wb.create_sheet("बैठक")
    info.column_dimensions["A"].width = 24
    info.column_dimensions["B"].width = 60
    generated = WriteOnlyCell(info, value=data.generated)
    generated.number_format = "yyyy-mm-dd"
    for row in (
        ("बैठक", data.title),
        ("दिनांक / स्थान", data.meeting),
        ("अध्यक्षता", data.chair),
        ("दस्तावेज़ / document id", data.document_id),
        ("आख्या दिनांक", generated),
    ):
        info.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
