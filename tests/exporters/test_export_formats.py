"""Export writers: CSV (BOM, Jira columns), XLSX (real dates, sheets), iCalendar round trip, JSON schema."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import jsonschema
import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from exporters.csv_xlsx import JIRA_COLUMNS, write_csv, write_xlsx
from exporters.ical import write_ical
from exporters.json_export import export_document, load_schema
from exporters.rows import load_rows
from store.db import Database
from store.repository import ItemFilter
from tests.helpers.export_seed import TODAY, seed

BASE = "https://nirdesh.example.org"


@pytest.fixture
def rows(db: Database):
    seed(db)
    with db.session() as s:
        return load_rows(s, ItemFilter(), today=TODAY, base_url=BASE, sort="id")


def test_csv_has_bom_jira_columns_and_devanagari(rows) -> None:
    data = write_csv(rows)
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM: Excel then reads Devanagari
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(header[:7]) == JIRA_COLUMNS
    assert len(table) == len(rows) == 4
    road = next(r for r in table if "सड़क मरम्मत" in r["Summary"])
    assert road["Due date"] == "2026-02-28"
    assert road["Assignee"] == "अधिशासी अभियंता"
    assert road["Priority"] == "Medium" and road["Status"] == "To Do"
    assert "nirdesh" in road["Labels"].split() and "ग्राम्य_विकास_विभाग" in road["Labels"].split()
    assert road["URL"].startswith(BASE) and "अधिशासी अभियंता" in road["Description"]
    overdue = next(r for r in table if "आवास सर्वे" in r["Summary"])
    assert "overdue" in overdue["Labels"].split()  # due 2026-01-10 < TODAY
    undated = next(r for r in table if "साप्ताहिक" in r["Summary"])
    assert undated["Due date"] == ""


def test_xlsx_dates_are_dates_and_sheets_per_meeting(rows) -> None:
    flat = load_workbook(io.BytesIO(write_xlsx(rows)))
    assert len(flat.sheetnames) == 1
    ws = flat.active
    header = [c.value for c in ws[1]]
    assert "देय तिथि / Due date" in header and ws[1][0].font.b
    due_col = header.index("देय तिथि / Due date") + 1
    values = [ws.cell(row=r, column=due_col).value for r in range(2, ws.max_row + 1)]
    dated = [v for v in values if v is not None]
    assert len(dated) == 3 and all(isinstance(v, date) for v in dated)  # datetime is a date subclass
    assert {v.date() if hasattr(v, "date") else v for v in dated} == {
        date(2026, 1, 10),
        date(2026, 2, 28),
        date(2026, 1, 20),
    }
    assert ws.freeze_panes == "A2"

    per = load_workbook(io.BytesIO(write_xlsx(rows, per_meeting=True)))
    assert len(per.sheetnames) == 2
    assert [per[n].max_row - 1 for n in per.sheetnames] == [3, 1]
    assert per.sheetnames[0].startswith("2026-01-05")


def test_ical_round_trip(rows) -> None:
    data = write_ical(rows, name="परीक्षण")
    cal = Calendar.from_ical(data)
    todos = cal.walk("VTODO")
    assert len(todos) == 4
    by_uid = {str(t["UID"]): t for t in todos}
    assert all(u.startswith("nirdesh-item-") and u.endswith("@nirdesh.example.org") for u in by_uid)
    road = next(t for t in todos if "सड़क मरम्मत" in str(t["SUMMARY"]))
    assert road.decoded("DUE") == date(2026, 2, 28)
    assert str(road["STATUS"]) == "NEEDS-ACTION" and int(road["PRIORITY"]) == 5
    assert "अधिशासी अभियंता" in [str(c) for c in road["CATEGORIES"].cats]
    assert str(road["URL"]).startswith(BASE)
    undated = next(t for t in todos if "साप्ताहिक" in str(t["SUMMARY"]))
    assert "DUE" not in undated  # documented: undated items are VTODOs without DUE
    # UIDs are stable: a second export names the same tasks.
    again = {str(t["UID"]) for t in Calendar.from_ical(write_ical(rows)).walk("VTODO")}
    assert again == set(by_uid)
    # events=True adds an all-day VEVENT for dated items only
    events = Calendar.from_ical(write_ical(rows, events=True)).walk("VEVENT")
    assert len(events) == 3 and all(e.decoded("DTEND") > e.decoded("DTSTART") for e in events)


def test_json_export_validates_against_schema(rows) -> None:
    doc = export_document(rows, ItemFilter(status=["open"]))
    doc = json.loads(json.dumps(doc, ensure_ascii=False))  # exactly what is written
    schema = load_schema()
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    validator.validate(doc)
    assert doc["count"] == 4 and doc["filters"] == {"status": ["open"]}
    broken = json.loads(json.dumps(doc))
    broken["items"][0]["status"] = "finished"
    assert not validator.is_valid(broken)
    del broken["items"][0]["status"]
    assert not validator.is_valid(broken)


def test_migration_creates_the_export_tables(db: Database) -> None:
    from sqlalchemy import inspect

    names = set(inspect(db.engine).get_table_names())
    assert {"pushed_items", "outbox_events", "deliveries"} <= names
    uniques = {u["name"] for u in inspect(db.engine).get_unique_constraints("outbox_events")}
    assert "uq_outbox_events_event_key" in uniques
