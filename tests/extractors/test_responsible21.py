"""Who must act: general forms of round 21 (lists with अन्य, bodies, fronted reasons, pronoun datives,
the issuer's own post). Sentences written for these tests; table rows in tests/data/responsible21.tsv."""

from __future__ import annotations

import pytest

from extractors.responsible import without_issuer
from tests.extractors.test_forms import extract, rows


@pytest.mark.parametrize(("sentence", "expected", "form"), rows("responsible21.tsv", 3))
def test_responsible_forms_21(sentence: str, expected: str, form: str) -> None:
    items = extract(sentence + "\n")["action_items"]
    assert len(items) == 1, f"not read as one directive: {sentence}"
    assert [p["designation"] for p in items[0]["responsible"]] == [e for e in expected.split("|") if e]


def test_pronoun_dative_opening_the_sentence_means_the_addressees_before() -> None:
    text = "कलेक्टर ने पटवारियों को खसरा अद्यतन करने के निर्देश दिए। उनसे यह भी कहा गया कि गिरदावरी समय पर पूरी करें।\n"
    items = extract(text)["action_items"]
    assert [[p["designation"] for p in it["responsible"]] for it in items] == [["पटवारी"], ["पटवारी"]]


def test_everyone_opening_the_sentence_means_the_addressees_before() -> None:
    text = "एसडीएम ने लेखपालों को वरासत के मामले निपटाने के निर्देश दिए। सभी को यह भी निर्देशित किया गया कि खतौनी रोज अद्यतन करें।\n"
    items = extract(text)["action_items"]
    assert [p["designation"] for p in items[-1]["responsible"]] == ["लेखपाल"]


ISSUER = {"name": "मोहन लाल", "designation": "अपर जिलाधिकारी"}
FOUND = [{"name": None, "designation": "अपर जिलाधिकारी"}, {"name": None, "designation": "क्रय केंद्र प्रभारी"}]


def test_the_issuers_own_post_is_left_out() -> None:
    sentence = "क्रय केंद्र प्रभारी 30 जून तक खरीद जारी रखें:- अपर जिलाधिकारी"
    assert without_issuer(FOUND, ISSUER, None, sentence) == FOUND[1:]


def test_a_quantified_post_of_the_issuers_rank_stays() -> None:
    sentence = "सभी अपर जिलाधिकारी और क्रय केंद्र प्रभारी 30 जून तक खरीद जारी रखें।"
    assert without_issuer(FOUND, ISSUER, None, sentence) == FOUND


def test_a_presumed_issuer_without_a_name_removes_nobody() -> None:
    sentence = "अपर जिलाधिकारी और क्रय केंद्र प्रभारी खरीद जारी रखें।"
    assert without_issuer(FOUND, {"name": None, "designation": "अपर जिलाधिकारी"}, None, sentence) == FOUND
