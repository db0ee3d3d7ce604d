"""Directive forms of round 28 (tests/data/directive_forms28.tsv): a deliberating body's own decision in the active
(``समिति ने … करने का निर्णय लिया``), a passive obligation with रखना/बरतना (``… ध्यान रखा जाना चाहिए``), a direction
on a topic (``… को लेकर``) with its agent and addressees between (``… को सख्त निर्देश जारी किए``); and beside
them what is no item: a government's decision as news, a decision reported, a topic only discussed before empty directions."""

from __future__ import annotations

import pytest

from extractors.directives import directive_cue
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("sentence", "minutes", "expected", "form"), rows("directive_forms28.tsv", 4))
def test_directive_forms(sentence: str, minutes: str, expected: str, form: str) -> None:
    cue = directive_cue(sentence, minutes_context=minutes == "1")
    assert (cue is not None) == (expected == "yes"), cue
