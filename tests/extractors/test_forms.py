"""Table-driven tests, one row per sentence, of the forms issue 15 lists (tests/data/*.tsv).

The sentences are written for these tests, in other departments, states and posts than the documents
the rules were first written on. A new form is a row in a table here plus a row in a rule table.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from extractors import extract_document
from extractors.directives import directive_cue
from extractors.recurrence import find_recurrence
from extractors.targets import find_targets
from ingest.document import IngestedDocument, Page
from nlp.dates import find_time_expressions

DATA = Path(__file__).resolve().parents[1] / "data"
MEETING = date(2025, 9, 1)


def rows(name: str, columns: int) -> list[Any]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = (line.split("\t") + [""] * columns)[:columns]
        out.append(pytest.param(*cells, id=f"{cells[-1] or cells[0][:20]}: {cells[0][:30]}"))
    return out


def slash_lines(document: str) -> str:
    """A table cell's document: its lines are written with " / " between them."""
    return "\n".join(s.strip() for s in document.split(" / ")) + "\n"


def extract(text: str, meeting: date | None = MEETING) -> dict[str, Any]:
    return extract_document(IngestedDocument("t.txt", "txt", [Page(1, text, "txt")]), meeting).to_json()


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directives.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    assert (cue is not None) == (expected == "yes"), cue


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("responsible.tsv", 3))
def test_responsible_forms(sentence: str, expected: str, form: str) -> None:
    text = ("कार्यवृत्त\n\n" if sentence[:1].isdigit() else "") + sentence + "\n"
    items = extract(text)["action_items"]
    assert len(items) == 1, f"not read as one directive: {sentence}"
    got = [p["designation"] for p in items[0]["responsible"]]
    assert got == [e for e in expected.split("|") if e]


@pytest.mark.parametrize(("sentence", "meeting", "text", "when", "kind"), rows("deadlines.tsv", 5))
def test_deadline_forms(sentence: str, meeting: str, text: str, when: str, kind: str) -> None:
    items = extract(sentence + "\n", date.fromisoformat(meeting))["action_items"]
    assert len(items) == 1
    deadline = items[0]["deadline"]
    if not text:
        assert deadline is None
        return
    assert deadline is not None
    assert (deadline["text"], deadline["date"] or "", deadline["kind"]) == (text, when, kind)


def test_a_start_date_is_a_start_not_a_due_date() -> None:
    (expr,) = find_time_expressions("योजना 1 नवंबर से लागू की जाए।", date(2025, 9, 1))
    assert (expr.kind, expr.date) == ("from", "2025-11-01")


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("targets.tsv", 3))
def test_target_forms(sentence: str, expected: str, form: str) -> None:
    got = [str(t["text"]) for t in find_targets(sentence, [])]
    assert got == [e for e in expected.split("|") if e]


@pytest.mark.parametrize(("document", "expected", "form"), rows("issuers.tsv", 3))
def test_issuer_forms(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, "no directive read"
    issuer = items[-1]["issued_by"]
    designation, _, name = expected.partition("/")  # "post/name" when the row also checks the name
    assert issuer is not None and issuer["designation"] == designation, issuer
    if name:
        assert issuer["name"] == name, issuer


@pytest.mark.parametrize(("document", "when", "place", "chair", "form"), rows("meetings.tsv", 5))
def test_meeting_forms(document: str, when: str, place: str, chair: str, form: str) -> None:
    meeting = extract(slash_lines(document), None)["meeting"]
    assert (meeting["date"], meeting["place"]) == (when or None, place or None)
    assert meeting["chair"] is not None and meeting["chair"]["designation"] == chair, meeting["chair"]


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("recurrence.tsv", 3))
def test_recurrence_forms(sentence: str, expected: str, form: str) -> None:
    assert find_recurrence(sentence) == (expected or None)


@pytest.mark.parametrize(("cell", "when", "kind", "recurrence", "form"), rows("time_limit_cells.tsv", 5))
def test_time_limit_cells(cell: str, when: str, kind: str, recurrence: str, form: str) -> None:
    table = f"कार्यवृत्त\n\nक्रम | निर्णय | उत्तरदायी अधिकारी | समय सीमा\n1 | गोदामों का निरीक्षण किया जाए | सचिव | {cell}\n"
    (item,) = extract(table)["action_items"]
    deadline = item["deadline"]
    assert (deadline["date"] or "", deadline["kind"]) == (when, kind) if kind else deadline is None
    assert item["recurrence"] == (recurrence or None)


@pytest.mark.parametrize(("document", "expected", "form"), rows("carried_addressees.tsv", 3))
def test_carried_addressees(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, "no directive read"
    # "-": the last directive names nobody (corpus/README.md, subjectless follow-ups)
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("list_lines.tsv", 3))
def test_unmarked_list_lines(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert [it["text"].split()[0] for it in items] == expected.split("|")
