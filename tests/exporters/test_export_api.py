"""The export API on SQLite and PostgreSQL: filtered exports, calendar feeds with a query-string token,
the compliance report, and the reminder thread started by the app."""

from __future__ import annotations

import csv
import io
import json
import time
from urllib.parse import quote

import jsonschema
from icalendar import Calendar
from openpyxl import load_workbook

from exporters.json_export import load_schema
from exporters.notify import verify
from store.db import Database
from store.tokens import create_token
from tests.helpers.builders import upload
from tests.helpers.export_http import Recorder, Seen

MINUTES = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "जिलाधिकारी ने खंड विकास अधिकारी को 2026-03-10 तक आवास सर्वे की कार्यवाही पूर्ण करने के निर्देश दिए। "
    "अधिशासी अभियंता को 2026-02-28 तक सड़क मरम्मत की प्रगति रिपोर्ट देने के निर्देश दिए गए। "
    "तहसीलदार को साप्ताहिक समीक्षा के निर्देश दिए गए।"
)


def _doc(client, headers: dict | None = None) -> dict:
    """Upload the minutes and confirm every item (exports cover confirmed items by default)."""
    res = upload(client, "बैठक.txt", MINUTES, meeting_date="2026-01-05", headers=headers)
    assert res.status_code == 201, res.text
    ids = [i["id"] for i in res.json()["items"]]
    done = client.post("/v1/action-items/review", json={"ids": ids, "decision": "confirm"}, headers=headers)
    assert done.status_code == 200, done.text
    return res.json()


def test_export_formats_follow_the_filters(client) -> None:
    doc = _doc(client)
    res = client.get("/v1/export", params={"format": "csv", "responsible": "अधिशासी"})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    assert "attachment" in res.headers["content-disposition"] and ".csv" in res.headers["content-disposition"]
    assert res.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(res.content.decode("utf-8-sig"))))
    assert len(rows) == 1 and "सड़क मरम्मत" in rows[0]["Summary"] and rows[0]["Due date"] == "2026-02-28"
    assert rows[0]["URL"].startswith("http://testserver/#/documents/")

    all_json = client.get("/v1/export?format=json").json()
    jsonschema.Draft202012Validator(load_schema(), format_checker=jsonschema.FormatChecker()).validate(all_json)
    assert all_json["count"] == 3 and {i["document_id"] for i in all_json["items"]} == {doc["id"]}
    dated = client.get("/v1/export?format=json&due_before=2026-03-01").json()
    assert [i["due_date"] for i in dated["items"]] == ["2026-02-28"]

    xlsx = client.get(f"/v1/export?format=xlsx&sheets=meeting&document_id={doc['id']}")
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert len(wb.sheetnames) == 1 and wb.active.max_row == 4

    ics = Calendar.from_ical(client.get("/v1/export?format=ics&q=आवास").content)
    assert [str(t["SUMMARY"]) for t in ics.walk("VTODO")][0].startswith("जिलाधिकारी ने खंड विकास")

    bad = client.get("/v1/export?format=docx")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_error"
    bad = client.get("/v1/export?status=finished")
    assert bad.status_code == 422 and "status" in bad.json()["error"]["message"]


def test_calendar_feeds_take_a_token_in_the_query(make_client, db_url) -> None:
    client = make_client(require_auth=True)
    db = Database(db_url, run_migrations=False)
    with db.session() as s:
        viewer, editor = create_token(s, "viewer", "calendar"), create_token(s, "editor", "desk")
    db.dispose()
    _doc(client, headers={"Authorization": f"Bearer {editor}"})
    officer = quote("अधिशासी अभियंता")
    assert client.get(f"/v1/feeds/officer/{officer}.ics").status_code == 401
    assert client.get(f"/v1/feeds/officer/{officer}.ics?token=wrong").status_code == 401
    assert client.get("/v1/export?token=" + viewer).status_code == 401  # only the feeds accept ?token
    res = client.get(f"/v1/feeds/officer/{officer}.ics?token={viewer}")
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(res.content)
    todos = cal.walk("VTODO")
    assert len(todos) == 1 and "सड़क मरम्मत" in str(todos[0]["SUMMARY"])
    assert str(cal["X-WR-CALNAME"]) == "निर्देश — अधिशासी अभियंता"
    dept = client.get(f"/v1/feeds/department/{quote('ग्राम्य')}.ics", params={"token": viewer, "events": "true"})
    cal = Calendar.from_ical(dept.content)
    assert len(cal.walk("VTODO")) == 3 and len(cal.walk("VEVENT")) == 2  # undated item: no event
    assert (
        client.get(f"/v1/feeds/officer/{officer}.ics", headers={"Authorization": f"Bearer {viewer}"}).status_code == 200
    )
    assert client.get("/v1/feeds/room/x.ics").status_code == 422


def test_compliance_report_endpoint(client) -> None:
    doc = _doc(client)
    pdf = client.get(f"/v1/documents/{doc['id']}/compliance-report")
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    xlsx = client.get(f"/v1/documents/{doc['id']}/compliance-report?format=xlsx")
    wb = load_workbook(io.BytesIO(xlsx.content))
    assert wb.active.max_row == 4
    missing = client.get("/v1/documents/9999/compliance-report")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "not_found"


def test_app_starts_the_reminder_thread_when_webhooks_are_configured(make_client) -> None:
    got: list[Seen] = []

    def respond(seen: Seen) -> tuple[int, dict]:
        got.append(seen)
        return 200, {}

    with Recorder(respond) as srv:
        client = make_client(webhook_urls=f"{srv.url}/hook", webhook_secret="k", remind_interval_s=0.1)
        doc = _doc(client)
        item_id = doc["items"][0]["id"]
        assert client.patch(f"/v1/action-items/{item_id}", json={"status": "done"}).status_code == 200
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not any(b"item.status_changed" in s.body for s in got):
            time.sleep(0.05)
    changed = [json.loads(s.body) for s in got if b"item.status_changed" in s.body]
    assert len(changed) == 1 and changed[0]["item"]["id"] == item_id and changed[0]["item"]["status"] == "done"
    assert all(verify(s.body, "k", s.headers["x-nirdesh-signature"]) for s in got)
    assert sum(b"item.created" in s.body for s in got) == 3
