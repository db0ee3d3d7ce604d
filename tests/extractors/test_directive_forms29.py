"""Directive forms of round 29 (tests/data/directive_forms29.tsv): the content of an order, letter or circular in
the office's own voice (``सर्कुलर में कहा गया है कि … नहीं लिया जाएगा``, ``आदेश के अनुसार … रहेंगे``, ``की ओर से कहा गया है
कि … की आवश्यकता है``) and a passive verbal noun that is needed (``… किए जाने की आवश्यकता है``); beside them what is no
item: an outcome the order expects, a report of the past, a speaker's "we need"."""

from __future__ import annotations

import pytest

from extractors.directives import directive_cue
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directive_forms29.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    assert (cue is not None) == (expected == "yes"), cue
