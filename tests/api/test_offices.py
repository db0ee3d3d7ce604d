"""Offices end to end over the API: linking, tokens, reports, review, scorecard, reports."""

from __future__ import annotations

from tests.helpers.builders import upload
from tests.helpers.offices import TEXT_A, bearer, office, token_for, two_offices


def test_offices_link_by_alias_and_office_sees_only_its_items(make_client) -> None:
    client = make_client()
    w = two_offices(client)
    own = client.get(f"/v1/offices/{w.a}/items", headers=w.token_a)
    assert own.status_code == 200
    assert [i["id"] for i in own.json()["items"]] == [w.item_a]
    offices = {o["id"]: o for o in client.get("/v1/offices").json()}
    assert offices[w.a]["items"] == 1 and offices[w.b]["items"] == 1
    assert client.get(f"/v1/offices/{w.b}/items", headers=w.token_a).status_code == 403
    assert client.get(f"/v1/offices/{w.a}/items/{w.item_b}", headers=w.token_a).status_code == 404
    assert client.get(f"/v1/reports/{w.report_b}", headers=w.token_a).status_code == 404
    assert client.get("/v1/action-items", headers=w.token_a).status_code == 403


def test_report_versions_review_and_closing(client) -> None:
    w = two_offices(client)
    base = f"/v1/offices/{w.a}/items/{w.item_a}/reports"
    bad = client.post(base, json={"status": "cannot", "text": "भूमि विवादित"}, headers=w.token_a)
    assert bad.status_code == 422 and "कारण" in bad.json()["error"]["message"]
    first = client.post(
        base, json={"status": "done", "text": "सत्यापन पूर्ण", "report_date": "2026-01-08"}, headers=w.token_a
    )
    assert first.status_code == 201 and first.json()["version"] == 1
    # the office cannot review its own report
    assert (
        client.post(
            f"/v1/reports/{first.json()['id']}/review", json={"decision": "accept"}, headers=w.token_a
        ).status_code
        == 403
    )
    returned = client.post(
        f"/v1/reports/{first.json()['id']}/review", json={"decision": "return", "note": "प्रमाण संलग्न करें"}
    )
    assert returned.status_code == 200 and returned.json()["review"] == "returned"
    assert client.get(f"/v1/action-items/{w.item_a}").json()["status"] == "open"
    second = client.post(
        base, json={"status": "done", "text": "सत्यापन पूर्ण, सूची संलग्न", "report_date": "2026-01-09"}, headers=w.token_a
    )
    assert second.json()["version"] == 2
    assert [r["id"] for r in client.get("/v1/reports").json()] == [w.report_b, second.json()["id"]]
    accepted = client.post(f"/v1/reports/{second.json()['id']}/review", json={"decision": "accept"})
    assert accepted.status_code == 200
    again = client.post(f"/v1/reports/{second.json()['id']}/review", json={"decision": "accept"})
    assert again.status_code == 409
    assert client.get(f"/v1/action-items/{w.item_a}").json()["status"] == "done"
    versions = client.get(base, headers=w.token_a).json()
    assert [(v["version"], v["review"]) for v in versions] == [(1, "returned"), (2, "accepted")]
    fields = [h["field"] for h in client.get(f"/v1/action-items/{w.item_a}/history").json()]
    assert fields.count("report") == 2 and fields.count("report_review") == 2 and "status" in fields
    card = client.get(f"/v1/offices/{w.a}/scorecard", headers=w.token_a).json()
    # meeting 2026-01-02, closed on the report date 2026-01-09, due 2026-01-10: on time in 7 days
    assert card["assigned"] == 1 and card["closed_on_time"] == 1 and card["closed_late"] == 0
    assert card["median_days_to_close"] == 7.0 and card["open"] == 0
    assert client.get(f"/v1/offices/{w.b}/scorecard", headers=w.token_a).status_code == 403


def test_viewer_reads_but_cannot_report_and_attachments_round_trip(client) -> None:
    from store.tokens import create_token

    w = two_offices(client)
    with client.app.state.ctx.db.session() as s:
        viewer = bearer(create_token(s, "viewer", "v"))
    assert client.get(f"/v1/offices/{w.b}/items", headers=viewer).status_code == 200
    resp = client.post(
        f"/v1/offices/{w.b}/items/{w.item_b}/reports", json={"status": "done", "text": "x"}, headers=viewer
    )
    assert resp.status_code == 403
    got = client.get(f"/v1/reports/{w.report_b}/attachments/{w.attachment_b}", headers=w.token_b)
    assert got.status_code == 200 and got.content.startswith(b"\x89PNG")
    assert client.get(f"/v1/reports/{w.report_b}/attachments/{w.attachment_b}", headers=w.token_a).status_code == 404


