"""HTTP API with a fake extractor: uploads, jobs, errors, filters, review, re-processing, auth."""

from __future__ import annotations

import hashlib
import time
from datetime import date

import pytest

from store import jobs as job_store
from store.db import Database
from store.files import FileStore
from store.repository import create_document
from tests.helpers.builders import upload, wait_job

HINDI = (
    "विभाग: ग्राम्य विकास विभाग\n"
    "जिलाधिकारी ने निर्देश दिए कि सभी खंड विकास अधिकारी 2020-01-31 तक सर्वे पूरा करें। "
    "बैठक में प्रगति पर चर्चा की गई। "
    "जिलाधिकारी ने अधिशासी अभियंता को 2099-12-31 तक सड़क निर्माण के निर्देश दिए।"
)
PDF = ("%PDF-1.4\n" + HINDI).encode()


def _error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert set(body) == {"error"} and body["error"]["code"] == code and body["error"]["message"]
    return body["error"]


def test_upload_txt_is_extracted_synchronously_and_deduplicated(client) -> None:
    r = upload(client, "../../बैठक कार्यवृत्त.txt", HINDI, meeting_date="2025-09-16")
    assert r.status_code == 201, r.text
    doc = r.json()
    assert doc["filename"] == "बैठक कार्यवृत्त.txt" and doc["status"] == "processed"
    assert doc["sha256"] == hashlib.sha256(HINDI.encode()).hexdigest()
    assert doc["meeting_date"] == "2025-09-16" and doc["department"] == "ग्राम्य विकास विभाग"
    assert [i["review_state"] for i in doc["items"]] == ["proposed", "proposed"]
    assert doc["items"][0]["overdue"] is True and doc["items"][1]["overdue"] is False
    assert doc["pages"][0]["route"] == "txt" and "सर्वे" in doc["pages"][0]["text"]
    assert doc["items"][0]["evidence"]["page"] == 1

    again = upload(client, "other-name.txt", HINDI)
    assert again.status_code == 200 and again.json()["id"] == doc["id"]
    listing = client.get("/v1/documents").json()
    assert listing["total"] == 1 and listing["documents"][0]["item_count"] == 2

    f = client.get(doc["file_url"])
    assert f.status_code == 200 and f.content == HINDI.encode()
    assert f.headers["content-type"].startswith("text/plain")
    cd = f.headers["content-disposition"]
    assert cd.startswith('attachment; filename="') and "filename*=UTF-8''" in cd and "/" not in cd


def test_original_is_stored_content_addressed(client, settings) -> None:
    doc = upload(client, "a.txt", HINDI).json()
    sha = doc["sha256"]
    assert (settings.data_dir / "files" / sha[:2] / sha[2:]).read_bytes() == HINDI.encode()


def test_pdf_goes_to_a_job(client, fake_extract) -> None:
    r = upload(client, "minutes.pdf", PDF)
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["status"] in ("queued", "running", "done") and r.headers["location"] == f"/v1/jobs/{job['id']}"
    done = wait_job(client, job["id"])
    assert done["status"] == "done" and done["result"]["items"] == 2 and done["attempts"] == 1
    doc = client.get(f"/v1/documents/{job['document_id']}").json()
    assert doc["status"] == "processed" and len(doc["items"]) == 2 and doc["job"]["id"] == job["id"]
    f = client.get(f"/v1/documents/{job['document_id']}/file")
    assert f.headers["content-type"] == "application/pdf" and f.content == PDF


def test_failed_job_keeps_original_and_records_error(client, settings) -> None:
    data = b"%PDF-1.4\nCORRUPT"
    job = upload(client, "bad.pdf", data).json()
    done = wait_job(client, job["id"])
    assert done["status"] == "failed" and done["error"]["code"] == "corrupt"
    doc = client.get(f"/v1/documents/{job['document_id']}").json()
    assert doc["status"] == "failed" and doc["items"] == [] and doc["error"]["code"] == "corrupt"
    assert client.get(doc["file_url"]).content == data


