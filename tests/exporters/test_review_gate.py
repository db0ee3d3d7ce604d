"""Review gates tracking: dashboards, lists, exports, feeds, the compliance report and reminders
cover confirmed items by default, ``review=all`` adds proposed ones, rejected items never leave the
review screen (SQLite and PostgreSQL)."""

from __future__ import annotations

import csv
import io
from urllib.parse import quote

from icalendar import Calendar
from openpyxl import load_workbook
from sqlalchemy import select

from exporters.notify import NotifyConfig, SmtpConfig, enqueue_digests
from store import outbox
from store.db import Database
from store.models import ActionItem, OutboxEvent
from tests.helpers.builders import upload
from tests.helpers.export_seed import TODAY, seed

MINUTES = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "जिलाधिकारी ने खंड विकास अधिकारी को 2026-01-10 तक आवास सर्वे की कार्यवाही पूर्ण करने के निर्देश दिए। "
    "अधिशासी अभियंता को 2026-02-28 तक सड़क मरम्मत की प्रगति रिपोर्ट देने के निर्देश दिए गए। "
    "खंड विकास अधिकारी को 2026-01-12 तक शौचालय सत्यापन पूर्ण करने के निर्देश दिए गए।"
)


def _mixed(client) -> dict[str, int]:
    """One document: item 1 confirmed, item 2 proposed, item 3 rejected (1 and 3 overdue today)."""
    res = upload(client, "बैठक.txt", MINUTES, meeting_date="2026-01-05")
    assert res.status_code == 201, res.text
    doc_id = res.json()["id"]
    first, second, third = (i["id"] for i in res.json()["items"])
    assert client.post(f"/v1/action-items/{first}/review", json={"decision": "confirm"}).status_code == 200
    assert client.post(f"/v1/action-items/{third}/review", json={"decision": "reject"}).status_code == 200
    return {"doc": doc_id, "confirmed": first, "proposed": second, "rejected": third}


def _json_ids(client, query: str = "") -> set[int]:
    res = client.get(f"/v1/export?format=json{query}")
    assert res.status_code == 200, res.text
    return {i["id"] for i in res.json()["items"]}


def test_exports_cover_confirmed_items_unless_asked_and_never_rejected(client) -> None:
    ids = _mixed(client)
    confirmed, both = {ids["confirmed"]}, {ids["confirmed"], ids["proposed"]}
    assert _json_ids(client) == confirmed
    assert _json_ids(client, "&review=confirmed") == confirmed
    assert _json_ids(client, "&review=all") == both
    assert _json_ids(client, "&review_state=proposed") == {ids["proposed"]}  # an explicit pick
    assert _json_ids(client, "&review_state=rejected") == set()
    assert _json_ids(client, "&review=all&review_state=rejected,proposed") == {ids["proposed"]}
    assert _json_ids(client, "&review=confirmed&review_state=proposed") == set()
    assert _json_ids(client, "&tracked=false") == {ids["proposed"]}

    rows = list(csv.DictReader(io.StringIO(client.get("/v1/export?format=csv").content.decode("utf-8-sig"))))
    assert [int(r["Nirdesh ID"]) for r in rows] == [ids["confirmed"]]
    wb = load_workbook(io.BytesIO(client.get("/v1/export?format=xlsx&review=all").content))
    assert wb.active.max_row == 3  # header + confirmed + proposed
    ics = Calendar.from_ical(client.get("/v1/export?format=ics").content)
    assert len(ics.walk("VTODO")) == 1
    feed = Calendar.from_ical(client.get(f"/v1/feeds/department/{quote('ग्राम्य')}.ics").content)
    assert len(feed.walk("VTODO")) == 1
    feed_all = Calendar.from_ical(client.get(f"/v1/feeds/department/{quote('ग्राम्य')}.ics?review=all").content)
    assert len(feed_all.walk("VTODO")) == 2
    bad = client.get("/v1/export?review=rejected")
    assert bad.status_code == 422


