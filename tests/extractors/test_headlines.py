"""Headline-only directives (tests/data/headlines.tsv): a line with no sentence mark is an item only on a cut
page or a whole one whose body directs little, and only when no body sentence repeats the clause that directs."""

from __future__ import annotations

import pytest

from extractors import extract_document
from extractors.headlines import cut_before_action, cut_short, repeated_in
from ingest.document import IngestedDocument, Page
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("document", "first", "count", "form"), rows("headlines.tsv", 4))
def test_headline_forms(document: str, first: str, count: str, form: str) -> None:
    lines = [s.strip() for s in document.split(" / ")]
    doc = IngestedDocument("t.txt", "txt", [Page(1, "\n\n".join(lines) + "\n", "txt")])  # one paragraph a line
    texts = [item["text"] for item in extract_document(doc, None).to_json()["action_items"]]
    assert (lines[0] in texts) == (first == "yes"), texts
    assert len(texts) == int(count), texts


def test_a_page_cut_mid_sentence_is_cut_short_and_a_whole_one_is_not() -> None:
    assert cut_short(["शीर्षक पंक्ति", "कलेक्टर ने बैठक ली।", "उन्होंने कहा कि सभी अधिकारी समय"])
    assert not cut_short(["शीर्षक पंक्ति", "कलेक्टर ने बैठक ली।", "बैठक में अधिकारी उपस्थित रहे।"])
    # a site's button after the last sentence does not make the page cut
    assert not cut_short(["कलेक्टर ने बैठक ली।", "इस ख़बर को शेयर करें"])


def test_repetition_is_read_from_sentences_with_a_mark_and_not_from_the_headline_printed_twice() -> None:
    line = "नालों की सफाई दस दिन में कराने के निर्देश"
    assert not repeated_in(line, [line], line)
    assert repeated_in(line, ["उन्होंने नालों की सफाई दस दिन में कराने को कहा।"], line)
    assert not repeated_in(line, ["उन्होंने नालों की सफाई दस दिन में कराने को कहा"], line)


@pytest.mark.parametrize(
    ("sentence", "cut"),
    [
        ("तहसीलदार ने निर्देश दिए कि सभी पटवारियों के पिछले वर्ष क", True),  # only nouns after कि
        ("तहसीलदार ने निर्देश दिए कि सभी पटवारी खसरा अद्यतन करें और", False),  # the action is written
        ("पटवारी प्रतिदिन गिरदावरी करेंगे साथ ही कानूनगो को निर्देशित किया गया कि हर ग", False),  # action before
        ("तहसीलदार ने कहा कि अपने हलके में नियमित भ्रमण करने", False),  # a verbal noun: the action begun
        # "में" ends like a verb but is a postposition, before कि or after it (Haryana, MP)
        ("उपायुक्त ने बैठक में निर्देश दिए कि सभी विभागों की लंबित फाइलों का ब्यौरा", True),
        ("कलेक्टर ने बैठक में सभी बीएमओ को निर्देशित किया कि 31 मार्च तक", True),
        # nouns in -ई and -नी ("जुलाई", "चेतावनी") before a postposition or a noun are no verb (Rajasthan)
        ("विभाग ने पत्र में निर्देश दिए कि 15 जुलाई तक बाढ़ चेतावनी प्रणाली की जांच, राहत शिविरों की सू", True),
        ("बीडीओ ने सख्त निर्देश दिया कि योजनाओं के काम में किसी भी स्तर पर ढिलाई नहीं ब", True),  # Bihar
        ("जिलाधिकारी ने निर्देष दिए कि सभी तहसीलों के लंबित वादों की सूची", True),  # the frame misspelt
        ("बीडीओ ने कहा कि मनरेगा कार्यों का भुगतान किसी भी दशा में न रुके, मजदूरों को", False),  # न रुके: written
        ("उन्होंने निर्देश दिए कि सभी सचिव बकाया वसूली करें और फसल बीमा की सूची", False),  # the verb before
        ("अंचल अधिकारी ने निर्देश दिए कि लंबित म्यूटेशन मामलों का निस्तारण दस दिन में", False),  # one action noun
        ("पत्र में निर्देश दिए कि 20 जून तक नावों का निबंधन, गोताखोरों की सूची, राहत शिविरों की व्य", True),  # a list
    ],
)
def test_a_frame_cut_before_its_action(sentence: str, cut: bool) -> None:
    assert cut_before_action(sentence) is cut


def test_a_frame_cut_at_the_end_of_a_page_is_no_item() -> None:
    head = "कलेक्टर ने राजस्व विभाग की समीक्षा की।\n\n"
    doc = IngestedDocument("t.txt", "txt", [Page(1, head + "उन्होंने निर्देश दिए कि सभी पटवारियों के पिछले वर्ष क\n", "txt")])
    assert extract_document(doc, None).to_json()["action_items"] == []