def test_unlinked_responsibles_and_bulk_assignment(client) -> None:
    resp = upload(client, "a.txt", TEXT_A, meeting_date="2026-01-02")
    assert resp.status_code in (200, 201)
    items = client.get("/v1/action-items").json()["items"]
    client.post("/v1/action-items/review", json={"ids": [i["id"] for i in items], "decision": "confirm"})
    unlinked = client.get("/v1/offices/unlinked").json()
    assert [(u["label"], u["items"]) for u in unlinked] == [("तहसीलदार", 1)]
    oid = office(client, "तहसील कार्यालय सदर")
    assert client.get(f"/v1/offices/{oid}/items").json()["total"] == 0
    done = client.post("/v1/offices/assign", json={"office_id": oid, "responsibles": ["तहसीलदार"]}).json()
    assert done == {"office_id": oid, "aliases_added": ["तहसीलदार"], "items_linked": 1}
    assert client.get("/v1/offices/unlinked").json() == []
    # an alias belongs to one office
    other = office(client, "उप जिलाधिकारी")
    clash = client.post(f"/v1/offices/{other}/aliases", json={"aliases": ["तहसीलदार"]})
    assert clash.status_code == 422
    # a document uploaded later links at once
    upload(client, "c.txt", TEXT_A.replace("भूमि", "नक्शा"), meeting_date="2026-01-03")
    assert client.get(f"/v1/offices/{oid}/items").json()["total"] == 1  # the new one is still proposed
    assert client.get(f"/v1/offices/{oid}").json()["items"] == 2


def test_office_token_only_from_the_office_endpoint(client) -> None:
    oid = office(client, "सचिव")
    assert client.post("/v1/tokens", json={"role": "office", "label": "x"}).status_code == 422
    tok = token_for(client, oid)
    assert client.get(f"/v1/offices/{oid}", headers=tok).status_code == 200
    assert client.post("/v1/offices", json={"designation": "x"}, headers=tok).status_code == 403


def _sheet_rows(body: bytes) -> list[tuple]:
    import io

    from openpyxl import load_workbook

    return list(load_workbook(io.BytesIO(body)).worksheets[0].iter_rows(values_only=True))


def test_compliance_and_pendency_reports_show_accepted_reports(client) -> None:
    from exporters.report import NO_REPORT

    w = two_offices(client)
    rep = client.post(
        f"/v1/offices/{w.a}/items/{w.item_a}/reports",
        json={"status": "in_progress", "text": "आधा सत्यापन हुआ", "report_date": "2026-01-06"},
        headers=w.token_a,
    ).json()
    client.post(f"/v1/reports/{rep['id']}/review", json={"decision": "accept"})
    a_rows = _sheet_rows(client.get(f"/v1/documents/{w.doc_a}/compliance-report?format=xlsx").content)
    assert "आधा सत्यापन हुआ" in a_rows[1][-1] and "तहसीलदार" in a_rows[1][-1]
    b_rows = _sheet_rows(client.get(f"/v1/documents/{w.doc_b}/compliance-report?format=xlsx").content)
    assert b_rows[1][-1] == NO_REPORT  # B's report is still pending: not accepted
    assert client.get(f"/v1/action-items/{w.item_a}").json()["status"] == "in_progress"
    pend = _sheet_rows(client.get("/v1/reports/pendency?format=xlsx&letterhead=कलेक्ट्रेट&number=12/2026").content)
    assert [(r[0], r[1]) for r in pend[1:]] == [("पंचायती राज", "सचिव"), ("राजस्व", "तहसीलदार")]
    pdf = client.get("/v1/reports/pendency?format=pdf&letterhead=कलेक्ट्रेट&number=12/2026")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
    import pypdfium2 as pdfium

    text = pdfium.PdfDocument(pdf.content)[0].get_textpage().get_text_range()
    assert "कलेक्ट्रेट" in text and "पत्रांक: 12/2026" in text and "लंबित निर्देशों की आख्या" in text
