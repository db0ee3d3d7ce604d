"""General forms of directive detection (issue 15, round 21), one table per kind of context:
a sentence on its own (tests/data/directive_forms21.tsv), a sentence right after a directive
(tests/data/continued_directives21.tsv) and the last line of a page cut short (tests/data/cut_cues.tsv)."""

from __future__ import annotations

import time

import pytest

from extractors import extract_document
from extractors.directives import cut_cue, directive_cue
from ingest.document import IngestedDocument, Page
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directive_forms21.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    assert (cue is not None) == (expected == "yes"), cue


def _items(text: str) -> list[str]:
    doc = IngestedDocument("t.txt", "txt", [Page(1, text, "txt")])
    return [item["text"] for item in extract_document(doc, None).to_json()["action_items"]]


@pytest.mark.parametrize(("document", "last", "form"), rows("continued_directives21.tsv", 3))
def test_continued_directives(document: str, last: str, form: str) -> None:
    sentences = [s.strip() for s in document.split(" / ")]
    texts = _items(" ".join(sentences) + "\n")
    assert sentences[0] in texts
    assert (sentences[-1] in texts) == (last == "yes"), texts


def test_alone_the_continued_forms_are_no_items() -> None:
    """Without a directive before them, a bare subjunctive or a future of officers is not read."""
    assert _items("शिविरों में दवाएं और पीने का पानी उपलब्ध हों।\n") == []
    assert _items("साथ ही खाद्य निरीक्षक राशन दुकानों पर निगरानी रखेंगे।\n") == []


@pytest.mark.parametrize(("line", "expected", "form"), rows("cut_cues.tsv", 3))
def test_cut_cue(line: str, expected: str, form: str) -> None:
    assert (cut_cue(line) is not None) == (expected == "yes")


@pytest.mark.parametrize(("line", "expected", "form"), rows("cut_cues.tsv", 3))
def test_cut_cue_in_a_cut_page(line: str, expected: str, form: str) -> None:
    """In a document, the cut cue is read only on the page's last, unfinished line."""
    lead = "जिले में बाढ़ की तैयारियों की समीक्षा बैठक हुई।"
    texts = _items(f"{lead}\n\n{line}")
    assert (line in texts) == (expected == "yes"), texts
    finished = _items(f"{lead}\n\n{line}\n\nबैठक में सभी विभागों के अधिकारी उपस्थित रहे।")
    assert line not in finished or directive_cue(line) is not None


def test_a_report_sharing_a_headlines_words_does_not_restate_its_directive() -> None:
    """A headline on a cut page is an item unless a body sentence restates its directive: a body sentence that
    shares its words but directs nothing (a report, a request to the officer) does not."""
    headline = "बीडीओ ने रोजगार सेवकों के साथ बैठक में दिया मजदूरी भुगतान जल्द करने का निर्देश"
    report = "रोजगार सेवकों ने बैठक में बीडीओ को मजदूरी भुगतान में देरी की जानकारी दी।"
    restated = "बीडीओ ने रोजगार सेवकों को बैठक में मजदूरी भुगतान जल्द करने का निर्देश दिया।"
    cut = "प्रखंड कार्यालय में सोमवार को हुई बैठक में मनरेगा के कामों की"  # the page ends mid-sentence
    assert headline in _items(f"{headline}\n\n{report}\n\n{cut}")
    assert headline not in _items(f"{headline}\n\n{report}\n\n{restated}\n\n{cut}")


def test_the_cut_cue_is_linear_in_a_hostile_last_line() -> None:
    """Agents and addressees repeated over a whole line (``क ने ख को …``) must not make the cut cue backtrack:
    4x the line may take at most 6x the CPU time (generous, a shared machine)."""

    def cpu(line: str) -> float:
        best = float("inf")
        for _ in range(3):
            t0 = time.process_time()
            for _ in range(20):
                cut_cue(line)
            best = min(best, time.process_time() - t0)
        return best

    small, large = "क ने ख को " * 30, "क ने ख को " * 120  # no verbal noun at the end: nothing to find
    assert cut_cue(large) is None
    assert cut_cue(large + "करने") is not None
    assert cpu(large) <= 6 * cpu(small) + 0.02
