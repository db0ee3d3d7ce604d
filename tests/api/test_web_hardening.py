"""Issue 17, findings 5, 6, 9, 10 and 12, through the HTTP API: control characters are refused on input
and cannot break an export, formula signs stay text, stale writes get 412, cross-origin changes and
foreign Host names are refused, wrong JSON types and odd paths are 4xx (never 500), calendar feeds take
only feed tokens in a URL, links follow the configured public URL, and the local actor is named."""

from __future__ import annotations

import io
import logging
from email.message import Message
from typing import Any
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from ingest import ingest_bytes
from store.db import Database
from store.repository import get_item
from tests.helpers.builders import upload

MINUTES = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "जिलाधिकारी ने खंड विकास अधिकारी को 2026-03-10 तक आवास सर्वे पूर्ण करने के निर्देश दिए। "
    "अधिशासी अभियंता को 2026-02-28 तक सड़क मरम्मत की रिपोर्ट देने के निर्देश दिए गए।"
)


def _item(client: Any) -> dict[str, Any]:
    res = upload(client, "बैठक.txt", MINUTES, meeting_date="2026-01-05")
    assert res.status_code == 201, res.text
    return res.json()["items"][0]


def _tracked_item(client: Any) -> dict[str, Any]:
    """The first item of a document whose items are all confirmed: exports, feeds and reports carry
    confirmed items by default."""
    res = upload(client, "बैठक.txt", MINUTES, meeting_date="2026-01-05")
    assert res.status_code == 201, res.text
    ids = [i["id"] for i in res.json()["items"]]
    assert client.post("/v1/action-items/review", json={"ids": ids, "decision": "confirm"}).status_code == 200
    return client.get(f"/v1/action-items/{ids[0]}").json()


