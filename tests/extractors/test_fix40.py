"""Forms of the eighth unseen-style set (corpus 212-217, blind40), each in sentences written for these tests.

Press notes of the islands and the north-east mix English into Hindi: posts in Latin words (``Director (PS&A)``,
``सभी BDOs``, ``Electricity Department के Executive Engineer``) and English cue words (``directed किया``,
``directions दी गईं कि``)."""

from __future__ import annotations

import pytest

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