def test_dashboard_and_overdue_list_count_confirmed_items_by_default(client) -> None:
    ids = _mixed(client)
    stats = client.get("/v1/stats").json()
    assert stats["review"] == "confirmed"
    assert {r["officer"]: (r["open"], r["overdue"]) for r in stats["by_officer"]} == {"खंड विकास अधिकारी": (1, 1)}
    wide = client.get("/v1/stats?review=all").json()
    assert {r["officer"]: (r["open"], r["overdue"]) for r in wide["by_officer"]} == {
        "खंड विकास अधिकारी": (1, 1),  # the rejected overdue item counts nowhere
        "अधिशासी अभियंता": (1, 1),  # due 2026-02-28: overdue by the real date
    }
    overdue = client.get("/v1/action-items?overdue=true&review=confirmed").json()
    assert [i["id"] for i in overdue["items"]] == [ids["confirmed"]]
    assert client.get("/v1/action-items?review=all").json()["total"] == 2
    assert client.get("/v1/action-items").json()["total"] == 3  # the review screen sees everything


def test_compliance_report_lists_confirmed_directives_by_default(client) -> None:
    ids = _mixed(client)
    sheet = load_workbook(io.BytesIO(client.get(f"/v1/documents/{ids['doc']}/compliance-report?format=xlsx").content))
    texts = [row[1] for row in sheet.active.iter_rows(min_row=2, values_only=True)]
    assert len(texts) == 1 and "आवास सर्वे" in texts[0]
    wide = client.get(f"/v1/documents/{ids['doc']}/compliance-report?format=xlsx&review=all")
    texts = [row[1] for row in load_workbook(io.BytesIO(wide.content)).active.iter_rows(min_row=2, values_only=True)]
    assert len(texts) == 2 and not any("शौचालय" in t for t in texts)


def test_reminders_cover_confirmed_items_and_never_rejected_ones(db: Database) -> None:
    seed(db, review="proposed")
    with db.session() as s:
        late = s.scalars(select(ActionItem).where(ActionItem.text.contains("आवास सर्वे"))).one()
        late.review_state = "rejected"
    with db.session() as s:
        assert outbox.sweep_overdue(s, TODAY) == 0
        assert outbox.sweep_overdue(s, TODAY, "all") == 0  # rejected: never
    with db.session() as s:
        s.get(ActionItem, late.id).review_state = "proposed"
    with db.session() as s:
        assert outbox.sweep_overdue(s, TODAY) == 0  # proposed: only when asked for
    with db.session() as s:
        s.get(ActionItem, late.id).review_state = "confirmed"
    with db.session() as s:
        assert outbox.sweep_overdue(s, TODAY) == 1

    smtp = SmtpConfig("127.0.0.1", 1, sender="nirdesh@dm.example")
    emails = {"खंड विकास अधिकारी": "bdo@dm.example", "जिला कृषि अधिकारी": "dao@dm.example"}
    assert enqueue_digests(db, NotifyConfig(base_url="x", smtp=smtp, officer_emails=emails), TODAY) == 1
    with db.session() as s:
        (digest,) = s.scalars(select(OutboxEvent).where(OutboxEvent.event == outbox.DIGEST)).all()
        assert digest.payload["officer"] == "खंड विकास अधिकारी" and len(digest.payload["items"]) == 1
    cfg_all = NotifyConfig(base_url="x", smtp=smtp, officer_emails=emails, review="all")
    assert enqueue_digests(db, cfg_all, TODAY) == 1  # जिला कृषि अधिकारी: a proposed item, now included
    assert NotifyConfig.from_settings(_Settings(), "x").review == "confirmed"


class _Settings:
    webhook_urls = ""
    webhook_secret = ""
    smtp_host = ""
    officer_emails = ""
    digest_hour = 7
    remind_review = "confirmed"


def test_review_gate_figures_script(capsys) -> None:
    from bench.review_gate import main

    rows = {
        name.strip(): (before, after, wide) for name, before, after, wide in main(["--items", "40", "--confirmed", "5"])
    }
    assert "before (d35d8ca)" in capsys.readouterr().out
    assert rows["export rows (CSV/XLSX/ICS/JSON)"] == (40, 5, 32)  # 8 rejected by default
    assert rows["of which rejected"] == (8, 0, 0) and rows["of which unreviewed (proposed)"] == (27, 0, 27)
    assert rows["dashboard open items"][1] <= 5 and rows["compliance report lines"] == (32, 5, 32)
