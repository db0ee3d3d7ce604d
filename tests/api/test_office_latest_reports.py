"""GET /v1/offices/{id}/latest-reports: the office list's "latest report" column in one request, the
same report the per-item versions list ends with."""

from __future__ import annotations

from typing import Any

from tests.helpers.offices import two_offices


def test_latest_reports_equal_the_last_of_each_items_versions(client: Any) -> None:
    w = two_offices(client)
    second = client.post(
        f"/v1/offices/{w.b}/items/{w.item_b}/reports",
        json={"status": "done", "text": "कार्य पूर्ण", "report_date": "2026-01-09"},
        headers=w.token_b,
    )
    assert second.status_code == 201, second.text
    resp = client.get(f"/v1/offices/{w.b}/latest-reports", params={"item_id": [w.item_b, w.item_a]}, headers=w.token_b)
    assert resp.status_code == 200, resp.text
    versions = client.get(f"/v1/offices/{w.b}/items/{w.item_b}/reports", headers=w.token_b).json()
    assert [r["version"] for r in versions] == [1, 2]
    assert resp.json() == [versions[-1]]  # item_a has no report of office B: not listed
    assert client.get(f"/v1/offices/{w.a}/latest-reports", params={"item_id": [w.item_a]}).json() == []
    assert client.get(f"/v1/offices/{w.b}/latest-reports").json() == []


def test_latest_reports_are_scoped_and_bounded(client: Any) -> None:
    w = two_offices(client)
    other = client.get(f"/v1/offices/{w.b}/latest-reports", params={"item_id": [w.item_b]}, headers=w.token_a)
    assert other.status_code == 403
    many = client.get(f"/v1/offices/{w.b}/latest-reports", params={"item_id": list(range(1, 502))})
    assert many.status_code == 422
    assert client.get(f"/v1/offices/{w.b}/latest-reports", params={"item_id": [0]}).status_code == 422