def test_error_shapes(client, make_client) -> None:
    _error(upload(client, "big.txt", "क" * 200_000), 413, "too_large")  # 600 kB > 256 kB limit
    _error(upload(client, "tool.exe", b"MZ\x90\x00\x03\x00\x00\x00\xff\xff"), 415, "unsupported")
    _error(upload(client, "x.zip", b"PK\x03\x04rest"), 415, "unsupported")
    _error(upload(client, "fake.pdf", b"not really a pdf"), 422, "corrupt")
    _error(upload(client, "enc.pdf", b"%PDF-1.7\n1 0 obj\ntrailer << /Encrypt 5 0 R >>"), 422, "encrypted")
    _error(upload(client, "empty.txt", b""), 422, "empty")
    _error(upload(client, "blank.txt", b"   \n"), 422, "empty")  # from the extractor (IngestError)
    _error(client.get("/v1/documents/999"), 404, "not_found")
    _error(client.get("/v1/action-items/999"), 404, "not_found")
    _error(client.get("/v1/jobs/999"), 404, "not_found")
    _error(client.get("/v1/nothing-here"), 404, "not_found")
    err = _error(client.get("/v1/action-items?limit=0"), 422, "validation_error")
    assert "limit" in err["message"]
    _error(client.get("/v1/action-items?sort=-nonsense"), 422, "validation_error")
    _error(client.post("/v1/documents"), 422, "validation_error")


def test_sync_extraction_failure_is_422_and_keeps_original(client, settings) -> None:
    data = "CORRUPT पाठ".encode()
    _error(upload(client, "a.txt", data), 422, "corrupt")
    docs = client.get("/v1/documents").json()["documents"]
    assert docs[0]["status"] == "failed" and docs[0]["error"]["code"] == "corrupt"
    sha = hashlib.sha256(data).hexdigest()
    assert (settings.data_dir / "files" / sha[:2] / sha[2:]).exists()


def test_upload_limit_refuses_declared_length_before_reading(client) -> None:
    body = b"x" * (400 * 1024)
    r = client.post(
        "/v1/documents",
        content=body,
        headers={"content-type": "multipart/form-data; boundary=zz", "content-length": str(len(body))},
    )
    _error(r, 413, "too_large")


def test_patch_audit_and_overdue_filter(client) -> None:
    doc = upload(client, "a.txt", HINDI).json()
    first, second = doc["items"]
    assert client.get("/v1/action-items?overdue=true").json()["total"] == 1
    r = client.patch(
        f"/v1/action-items/{second['id']}",
        json={"due_date": "2021-03-01", "assignee": "श्री वर्मा", "priority": "high"},
    )
    assert r.status_code == 200, r.text
    item = r.json()
    assert item["overdue"] is True and item["due_date"] == "2021-03-01" and item["due_date_source"] == "manual"
    overdue = client.get("/v1/action-items?overdue=true&sort=due_date").json()
    assert overdue["total"] == 2 and [i["id"] for i in overdue["items"]] == [first["id"], second["id"]]
    client.patch(f"/v1/action-items/{first['id']}", json={"status": "done"})
    assert [i["id"] for i in client.get("/v1/action-items?overdue=true").json()["items"]] == [second["id"]]
    assert client.get("/v1/action-items?status=done").json()["total"] == 1
    assert client.get("/v1/action-items?responsible=अभियंता").json()["items"][0]["id"] == second["id"]
    assert client.get("/v1/action-items?department=ग्राम्य").json()["total"] == 2
    assert client.get("/v1/action-items?department=राजस्व").json()["total"] == 0
    assert client.get("/v1/action-items?due_after=2099-01-01").json()["total"] == 0  # manual date wins
    assert (
        client.get(f"/v1/action-items?document_id={doc['id']}&sort=id&limit=1&offset=1").json()["items"][0]["seq"] == 2
    )

    hist = client.get(f"/v1/action-items/{second['id']}/history").json()
    assert [(h["field"], h["old"], h["new"]) for h in hist] == [
        ("assignee", None, "श्री वर्मा"),
        ("due_date", "2099-12-31", "2021-03-01"),
        ("priority", "normal", "high"),
    ]
    assert all(h["actor"] == "local" and h["at"] for h in hist)
    _error(client.patch(f"/v1/action-items/{first['id']}", json={"status": "finished"}), 422, "validation_error")
    _error(client.patch(f"/v1/action-items/{first['id']}", json={"text": "x"}), 422, "validation_error")
    _error(client.patch(f"/v1/action-items/{first['id']}", json={"status": None}), 422, "validation_error")


