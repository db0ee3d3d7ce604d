"""Sample meetings for the export tests (own Hindi text, nothing from the gold data)."""

from __future__ import annotations

from datetime import date
from typing import Any

from store.repository import create_document, save_extraction
from tests.helpers.builders import extraction_for

TODAY = date(2026, 1, 15)

MEETING_A = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "जिलाधिकारी ने खंड विकास अधिकारी को 2026-01-10 तक आवास सर्वे की कार्यवाही पूर्ण करने के निर्देश दिए। "
    "अधिशासी अभियंता को 2026-02-28 तक सड़क मरम्मत की प्रगति रिपोर्ट देने के निर्देश दिए गए। "
    "तहसीलदार को साप्ताहिक समीक्षा के निर्देश दिए गए।"
)
MEETING_B = "विभाग: कृषि विभाग\nजिला कृषि अधिकारी को 2026-01-20 तक बीज वितरण शत-प्रतिशत सुनिश्चित करने के निर्देश दिए गए।"


def seed(db: Any, review: str = "confirmed") -> dict[str, int]:
    """Two processed documents: A (3 items, one overdue on TODAY, one undated), B (1 item).

    Every item gets the review state ``review`` (confirmed by default: exports and reminders cover
    confirmed items only; pass "proposed" for items as extracted)."""
    ids: dict[str, int] = {}
    with db.session() as s:
        for name, text, when in (("a", MEETING_A, date(2026, 1, 5)), ("b", MEETING_B, date(2026, 1, 8))):
            doc = create_document(
                s,
                sha256=name * 64,
                filename=f"बैठक-{name}.txt",
                content_type="text/plain",
                kind="txt",
                size=len(text),
                stored_path=f"x/{name}",
                meeting_date=when,
            )
            for item in save_extraction(s, doc, extraction_for(text, meeting_date=when)):
                item.review_state = review
            ids[name] = doc.id
    return ids
