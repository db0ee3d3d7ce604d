"""Issuers named only after their directives: every item carries the person, not only the later ones."""

from __future__ import annotations

from typing import Any

from extractors.document import extract_document
from ingest import ingest_bytes
from ingest.document import IngestedDocument, Page


def _items(text: str) -> list[dict[str, Any]]:
    result = extract_document(IngestedDocument("t.txt", "txt", [Page(1, text, "txt")])).to_json()
    items: list[dict[str, Any]] = result["action_items"]
    return items


def test_a_post_named_later_names_the_items_before() -> None:
    items = _items(
        "पुलिस अधीक्षक ने कहा कि रात्रि गश्त बढ़ाई जाए।\n"
        "एसपी अमित वर्मा ने थाना प्रभारियों को निर्देशित किया कि लंबित विवेचनाएं निपटाई जाएं।\n"
    )
    assert [it["issued_by"]["name"] for it in items] == ["अमित वर्मा", "अमित वर्मा"]
    assert items[0]["issued_by"]["designation"] == "पुलिस अधीक्षक"  # as written where the item stands


def test_directives_before_anyone_is_named_are_the_chairs() -> None:
    items = _items(
        "सभी छात्रावासों में पेयजल की व्यवस्था की जाए।\n"
        "नामांकन पोर्टल पर दर्ज किया जाए।\n"
        "खंड शिक्षा अधिकारी एस के वर्मा की अध्यक्षता में प्रधानाध्यापकों की बैठक हुई।\n"
    )
    assert len(items) == 2
    assert all(it["issued_by"] == {"name": "एस के वर्मा", "designation": "खंड शिक्षा अधिकारी"} for it in items)


def test_no_authority_anywhere_leaves_the_issuer_empty() -> None:
    (item,) = _items("सभी छात्रावासों में पेयजल की व्यवस्था की जाए।\n")
    assert item["issued_by"] is None


def test_a_txt_note_with_bold_names_reads_its_issuer() -> None:
    data = "बस्ती। **जिलाधिकारी अनिल कुमार** ने निर्देश दिए कि सड़कें मार्च तक ठीक की जाएं।\n".encode()
    (item,) = extract_document(ingest_bytes(data, "note.txt")).to_json()["action_items"]
    assert item["issued_by"] == {"name": "अनिल कुमार", "designation": "जिलाधिकारी"}
