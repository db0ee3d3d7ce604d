"""Forms of who must act and who issued a directive across the real notes (issue 15, forms39), each in sentences
written for these tests.

Outlets write a post's vowel signs at the wrong length (``निरिक्षक`` for निरीक्षक, ``अधीकारी``, ``अधिक्षक``): the
gazetteer reads a post whose last word (of six letters or more) has one stem vowel sign at the other length as
that post, so the post stays an agent, an addressee and a link of a list of officers; the fold changes one sign
of the last word only, so a ranked post (``अपर जिलाधिकारी``) stays distinct. A request made to a dative many
words later (``अधिकारियों को … उपस्थित होने का आग्रह किया``) binds it as a direction does, unless a से before it
names whom the request is made of. The need of an action said of a dative (``प्रधानाचार्यों को … ध्यान देने की जरूरत
है``) binds it as an obligation does."""

from __future__ import annotations

import pytest

from models.gazetteer import load_gazetteer
from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("forms39/responsible.tsv", 3))
def test_responsible_forms_forms39(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("forms39/issuers.tsv", 3))
def test_issuer_forms_forms39(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("designation", "") == expected, items[-1]["issued_by"]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("सफाई निरिक्षक", "सफाई निरीक्षक"),
        ("जिलाधीकारी", "जिलाधिकारी"),
        ("अपर जिलाधिकारी", "अपर जिलाधिकारी"),
        ("सचीव", ""),  # a short last word is never folded
    ],
)
def test_vowel_length_slips_forms39(written: str, canonical: str) -> None:
    found = load_gazetteer().find(written)
    assert (found[0].designation if found and found[0].end == len(written) else "") == canonical
