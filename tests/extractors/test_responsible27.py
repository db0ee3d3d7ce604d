"""Who must act, who issued it and the chair: general forms of round 27 (joint chairs named by a conjunction,
commissionerate police posts, one officer's two titles, honorifics written out, lists of departments before
their officers, addressees of ``… की बात कही``, a quantified subject after a time limit or a reason).
Sentences written for these tests; table rows in tests/data/responsible27.tsv and tests/data/issuers27.tsv."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import rows
from tests.extractors.test_responsible26 import test_issuer_and_chair_forms_26 as _issuer_and_chair
from tests.extractors.test_responsible26 import test_responsible_forms_26 as _responsible


@pytest.mark.parametrize(("document", "expected", "form"), rows("responsible27.tsv", 3))
def test_responsible_forms_27(document: str, expected: str, form: str) -> None:
    _responsible(document, expected, form)


@pytest.mark.parametrize(("document", "issuer", "chair", "form"), rows("issuers27.tsv", 4))
def test_issuer_and_chair_forms_27(document: str, issuer: str, chair: str, form: str) -> None:
    _issuer_and_chair(document, issuer, chair, form)
