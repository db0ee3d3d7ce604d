"""Fixing a document's output over the API (SQLite and PostgreSQL): meeting facts with re-resolved
deadlines, re-upload with a meeting date, missed items from a page selection, undoing reviews,
deleting a document and purging originals only on request."""

from __future__ import annotations

from pathlib import Path

from store.db import Database
from store.tokens import create_token
from tests.helpers.builders import upload

PRESS_NOTE = (
    "विभाग: कृषि विभाग\n"
    "जिलाधिकारी ने जिला कृषि अधिकारी को 2026-03-31 तक बीज वितरण पूर्ण करने के निर्देश दिए। "
    "उप संचालक कृषि माह के अंत तक उर्वरक भंडारण का सत्यापन करेंगे। "
    "तहसीलदार को साप्ताहिक समीक्षा के निर्देश दिए गए।"
)
MISSED = "उप संचालक कृषि माह के अंत तक उर्वरक भंडारण का सत्यापन करेंगे।"


def _press_note(client, **kw) -> dict:
    res = upload(client, "प्रेस-नोट.txt", PRESS_NOTE, **kw)
    assert res.status_code == 201, res.text
    return res.json()


def _add_missed(client, doc: dict, **fields) -> dict:
    text = doc["pages"][0]["text"]
    start = text.index(MISSED)
    res = client.post(
        f"/v1/documents/{doc['id']}/items", json={"page": 1, "start": start, "end": start + len(MISSED), **fields}
    )
    assert res.status_code == 201, res.text
    return res.json()


def test_missed_item_from_a_selection_keeps_its_evidence_and_is_audited(client) -> None:
    doc = _press_note(client)
    assert len(doc["items"]) == 2  # the extractor missed the उप संचालक sentence
    item = _add_missed(client, doc, responsible=[{"name": None, "designation": "उप संचालक, कृषि"}], recurrence="monthly")
    assert item["text"] == MISSED and item["review_state"] == "confirmed" and item["seq"] == 3
    assert item["responsible"] == [{"name": None, "designation": "उप संचालक, कृषि"}]  # a post, not a name
    ev = item["evidence"]
    assert doc["pages"][0]["text"][ev["start"] : ev["end"]] == MISSED and ev["page"] == 1 and ev["added_by"]
    assert item["deadline"] == {"text": "माह के अंत तक", "date": None, "kind": "by"}  # no meeting date yet
    history = client.get(f"/v1/action-items/{item['id']}/history").json()
    assert [h["field"] for h in history] == ["created"] and history[0]["new"]["start"] == ev["start"]
    assert len(client.get(f"/v1/documents/{doc['id']}").json()["items"]) == 3

    for bad in (
        {"page": 2, "start": 0, "end": 5},
        {"page": 1, "start": 5, "end": 5},
        {"page": 1, "start": 0, "end": 10**6},
        {"page": 1, "start": 0, "end": 1, "recurrence": "daily"},
    ):
        res = client.post(f"/v1/documents/{doc['id']}/items", json=bad)
        assert res.status_code == 422 and res.json()["error"]["code"] == "validation_error", bad
    assert client.post("/v1/documents/999/items", json={"page": 1, "start": 0, "end": 3}).status_code == 404


def test_patch_meeting_facts_re_resolves_deadlines_and_is_audited(client) -> None:
    doc = _press_note(client)
    added = _add_missed(client, doc)
    extracted = doc["items"][0]
    res = client.patch(
        f"/v1/documents/{doc['id']}",
        json={"meeting_date": "2026-02-10", "meeting_place": "भोपाल", "chair_name": "अ. ब. शर्मा"},
    )
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["meeting_date"] == "2026-02-10" and body["facts"]["meeting_place"] == "भोपाल"
    assert set(body["changed"]) == {"meeting_date", "meeting_place", "chair_name"}
    assert body["redated_items"] == [added["id"]]
    items = {i["id"]: i for i in body["items"]}
    assert items[added["id"]]["due_date"] == "2026-02-28"  # माह के अंत तक, resolved now
    assert items[extracted["id"]]["due_date"] == "2026-03-31"  # an absolute date stays

    # a manual due date is never overwritten by a new meeting date
    client.patch(f"/v1/action-items/{added['id']}", json={"due_date": "2026-02-20"})
    res = client.patch(f"/v1/documents/{doc['id']}", json={"meeting_date": "2026-04-02", "department": "उद्यान"})
    assert res.json()["redated_items"] == [] and res.json()["department"] == "उद्यान"
    assert client.get(f"/v1/action-items/{added['id']}").json()["due_date"] == "2026-02-20"

    history = client.get(f"/v1/documents/{doc['id']}/history").json()
    fields = [(h["field"], h["old"], h["new"]) for h in history]
    assert ("meeting_date", None, "2026-02-10") in fields and ("meeting_date", "2026-02-10", "2026-04-02") in fields
    assert ("department", "कृषि विभाग", "उद्यान") in fields and all(h["actor"] for h in history)
    assert client.patch(f"/v1/documents/{doc['id']}", json={"meeting_date": "2026-04-02"}).json()["changed"] == []

    # the reviewer's facts and added item survive a re-extraction (the added item is not "stale")
    assert client.post(f"/v1/documents/{doc['id']}/reprocess").status_code == 200
    again = client.get(f"/v1/documents/{doc['id']}").json()
    kept = [i for i in again["items"] if i["id"] == added["id"]]
    assert len(kept) == 1 and not kept[0]["stale"] and kept[0]["seq"] == 3 and kept[0]["due_date"] == "2026-02-20"
    assert again["department"] == "उद्यान" and again["meeting_date"] == "2026-04-02"
    assert set(again["facts"]["overridden"]) == {"meeting_date", "meeting_place", "chair_name", "department"}

    for bad in ({"meeting_date": "10-02-2026"}, {"room": "x"}, {"department": "x" * 600}):
        assert client.patch(f"/v1/documents/{doc['id']}", json=bad).status_code == 422, bad
    assert client.patch("/v1/documents/999", json={"department": "x"}).status_code == 404


