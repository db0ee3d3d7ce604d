"""A standalone obligation (``… होना चाहिए``, ``… करना अनिवार्य है``) is an item only right after a directive
(tests/data/continued_obligations.tsv)."""

from __future__ import annotations

import pytest

from extractors import extract_document
from ingest.document import IngestedDocument, Page
from tests.extractors.test_forms import rows


@pytest.mark.parametrize(("document", "last", "form"), rows("continued_obligations.tsv", 3))
def test_continued_obligations(document: str, last: str, form: str) -> None:
    sentences = [s.strip() for s in document.split(" / ")]
    doc = IngestedDocument("t.txt", "txt", [Page(1, " ".join(sentences) + "\n", "txt")])
    texts = [item["text"] for item in extract_document(doc, None).to_json()["action_items"]]
    assert (sentences[-1] in texts) == (last == "yes"), texts
