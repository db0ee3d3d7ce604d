"""The small endpoints the web UI's office screens need: who am I, editing an office, every scorecard."""

from __future__ import annotations

from store.tokens import create_token
from tests.helpers.offices import bearer, two_offices


def test_me_names_the_role_and_only_the_callers_office(client) -> None:
    w = two_offices(client)
    me = client.get("/v1/me", headers=w.token_a).json()
    assert me["role"] == "office" and me["office_id"] == w.a and me["office"] == "तहसीलदार"
    assert client.get("/v1/me", headers=w.token_b).json()["office_id"] == w.b
    with client.app.state.ctx.db.session() as s:
        editor = bearer(create_token(s, "editor", "समीक्षक"))
    me = client.get("/v1/me", headers=editor).json()
    assert me["role"] == "editor" and me["office_id"] is None and me["actor"].startswith("समीक्षक#")
    assert client.get("/v1/me").json()["role"] == "admin"  # loopback without a token: the local admin
    assert client.get("/v1/me", headers=bearer("wrong")).status_code == 401


def test_admin_edits_an_office_and_the_new_designation_becomes_an_alias(client) -> None:
    w = two_offices(client)
    resp = client.patch(
        f"/v1/offices/{w.a}", json={"designation": "उप जिलाधिकारी", "district": "", "department": "राजस्व"}
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["designation"] == "उप जिलाधिकारी" and body["district"] is None and body["department"] == "राजस्व"
    assert "उप जिलाधिकारी" in body["aliases"] and "तहसीलदार" in body["aliases"]  # the old name still links
    assert body["items"] == 1
    # fields not sent stay as they were
    assert client.patch(f"/v1/offices/{w.a}", json={"email": "sdm@example.org"}).json()["department"] == "राजस्व"
    bad = client.patch(f"/v1/offices/{w.a}", json={"designation": "  "})
    assert bad.status_code == 422 and "पदनाम" in bad.json()["error"]["message"]
    taken = client.patch(f"/v1/offices/{w.a}", json={"designation": "सचिव"})  # office B's alias
    assert taken.status_code == 422
    assert client.get(f"/v1/offices/{w.a}").json()["designation"] == "उप जिलाधिकारी"
    assert client.patch("/v1/offices/999", json={"district": "x"}).status_code == 404
    assert client.patch(f"/v1/offices/{w.a}", json={"district": "x"}, headers=w.token_a).status_code == 403


def test_scorecards_list_every_office_and_count_a_closed_item(client) -> None:
    w = two_offices(client)
    rep = client.post(
        f"/v1/offices/{w.a}/items/{w.item_a}/reports",
        json={"status": "done", "text": "पूर्ण", "report_date": "2026-01-08"},
        headers=w.token_a,
    ).json()
    assert client.post(f"/v1/reports/{rep['id']}/review", json={"decision": "accept"}).status_code == 200
    cards = {c["office_id"]: c for c in client.get("/v1/offices/scorecards").json()}
    assert set(cards) == {w.a, w.b}
    assert cards[w.a]["assigned"] == 1 and cards[w.a]["closed_on_time"] == 1 and cards[w.a]["open"] == 0
    assert cards[w.b]["assigned"] == 1 and cards[w.b]["open"] == 1 and cards[w.b]["closed_on_time"] == 0
    assert cards[w.a] == client.get(f"/v1/offices/{w.a}/scorecard").json()
    assert client.get("/v1/offices/scorecards", headers=w.token_a).status_code == 403


def test_report_attachment_picker_offers_the_upload_formats() -> None:
    """The report form's file picker (offices.js) names exactly the formats an attachment may have."""
    import re
    from pathlib import Path

    from ingest.formats import suffixes

    script = (Path(__file__).resolve().parents[2] / "api" / "static" / "offices.js").read_text(encoding="utf-8")
    accept = re.search(r'accept: "(\.[^"]+)"', script)
    assert accept is not None
    assert set(accept.group(1).split(",")) == suffixes()
