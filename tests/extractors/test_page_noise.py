"""Page noise (image file names, URLs) is invisible to every slot: no deadline, meeting date or officer from it."""

from __future__ import annotations

from extractors import extract_document
from ingest.document import IngestedDocument, Page

NOTE = (
    "/portal/media/post_attachments/DPR/WhatsApp-Image-2025-11-03-at-6.12.40-PM.webp)\n"
    "राज्य स्तरीय समीक्षा में मुख्यमंत्री ने सभी कलेक्टरों को धान खरीदी केंद्रों पर तौल व्यवस्था दुरुस्त रखने के निर्देश दिए।\n"
    "/portal/media/agency_attachments/2025/11/04/2025-11-04t101010z-logo-640x480.png)\n"
)


def test_an_image_path_gives_no_date_and_no_post() -> None:
    out = extract_document(IngestedDocument("t.txt", "txt", [Page(1, NOTE, "txt")]), None).to_json()
    assert out["meeting"]["date"] is None
    (item,) = out["action_items"]
    assert item["deadline"] is None
    assert [p["designation"] for p in item["responsible"]] == ["कलेक्टर"]
    assert item["text"].startswith("राज्य स्तरीय समीक्षा")
