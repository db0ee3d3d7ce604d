"""Who must act, who issued it and the chair: general forms of round 30 (rounds 12-14 of the real set).

A subject with the distributive quantifier हर (``कि हर विभाग … करे``) is addressed as one with प्रत्येक or सभी
is; a doubled reflexive after the subject (``सभी विभाग अपने-अपने पोर्टल पर …``) names no scheme; the post's district
between the post and its holder's name (``उपायुक्त शिमला आदित्य नेगी ने``, ``डीसी हमीरपुर ने``) is no name; schools are
told to act when addressed or quantified (``विभाग ने स्कूलों को … का निर्देश दिया``, ``कि सभी विद्यालय …``), not as
the bare subject of a state (``वहाँ विद्यालय बंद रहें``). Sentences
written for these tests; table rows in tests/data/responsible30.tsv and issuers30.tsv, and for the posts written letter
by letter (``डी.एम.``, ``एस0डी0एम0``) in responsible_dotted.tsv and issuers_dotted.tsv."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import rows
from tests.extractors.test_responsible26 import test_issuer_and_chair_forms_26 as _issuer_and_chair
from tests.extractors.test_responsible26 import test_responsible_forms_26 as _responsible


@pytest.mark.parametrize(
    ("document", "expected", "form"), [*rows("responsible30.tsv", 3), *rows("responsible_dotted.tsv", 3)]
)
def test_responsible_forms_30(document: str, expected: str, form: str) -> None:
    _responsible(document, expected, form)


@pytest.mark.parametrize(
    ("document", "issuer", "chair", "form"), [*rows("issuers30.tsv", 4), *rows("issuers_dotted.tsv", 4)]
)
def test_issuer_and_chair_forms_30(document: str, issuer: str, chair: str, form: str) -> None:
    _issuer_and_chair(document, issuer, chair, form)
