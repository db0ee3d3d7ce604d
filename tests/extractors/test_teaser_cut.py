"""A syndicated teaser cut inside a word (``… ढकने के निर्द...``) is a cut page: its dots are no full stop, so the
directive whose cue the cut broke off counts (extractors/headlines.py, ``cut_short``)."""

from __future__ import annotations

import pytest

from extractors.headlines import cut_short
from tests.extractors.test_forms import extract

BODY = (
    "मेरठ, जुलाई 8 -- कांवड़ यात्रा की तैयारियों को लेकर जिलाधिकारी ने अधिकारियों के साथ बैठक की। "
    "उन्होंने निर्देश दिए कि मार्ग पर प्रकाश की व्यवस्था दुरुस्त रहे। "
)


@pytest.mark.parametrize(
    ("last", "cut"),
    [
        ("मार्ग की सभी मांस की दुकानें बंद रखने के निर्द...", True),
        ("शिविरों में पेयजल उपलब्ध कराने का निर…", True),
        ("बैठक में सभी विभागों के अधिकारी उपस्थित रहे।", False),
        ("बैठक में सभी विभागों के अधिकारी उपस्थित रहे।...", False),
    ],
)
def test_a_teaser_cut_inside_a_word_is_cut_short(last: str, cut: bool) -> None:
    assert cut_short(["शीर्षक पंक्ति", "कलेक्टर ने बैठक ली।", last]) == cut


def test_the_cut_directive_of_a_teaser_is_an_item() -> None:
    last = "मार्ग की सभी मांस की दुकानें बंद रखने के निर्द..."
    texts = [item["text"] for item in extract(BODY + last)["action_items"]]
    assert last in texts, texts