def _code(res: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert res.status_code == status, (res.status_code, res.text)
    err = res.json()["error"]
    if code:
        assert err["code"] == code, err
    return err


# --- finding 9: control characters ------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["a\x07b", "x\x00", "\x1b[31m", "a\rb", "\x7f", "\x85"])
def test_patch_refuses_control_characters(client: Any, bad: str) -> None:
    item = _item(client)
    for field in ("note", "assignee"):
        err = _code(client.patch(f"/v1/action-items/{item['id']}", json={field: bad}), 422, "validation_error")
        assert "control character U+" in err["message"]
    assert client.get(f"/v1/action-items/{item['id']}").json()["note"] is None  # nothing stored


def test_patch_keeps_tab_and_newline(client: Any) -> None:
    item = _item(client)
    res = client.patch(f"/v1/action-items/{item['id']}", json={"note": "पहली पंक्ति\n\tदूसरी"})
    assert res.status_code == 200 and res.json()["note"] == "पहली पंक्ति\n\tदूसरी"


@pytest.mark.parametrize(
    "fields",
    [
        {"text": "सर्वे\x00 पूर्ण"},
        {"action": "a\x08"},
        {"issued_by": {"name": "x\x01", "designation": None}},
        {"responsible": ["तहसीलदार\x0b"]},
        {"deadline": {"text": "माह\x1f के अंत तक", "date": None, "kind": "by"}},
        {"targets": [{"text": "85 प्रतिशत", "value": 85, "unit": "%\x00"}]},
    ],
)
def test_correction_refuses_control_characters(client: Any, fields: dict[str, Any]) -> None:
    item = _item(client)
    err = _code(
        client.post(f"/v1/action-items/{item['id']}/review", json={"decision": "correct", "fields": fields}), 422
    )
    assert "control character U+" in err["message"]
    after = client.get(f"/v1/action-items/{item['id']}").json()
    assert after["review_state"] == "proposed" and after["corrections"] == []


def test_upload_text_is_cleaned_of_control_characters() -> None:
    doc = ingest_bytes("बैठक\x07 हुई।\nजिलाधिकारी ने\x0b निर्देश\x7f दिए।\x1b\n".encode(), "a.txt")
    assert doc.pages[0].text == "बैठक हुई।\nजिलाधिकारी ने निर्देश दिए।"


def _poison_note(db_url: str, item_id: int, note: str) -> None:
    """What older data (or another writer) may hold: a control character stored in a note."""
    db = Database(db_url, run_migrations=False)
    with db.session() as s:
        item = get_item(s, item_id)
        assert item is not None
        item.note = note
    db.dispose()


def test_a_stored_control_character_breaks_no_export(client: Any, db_url: str) -> None:
    item = _item(client)
    nul = "\x00" if db_url.startswith("sqlite") else ""  # PostgreSQL cannot store NUL at all
    _poison_note(db_url, item["id"], "टिप्पणी\x07" + nul)
    for fmt in ("xlsx", "csv", "ics", "json"):
        assert client.get(f"/v1/export?format={fmt}&review=all").status_code == 200, fmt
    for fmt in ("xlsx", "pdf"):
        assert (
            client.get(f"/v1/documents/{item['document_id']}/compliance-report?format={fmt}&review=all").status_code
            == 200
        )
    wb = load_workbook(io.BytesIO(client.get("/v1/export?format=xlsx&review=all").content))
    assert "टिप्पणी" in [c.value for row in wb.active.iter_rows() for c in row]


# --- finding 5: formulas through the API --------------------------------------------------------------


def test_a_formula_set_by_patch_is_text_in_every_export(client: Any) -> None:
    item = _tracked_item(client)
    formula = '=HYPERLINK("http://attacker.example","x")'
    assert client.patch(f"/v1/action-items/{item['id']}", json={"assignee": formula}).status_code == 200
    for url in ("/v1/export?format=xlsx", f"/v1/documents/{item['document_id']}/compliance-report?format=xlsx"):
        wb = load_workbook(io.BytesIO(client.get(url).content))
        cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
        assert not [c.coordinate for c in cells if c.data_type == "f"], url
        assert any(isinstance(c.value, str) and formula in c.value for c in cells), url
    csv_text = client.get("/v1/export?format=csv").content.decode("utf-8-sig")
    assert "'" + formula.replace('"', '""') in csv_text


# --- finding 10: lost updates -----------------------------------------------------------------------


def test_etag_on_get_and_list_and_412_on_a_stale_write(client: Any) -> None:
    item = _item(client)
    url = f"/v1/action-items/{item['id']}"
    got = client.get(url)
    etag = got.headers["etag"]
    assert etag.startswith('"') and got.json()["etag"] == etag == item["etag"]
    listed = client.get(f"/v1/action-items?document_id={item['document_id']}").json()["items"]
    assert {i["id"]: i["etag"] for i in listed}[item["id"]] == etag

    # Two editors read the same version; the first one's note is saved, the second one's is refused.
    first = client.patch(url, json={"note": "पहले संपादक की टिप्पणी"}, headers={"If-Match": etag})
    assert first.status_code == 200 and first.headers["etag"] != etag and first.json()["etag"] == first.headers["etag"]
    second = client.patch(url, json={"note": "दूसरे संपादक की टिप्पणी"}, headers={"If-Match": etag})
    _code(second, 412, "precondition_failed")
    assert second.headers["etag"] == first.headers["etag"]
    assert client.get(url).json()["note"] == "पहले संपादक की टिप्पणी"
    review = client.post(f"{url}/review", json={"decision": "confirm"}, headers={"If-Match": etag})
    _code(review, 412, "precondition_failed")
    assert client.get(url).json()["review_state"] == "proposed"

    fresh = client.get(url).headers["etag"]
    ok = client.post(f"{url}/review", json={"decision": "confirm"}, headers={"If-Match": fresh})
    assert ok.status_code == 200 and ok.json()["review_state"] == "confirmed"
    assert client.patch(url, json={"status": "done"}, headers={"If-Match": "*"}).status_code == 200
    assert client.patch(url, json={"status": "open"}).status_code == 200  # no If-Match: applied (scripts, CLI)
    _code(client.patch(url, json={"status": "done"}, headers={"If-Match": "W/" + fresh}), 412)  # weak never matches


# --- finding 6: CSRF and DNS rebinding ----------------------------------------------------------------


def test_cross_origin_changes_are_refused(client: Any) -> None:
    item = _item(client)
    for headers in (
        {"Origin": "http://attacker.example"},
        {"Origin": "null"},
        {"Referer": "http://attacker.example/page.html"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "http://testserver.attacker.example"},
    ):
        res = upload(client, "csrf.txt", MINUTES + " नया।", headers=headers)
        _code(res, 403, "cross_origin")
        _code(client.post(f"/v1/documents/{item['document_id']}/reprocess", headers=headers), 403, "cross_origin")
        _code(client.patch(f"/v1/action-items/{item['id']}", json={"note": "x"}, headers=headers), 403)
    assert client.get("/v1/documents").json()["total"] == 1  # nothing stored
    assert client.get(f"/v1/action-items/{item['id']}").json()["note"] is None
    # Same origin (the UI) and clients that are not browsers (no Origin) are served; reads are never refused.
    same = {"Origin": "http://testserver", "Referer": "http://testserver/#/items"}
    assert client.patch(f"/v1/action-items/{item['id']}", json={"note": "y"}, headers=same).status_code == 200
    assert client.get("/v1/documents", headers={"Origin": "http://attacker.example"}).status_code == 200


def test_allowed_origins_are_configurable(make_client: Any) -> None:
    client = make_client(allowed_origins="https://portal.example.gov")
    item = _item(client)
    ok = client.patch(
        f"/v1/action-items/{item['id']}", json={"note": "y"}, headers={"Origin": "https://portal.example.gov"}
    )
    assert ok.status_code == 200


def test_untrusted_host_names_are_refused(make_client: Any) -> None:
    client = make_client(allowed_hosts="")  # only what the server itself knows: loopback and the bind address
    for host in ("attacker.example", "attacker.example:8000", "127.0.0.1.attacker.example"):
        _code(client.get("/v1/documents", headers={"Host": host}), 400, "untrusted_host")
        _code(client.get("/", headers={"Host": host}), 400, "untrusted_host")
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        assert client.get("/v1/health", headers={"Host": host}).status_code == 200, host
    public = make_client(allowed_hosts="", public_url="https://nirdesh.example.gov")
    assert public.get("/v1/documents", headers={"Host": "nirdesh.example.gov"}).status_code == 200
    _code(public.get("/v1/documents", headers={"Host": "attacker.example"}), 400)
    # A load balancer's probe by address: the liveness and readiness answers only.
    assert public.get("/v1/health", headers={"Host": "10.0.0.5:8000"}).status_code == 200
    assert public.get("/v1/ready", headers={"Host": "10.0.0.5:8000"}).status_code == 200


def test_security_headers(client: Any) -> None:
    ui = client.get("/")
    csp = ui.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    for res in (ui, client.get("/v1/health"), client.get("/v1/action-items/999"), client.get("/docs")):
        assert res.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in res.headers["content-security-policy"]
        assert res.headers["x-frame-options"] == "DENY"


# --- finding 12: the smaller ones ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"responsible": [1]},
        {"responsible": [{"name": ["a"], "designation": None}]},
        {"issued_by": {"name": {"x": 1}}},
        {"issued_by": 5},
        {"deadline": {"text": ["x"], "date": None}},
        {"deadline": {"text": "x", "date": 20260101}},
        {"deadline": {"text": "x", "kind": 7}},
        {"deadline": "कल"},
        {"targets": [{"text": "x", "value": "पचासी"}]},
        {"targets": [{"text": "x", "value": True}]},
        {"targets": [{"text": "x", "unit": 5}]},
        {"targets": [5]},
        {"targets": "x"},
        {"action": 5},
        {"action": ["x"]},
        {"text": None},
        {"recurrence": {"every": "week"}},
    ],
)
def test_wrong_json_types_in_a_correction_are_422(client: Any, fields: dict[str, Any]) -> None:
    item = _item(client)
    _code(client.post(f"/v1/action-items/{item['id']}/review", json={"decision": "correct", "fields": fields}), 422)
    after = client.get(f"/v1/action-items/{item['id']}").json()
    assert after["corrections"] == [] and after["targets"] == item["targets"]


