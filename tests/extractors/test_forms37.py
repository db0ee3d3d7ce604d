"""Forms of who issued a directive and who must act across the real notes (issue 15, forms37), each in sentences written for
these tests.

A press note names an officer in full once and then by an abbreviation. When the abbreviation spells the post named
earlier letter by letter, as English words in Devanagari (``सिविल सर्जन`` … ``सीएस``, letter_names.tsv's third
column), and nobody holds the post the gazetteer reads it as (``मुख्य सचिव``), it means that officer. An
abbreviation given with a name the document gave another post (``पंचायतराज अधिकारी X`` … ``डीपीआरओ X``) alone
later means X. ``मैजिस्ट्रेट`` is a spelling of ``मजिस्ट्रेट`` in the district magistrate's titles.

A committee named bare at the head of a clause (``कहा कि समिति … करेगी``, ``समिति … सौंपेगी``) with an active future or
subjunctive verb is the committee the note speaks of, bidden to act; a passive (``समिति गठित की जाएगी``) or a
genitive after it (``समिति की बैठक``) leaves it none.

A note an office issues with no officer named reports the body's order or decision (``खाद्य विभाग द्वारा … स्थगित
करने का निर्णय लिया गया है``, ``… रोक लगा दी गई है``): the agentless directions after it are the body's."""

from __future__ import annotations

import pytest

from extractors.people import spells_initials
from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("forms37/issuers.tsv", 3))
def test_issuer_forms_forms37(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("designation", "").split(",")[0] == expected, items[-1]["issued_by"]


@pytest.mark.parametrize(("document", "expected", "form"), rows("forms37/issuer_names.tsv", 3))
def test_issuer_names_forms37(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("name") == expected, items[-1]["issued_by"]


@pytest.mark.parametrize(
    ("abbreviation", "designation", "expected"),
    [
        ("सीएस", "सिविल सर्जन", True),
        ("सी.एस.", "सिविल सर्जन", True),
        ("सीएस", "जमशेदपुर सिविल सर्जन", True),  # the district before the post
        ("सीएस", "मुख्य सचिव", False),  # Hindi words spell no English initials
        ("एसपी", "उप सचिव", False),
        ("सीएस", "सर्जन", False),  # fewer words than letters
    ],
)
def test_spells_initials(abbreviation: str, designation: str, expected: bool) -> None:
    assert spells_initials(abbreviation, designation) is expected


@pytest.mark.parametrize(("document", "expected", "form"), rows("forms37/responsible.tsv", 3))
def test_responsible_forms_forms37(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))
