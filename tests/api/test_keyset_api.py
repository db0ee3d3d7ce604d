"""GET /v1/action-items?after=: the cursor of a full page leads to the next one; a bad cursor is a 422."""

from __future__ import annotations

from tests.api.test_api import HINDI
from tests.helpers.builders import upload


def test_after_walks_the_list_and_rejects_a_foreign_cursor(client) -> None:
    upload(client, "a.txt", HINDI)
    upload(client, "b.txt", HINDI + " ")
    full = client.get("/v1/action-items?sort=due_date&limit=100").json()
    assert full["total"] == 4 and full["next_after"] is None  # not a full page: nothing follows
    first = client.get("/v1/action-items?sort=due_date&limit=3").json()
    assert first["next_after"]
    rest = client.get(f"/v1/action-items?sort=due_date&limit=3&after={first['next_after']}").json()
    assert [i["id"] for i in first["items"] + rest["items"]] == [i["id"] for i in full["items"]]
    assert rest["total"] == 4 and rest["next_after"] is None
    wrong = client.get(f"/v1/action-items?sort=-created_at&after={first['next_after']}")
    assert wrong.status_code == 422 and "after" in wrong.json()["error"]["message"]


def test_total_stops_at_the_count_cap_unless_asked_for_exactly(client, monkeypatch) -> None:
    import api.routes.items

    upload(client, "a.txt", HINDI)
    upload(client, "b.txt", HINDI + " ")
    assert client.get("/v1/action-items").json()["total_exact"] is True
    monkeypatch.setattr(api.routes.items, "COUNT_CAP", 3)
    capped = client.get("/v1/action-items?limit=2").json()
    assert (capped["total"], capped["total_exact"], len(capped["items"])) == (3, False, 2)
    exact = client.get("/v1/action-items?limit=2&exact_total=true").json()
    assert (exact["total"], exact["total_exact"]) == (4, True)
    monkeypatch.setattr(api.routes.items, "COUNT_CAP", 4)  # exactly the cap matches: still exact
    assert client.get("/v1/action-items").json()["total_exact"] is True