@pytest.mark.parametrize("path", [f"/v1/documents/{2**63}/pages/1/image", f"/v1/documents/1/pages/{2**63}/image"])
def test_huge_ids_in_the_page_image_path_are_4xx(client: Any, path: str) -> None:
    _item(client)
    assert client.get(path).status_code in (404, 422)


@pytest.mark.parametrize("key", ["a%0D%0AX-Evil:%201", "a%0Ab", "%00", "a%00b", "x%1b"])
def test_control_characters_in_a_feed_key_are_422(client: Any, key: str) -> None:
    _code(client.get(f"/v1/feeds/officer/{key}.ics"), 422, "validation_error")


def test_a_feed_key_cannot_inject_into_content_disposition(client: Any) -> None:
    _item(client)
    key = 'x"; filename="evil.html'
    res = client.get(f"/v1/feeds/officer/{quote(key)}.ics")
    assert res.status_code == 200
    msg = Message()
    msg["content-disposition"] = res.headers["content-disposition"]
    params = msg.get_params(header="content-disposition")
    assert len(params) == 3 and params[0] == ("inline", "")  # filename and filename*: no parameter smuggled in
    assert params[1][1].endswith(".ics") and msg.get_filename().endswith(".ics")


def test_feed_urls_take_only_feed_tokens_and_logs_redact_them(make_client: Any, db_url: str) -> None:
    from api.server import RedactTokens, redact
    from store.tokens import create_token

    client = make_client(require_auth=True)
    db = Database(db_url, run_migrations=False)
    with db.session() as s:
        admin, feed = create_token(s, "admin", "ops"), create_token(s, "feed", "calendar")
    db.dispose()
    officer = quote("अधिशासी अभियंता")
    _code(client.get(f"/v1/feeds/officer/{officer}.ics?token={admin}"), 403, "forbidden")
    assert client.get(f"/v1/feeds/officer/{officer}.ics?token={feed}").status_code == 200
    _code(client.get("/v1/action-items", headers={"Authorization": f"Bearer {feed}"}), 403, "forbidden")

    line = f"/v1/feeds/officer/{officer}.ics?events=true&token={feed}&x=1"
    assert redact(line) == f"/v1/feeds/officer/{officer}.ics?events=true&token=***&x=1"
    record = logging.LogRecord(
        "uvicorn.access", logging.INFO, "", 0, '%s - "%s %s HTTP/%s" %d', ("1.2.3.4", "GET", line, "1.1", 200), None
    )
    assert RedactTokens().filter(record) and feed not in record.getMessage() and "token=***" in record.getMessage()


