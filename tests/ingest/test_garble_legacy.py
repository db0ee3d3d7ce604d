"""Garble score and legacy-font conversion on text written for these tests."""

from __future__ import annotations

import hinlegacy
import pytest

from ingest.garble import GARBLE_THRESHOLD, garble_score, word_is_invalid
from ingest.legacy import convert_legacy, legacy_font, looks_like_krutidev, postfix

CLEAN = (
    "जिलाधिकारी ने कहा कि सभी विभाग अपने लंबित प्रकरणों का निराकरण पंद्रह दिन में करें। "
    "बैठक में मुख्य कार्यपालन अधिकारी, उप संचालक कृषि और सहायक आयुक्त उपस्थित रहे। "
    "सड़क निर्माण के कार्यों की प्रगति धीमी पाई गई, इस पर नाराज़गी जताई गई।"
)


def test_clean_hindi_scores_zero() -> None:
    assert garble_score(CLEAN) == 0.0


@pytest.mark.parametrize(
    "word", ["ि\u0915", "क\u093e\u093f", "क\u094d\u093e", "वि\x07भाग", 'दि"ए', "ा", "परि4त", "4त", "10वींक"]
)
def test_invalid_words(word: str) -> None:
    assert word_is_invalid(word)


@pytest.mark.parametrize(
    "word", ["डी.पी.", "ई-पैक्स", "(उपभोक्ता", "बढ़ाने", "क्षेत्रों", "हैं।", "10वीं", "5वें", "२री", "ह0", "उ0प्र0"]
)
def test_valid_words(word: str) -> None:
    assert not word_is_invalid(word)


def test_garbled_text_crosses_threshold() -> None:
    # Simulate a wrongly mapped glyph run: control characters and symbols inside words, matras displaced.
    words = CLEAN.split()
    broken = [w[:1] + "\x07" + w[1:] if i % 3 == 0 else w for i, w in enumerate(words)]
    assert garble_score(" ".join(broken)) > GARBLE_THRESHOLD
    assert garble_score("(cid:12)(cid:45) कार्य (cid:3)") > GARBLE_THRESHOLD
    assert garble_score("बैठक \ue001\ue002 हुई") > GARBLE_THRESHOLD


def test_font_name_detection() -> None:
    assert legacy_font(["AAAAAA+KrutiDev010"]) == "krutidev_010"
    assert legacy_font(["BAAAAA+NotoSerifDevanagari-Regular"]) is None


def test_krutidev_text_detected_and_english_not() -> None:
    kruti = hinlegacy.encode(CLEAN, "krutidev_010")
    assert looks_like_krutidev(kruti)
    assert not looks_like_krutidev("The district collector reviewed the progress of road works today.")
    assert not looks_like_krutidev(CLEAN)


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("funsZ'k", "निर्देश"),  # reph over द
        ("dk;ksaZ", "कार्यों"),  # reph + ो split by the decoder
        ("ikjnf'kZrk", "पारदर्शिता"),  # ि + half-form + reph
        ("ftykf/kdkjh", "जिलाधिकारी"),  # f/k = धि
        ("xbZ", "गई"),  # bZ = ई
        ("mifLFkr", "उपस्थित"),  # ि after a conjunct
        ("leh{kk: cSBd", "समीक्षा: बैठक"),  # colon after ा
        ("dkfeZdksa", "कार्मिकों"),  # reph over a syllable with ि
        ("fu/kkZfjr", "निर्धारित"),  # reph over a full form written as half form + k
        ("iqufuZekZ.k", "पुनर्निर्माण"),  # two rephs in one word
        ("ewfrZ vkSj 'krsaZ", "मूर्ति और शर्तें"),  # reph after ि, reph after े + ं
        ("deZpkfj;ksa", "कर्मचारियों"),
        ('fo"k;: lM+dsa', "विषय: सड़कें"),  # colon after a consonant
        ("'kq: djsa", "शुरू करें"),  # रू after ु stays
        ("fnukad 31/07/2025 rd", "दिनांक 31/07/2025 तक"),  # slashes between digits
    ],
)
def test_krutidev_conversion_fixes(raw: str, expected: str) -> None:
    assert convert_legacy(raw) == expected


def test_krutidev_round_trip_of_own_sentence() -> None:
    text = "उपस्थित अधिकारियों को निर्देश दिए गए कि कार्यों में पारदर्शिता रखी जाए।"
    assert convert_legacy(hinlegacy.encode(text, "krutidev_010")) == text


def test_krutidev_round_trip_of_reph_words() -> None:
    text = "कार्मिकों के लिए निर्धारित पुनर्निर्माण कार्य की शर्तें और मूर्ति स्थापना का आशीर्वाद"
    assert convert_legacy(hinlegacy.encode(text, "krutidev_010")) == text


def test_krutidev_letter_split_across_lines_and_line_end_hyphen() -> None:
    # a narrow cell broke "funsZ'k" between the half श and its ा stem; PDFium marks a line-end "-" as U+FFFE
    assert convert_legacy("funsZ'\nk") == "निर्देश"
    assert convert_legacy("Ø\ufffe\nla-") == "क्र.\nसं."


def test_postfix_leaves_unicode_alone() -> None:
    assert postfix(CLEAN) == CLEAN


def test_clean_text_keeps_a_line_end_hyphen_pdfium_marked() -> None:
    from ingest.text import clean_text

    assert clean_text("समय\ufffe\nसीमा") == "समय-\nसीमा"
