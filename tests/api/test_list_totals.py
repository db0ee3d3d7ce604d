"""Issue 18, lists within 2x: the totals the API reports for ``responsible=`` with a review filter (counted
from the people rows' own review state, migration 0019) and for an office's items (summed from the
scorecard rollup) follow reviews and status changes, and equal the items listed."""

from __future__ import annotations

from typing import Any

from tests.helpers.builders import upload
from tests.helpers.offices import TEXT_A, office

TEXT_C = "विभाग: राजस्व\nजिलाधिकारी ने तहसीलदार को 2099-01-10 तक नक्शा सत्यापन पूरा करने के निर्देश दिए।\n"


def _listed(client: Any, path: str, **params: Any) -> tuple[int, list[int]]:
    resp = client.get(path, params={**params, "limit": 500})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total_exact"] is True
    return body["total"], sorted(i["id"] for i in body["items"])


def test_responsible_and_office_totals_follow_reviews_and_equal_the_items_listed(client: Any) -> None:
    for name, text in (("a.txt", TEXT_A), ("c.txt", TEXT_C)):
        assert upload(client, name, text, meeting_date="2026-01-02").status_code in (200, 201)
    every = sorted(i["id"] for i in client.get("/v1/action-items", params={"responsible": "तहसीलदार"}).json()["items"])
    assert len(every) == 2
    items = "/v1/action-items"
    assert _listed(client, items, responsible="तहसीलदार", tracked="true") == (0, [])
    assert _listed(client, items, responsible="तहसीलदार", tracked="false") == (2, every)
    oid = office(client, "तहसीलदार")
    path = f"/v1/offices/{oid}/items"
    assert _listed(client, path) == (0, [])  # linked, but both still proposed

    review = client.post(f"{items}/review", json={"ids": every, "decision": "confirm"})
    assert review.status_code == 200, review.text
    assert _listed(client, items, responsible="तहसीलदार", tracked="true") == (2, every)
    assert _listed(client, items, responsible="तहसीलदार", review="confirmed") == (2, every)
    assert _listed(client, items, responsible="तहसीलदार", review_state="proposed") == (0, [])
    assert _listed(client, path) == (2, every)
    late, not_late = _listed(client, path, overdue="true"), _listed(client, path, overdue="false")
    assert late == (1, every[:1]) and not_late == (1, every[1:])  # due 2026-01-10 is past, 2099 is not

    patched = client.patch(f"{items}/{every[0]}", json={"status": "done"})
    assert patched.status_code == 200, patched.text
    assert _listed(client, path, overdue="true") == (0, [])
    assert _listed(client, path, overdue="false") == (2, every)
    assert _listed(client, path, status="done") == (1, every[:1])
    reject = client.post(f"{items}/review", json={"ids": every[1:], "decision": "reject"})
    assert reject.status_code == 200, reject.text
    assert _listed(client, items, responsible="तहसीलदार", tracked="true") == (1, every[:1])
    assert _listed(client, path) == (1, every[:1])
