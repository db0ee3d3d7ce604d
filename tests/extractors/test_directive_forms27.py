"""Directive forms of round 27 (tests/data/directive_forms27.tsv): a reply demanded by a show-cause notice, a rule
an order lays down as a plain future (``… नियमित रूप से होंगी``), an obligation ``… करना है`` inside a directing
clause; and beside them what is no item: a guess (``निर्देश दिए जा सकते हैं``), what a coming meeting will direct,
a notice's ``क्यों न … कार्रवाई की जाए`` and details to follow."""

from __future__ import annotations

import pytest

from extractors.directives import directive_cue
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directive_forms27.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    assert (cue is not None) == (expected == "yes"), cue
