"""Who issued it: general forms of round 31. The one whose words a note reports (``राजस्व परिषद के अध्यक्ष X का कहना है
कि …``) speaks the directions after it; a verb after a post is no holder's name (``… आठ हजार लेखपाल मिल जाएंगे,``,
``… सचिव बगलें झांकते नजर आए``); a body that gives directions in a headline's verb-first order, after a clause and a
comma (``…, परिवहन विभाग ने दिए निर्देश``), issues the items after it. Sentences written for these tests; table
rows in tests/data/issuers31.tsv."""

from __future__ import annotations

import pytest

from extractors.people import PersonRegistry
from models.gazetteer import load_gazetteer
from tests.extractors.test_forms import rows
from tests.extractors.test_responsible26 import test_issuer_and_chair_forms_26 as _issuer_and_chair


@pytest.mark.parametrize(("document", "issuer", "chair", "form"), rows("issuers31.tsv", 4))
def test_issuer_and_chair_forms_31(document: str, issuer: str, chair: str, form: str) -> None:
    _issuer_and_chair(document, issuer, chair, form)


@pytest.mark.parametrize(
    ("sentence", "post"),
    [
        ("जिले को इस माह चालीस नए लेखपाल मिल जाएंगे, जिससे काम तेज होगा।", "लेखपाल"),
        ("रजिस्टर मांगने पर पंचायत सचिव बगलें झांकते नजर आए।", "पंचायत सचिव"),
        ("बैठक में नए तहसीलदार मिलेंगे तो राहत होगी।", "तहसीलदार"),
    ],
)
def test_a_verb_after_a_post_is_no_name(sentence: str, post: str) -> None:
    found = [pm for pm in PersonRegistry(load_gazetteer()).find_mentions(sentence) if pm.person.canonical == post]
    assert found, sentence
    assert found[0].person.name is None, found[0].person
