"""The authority a note is about when nobody is the agent of its lead: a post (and name) as the subject of
a sentence (``मुख्यमंत्री X … को लेकर गंभीर हैं``), or the agent of a passive review (``कलेक्टर द्वारा … की समीक्षा
की गई``), issues the directions after it; a post inside a scheme's name or before an oblique noun does not."""

from __future__ import annotations

from typing import Any

from extractors import extract_document
from ingest.document import IngestedDocument, Page


def _extract(*lines: str) -> dict[str, Any]:
    doc = IngestedDocument("t.txt", "txt", [Page(1, "\n".join(lines) + "\n", "txt")])
    return extract_document(doc, None).to_json()


def _issuers(out: dict[str, Any]) -> list[str | None]:
    return [(it["issued_by"] or {}).get("designation") for it in out["action_items"]]


def test_a_subject_without_ne_issues_the_pronoun_after() -> None:
    out = _extract(
        "मुख्यमंत्री अशोक गहलोत पेयजल संकट को लेकर चिंतित हैं।",
        "उन्होंने अधिकारियों को निर्देश दिए कि टैंकरों से जलापूर्ति की जाए।",
    )
    assert _issuers(out) == ["मुख्यमंत्री"]
    assert out["meeting"]["chair"]["designation"] == "मुख्यमंत्री"


def test_a_subject_whose_ne_is_dropped_issues_its_own_sentence() -> None:
    out = _extract("ग्वालियर, 4 जून। कलेक्टर रुचिका चौहान तहसीलदारों को निर्देशित किया कि नामांतरण के मामले निपटाएं।")
    assert _issuers(out) == ["कलेक्टर"]


def test_the_agent_of_a_passive_review_issues_the_passives_after() -> None:
    out = _extract(
        "बैठक में कलेक्टर द्वारा राजस्व प्रकरणों की प्रगति की समीक्षा की गई।",
        "साथ ही तहसीलदारों को निर्देशित किया गया कि लंबित प्रकरण शीघ्र निपटाए जाएं।",
    )
    assert _issuers(out) == ["कलेक्टर"]


def test_a_post_in_a_schemes_name_is_no_subject() -> None:
    out = _extract(
        "प्रधानमंत्री आवास योजना की समीक्षा बैठक",
        "उपायुक्त अनिल सिंह की अध्यक्षता में बैठक हुई।",
        "उन्होंने कहा कि लंबित आवास मार्च तक पूरे कराए जाएं।",
    )
    assert _issuers(out) == ["उपायुक्त"]


def test_a_post_before_an_oblique_noun_is_no_subject() -> None:
    out = _extract(
        "संकुल के सभी प्रधान पाठकों की बैठक आयोजित की गई।",
        "बैठक में सभी शालाओं में पुस्तकें बांटने के निर्देश दिए गए।",
        "खंड शिक्षा अधिकारी मोहन लाल ने कहा कि उपस्थिति ऑनलाइन दर्ज की जाए।",
    )
    assert _issuers(out) == ["खंड शिक्षा अधिकारी", "खंड शिक्षा अधिकारी"]


def test_those_present_are_no_subject() -> None:
    out = _extract(
        "बैठक में पुलिस अधीक्षक राकेश सिंह उपस्थित रहे।",
        "जिलाधिकारी नेहा जैन ने कहा कि सभी थानों में हेल्प डेस्क बनाई जाए।",
    )
    assert _issuers(out) == ["जिलाधिकारी"]


def test_the_subject_of_a_subjunctive_is_told_to_act() -> None:
    out = _extract("जिला पूर्ति अधिकारी हर सप्ताह राशन दुकानों का निरीक्षण करें।")
    item = out["action_items"][0]
    assert item["issued_by"] is None
    assert [p["designation"] for p in item["responsible"]] == ["जिला पूर्ति अधिकारी"]


def test_a_note_with_nobody_named_is_issued_by_the_office_it_comes_from() -> None:
    out = _extract(
        "पटना, जून 5 -- बढ़ती गर्मी को देखते हुए शिक्षा विभाग स्तर पर सभी स्कूलों को सतर्क किया गया है।",
        "स्कूलों में ठंडे पेयजल की व्यवस्था करने को कहा गया है।",
    )
    assert _issuers(out) and set(_issuers(out)) == {"शिक्षा विभाग"}
    assert out["meeting"]["chair"]["designation"] == "शिक्षा विभाग"


def test_an_office_word_after_the_holders_name_keeps_the_subject() -> None:
    out = _extract("सतना, 9 मई। कलेक्टर अनुराग वर्मा कार्यालय प्रमुखों को निर्देशित किया कि लंबित शिकायतें निपटाएं।")
    assert _issuers(out) == ["कलेक्टर"]
