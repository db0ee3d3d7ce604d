"""One read model: the API's item JSON and the export rows of the same item come from one ItemView."""

from __future__ import annotations

from datetime import date
from typing import Any

from api.schemas import item_out
from exporters.rows import to_row
from store.repository import get_item
from store.views import ItemView
from tests.helpers.builders import upload

TEXT = "बैठक में निर्देश दिए गए कि तहसीलदार 2025-10-01 तक सूची दें।"


def _item_id(client: Any) -> int:
    r = upload(client, "m.txt", TEXT, meeting_date="2025-09-16")
    assert r.status_code == 201, r.text
    return r.json()["items"][0]["id"]


def test_a_corrected_responsible_reads_the_same_in_the_api_and_the_export(client: Any) -> None:
    item_id = _item_id(client)
    fields = {"responsible": ["जिला पूर्ति अधिकारी", {"name": "राम", "designation": "सचिव"}]}
    r = client.post(f"/v1/action-items/{item_id}/review", json={"decision": "correct", "fields": fields})
    assert r.status_code == 200, r.text
    api = client.get(f"/v1/action-items/{item_id}").json()
    exported = client.get("/v1/export", params={"format": "json"}).json()["items"]
    assert [e["id"] for e in exported] == [item_id]
    want = [{"name": None, "designation": "जिला पूर्ति अधिकारी"}, {"name": "राम", "designation": "सचिव"}]
    assert api["responsible"] == exported[0]["responsible"] == want
    assert api["corrections"][0]["original"] == [{"name": None, "designation": "तहसीलदार"}]
    assert exported[0]["due_date"] == api["due_date"] == "2025-10-01"
    csv = client.get("/v1/export", params={"format": "csv"}).content.decode("utf-8-sig")
    assert "जिला पूर्ति अधिकारी; सचिव (राम)" in csv


def test_api_item_and_export_row_derive_from_one_view(client: Any) -> None:
    item_id = _item_id(client)
    client.post(
        f"/v1/action-items/{item_id}/review",
        json={"decision": "correct", "fields": {"responsible": ["सचिव"], "issued_by": "मुख्य विकास अधिकारी"}},
    )
    ctx = client.app.state.ctx
    today = date(2025, 10, 5)  # after the due date: overdue in both
    with ctx.db.session() as s:
        row = get_item(s, item_id)
        assert row is not None
        view = ItemView.from_row(row, row.document, today)
    api = item_out(view).model_dump(mode="json")
    export = to_row(view, "https://nirdesh.example.org")
    assert api["responsible"] == export.responsible == [{"name": None, "designation": "सचिव"}]
    assert api["issued_by"] == {"name": None, "designation": "मुख्य विकास अधिकारी"}
    assert export.issued_by == "मुख्य विकास अधिकारी"
    assert api["overdue"] is export.overdue is True
    assert (api["text"], api["meeting_date"], api["department"]) == (
        export.text,
        export.meeting_date.isoformat() if export.meeting_date else None,
        export.department,
    )
    assert export.url == f"https://nirdesh.example.org/#/documents/{api['document_id']}?item={item_id}"


def test_a_proposed_item_under_the_review_threshold_is_marked_until_it_is_reviewed(client: Any) -> None:
    from extractors.second_opinion import review_below

    item_id = _item_id(client)
    ctx = client.app.state.ctx
    with ctx.db.session() as s:
        row = get_item(s, item_id)
        assert row is not None
        row.confidence = round(review_below() - 0.2, 2)
    assert client.get(f"/v1/action-items/{item_id}").json()["needs_review"] is True
    r = client.post(f"/v1/action-items/{item_id}/review", json={"decision": "confirm"})
    assert r.status_code == 200, r.text
    assert client.get(f"/v1/action-items/{item_id}").json()["needs_review"] is False
    with ctx.db.session() as s:
        row = get_item(s, item_id)
        assert row is not None
        row.confidence = 0.999
    r = client.post(f"/v1/action-items/{item_id}/review", json={"decision": "revert"})
    assert r.status_code == 200, r.text
    assert client.get(f"/v1/action-items/{item_id}").json()["needs_review"] is False
