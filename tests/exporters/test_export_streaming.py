"""Streamed exports: iCalendar written as text (escaping, folding), the XLSX writer, rows read in batches."""

from __future__ import annotations

import dataclasses
import io
import json
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import select

from core.settings import Settings
from exporters.csv_xlsx import write_xlsx
from exporters.ical import escape_text, fold, write_ical
from exporters.rows import ExportRow, iter_rows, load_rows, to_row
from exporters.service import Counted, chunks, read_pieces, render, spool
from exporters.xlsx_stream import cell_xml, column_letter, row_xml, serial
from store.db import Database
from store.items import review_item, update_item
from store.models import ActionItem
from store.repository import ItemFilter, list_items
from store.views import ItemView
from tests.helpers.export_seed import TODAY, seed

BASE = "https://nirdesh.example.org"
HOSTILE = "खंड विकास अधिकारी; जाँच, रिपोर्ट\\सूची\r\nदूसरी पंक्ति\tटैब\x07घंटी\x00" + "सड़क मरम्मत " * 20


def _row(**changes: object) -> ExportRow:
    row = ExportRow(
        id=7,
        document_id=3,
        seq=1,
        text=HOSTILE,
        action=None,
        issued_by="जिलाधिकारी",
        responsible=[{"name": None, "designation": "अधिशासी अभियंता, लो.नि.वि."}],
        officers=["अधिशासी अभियंता, लो.नि.वि."],
        department="लोक निर्माण; विभाग",
        meeting_date=date(2026, 1, 5),
        meeting_title=None,
        source="बैठक.txt",
        deadline_text="28 फरवरी तक",
        due_date=date(2026, 2, 28),
        due_date_source="extracted",
        recurrence=None,
        status="done",
        priority="high",
        assignee=None,
        note="नोट\x1b",
        review_state="confirmed",
        overdue=False,
        confidence=0.9,
        created_at=datetime(2026, 1, 5, 10, 30, tzinfo=UTC),
        updated_at=datetime(2026, 1, 9, 8, 0, 5, tzinfo=UTC),
        url=f"{BASE}/#/documents/3?item=7",
    )
    return dataclasses.replace(row, **changes)


def test_fold_keeps_lines_within_75_octets_and_characters_whole() -> None:
    line = "DESCRIPTION:" + "निर्देश" * 40
    folded = fold(line)
    physical = folded.split(b"\r\n")[:-1]
    assert len(physical) > 1 and all(len(p) <= 75 for p in physical)
    assert all(p.startswith(b" ") for p in physical[1:])
    for p in physical:
        p.decode("utf-8")  # no character split across a fold
    assert b"".join(p[1:] if i else p for i, p in enumerate(physical)).decode() == line
    assert fold("SHORT:x") == b"SHORT:x\r\n"


def test_escape_text_follows_rfc5545() -> None:
    assert escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    assert escape_text("x\r\ny\rz") == "x\\ny\\nz"
    assert escape_text("bell\x07 nul\x00 tab\t") == "bell nul tab\t"


def test_hand_written_calendar_parses_back_to_the_same_values() -> None:
    now = datetime(2026, 1, 15, 9, 0, tzinfo=UTC)
    cal = Calendar.from_ical(write_ical([_row()], name="परीक्षण, कैलेंडर", events=True, now=now))
    assert str(cal["X-WR-CALNAME"]) == "परीक्षण\\, कैलेंडर"  # an X- property is TEXT; the library keeps it raw
    (todo,) = cal.walk("VTODO")
    assert str(todo["SUMMARY"]) == _row().summary.replace("\x07", "").replace("\x00", "")
    description = str(todo["DESCRIPTION"])
    assert "जाँच, रिपोर्ट\\सूची\nदूसरी पंक्ति\tटैब" in description  # comma, backslash, line break survive
    assert "\x07" not in description and "\x00" not in description
    assert todo.decoded("DUE") == date(2026, 2, 28)
    assert todo.decoded("DTSTAMP") == now
    assert todo.decoded("CREATED") == datetime(2026, 1, 5, 10, 30, tzinfo=UTC)
    assert todo.decoded("COMPLETED") == datetime(2026, 1, 9, 8, 0, 5, tzinfo=UTC)
    assert str(todo["STATUS"]) == "COMPLETED" and int(todo["PRIORITY"]) == 1
    assert [str(c) for c in todo["CATEGORIES"].cats] == ["अधिशासी अभियंता  लो.नि.वि.", "लोक निर्माण; विभाग"]
    (event,) = cal.walk("VEVENT")
    assert event.decoded("DTSTART") == date(2026, 2, 28) and event.decoded("DTEND") == date(2026, 3, 1)
    assert str(event["UID"]) == "event-" + str(todo["UID"])