def test_links_follow_the_public_url_not_the_host_header(make_client: Any) -> None:
    client = make_client(public_url="https://nirdesh.example.gov", allowed_hosts="*")
    _tracked_item(client)
    body = client.get("/v1/export?format=json", headers={"Host": "attacker.example"}).json()
    assert body["items"][0]["url"].startswith("https://nirdesh.example.gov/#/documents/")
    ics = client.get(f"/v1/feeds/officer/{quote('अधिशासी')}.ics", headers={"Host": "attacker.example"}).text
    assert "attacker.example" not in ics and "@nirdesh.example.gov" in ics
    unset = make_client(allowed_hosts="*")  # no public URL: the configured host and port, still not the Host
    body = unset.get("/v1/export?format=json", headers={"Host": "attacker.example"}).json()
    assert body["items"][0]["url"].startswith("http://127.0.0.1:8000/")


def test_open_loopback_mode_audits_a_named_local_actor(client: Any) -> None:
    from api.auth import local_actor

    item = _item(client)
    assert client.patch(f"/v1/action-items/{item['id']}", json={"note": "देखा"}).status_code == 200
    actors = {h["actor"] for h in client.get(f"/v1/action-items/{item['id']}/history").json()}
    assert actors == {local_actor()} and local_actor().startswith("local:") and local_actor() != "local:"
