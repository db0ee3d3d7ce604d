"""A note dated by month and year only: `इस वर्ष` takes that year; the meeting date stays unknown."""

from __future__ import annotations

from typing import Any

from extractors import extract_document
from ingest.document import IngestedDocument, Page


def _result(text: str) -> dict[str, Any]:
    out: dict[str, Any] = extract_document(IngestedDocument("t.txt", "txt", [Page(1, text, "txt")]), None).to_json()
    return out


def test_this_year_in_a_note_dated_by_month() -> None:
    result = _result(
        "इंदौर, मार्च 2019/ संभागायुक्त ने पेयजल योजनाओं की समीक्षा की। "
        "उन्होंने कहा कि इस वर्ष सभी हैंडपंपों की मरम्मत कराई जाए। सर्वे 15 दिन में पूरा किया जाए।\n"
    )
    assert result["meeting"]["date"] is None
    deadlines = [(it["deadline"]["text"], it["deadline"]["date"]) for it in result["action_items"]]
    assert deadlines == [("इस वर्ष", "2019-12-31"), ("15 दिन में", None)]


def test_a_full_date_still_dates_the_meeting() -> None:
    result = _result("इंदौर, 4 मार्च 2019। संभागायुक्त ने कहा कि इस वर्ष सभी हैंडपंपों की मरम्मत कराई जाए।\n")
    assert result["meeting"]["date"] == "2019-03-04"
    assert result["action_items"][0]["deadline"]["date"] == "2019-12-31"
