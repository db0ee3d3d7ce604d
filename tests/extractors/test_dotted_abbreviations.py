"""Posts written letter by letter with a dot or a zero after each letter (``डी.एम.``, ``एस0डी0एम0``,
``बी. डी. ओ.``) are the abbreviations the gazetteer knows, reported as written; initials of a name and a
full stop typed without a space are not posts. Sentences written for these tests; tables in
tests/data/dotted_abbreviations.tsv (here), responsible_dotted.tsv and issuers_dotted.tsv (run by
tests/extractors/test_responsible30.py)."""

from __future__ import annotations

import pytest

from models.gazetteer import load_gazetteer
from nlp.vocab import is_in, undotted
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("sentence", "written", "canonical"), rows("dotted_abbreviations.tsv", 3))
def test_a_dotted_abbreviation_is_the_post_it_abbreviates(sentence: str, written: str, canonical: str) -> None:
    first = load_gazetteer().find(sentence)[0]
    assert (first.written, first.canonical, first.abbreviation) == (written, canonical, True)
    assert sentence[first.start : first.end].strip() == written


@pytest.mark.parametrize(
    "sentence",
    [
        "उन्होंने कहा कि काम पूरा हो गया.अब समीक्षा होगी।",  # a full stop typed without a space
        "बैठक में समिति के सदस्य उपस्थित रहे।",
        "उ0प्र0 सरकार की योजनाओं की समीक्षा हुई।",  # the state's abbreviation is no post
    ],
)
def test_no_post_where_no_abbreviation_is_spelt(sentence: str) -> None:
    assert load_gazetteer().find(sentence) == []


def test_a_letter_by_letter_word_is_looked_up_without_its_marks() -> None:
    assert undotted("एस.डी.एम.") == undotted("एस0डी0एम0") == undotted("एस. डी. एम.") == "एसडीएम"
    assert undotted("गया.अब") == "गया.अब"  # not a word of marked letters: unchanged
    assert is_in("एस.डी.ओ.", "context_abbreviations") == is_in("एसडीओ", "context_abbreviations") is True