def test_xlsx_writer_values_dates_controls_and_empty_book() -> None:
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
    assert serial(date(1900, 3, 1)) == 61 and serial(date(2026, 1, 1)) == 46023
    book = load_workbook(io.BytesIO(write_xlsx([_row(), _row(id=8, due_date=None)])))
    ws = book.active
    header = [c.value for c in ws[1]]
    assert ws[1][0].font.b and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:P3"
    cells = dict(zip(header, [c.value for c in ws[2]], strict=True))
    assert cells["क्रमांक / ID"] == 7
    assert cells["देय तिथि / Due date"] == datetime(2026, 2, 28)
    assert ws.cell(row=2, column=header.index("देय तिथि / Due date") + 1).number_format == "yyyy-mm-dd"
    assert cells["निर्देश / Directive"] == HOSTILE.replace("\x07", "").replace("\x00", "").replace("\r", "")
    assert cells["टिप्पणी / Note"] == "नोट"  # ESC cannot be stored in XML: dropped, the rest kept
    assert ws.cell(row=3, column=header.index("देय तिथि / Due date") + 1).value is None
    empty = load_workbook(io.BytesIO(write_xlsx([])))
    assert empty.sheetnames == ["कार्य-बिंदु"] and empty.active.max_row == 1


def test_streamed_rows_equal_loaded_rows(db: Database) -> None:
    seed(db)
    with db.session() as s:
        loaded = load_rows(s, ItemFilter(), today=TODAY, base_url=BASE, sort="-due_date")
    with db.session() as s:
        streamed = list(iter_rows(s, ItemFilter(), today=TODAY, base_url=BASE, sort="-due_date"))
        with pytest.raises(ValueError, match="sort key"):
            next(iter_rows(s, ItemFilter(), today=TODAY, base_url=BASE, sort="nope"))
    assert streamed == loaded and len(streamed) == 4
    with db.session() as s:
        assert len(list(iter_rows(s, ItemFilter(), today=TODAY, base_url=BASE, max_items=3))) == 3


def test_core_rows_equal_the_read_model_rows(db: Database) -> None:
    """The exports read plain columns (one Core SELECT); every value must equal what the read model
    (store.views.ItemView, the API's item JSON) makes of the same item: corrections, a cleared issuer,
    a manual due date, a closed overdue item, several people."""
    seed(db)
    with db.session() as s:
        a, b, c, d = s.scalars(select(ActionItem).order_by(ActionItem.id)).all()
        review_item(
            s, a, "correct", "meena", {"issued_by": None, "responsible": [{"name": "रमेश", "designation": None}]}
        )
        review_item(s, b, "correct", "meena", {"responsible": ["सचिव", {"name": "सुनीता", "designation": "तहसीलदार"}]})
        update_item(s, c, {"due_date": "2026-01-01", "assignee": "मीना", "note": "देखें", "priority": "high"}, "m")
        update_item(s, d, {"status": "done"}, "meena")
    for sort in ("id", "-due_date", "priority"):
        with db.session() as s:
            items, _ = list_items(s, ItemFilter(), today=TODAY, sort=sort, limit=100)
            from_view = [to_row(ItemView.from_row(i, i.document, TODAY), BASE) for i in items]
        with db.session() as s:
            assert list(iter_rows(s, ItemFilter(), today=TODAY, base_url=BASE, sort=sort)) == from_view
    assert [r.overdue for r in from_view].count(True) >= 1


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "ics", "json"])
def test_spooled_stream_is_the_rendered_file(db: Database, fmt: str) -> None:
    seed(db)
    settings = dataclasses.replace(Settings(), public_url=BASE)
    with db.session() as s:
        rows = load_rows(s, ItemFilter(), today=TODAY, base_url=BASE)
    counted = Counted(rows)
    body, size = spool(chunks(fmt, counted, ItemFilter(), settings=settings), in_memory=64)
    data = b"".join(read_pieces(body, piece=100))
    assert body.closed and size == len(data) and counted.n == 4
    if fmt == "json":
        doc = json.loads(data)
        assert doc["count"] == 4 and len(doc["items"]) == 4
        assert doc["items"] == json.loads(render(fmt, rows, ItemFilter(), settings=settings).body)["items"]
    elif fmt == "csv":
        assert data == render(fmt, rows, ItemFilter(), settings=settings).body
    with pytest.raises(ValueError, match="unknown format"):
        chunks("pdf", rows, ItemFilter(), settings=settings)


def test_a_rows_xml_is_its_cells_xml() -> None:
    """The writer's inner loop (text cells inline) makes exactly what ``cell_xml`` makes of each value."""
    values = [
        7,
        "A & <b> \x01 नियंत्रण",
        "",
        None,
        "सादा पाठ",
        date(2026, 3, 1),
        datetime(2026, 3, 1, 12, 30, tzinfo=UTC),
        True,
        2.5,
        "=HYPERLINK(1)",
    ]
    letters = [column_letter(i) for i in range(1, len(values) + 1)]
    expected = "".join(cell_xml(f"{c}5", v) for c, v in zip(letters, values, strict=True))
    assert row_xml(5, letters, values) == f'<row r="5">{expected}</row>'
    assert cell_xml("F5", date(2026, 3, 1)) == f'<c r="F5" s="2"><v>{serial(date(2026, 3, 1)):g}</v></c>'