def test_review_flow_and_tracked_filter(client) -> None:
    doc = upload(client, "a.txt", HINDI).json()
    a, b = (i["id"] for i in doc["items"])
    r = client.post(
        f"/v1/action-items/{a}/review",
        json={"decision": "correct", "fields": {"responsible": ["तहसीलदार"], "recurrence": "monthly"}},
    )
    assert r.status_code == 200, r.text
    item = r.json()
    assert item["review_state"] == "confirmed" and item["tracked"] is True
    assert item["responsible"] == [{"name": None, "designation": "तहसीलदार"}]
    assert {c["field"] for c in item["corrections"]} == {"responsible", "recurrence"}
    assert client.get("/v1/action-items?tracked=true").json()["total"] == 1
    assert client.get("/v1/action-items?review_state=proposed").json()["total"] == 1
    bulk = client.post("/v1/action-items/review", json={"ids": [b, 12345], "decision": "reject"}).json()
    assert bulk == {"updated": [b], "not_found": [12345]}
    assert client.get("/v1/action-items?review_state=rejected").json()["items"][0]["id"] == b
    _error(client.post(f"/v1/action-items/{a}/review", json={"decision": "maybe"}), 422, "validation_error")
    _error(
        client.post(f"/v1/action-items/{a}/review", json={"decision": "correct", "fields": {"recurrence": "daily"}}),
        422,
        "validation_error",
    )
    hist = client.get(f"/v1/action-items/{a}/history").json()
    assert ("review_state", "proposed", "confirmed") in [(h["field"], h["old"], h["new"]) for h in hist]


def test_reprocess_keeps_manual_changes(client, fake_extract) -> None:
    doc = upload(client, "a.txt", HINDI).json()
    a, b = (i["id"] for i in doc["items"])
    client.post(f"/v1/action-items/{a}/review", json={"decision": "correct", "fields": {"responsible": ["सचिव"]}})
    client.patch(f"/v1/action-items/{a}", json={"status": "in_progress", "note": "जारी"})
    fake_extract.version, fake_extract.confidence = "fake-2", 0.5
    r = client.post(f"/v1/documents/{doc['id']}/reprocess")
    assert r.status_code == 200, r.text
    assert r.json() == {
        "document_id": doc["id"],
        "extractor_version": "fake-2",
        "added": 0,
        "removed": 0,
        "kept": 0,
        "changed": 2,
        "stale": 0,
    }
    after = client.get(f"/v1/documents/{doc['id']}").json()
    assert after["extractor_version"] == "fake-2"
    item = next(i for i in after["items"] if i["id"] == a)
    assert item["status"] == "in_progress" and item["note"] == "जारी" and item["review_state"] == "confirmed"
    assert item["responsible"] == [{"name": None, "designation": "सचिव"}] and item["confidence"] == 0.5
    assert {i["id"] for i in after["items"]} == {a, b}
    _error(client.post("/v1/documents/999/reprocess"), 404, "not_found")


def test_reprocess_of_pdf_runs_as_job(client) -> None:
    job = upload(client, "m.pdf", PDF).json()
    wait_job(client, job["id"])
    r = client.post(f"/v1/documents/{job['document_id']}/reprocess")
    assert r.status_code == 202
    done = wait_job(client, r.json()["id"])
    assert done["status"] == "done" and done["result"]["kept"] == 2


def test_stats_endpoint(client) -> None:
    items = upload(client, "a.txt", HINDI, meeting_date="2019-12-01").json()["items"]
    assert client.get("/v1/stats").json()["by_officer"] == []  # proposed items are not tracked work yet
    stats = client.get("/v1/stats?review=all").json()
    assert stats["review"] == "all" and client.get("/v1/stats?tracked=false").json() == stats
    officers = {r["officer"]: r for r in stats["by_officer"]}
    row = officers["खंड विकास अधिकारी"]
    assert row["open"] == 1 and row["overdue"] == 1
    assert row["mean_days_overdue"] == (date.today() - date(2020, 1, 31)).days
    assert row["max_days_pending"] == (date.today() - date(2019, 12, 1)).days
    assert stats["by_department"][0]["department"] == "ग्राम्य विकास विभाग"
    assert client.get("/v1/stats?tracked=true").json()["by_officer"] == []
    client.post("/v1/action-items/review", json={"ids": [i["id"] for i in items], "decision": "confirm"})
    assert client.get("/v1/stats").json()["by_officer"] == stats["by_officer"]


