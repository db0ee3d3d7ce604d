"""Directive forms of round 30 (tests/data/directive_forms30.tsv): a page's prompts (``यहां क्लिक करें``, a lone
``डाउनलोड करें``), a hard-wrapped line holding only ``आवश्यक दिशा निर्देश दिए``, the chair's own coming review announced
(``… की समीक्षा की जाएगी``) and generic directions to the officers closing a review sentence are no items; beside them
the sentences that keep a cue word and stay items."""

from __future__ import annotations

import pytest

from extractors.directives import directive_cue
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directive_forms30.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    assert (cue is not None) == (expected == "yes"), cue
