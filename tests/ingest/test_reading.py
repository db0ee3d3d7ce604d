"""Engine choice by plausibility, page furniture, table cells located in the page text, WER."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.cells import locate, locate_table
from ingest.cer import wer
from ingest.document import Page, Table
from ingest.furniture import separate
from ingest.plausible import implausibility
from ingest.reading import CLEAN, IMPLAUSIBLE, choose

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def test_corpus_texts_are_plausible() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        assert implausibility(path.read_text(encoding="utf-8")) == 0.0, path.name


@pytest.mark.parametrize(
    "broken",
    [
        "समिति की बैठक बै बुधवार को हुई और संयुक्त स यु चिव ने निर्देश दिए",  # syllables repeated after words
        "जिला कें द्र पर विक्रे ताओं के कू लर जमा कराए जाएं",  # clusters split by a space
        "उन्होंने मार्गदर्शन दे ंतो समितियां प्रगति करेंगी",  # a vowel sign after a space
    ],
)
def test_split_and_duplicated_clusters_are_implausible(broken: str) -> None:
    assert implausibility(broken) > CLEAN


@pytest.mark.parametrize("text", ["ह0/- उपायुक्त, जिला", "उ0प्र0 शासन के पत्र दिनांक", "जि0 पं0 राज अधिकारी"])
def test_a_zero_as_abbreviation_mark_is_plausible(text: str) -> None:
    assert implausibility(text) == 0.0


def test_a_zero_standing_alone_after_a_syllable_is_not_an_abbreviation() -> None:
    assert implausibility("ह 0 बैठक") > CLEAN


def test_choose_prefers_the_clean_reading_and_falls_back_to_ocr() -> None:
    clean = "समिति की बैठक बुधवार को हुई और सभी अधिकारी उपस्थित रहे।"
    broken = "समिति की बैठक बै बुधवार को हुई और सभी अधिकारी उपस्थित रहे।"
    asked: list[str] = []

    def reader(name: str, text: str | None):  # noqa: ANN202 - a small closure factory
        def read() -> str | None:
            asked.append(name)
            return text

        return name, read

    assert choose([reader("pdfium", clean), reader("poppler", broken)]).engine == "pdfium"  # type: ignore[union-attr]
    assert asked == ["pdfium"]  # a clean first reading asks nobody else
    assert choose([reader("pdfium", broken), reader("poppler", clean)]).engine == "poppler"  # type: ignore[union-attr]
    assert choose([reader("pdfium", broken), reader("poppler", None)]).engine == "pdfium"  # type: ignore[union-attr]
    garbage = "ि ा ्क ि ा ्क ि ा"
    assert implausibility(garbage) > IMPLAUSIBLE
    assert choose([reader("pdfium", garbage), reader("poppler", garbage)]) is None


def test_furniture_leaves_the_text_and_is_kept_on_the_page() -> None:
    head = "कार्यालय जिलाधिकारी, बहराइच"
    body = [f"बिंदु {n}: समीक्षा की गई और निर्देश दिए गए।" for n in range(1, 7)]
    pages = [
        Page(1, "\n".join([head, "Update: 2026-01-07 12:20 GMT", *body, "- 1 -"]), "text"),
        Page(2, "\n".join([head, "अपडेटेड: 7 जनवरी 2026, 12:20 PM", *body, "पृष्ठ 2 / 2"]), "text"),
    ]
    separate(pages)
    assert pages[0].text == "\n".join([head, *body])  # the first page keeps its letterhead
    assert pages[0].furniture == ["Update: 2026-01-07 12:20 GMT", "- 1 -"]
    assert pages[1].text == "\n".join(body)  # repeated sentences are text, even at the page's foot
    assert pages[1].furniture == [head, "अपडेटेड: 7 जनवरी 2026, 12:20 PM", "पृष्ठ 2 / 2"]


def test_short_pages_that_repeat_a_formula_keep_it() -> None:
    lines = ["पृष्ठ {n}", "सड़क का कार्य अधूरा पाया गया", "अधिशासी अभियंता को निर्देश दिए गए कि", "कार्य पूरा कराएं"]
    pages = [Page(n, "\n".join(lines).format(n=n), "text") for n in (1, 2, 3)]
    separate(pages)
    for page in pages:
        assert page.furniture == [f"पृष्ठ {page.number}"]
        assert page.text == "\n".join(lines[1:])


def test_a_number_inside_the_text_is_not_a_page_number() -> None:
    page = Page(1, "पहली पंक्ति\nदूसरी पंक्ति\n12\nतीसरी पंक्ति\nचौथी पंक्ति", "text")
    separate([page])
    assert page.furniture == [] and "12" in page.text


def test_cells_are_located_across_line_breaks_in_reading_order() -> None:
    text = "शीर्ष\nनिर्देश | अधिकारी\nसड़क की मरम्मत\nकराई जाए तहसीलदार\nसड़क की मरम्मत कराई जाए खंड विकास अधिकारी"
    table = Table(
        1, ["निर्देश", "अधिकारी"], [["सड़क की मरम्मत कराई जाए", "तहसीलदार"], ["सड़क की मरम्मत कराई जाए", "खंड विकास अधिकारी"]]
    )
    locate_table(text, table)
    first, second = table.row_spans
    assert text[first[0] :].startswith("सड़क की मरम्मत\nकराई")
    assert second[0] > first[0] and text[second[0] :].startswith("सड़क की मरम्मत कराई जाए खंड")
    assert locate(text, "कहीं नहीं लिखा") == -1


def test_wer_counts_word_edits_per_reference_word() -> None:
    assert wer("क ख  ग", "क ख ग") == 0.0
    assert wer("क ग", "क ख ग") == pytest.approx(1 / 3)
    assert wer("क ख बै ग", "क ख ग") == pytest.approx(1 / 3)
    assert wer("", "") == 0.0 and wer("क", "") == 1.0


def test_pdfplumber_is_asked_only_when_no_other_reading_is_plausible() -> None:
    fair = "समिति की बैठक बै बुधवार को हुई और सभी अधिकारी उपस्थित रहे।"  # plausible, not clean
    garbage = "ि ा ्क ि ा ्क ि ा"
    asked: list[str] = []

    def plumber() -> str:
        asked.append("pdfplumber")
        return "समिति की बैठक बुधवार को हुई और सभी अधिकारी उपस्थित रहे।"

    assert choose([("pdfium", lambda: fair)], last_resort=("pdfplumber", plumber)).engine == "pdfium"  # type: ignore[union-attr]
    assert asked == []
    assert choose([("pdfium", lambda: garbage)], last_resort=("pdfplumber", plumber)).engine == "pdfplumber"  # type: ignore[union-attr]
    assert asked == ["pdfplumber"]


def test_poppler_joins_touching_words_of_a_line() -> None:
    from ingest.poppler import Word, _glued

    words = [Word("निर्मा", 0, 0, 30, 16), Word("ण", 30, 0, 36, 16), Word("विभाग", 39.5, 0, 70, 16)]
    assert [w.text for w in _glued(words)] == ["निर्माण", "विभाग"]


def test_poppler_text_in_a_box_keeps_reading_order() -> None:
    from ingest.poppler import PopplerPage, Word

    words = [Word("क", 10, 10, 20, 20), Word("ख", 30, 10, 40, 20), Word("ग", 10, 30, 20, 40), Word("घ", 60, 12, 70, 18)]
    page = PopplerPage("क ख\nग घ", words)
    assert page.text_in(0, 0, 50, 25) == "क ख"
    assert page.text_in(0, 0, 80, 50) == "क ख ग घ"
    assert page.text_in(0, 21, 50, 29) == ""


@pytest.mark.parametrize(
    "line, kind",
    [
        ("Update: 2026-01-07 12:20 GMT", "banner"),
        ("अपडेटेड: 3 मार्च 2024, 06:10 PM", "banner"),
        ("- 2 -", "page_number"),
        ("पृष्ठ 2 / 5", "page_number"),
        ("सहकारिता विभाग, उत्तर प्रदेश", "letterhead"),
    ],
)
def test_furniture_kind(line: str, kind: str) -> None:
    from ingest.furniture import furniture_kind

    assert furniture_kind(line) == kind