def test_reupload_with_a_meeting_date_sets_the_missing_date(client) -> None:
    doc = _press_note(client)
    added = _add_missed(client, doc)
    again = upload(client, "प्रेस-नोट.txt", PRESS_NOTE, meeting_date="2026-01-20")
    assert again.status_code == 200 and again.json()["id"] == doc["id"]
    assert again.json()["meeting_date"] == "2026-01-20"
    assert client.get(f"/v1/action-items/{added['id']}").json()["due_date"] == "2026-01-31"
    # a date already known is not replaced by a re-upload
    third = upload(client, "प्रेस-नोट.txt", PRESS_NOTE, meeting_date="2026-05-01")
    assert third.status_code == 200 and third.json()["meeting_date"] == "2026-01-20"
    history = client.get(f"/v1/documents/{doc['id']}/history").json()
    assert [(h["field"], h["new"]) for h in history] == [("meeting_date", "2026-01-20")]


def test_confirm_and_confirm_all_can_be_undone(client) -> None:
    doc = _press_note(client)
    ids = [i["id"] for i in doc["items"]]
    one = client.post(f"/v1/action-items/{ids[0]}/review", json={"decision": "confirm"}).json()
    assert one["review_state"] == "confirmed" and one["reviewed_by"]
    back = client.post(f"/v1/action-items/{ids[0]}/review", json={"decision": "revert"}).json()
    assert back["review_state"] == "proposed" and back["reviewed_by"] is None and not back["tracked"]
    history = client.get(f"/v1/action-items/{ids[0]}/history").json()
    assert [(h["old"], h["new"]) for h in history] == [("proposed", "confirmed"), ("confirmed", "proposed")]

    assert client.post("/v1/action-items/review", json={"ids": ids, "decision": "confirm"}).status_code == 200
    assert client.get("/v1/stats").json()["by_department"][0]["open"] == 2
    undo = client.post("/v1/action-items/review", json={"ids": ids, "decision": "revert"})
    assert undo.status_code == 200 and undo.json()["updated"] == ids
    assert client.get("/v1/stats").json()["by_department"] == []
    states = {i["review_state"] for i in client.get(f"/v1/documents/{doc['id']}").json()["items"]}
    assert states == {"proposed"}


def test_delete_is_admin_only_audited_and_keeps_the_original_until_purged(make_client, db_url, settings) -> None:
    client = make_client(require_auth=True)
    db = Database(db_url, run_migrations=False)
    with db.session() as s:
        admin, editor = create_token(s, "admin", "root"), create_token(s, "editor", "desk")
    db.dispose()
    as_admin, as_editor = {"Authorization": f"Bearer {admin}"}, {"Authorization": f"Bearer {editor}"}
    doc = _press_note(client, headers=as_editor)
    original = Path(settings.data_dir) / "files" / doc["sha256"][:2] / doc["sha256"][2:]
    assert original.is_file()

    assert client.delete(f"/v1/documents/{doc['id']}", headers=as_editor).status_code == 403
    assert client.post("/v1/admin/purge-originals", headers=as_editor).status_code == 403
    res = client.delete(f"/v1/documents/{doc['id']}", headers=as_admin)
    assert res.status_code == 200 and res.json() == {
        "document_id": doc["id"],
        "filename": "प्रेस-नोट.txt",
        "items": 2,
        "confirmed_items": 0,
        "original_kept": True,
    }
    assert client.get(f"/v1/documents/{doc['id']}", headers=as_editor).status_code == 404
    assert client.get("/v1/action-items", headers=as_editor).json()["total"] == 0
    assert original.is_file()  # kept until an explicit purge
    history = client.get(f"/v1/documents/{doc['id']}/history", headers=as_editor).json()
    assert [h["field"] for h in history] == ["deleted"] and history[0]["actor"] == "root#1"
    assert client.delete(f"/v1/documents/{doc['id']}", headers=as_admin).status_code == 404

    assert client.get("/v1/admin/purge-originals", headers=as_admin).json() == {"pending": 1}
    purged = client.post("/v1/admin/purge-originals", headers=as_admin).json()
    assert purged["count"] == 1 and not original.exists()
    assert client.post("/v1/admin/purge-originals", headers=as_admin).json()["count"] == 0
    assert client.get("/v1/admin/purge-originals", headers=as_admin).json() == {"pending": 0}


def test_purge_spares_an_original_uploaded_again(client, settings) -> None:
    doc = _press_note(client)
    assert client.delete(f"/v1/documents/{doc['id']}").status_code == 200
    again = _press_note(client)  # the same bytes, a new document (SQLite may give it the same id)
    assert client.get(f"/v1/documents/{again['id']}/history").json() == []
    assert client.post("/v1/admin/purge-originals").json()["count"] == 0
    assert client.get(f"/v1/documents/{again['id']}/file").status_code == 200
