"""Directive forms of round 26 (tests/data/directive_forms26.tsv): a frame written after the clause it points
back to (``…, यह निर्देश भी दिए गए``) and the directing verbs of Rajasthan, Haryana and MP press notes (``पाबंद
किया``, ``ताकीद की``, ``हिदायत दी``, ``निर्देशित किया``, ``आदेशित किया``, ``अपेक्षा की``), active, passive, with a
कि-clause and in a headline's order; a threat after them stays no item."""

from __future__ import annotations

import pytest

from extractors.directives import directive_cue, line_cue
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directive_forms26.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    if cue is None and sentence.startswith("•"):
        cue = line_cue(sentence)  # a verbless point is read as a line of a list
    assert (cue is not None) == (expected == "yes"), cue
