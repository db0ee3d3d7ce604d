"""Line breaks of detect38 (issue 15), in sentences written for these tests.

Lines of similar width are a hard-wrapped paragraph, but news pages stack their headlines as lines of that
width without marks: a line that closes like a headline or a sentence (a finite verb ``… अध्यक्षता करेंगे``,
``… विरोध हुआ था``; a reported direction ``… के दिए निर्देश``; a signature ``… - कलेक्टर``, ``… : मुख्य अभियंता``)
ends its sentence when the next line opens anew: not with a continuation word or an auxiliary that carries
the verb on (``… निर्देशित किया / गया है कि``, ``… निर्देश / दिए गए``), nor as a short stamp (a time, a place).

A body or officer bidden in the singular subjunctive of a stem ending in -ा takes a bare ए (``विभाग … तेजी लाए``,
``… व्यवस्था बनाए``), as a consonant stem takes -ाए (``… कराए``). Directions issued for an addressee written with
के लिए (``… ने सभी जिलों के लिए आदेश जारी किए``) name no action, as ``… को आदेश दिए`` does not."""

from __future__ import annotations

import pytest

from nlp.sentences import split_sentences
from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("lines", "expected", "form"), rows("detect38/line_breaks.tsv", 3))
def test_line_breaks_detect38(lines: str, expected: str, form: str) -> None:
    text = "\n".join(s.strip() for s in lines.split(" / ")) + "\n"
    got = [s.text for s in split_sentences(text)]
    assert got == [s.strip() for s in expected.split(" / ")]


@pytest.mark.parametrize(("document", "expected", "form"), rows("detect38/items_or_not.tsv", 3))
def test_items_or_not_detect38(document: str, expected: str, form: str) -> None:
    last = document.split(" / ")[-1].strip()
    items = extract(slash_lines(document))["action_items"]
    is_item = any(last.startswith(item["text"][:30]) or item["text"] in last for item in items)
    assert is_item == (expected == "yes"), items
