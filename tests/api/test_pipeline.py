"""Integration: the API with the real extraction pipeline (extractors.pipeline.process_bytes)."""

from __future__ import annotations

import dataclasses
import io

from fastapi.testclient import TestClient
from PIL import Image, ImageStat

from api.app import create_app
from tests.helpers.builders import upload, wait_job
from tests.helpers.samples import hindi_scan_pdf

SENTENCE = "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी 30 सितंबर 2025 तक सर्वे पूरा करें।"
TEXT = f"विकास भवन सभागार में समीक्षा बैठक आयोजित की गई।\n\n{SENTENCE}\n\nबैठक में सभी विभागों के अधिकारी उपस्थित रहे।\n"


def test_real_pipeline_extracts_hindi_txt(settings, tmp_path) -> None:
    s = dataclasses.replace(settings, data_dir=tmp_path / "real")
    with TestClient(create_app(s)) as client:  # default extractor: extractors.pipeline.process_bytes
        r = upload(client, "बैठक.txt", TEXT, meeting_date="2025-09-16")
        assert r.status_code == 201, r.text
        doc = r.json()
        assert doc["extractor_version"] and doc["meeting_date"] == "2025-09-16"
        assert doc["pages"] and doc["pages"][0]["route"] == "txt"
        items = doc["items"]
        assert len(items) == 1, items
        item = items[0]
        assert "सर्वे पूरा करें" in item["text"] and item["review_state"] == "proposed"
        assert item["due_date"] == "2025-09-30" and item["deadline"]["date"] == "2025-09-30"
        assert any("खंड विकास अधिकारी" in (p["designation"] or "") for p in item["responsible"])
        assert item["evidence"]["page"] == 1 and 0 < item["confidence"] <= 1
        listed = client.get("/v1/action-items?responsible=खंड विकास").json()
        assert listed["total"] == 1


SCAN_PAGES = [
    ["विकास भवन सभागार में समीक्षा बैठक आयोजित की गई।", "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी"],
    ["30 सितंबर 2025 तक सर्वे पूरा करें।", "बैठक में सभी विभागों के अधिकारी उपस्थित रहे।"],
]


def test_scanned_pdf_goes_through_an_ocr_job_and_pages_render(settings, tmp_path) -> None:
    """A two-page image-only PDF: 202 and a job, OCR per page, items, and a PNG per page for the review screen."""
    s = dataclasses.replace(settings, data_dir=tmp_path / "scan", ocr_workers=2)
    with TestClient(create_app(s)) as client:
        r = upload(client, "स्कैन.pdf", hindi_scan_pdf(SCAN_PAGES), meeting_date="2025-09-16")
        assert r.status_code == 202, r.text
        job = wait_job(client, r.json()["id"], timeout=120)
        assert job["status"] == "done", job
        doc = client.get(f"/v1/documents/{job['document_id']}").json()
        assert [p["route"] for p in doc["pages"]] == ["ocr", "ocr"]
        assert all(p["ocr_confidence"] is not None for p in doc["pages"])
        items = doc["items"]
        assert len(items) == 1 and items[0]["due_date"] == "2025-09-30", items

        page = doc["pages"][1]
        img = client.get(page["image_url"], params={"width": 600})
        assert img.status_code == 200 and img.headers["content-type"] == "image/png"
        picture = Image.open(io.BytesIO(img.content))
        assert picture.width == 600
        assert ImageStat.Stat(picture.convert("L")).extrema[0][0] < 100  # dark text on the page, not blank
        missing = client.get(f"/v1/documents/{doc['id']}/pages/3/image")
        assert missing.status_code == 404 and missing.json()["error"]["code"] == "no_page"

        txt = upload(client, "बैठक.txt", TEXT).json()
        assert txt["pages"][0]["image_url"] is None
        none = client.get(f"/v1/documents/{txt['id']}/pages/1/image")
        assert none.status_code == 404 and none.json()["error"]["code"] == "no_image"
