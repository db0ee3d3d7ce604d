"""Over the API, posts written letter by letter (``एस.डी.एम.``, ``एस0डी0एम0``, ``डी.एम.``) are the word
(``एसडीएम``): ``responsible=`` / ``issuer=`` find them both ways, the unlinked list counts them as one
responsible, and one alias links them all to an office and its scorecard."""

from __future__ import annotations

from typing import Any

from tests.helpers.builders import upload
from tests.helpers.offices import office

TEXT = "".join(
    f"विभाग: राजस्व\nजिलाधिकारी ने तहसीलदार को 2099-0{n}-10 तक कार्य {n} पूरा करने के निर्देश दिए।\n" for n in (1, 2, 3, 4)
)
WRITTEN = (("एस.डी.एम.", "डी.एम."), ("एस0डी0एम0", "जिलाधिकारी"), ("एसडीएम", "डीएम"), ("सचिव.", "सं. 30.06.2025"))


def _items(client: Any) -> list[int]:
    resp = upload(client, "dotted.txt", TEXT, meeting_date="2099-01-02")
    assert resp.status_code in (200, 201), resp.text
    items = client.get("/v1/action-items", params={"document_id": resp.json()["id"], "sort": "id"}).json()["items"]
    ids = [i["id"] for i in items]
    assert len(ids) == 4
    for item_id, (person, issuer) in zip(ids, WRITTEN, strict=True):
        fields = {"responsible": [{"name": None, "designation": person}], "issued_by": {"designation": issuer}}
        resp = client.post(f"/v1/action-items/{item_id}/review", json={"decision": "correct", "fields": fields})
        assert resp.status_code == 200, resp.text
    return ids


def _found(client: Any, **params: str) -> list[int]:
    body = client.get("/v1/action-items", params={**params, "sort": "id", "limit": 100}).json()
    assert body["total"] == len(body["items"])
    return [i["id"] for i in body["items"]]


def test_responsible_and_issuer_filters_and_an_office_see_through_dotted_posts(client: Any) -> None:
    ids = _items(client)
    for needle in ("एसडीएम", "एस.डी.एम.", "एस0डी0एम0"):
        assert _found(client, responsible=needle) == ids[:3], needle
    for needle in ("डीएम", "डी.एम.", "डी0एम0"):
        assert _found(client, issuer=needle) == [ids[0], ids[2]], needle
    assert _found(client, responsible="सचिव.") == [ids[3]]  # a full stop stays a full stop
    assert _found(client, issuer="30.06.2025") == [ids[3]]
    unlinked = {u["key"]: u["items"] for u in client.get("/v1/offices/unlinked").json()}
    assert unlinked["एसडीएम"] == 3 and "एस.डी.एम." not in unlinked and "एस0डी0एम0" not in unlinked

    sdm = office(client, "उप जिलाधिकारी")
    resp = client.post("/v1/offices/assign", json={"office_id": sdm, "responsibles": ["एस0डी0एम0"]})
    assert resp.status_code == 200, resp.text
    listed = client.get(f"/v1/offices/{sdm}/items", params={"limit": 50}).json()
    assert sorted(i["id"] for i in listed["items"]) == ids[:3]
    card = next(c for c in client.get("/v1/offices/scorecards").json() if c["office_id"] == sdm)
    assert card["assigned"] == 3
    # the same post another way is the same alias: nothing new to add
    again = client.post("/v1/offices/assign", json={"office_id": sdm, "responsibles": ["एस.डी.एम.", "एसडीएम"]})
    assert again.status_code == 200 and again.json()["aliases_added"] == []
