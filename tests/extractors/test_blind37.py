"""Forms of the fifth unseen-style set (corpus 182-193, blind37), each in sentences written for these tests.

Minutes of Haryana and MP offices carry an endorsement number (``पृ. क्रमांक``, ``पृष्ठांकन क्रमांक``) over the
text: its date is the letter's. Action tables come without an owner column, their owner in the heading above
(``X द्वारा की जाने वाली कार्यवाही:``) and their directive column headed only ``कार्य``; a follow-up minute reports
the last meeting's decisions in a table (``पिछली बैठक के निर्णयों की अनुपालन स्थिति``, ``पिछला निर्णय``) whose rows
are no new directions. A sanction threatened on offenders (``… जब्त किए जाएंगे``, ``… का चालान किया जाएगा``) and a
benefit (``… आसानी होगी``) ask nothing of anyone. Bodies and posts: ``इकाइयां``, ``एयरलाइंस``, ``जिला कमांडेंट
होमगार्ड्स``, ``इसकी जिम्मेदारी X की होगी``, the issuer's own title in the plural (others of that rank), and those
deployed (``X को तैनात रखने``), who are placed, not told to act."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.meeting import meeting_date
from extractors.tables import columns_for, heading_owner
from extractors.targets import find_targets
from tests.extractors.test_forms import extract, rows, slash_lines


def _last_item(document: str) -> dict:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    return items[-1]


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind37/letter_dates.tsv", 3))
def test_endorsement_number_dates_the_letter(document: str, expected: str, form: str) -> None:
    assert meeting_date(slash_lines(document)) == date.fromisoformat(expected)


@pytest.mark.parametrize(("header", "expected", "form"), rows("blind37/table_headers.tsv", 3))
def test_directive_column_headers(header: str, expected: str, form: str) -> None:
    cols = columns_for([c.strip() for c in header.split(" | ")])
    assert (cols.directive if cols else "-") == (expected if expected == "-" else int(expected))


@pytest.mark.parametrize(("heading", "expected", "form"), rows("blind37/heading_owners.tsv", 3))
def test_owner_in_a_tables_heading(heading: str, expected: str, form: str) -> None:
    assert (heading_owner(heading) or "-") == expected


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind37/tables.tsv", 3))
def test_headed_and_compliance_tables(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    got = [[p["designation"] for p in item["responsible"]] for item in items]
    assert got == ([] if expected == "-" else [e.split("|") for e in expected.split(";")])


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind37/items_or_not.tsv", 3))
def test_sanctions_and_benefits(document: str, expected: str, form: str) -> None:
    last = document.split(" / ")[-1].strip()
    items = extract(slash_lines(document))["action_items"]
    is_item = any(last.startswith(item["text"][:30]) or item["text"] in last for item in items)
    assert is_item == (expected == "yes"), items


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind37/responsible.tsv", 3))
def test_responsible_forms_blind37(document: str, expected: str, form: str) -> None:
    got = [p["designation"] for p in _last_item(document)["responsible"]]
    assert got == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind37/issuers.tsv", 3))
def test_issuer_forms_blind37(document: str, expected: str, form: str) -> None:
    issued = _last_item(document)["issued_by"] or {}
    assert issued.get("designation", "").split(",")[0] == expected, issued


@pytest.mark.parametrize(("sentence", "meeting", "text", "when", "form"), rows("blind37/deadlines.tsv", 5))
def test_deadline_forms_blind37(sentence: str, meeting: str, text: str, when: str, form: str) -> None:
    items = extract(sentence + "\n", date.fromisoformat(meeting))["action_items"]
    assert len(items) == 1
    deadline = items[0]["deadline"] or {}
    assert (deadline.get("text"), deadline.get("date")) == (text, None if when == "-" else when)


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("blind37/targets.tsv", 3))
def test_target_forms_blind37(sentence: str, expected: str, form: str) -> None:
    assert [t["text"] for t in find_targets(sentence, [])] == expected.split("|")
