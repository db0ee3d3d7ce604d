"""The same words twice: a headline printed twice on its page (title and heading) is one directive; the
same directive on two pages of minutes (each page's own subject above it) is two."""

from __future__ import annotations

from datetime import date

from extractors import extract_document
from ingest.document import IngestedDocument, Page

DIRECTIVE = "अधिशासी अभियंता को निर्देश दिए गए कि कार्य एक सप्ताह में पूरा कराएं।"


def _items(*pages: str) -> list[dict[str, object]]:
    doc = IngestedDocument("t.txt", "txt", [Page(n, text, "txt") for n, text in enumerate(pages, start=1)])
    return extract_document(doc, date(2025, 9, 1)).to_json()["action_items"]


def test_the_same_directive_on_two_pages_is_two_items() -> None:
    items = _items(
        f"जिलाधिकारी की अध्यक्षता में बैठक हुई।\nनहर की सफाई का कार्य अधूरा पाया गया।\n{DIRECTIVE}\n",
        f"सड़क मरम्मत का कार्य अधूरा पाया गया।\n{DIRECTIVE}\n",
    )
    assert [item["evidence"]["page"] for item in items] == [1, 2]  # type: ignore[index]


def test_a_headline_printed_twice_on_its_page_is_one_item() -> None:
    headline = "सड़कों की मरम्मत 15 दिन में पूरी करें: जिलाधिकारी"
    body = "बरेली। जिलाधिकारी ने बुधवार को लोक निर्माण विभाग की बैठक ली और प्रगति की समीक्षा की।"
    items = _items(f"{headline}\n\n{headline}\n\n{body}\n")
    assert [item["text"] for item in items] == [headline]
