"""Forms of the fourth unseen-style set (corpus 170-181, blind34), each in sentences written for these tests.

Formal minutes open with a letter's reference line (``पत्रांक: …  दिनांक: …``, a ``दिनांक:`` line under a letter
number, ``संदर्भ: … पत्र क्रमांक … दिनांक …``): its date is the letter's, issued days after the meeting, so the
sentence that dates the meeting (``दिनांक 09.01.2026 को … बैठक संपन्न हुई``) wins, and the letter's date stands only
when nothing else dates it. An action table's owner cell names each member whole (``अग्रणी जिला प्रबंधक, विकास खंड
अधिकारी`` two posts; ``प्रबंध निदेशक, केंद्रीय सहकारी बैंक`` one post and its office; ``सहायक आबकारी एवं कराधान
आयुक्त`` one post whose एवं joins two departments), and a time-limit column may be headed ``अवधि`` or ``कब तक``."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.meeting import meeting_date
from extractors.tables import columns_for, owner_members
from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind34/letter_dates.tsv", 3))
def test_letter_reference_date_is_not_the_meeting(document: str, expected: str, form: str) -> None:
    assert meeting_date(slash_lines(document)) == date.fromisoformat(expected)


@pytest.mark.parametrize(("cell", "expected", "form"), rows("blind34/owner_cells.tsv", 3))
def test_owner_cell_members(cell: str, expected: str, form: str) -> None:
    assert owner_members(cell) == expected.split("|")


@pytest.mark.parametrize(("header", "expected", "form"), rows("blind34/time_columns.tsv", 3))
def test_time_limit_column_headers(header: str, expected: str, form: str) -> None:
    cols = columns_for([c.strip() for c in header.split(" | ")])
    assert cols is not None and cols.deadline == int(expected)


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind34/items_or_not.tsv", 3))
def test_past_directions_fines_and_warnings(document: str, expected: str, form: str) -> None:
    last = document.split(" / ")[-1].strip()
    items = extract(slash_lines(document))["action_items"]
    is_item = any(last.startswith(item["text"][:30]) or item["text"] in last for item in items)
    assert is_item == (expected == "yes"), items


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind34/responsible.tsv", 3))
def test_responsible_forms_blind34(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind34/issuers.tsv", 3))
def test_issuer_forms_blind34(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("designation", "").split(",")[0] == expected, items[-1]["issued_by"]
