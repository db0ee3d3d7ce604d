"""Forms of the seventh unseen-style set (corpus 206-211, blind39), each in sentences written for these tests.

Formal minutes and orders after meetings: a table may put its owner's column before the task's (``कार्यवाही हेतु |
बिंदु``) or hold the task and its owner in one cell (``निर्णय एवं उत्तरदायी अधिकारी``: the owner after a dash, a colon
or in brackets at the cell's end). An order opens its numbered points with "निम्नानुसार आदेश दिए जाते हैं:"; each
point is an order though in the future indicative (``… कराएगा``, ``… किया जाएगा``), a sanction on whoever breaks it
excepted."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.tables import closing_owner, columns_for, owner_members
from extractors.targets import find_targets
from ingest.garble import word_is_invalid
from ingest.plausible import suspicious_words
from nlp.dates import find_time_expressions
from tests.extractors.test_forms import extract, rows, slash_lines


def _read(document: str) -> list[str]:
    items = extract(slash_lines(document))["action_items"]
    return [f"{item['text']}=>{'|'.join(p['designation'] for p in item['responsible'])}" for item in items]


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix39/tables.tsv", 3))
def test_tables_by_their_header(document: str, expected: str, form: str) -> None:
    assert _read(document) == ([] if expected == "-" else expected.split(";"))


def test_owner_column_first_is_no_directive() -> None:
    cols = columns_for(["क्र.सं.", "कार्यवाही हेतु", "बिंदु", "समय-सीमा"])
    assert cols is not None and (cols.owner, cols.directive, cols.deadline) == (1, 2, 3)


@pytest.mark.parametrize(
    ("cell", "owner"),
    [
        ("भवन की पुताई – सचिव, कृषि उपज मंडी समिति", "सचिव, कृषि उपज मंडी समिति"),
        ("बाट-माप का सत्यापन: विधिक माप विज्ञान निरीक्षक", "विधिक माप विज्ञान निरीक्षक"),
        ("घाटों पर गोताखोरों की तैनाती (पुलिस अधीक्षक)", "पुलिस अधीक्षक"),
        ("सड़क किनारे पौधारोपण (500 पौधे)", None),
        ("समय: प्रातः 10 बजे", None),
    ],
)
def test_owner_closing_a_merged_cell(cell: str, owner: str | None) -> None:
    assert closing_owner(cell) == owner


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix39/items_or_not.tsv", 3))
def test_items_or_not_fix39(document: str, expected: str, form: str) -> None:
    last = document.split(" / ")[-1].strip()
    items = extract(slash_lines(document))["action_items"]
    is_item = any(last.startswith(item["text"][:30]) or item["text"] in last for item in items)
    assert is_item == (expected == "yes"), items


@pytest.mark.parametrize(
    ("document", "expected", "form"), rows("fix39/action_lines.tsv", 3) + rows("fix39/responsible.tsv", 3)
)
def test_responsible_forms_fix39(document: str, expected: str, form: str) -> None:
    """``कार्यवाही: X`` lines and inline ``(कार्यवाही: X)`` (action_lines.tsv), and addressees in the sentence."""
    items = extract(slash_lines(document))["action_items"]
    assert items, "no directive read"
    assert [p["designation"] for p in items[-1]["responsible"]] == expected.split("|")


@pytest.mark.parametrize(
    ("cell", "members"),
    [
        ("उप अभियंता, RES, कोरापुट एवं जयपुर", ["उप अभियंता, RES, कोरापुट एवं जयपुर"]),
        ("अधिशासी अभियंता (भवन / सड़क)", ["अधिशासी अभियंता (भवन / सड़क)"]),
        ("तहसीलदार, बरगढ़ एवं नायब तहसीलदार", ["तहसीलदार, बरगढ़", "नायब तहसीलदार"]),
        ("जिला पंचायत अधिकारी/सभी ग्राम पंचायतें", ["जिला पंचायत अधिकारी", "ग्राम पंचायतें"]),
        ("सहायक आबकारी एवं कराधान आयुक्त", ["सहायक आबकारी एवं कराधान आयुक्त"]),
    ],
)
def test_owner_members_conjunctions(cell: str, members: list[str]) -> None:
    assert owner_members(cell) == members


@pytest.mark.parametrize(("document", "expected", "form"), rows("fix39/no_responsible.tsv", 3))
def test_no_responsible_fix39(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, "no directive read"
    assert items[-1]["responsible"] == []


@pytest.mark.parametrize(("sentence", "text", "when", "form"), rows("fix39/deadlines.tsv", 4))
def test_seasons_and_events_as_limits(sentence: str, text: str, when: str, form: str) -> None:
    found = find_time_expressions(sentence, date(2026, 2, 10))
    assert [(e.text, e.date or "-") for e in found] == [(text, when)]


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("fix39/targets.tsv", 3))
def test_target_forms_fix39(sentence: str, expected: str, form: str) -> None:
    assert [t["text"] for t in find_targets(sentence, [])] == expected.split("|")


@pytest.mark.parametrize(("document", "designation", "name", "form"), rows("fix39/issuers.tsv", 4))
def test_issuer_forms_fix39(document: str, designation: str, name: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items and items[-1]["issued_by"] == {"name": None if name == "-" else name, "designation": designation}


def test_a_cum_posts_holder_lends_no_name_to_other_officers() -> None:
    document = (
        "कार्यवृत्त / मुख्य विकास अधिकारी-सह-कार्यकारी अधिकारी श्री अमरेश दास ने सदस्य सचिव के रूप में संचालन किया। / "
        "अध्यक्ष ने सभी ब्लॉक विकास अधिकारियों को निर्देशित किया कि मासिक बैठकें नियमित रूप से करें।"
    )
    items = extract(slash_lines(document))["action_items"]
    assert items and [p["name"] for p in items[-1]["responsible"]] == [None], items


@pytest.mark.parametrize(
    ("word", "invalid"), [("११:००", False), ("९:३०", False), ("10:45", False), ("परि:वर्तन", True), ("११:०००", True)]
)
def test_clock_time_in_devanagari_digits_is_a_word(word: str, invalid: bool) -> None:
    """ "पूर्वाह्न ११:०० बजे" (206): a time of day is no garbled word; a colon inside letters still is."""
    assert word_is_invalid(word) == invalid


@pytest.mark.parametrize(("text", "suspicious"), [("ह/- (रमेश कुमार)", 0), ("ह रमेश कुमार", 1)])
def test_signature_mark_is_no_split_syllable(text: str, suspicious: int) -> None:
    """ "ह/-" under a signature (हस्ताक्षरित, cut short on purpose) is no syllable split from its word."""
    assert suspicious_words(text)[0] == suspicious