def test_auth_roles(make_client, db_url) -> None:
    client = make_client(require_auth=True)
    _error(client.get("/v1/documents"), 401, "unauthorized")
    _error(client.get("/v1/documents", headers={"Authorization": "Bearer nope"}), 401, "unauthorized")
    db = Database(db_url, run_migrations=False)
    from store.tokens import create_token

    with db.session() as s:
        tokens = {role: create_token(s, role, f"{role}-user") for role in ("viewer", "editor", "admin")}
    db.dispose()
    h = {role: {"Authorization": f"Bearer {t}"} for role, t in tokens.items()}
    assert client.get("/v1/documents", headers=h["viewer"]).status_code == 200
    _error(upload(client, "a.txt", HINDI, headers=h["viewer"]), 403, "forbidden")
    doc = upload(client, "a.txt", HINDI, headers=h["editor"])
    assert doc.status_code == 201
    item_id = doc.json()["items"][0]["id"]
    _error(
        client.patch(f"/v1/action-items/{item_id}", json={"status": "done"}, headers=h["viewer"]),
        403,
        "forbidden",
    )
    assert client.patch(f"/v1/action-items/{item_id}", json={"status": "done"}, headers=h["editor"]).status_code == 200
    hist = client.get(f"/v1/action-items/{item_id}/history", headers=h["viewer"]).json()
    assert hist[0]["actor"].startswith("editor-user#")
    _error(
        client.post("/v1/tokens", json={"role": "viewer", "label": "x"}, headers=h["editor"]),
        403,
        "forbidden",
    )
    made = client.post("/v1/tokens", json={"role": "viewer", "label": "x"}, headers=h["admin"])
    assert made.status_code == 201
    new = {"Authorization": f"Bearer {made.json()['token']}"}
    assert client.get("/v1/documents", headers=new).status_code == 200
    listed = client.get("/v1/tokens", headers=h["admin"]).json()
    assert len(listed) == 4 and all("token" not in t for t in listed)
    assert client.delete(f"/v1/tokens/{listed[-1]['id']}", headers=h["admin"]).status_code == 204
    _error(client.get("/v1/documents", headers=new), 401, "unauthorized")


def test_auth_required_off_loopback_and_open_on_loopback(make_client) -> None:
    assert make_client(host="0.0.0.0").get("/v1/documents").status_code == 401
    assert make_client(host="127.0.0.1").get("/v1/documents").status_code == 200
    assert make_client(host="::1").get("/v1/health").json()["auth_required"] is False


def test_jobs_left_running_are_resumed_on_startup(make_client, settings, db_url, fake_extract) -> None:
    db = Database(db_url)
    sha, rel = FileStore(settings.data_dir).put(PDF)
    with db.session() as s:
        doc = create_document(
            s,
            sha256=sha,
            filename="m.pdf",
            content_type="application/pdf",
            kind="pdf",
            size=len(PDF),
            stored_path=rel,
        )
        job = job_store.create_job(s, doc.id)
        job.status, job.attempts = "running", 1  # as if the server died mid-job
        job_id, doc_id = job.id, doc.id
    db.dispose()
    client = make_client()
    done = wait_job(client, job_id)
    assert done["status"] == "done" and done["attempts"] == 2
    assert len(client.get(f"/v1/documents/{doc_id}").json()["items"]) == 2


def test_large_txt_goes_to_a_job(client) -> None:
    text = HINDI + "\n" + ("पंक्ति। " * 5000)  # ~100 kB > 64 kB synchronous limit
    r = upload(client, "long.txt", text)
    assert r.status_code == 202
    assert wait_job(client, r.json()["id"])["status"] == "done"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_concurrent_uploads_and_jobs_on_sqlite(client, fake_extract) -> None:
    fake_extract.delay = 0.05
    jobs = [upload(client, f"m{i}.pdf", PDF + str(i).encode()).json()["id"] for i in range(4)]
    start = time.monotonic()
    for i in range(4):
        assert upload(client, f"t{i}.txt", HINDI + str(i)).status_code == 201
    assert all(wait_job(client, j)["status"] == "done" for j in jobs)
    assert time.monotonic() - start < 15
    assert client.get("/v1/action-items").json()["total"] == 16


def test_upload_limit_cuts_off_a_chunked_body(client) -> None:
    head = b'--zz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\n'

    def body():
        yield head
        for _ in range(40):
            yield b"x" * (16 * 1024)  # 640 kB in all, no Content-Length

    r = client.post("/v1/documents", content=body(), headers={"content-type": "multipart/form-data; boundary=zz"})
    _error(r, 413, "too_large")
