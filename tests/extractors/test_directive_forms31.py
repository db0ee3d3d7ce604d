"""Directive forms of round 31 (tests/data/directive_forms31.tsv): a request bound by ``के लिये``, the polite imperative
in -इए/-ीजिए, a demand in the passive (``… दस दिन के भीतर मांगे गए हैं``, ``… सूची की मांग की गई``), an obligation with a
manner and ``ही`` (``समय पर ही … होनी चाहिए``), those told an imperative (``… को बताया गया कि … पहुंचें``), a rule's line
with ``अनिवार्य`` and no copula and an order before a warning in its clause (``… कि अधिकारी पूरी तैयारी से आयें, …
बर्दाश्त नहीं …``); beside them reports and warnings of the same shapes. Also: a headline printed twice is one item, and a passive cut inside
जाए on a cut page's last line is an item."""

from __future__ import annotations

import pytest

from extractors.directives import cut_cue, directive_cue
from tests.extractors.test_forms import extract, rows


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directive_forms31.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    assert (cue is not None) == (expected == "yes"), cue


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("उन्होंने कहा कि गांवों में नशा मुक्ति के लिए जागरूकता शिविर आयोजित किये जां", True),
        ("आयुक्त के आदेशानुसार पुराने तालाब का जीर्णोद्धार कराया ज", True),
        ("जिले में इस वर्ष 40 सड़कों का निर्माण किया ग", False),
    ],
)
def test_passive_cut_inside_jaae(line: str, expected: bool) -> None:
    assert (cut_cue(line) is not None) is expected


def test_headline_printed_twice_is_one_item() -> None:
    """A page's title and its heading print the same headline (spaces apart): one directive, not two."""
    headline = "राज्यपाल ने जिलाधिकारियों के साथ बैठक की, बाढ़ राहत शिविरों की व्यवस्था जांचें"
    text = f"{headline}\n\n{headline.replace(', ', ' ,  ')}\n\nराजभवन में आज जिलाधिकारियों के साथ बाढ़ की स्थिति पर बैठक हुई"
    texts = [it["text"] for it in extract(text)["action_items"]]
    assert len(texts) == 1, texts
