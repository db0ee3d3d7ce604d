"""Whose change it was: every audit row an item's history shows names the caller (the token's label or
the local OS user), including due dates a new meeting date re-resolved (SQLite and PostgreSQL)."""

from __future__ import annotations

from typing import Any

from tests.helpers.builders import upload

NOTE = "विभाग: कृषि विभाग\nउप संचालक कृषि माह के अंत तक उर्वरक भंडारण का सत्यापन करेंगे।\n"
SENTENCE = "उप संचालक कृषि माह के अंत तक उर्वरक भंडारण का सत्यापन करेंगे।"


def test_history_names_the_token_and_the_local_user(client: Any) -> None:
    made = client.post("/v1/tokens", json={"role": "editor", "label": "आशा वर्मा"})
    assert made.status_code == 201, made.text
    asha = {"Authorization": f"Bearer {made.json()['token']}"}
    doc = upload(client, "नोट.txt", NOTE).json()
    text = doc["pages"][0]["text"]
    start = text.index(SENTENCE)
    item = client.post(
        f"/v1/documents/{doc['id']}/items", json={"page": 1, "start": start, "end": start + len(SENTENCE)}
    ).json()
    assert item["due_date"] is None  # "माह के अंत तक" needs the meeting date

    res = client.patch(f"/v1/documents/{doc['id']}", json={"meeting_date": "2026-02-10"}, headers=asha)
    assert res.status_code == 200 and res.json()["redated_items"] == [item["id"]]
    assert client.patch(f"/v1/action-items/{item['id']}", json={"status": "done"}, headers=asha).status_code == 200

    history = client.get(f"/v1/action-items/{item['id']}/history").json()
    rows = [(h["actor"].split("#")[0], h["field"], h["old"], h["new"]) for h in history]
    assert rows[0][0].startswith("local:") and rows[0][1] == "created"  # added by the local user
    assert rows[1:] == [
        ("आशा वर्मा", "due_date", None, "2026-02-28"),  # re-resolved by Asha's new meeting date
        ("आशा वर्मा", "status", "open", "done"),
    ]
    assert all(h["actor"] not in ("", "local") for h in history)
