"""Two offices with one confirmed item each, tokens for both, and a report with an attachment by office B."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.helpers.builders import upload

TEXT_A = "विभाग: राजस्व\nजिलाधिकारी ने तहसीलदार को 2026-01-10 तक भूमि सत्यापन पूरा करने के निर्देश दिए।\n"
TEXT_B = "विभाग: पंचायती राज\nजिलाधिकारी ने सचिव को 2026-01-20 तक शौचालय निर्माण की रिपोर्ट देने के निर्देश दिए।\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@dataclass
class TwoOffices:
    a: int
    b: int
    doc_a: int
    doc_b: int
    item_a: int
    item_b: int
    report_b: int
    attachment_b: int
    token_a: dict[str, str]
    token_b: dict[str, str]


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _doc(client: Any, name: str, text: str) -> tuple[int, int]:
    resp = upload(client, name, text, meeting_date="2026-01-02")
    assert resp.status_code in (200, 201), resp.text
    doc = resp.json()
    items = client.get("/v1/action-items", params={"document_id": doc["id"]}).json()["items"]
    assert len(items) == 1, items
    assert client.post(f"/v1/action-items/{items[0]['id']}/review", json={"decision": "confirm"}).status_code == 200
    return doc["id"], items[0]["id"]


def office(client: Any, designation: str, **extra: Any) -> int:
    resp = client.post("/v1/offices", json={"designation": designation, **extra})
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])


def token_for(client: Any, office_id: int) -> dict[str, str]:
    resp = client.post(f"/v1/offices/{office_id}/tokens", json={"label": f"office {office_id}"})
    assert resp.status_code == 201, resp.text
    return bearer(resp.json()["token"])


def two_offices(client: Any) -> TwoOffices:
    """Built with the loopback admin (no auth required); offices are registered after the items exist."""
    doc_a, item_a = _doc(client, "a.txt", TEXT_A)
    doc_b, item_b = _doc(client, "b.txt", TEXT_B)
    a, b = office(client, "तहसीलदार", district="लखनऊ"), office(client, "सचिव", department="पंचायती राज")
    token_a, token_b = token_for(client, a), token_for(client, b)
    rep = client.post(
        f"/v1/offices/{b}/items/{item_b}/reports",
        json={"status": "in_progress", "text": "कार्य आरंभ", "report_date": "2026-01-05"},
        headers=token_b,
    )
    assert rep.status_code == 201, rep.text
    att = client.post(
        f"/v1/reports/{rep.json()['id']}/attachments", files={"file": ("proof.png", PNG)}, headers=token_b
    )
    assert att.status_code == 201, att.text
    return TwoOffices(
        a, b, doc_a, doc_b, item_a, item_b, rep.json()["id"], att.json()["attachments"][0]["id"], token_a, token_b
    )
