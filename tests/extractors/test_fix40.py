"""Forms of the eighth unseen-style set (corpus 212-217, blind40), each in sentences written for these tests.

Press notes of the islands and the north-east mix English into Hindi: posts in Latin words (``Director (PS&A)``,
``सभी BDOs``, ``Electricity Department के Executive Engineer``) and English cue words (``directed किया``,
``directions दी गईं कि``)."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.meeting import meeting_date, meeting_place
from nlp.dates import find_time_expressions
from nlp.sentences import split_sentences
from tests.extractors.test_forms import extract, rows, slash_lines


def _last_responsible(document: str) -> list[str]:
    items = extract(slash_lines(document))["action_items"]
    assert items, "no directive read"
    return [p["designation"] for p in items[-1]["responsible"]]


def _is_item(document: str) -> bool:
    last = document.split(" / ")[-1].strip()
    items = extract(slash_lines(document))["action_items"]
    return any(last.startswith(item["text"][:30]) or item["text"] in last for item in items)


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix40/responsible.tsv", 3))
def test_responsible_forms_fix40(document: str, expected: str, form: str) -> None:
    assert _last_responsible(document) == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix40/english_cues.tsv", 3))
def test_english_cue_words(document: str, expected: str, form: str) -> None:
    assert _is_item(document) == (expected == "yes")


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix40/meeting_dates.tsv", 3))
def test_meeting_date_fix40(document: str, expected: str, form: str) -> None:
    assert meeting_date(slash_lines(document)) == date.fromisoformat(expected)


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("fix40/effect_dates.tsv", 3))
def test_effect_start_dates(sentence: str, expected: str, form: str) -> None:
    got = [f"{e.text}={e.date}={e.kind}" for e in find_time_expressions(sentence, date(2025, 12, 17))]
    assert got == expected.split("|")


@pytest.mark.parametrize(("text", "expected", "form"), rows("fix40/sentences.tsv", 3))
def test_latin_abbreviations_end_no_sentence(text: str, expected: str, form: str) -> None:
    assert [s.text for s in split_sentences(text)] == expected.split("|")


@pytest.mark.parametrize(("sentence", "deadline", "recurrence", "form"), rows("fix40/deadlines.tsv", 4))
def test_deadline_and_recurrence_fix40(sentence: str, deadline: str, recurrence: str, form: str) -> None:
    (item,) = extract(sentence + "\n")["action_items"]
    got = item["deadline"]
    assert (f"{got['text']}={got['date']}" if got else "-") == deadline
    assert (item["recurrence"] or "-") == recurrence


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("fix40/targets.tsv", 3))
def test_target_forms_fix40(sentence: str, expected: str, form: str) -> None:
    (item,) = extract(sentence + "\n")["action_items"]
    assert [t["text"] for t in item["targets"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix40/chairs.tsv", 3))
def test_chair_named_after_a_compound_title(document: str, expected: str, form: str) -> None:
    chair = extract(slash_lines(document))["meeting"]["chair"]
    assert f"{chair['name']}={chair['designation']}" == expected


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix40/places.tsv", 3))
def test_place_fix40(document: str, expected: str, form: str) -> None:
    assert meeting_place(slash_lines(document)) == expected
