"""Forms of the sixth unseen-style set (corpus 194-205, blind38), each in sentences written for these tests.

Minutes carry tables whose owner is named in a heading of its duty (``X का उत्तरदायित्व:``) and rows whose cells wrap
onto a line of their own, its serial cell empty; a time-limit cell may say only how often (``प्रतिदिन``), no due
date. A list opened by ``बैठक में निम्नलिखित निर्णय लिए गए:`` holds verbless points whose owner closes them after a
dash, often a post in Latin capitals (``— BDO खलत्से एवं BDO नुब्रा``). Bihar and Jharkhand write the senior
superintendent of police ``वरीय पुलिस अधीक्षक``; a note may date its meeting only by a weekday before a review
with no word for a meeting (``… ने गुरुवार को … की समीक्षा की``)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.meeting import meeting_date
from extractors.recurrence import names_a_frequency
from extractors.tables import heading_owner
from extractors.targets import find_targets
from tests.extractors.test_forms import extract, rows, slash_lines


def _read(document: str) -> list[str]:
    items = extract(slash_lines(document))["action_items"]
    return [f"{item['text']}=>{'|'.join(p['designation'] for p in item['responsible'])}" for item in items]


@pytest.mark.parametrize(("heading", "expected", "form"), rows("blind38/heading_owners.tsv", 3))
def test_owner_named_by_its_duty(heading: str, expected: str, form: str) -> None:
    assert (heading_owner(heading) or "-") == expected


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind38/tables.tsv", 3))
def test_wrapped_and_duty_headed_tables(document: str, expected: str, form: str) -> None:
    assert _read(document) == ([] if expected == "-" else expected.split(";"))


@pytest.mark.parametrize(("cell", "expected", "form"), rows("blind38/frequencies.tsv", 3))
def test_time_cell_of_a_frequency(cell: str, expected: str, form: str) -> None:
    assert names_a_frequency(cell) == (expected == "yes")


def test_daily_time_cell_is_no_deadline() -> None:
    document = "कार्यवृत्त / क्र. | कार्य | उत्तरदायी | समय-सीमा / 1 | मंडी में आवक की सूचना | मंडी सचिव | प्रतिदिन"
    items = extract(slash_lines(document))["action_items"]
    assert [(item["deadline"], item["recurrence"]) for item in items] == [(None, None)]


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind38/points.tsv", 3))
def test_points_owned_after_a_dash(document: str, expected: str, form: str) -> None:
    assert _read(document) == ([] if expected == "-" else expected.split(";"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind38/issuers.tsv", 3))
def test_issuer_forms_blind38(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items and (items[-1]["issued_by"] or {}).get("designation") == expected, items


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind38/meeting_dates.tsv", 3))
def test_review_on_a_weekday(document: str, expected: str, form: str) -> None:
    assert meeting_date(slash_lines(document)) == date.fromisoformat(expected)


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind38/items_or_not.tsv", 3))
def test_items_or_not_blind38(document: str, expected: str, form: str) -> None:
    last = document.split(" / ")[-1].strip()
    items = extract(slash_lines(document))["action_items"]
    is_item = any(last.startswith(item["text"][:30]) or item["text"] in last for item in items)
    assert is_item == (expected == "yes"), items


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("blind38/targets.tsv", 3))
def test_target_forms_blind38(sentence: str, expected: str, form: str) -> None:
    assert [t["text"] for t in find_targets(sentence, [])] == expected.split("|")
    (item,) = extract(sentence + "\n")["action_items"]  # beside its deadline, which the targets may not overlap
    assert [t["text"] for t in item["targets"]] == expected.split("|")


@pytest.mark.parametrize(("document", "expected", "form"), rows("blind38/responsible.tsv", 3))
def test_responsible_forms_blind38(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, "no directive read"
    assert [p["designation"] for p in items[-1]["responsible"]] == expected.split("|")
