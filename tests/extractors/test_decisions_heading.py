"""Marked points under a subhead of directions (``ये भी दिये निर्देश``, ``प्रमुख निर्णय:``) are decisions even in the
plain future (``… की जाएगी।``), as in formal minutes; a line of prose after them ends the points, and without the
subhead the same future points stay announcements."""

from __future__ import annotations

import pytest

from extractors import extract_document
from ingest.document import IngestedDocument, Page

HEAD = "गोरखपुर। पुलिस अधीक्षक ने बुधवार को थानों की समीक्षा की और कहा कि शिकायतों का निस्तारण समय से करें।\n\n"
POINTS = (
    "- सभी थानों पर महिला सिपाहियों की ड्यूटी दो पालियों में लगाई जाएगी। इससे महिलाओं को राहत मिलेगी।\n\n"
    "- गुमशुदगी की शिकायतों की जांच एक सप्ताह में की जाएगी।\n\n"
    "जिले में अपराध नियंत्रण पर लगातार नजर रखी जा रही है। अगले माह नया कंट्रोल रूम शुरू किया जाएगा।\n"
)


def texts(body: str) -> list[str]:
    doc = IngestedDocument("t.txt", "txt", [Page(1, HEAD + body, "txt")])
    return [item["text"] for item in extract_document(doc, None).to_json()["action_items"]]


@pytest.mark.parametrize(
    ("heading", "points"),
    [
        ("ये भी दिये निर्देश\n\n", 2),
        ("बैठक में लिए गए अहम निर्णय:\n\n", 2),
        ("अन्य निर्देश\n\n", 2),
        ("", 0),  # no subhead: future points are announcements
        ("थाने की व्यवस्था\n\n", 0),  # a subhead naming no directions
    ],
)
def test_future_points_under_a_directions_subhead(heading: str, points: int) -> None:
    got = texts(heading + POINTS)
    assert len(got) == 1 + points, got
    assert not any("कंट्रोल रूम" in t or "राहत मिलेगी" in t for t in got)
