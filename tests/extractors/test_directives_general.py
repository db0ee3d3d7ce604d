"""General forms of directive detection (issue 15, round 21), one table per kind of context:
a sentence on its own (tests/data/directive_forms21.tsv), a sentence right after a directive
(tests/data/continued_directives21.tsv) and the last line of a page cut short (tests/data/cut_cues.tsv)."""

from __future__ import annotations

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
