"""Who must act, who issued it and the chair: general forms of rounds 27 and 28.

Round 27: joint chairs named by a conjunction, commissionerate police posts, one officer's two titles,
honorifics written out, lists of departments before their officers, addressees of ``… की बात कही``, a
quantified subject after a time limit or a reason. Round 28: a relative adverb after जो is no post; an
unnamed issuing post addressing others of its rank with a quantifier keeps them; the office directions came
from (``X की ओर से जारी …``) is no addressee; a hyphened pair is read on after its second word; a post's
bracketed charge and branch before its holder's name and ने is the issuer. Round 29: a letter, circular,
order or advisory sent to the addressees on the way to the direction (``को पत्र जारी कर निर्देश दिए``); a
directorate (निदेशालय, संचालनालय) as the issuing body; a body binding others to act (``पाबंद किया``) issues; the
quantified subject after a place or a pronoun object (``कि जिले में सभी X …``, ``इसका सभी X ध्यान रखें``); the office
a direction comes from (``शासन की ओर से निर्देश …``) issues and is no addressee; the press spoken to never acts;
who must not be troubled (``X को कोई परेशानी न हो``) is no dative subject; a bank alone is addressed; the post
signing a letter under its sign-off issues and chairs; an initialism's full title given later is the issuer's; the one
consulted (``X से सलाह लें``) is a source. Sentences written for these tests; table rows in tests/data/responsible27.tsv, responsible28.tsv,
responsible29.tsv, issuers27.tsv, issuers28.tsv and issuers29.tsv."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import rows
from tests.extractors.test_responsible26 import test_issuer_and_chair_forms_26 as _issuer_and_chair
from tests.extractors.test_responsible26 import test_responsible_forms_26 as _responsible


@pytest.mark.parametrize(
    ("document", "expected", "form"),
    [*rows("responsible27.tsv", 3), *rows("responsible28.tsv", 3), *rows("responsible29.tsv", 3)],
)
def test_responsible_forms_27(document: str, expected: str, form: str) -> None:
    _responsible(document, expected, form)


@pytest.mark.parametrize(
    ("document", "issuer", "chair", "form"),
    [*rows("issuers27.tsv", 4), *rows("issuers28.tsv", 4), *rows("issuers29.tsv", 4)],
)
def test_issuer_and_chair_forms_27(document: str, issuer: str, chair: str, form: str) -> None:
    _issuer_and_chair(document, issuer, chair, form)
