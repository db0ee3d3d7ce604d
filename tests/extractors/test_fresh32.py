"""Who must act and who issued it: general forms of the freshest documents (rounds 15-16 of the real set, fresh32).

The district magistrate as West Bengal's Hindi press writes him (``जिला शासक``, ``अतिरिक्त जिला शासक``) is the
post of the gazetteer. A hundred per cent misspelt with स (``सत प्रतिशत``) is the target ``शत प्रतिशत``;
a zero goal (``जीरो पेंडेंसी``, ``'शून्य हताहत'``) of what zero_goals.tsv counts is a target too.

A body that directs with ने keeps the direction across a relative participle before an oblique plural noun
(``सरकार ने … विभाग द्वारा भेजे गए मामलों … के संबंध में सचिवों को निर्देश जारी किए``): the participle qualifies the
noun and ends no clause; after a द्वारा agent the participle is still the agent's own verb. An order's rule binds its
dative like an obligation in चाहिए or होगा (``सभी डीलरों को … रखना अनिवार्य है``, ``… कराना आवश्यक है``); a direction reported as a thing said
(``उपायुक्त ने डीटीओ को … चलाने की (भी) बात कही``) is read, and binds its dative unless a passive infinitive makes
it a recipient (``… को … उपलब्ध करवाए जाने की बात कही``). Sentences
written for these tests; table rows in tests/data/issuers32.tsv and responsible32.tsv."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import extract, rows
from tests.extractors.test_responsible26 import test_issuer_and_chair_forms_26 as _issuer_and_chair
from tests.extractors.test_responsible26 import test_responsible_forms_26 as _responsible


@pytest.mark.parametrize(("document", "issuer", "chair", "form"), rows("issuers32.tsv", 4))
def test_issuer_and_chair_forms_32(document: str, issuer: str, chair: str, form: str) -> None:
    _issuer_and_chair(document, issuer, chair, form)


@pytest.mark.parametrize(("document", "expected", "form"), rows("responsible32.tsv", 3))
def test_responsible_forms_32(document: str, expected: str, form: str) -> None:
    _responsible(document, expected, form)


@pytest.mark.parametrize(("document", "expected", "form"), rows("targets32.tsv", 3))
def test_target_forms_32(document: str, expected: str, form: str) -> None:
    items = extract("\n".join(s.strip() for s in document.split(" / ")) + "\n")["action_items"]
    assert items, f"no directive read: {document}"
    assert [t["text"] for t in items[-1]["targets"]] == expected.split("|")
