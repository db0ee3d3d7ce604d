"""Lines of similar width each closed by an ellipsis are bullets of a news page, one sentence each (nlp/sentences.py,
``_ends_unit``), not one hard-wrapped sentence (the seventh-round gold convention: one item per bullet)."""

from __future__ import annotations

import pytest

from nlp.sentences import split_sentences

# UP news portal, Bihar and MP styles: bullets closed by "…", a headline-like bullet among them
BULLETS = [
    [
        "बिजली कटौती पर अधीक्षण अभियंता के विरुद्ध विभागीय कार्रवाई के दिए निर्देश…",
        "अधिकारियों से कहा कि उपभोक्ताओं की शिकायतों का निस्तारण चौबीस घंटे में हो…",
        "सभी उपकेंद्रों पर ट्रांसफार्मरों की जांच हर सप्ताह कराई जाए और रिपोर्ट भेजें…",
    ],
    [
        "जिलाधिकारी ने बाढ़ से पहले सभी तटबंधों के निरीक्षण का दिया निर्देश…",
        "अंचल अधिकारियों को नावों की सूची तीन दिन में तैयार करने को कहा गया…",
        "राहत शिविरों में पेयजल और शौचालय की व्यवस्था पहले से रखने की हिदायत…",
    ],
]


@pytest.mark.parametrize("lines", BULLETS)
def test_each_line_closed_by_an_ellipsis_is_a_sentence(lines: list[str]) -> None:
    assert [s.text for s in split_sentences("\n".join(lines))] == lines
