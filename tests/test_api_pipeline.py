"""Integration: the API with the real extraction pipeline (nirdesh.pipeline.process_bytes)."""

from __future__ import annotations

import dataclasses

from conftest import upload
from fastapi.testclient import TestClient

from api.app import create_app

SENTENCE = "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी 30 सितंबर 2025 तक सर्वे पूरा करें।"
TEXT = f"विकास भवन सभागार में समीक्षा बैठक आयोजित की गई।\n\n{SENTENCE}\n\nबैठक में सभी विभागों के अधिकारी उपस्थित रहे।\n"


def test_real_pipeline_extracts_hindi_txt(settings, tmp_path) -> None:
    s = dataclasses.replace(settings, data_dir=tmp_path / "real")
    with TestClient(create_app(s)) as client:  # default extractor: nirdesh.pipeline.process_bytes
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
