"""Builders shared by the tests: a fake extractor, stored documents and API calls without fixtures."""

from __future__ import annotations

import re
import time
from datetime import date
from typing import Any

from core.contract import SCHEMA_ID, Extraction
from ingest import IngestError

PG_ENV = "NIRDESH_TEST_PG_URL"
SKIP_PG_ENV = "NIRDESH_SKIP_PG"


def reset_pg(url: str) -> None:
    from sqlalchemy import create_engine

    engine = create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA IF EXISTS public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


# --- a fake extractor --------------------------------------------------------------------------------

DESIGNATIONS = ("खंड विकास अधिकारी", "जिला कृषि अधिकारी", "अधिशासी अभियंता", "तहसीलदार", "सचिव")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


class FakeExtractor:
    """Builds a valid Extraction from text: every sentence (ending in ।) with "निर्देश" is an item.

    Responsible: designations from DESIGNATIONS found in the sentence; deadline: an ISO date in it;
    issuer: जिलाधिकारी if named; department: a line "विभाग: …". Pages split on form feeds. Bytes with
    "CORRUPT" raise IngestError(corrupt). ``version`` and ``confidence`` can be changed by a test.
    """

    def __init__(self) -> None:
        self.version = "fake-1"
        self.confidence = 0.9
        self.calls = 0
        self.delay = 0.0

    def __call__(self, data: bytes, filename: str, *, meeting_date: date | None = None) -> dict[str, Any]:
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        if b"CORRUPT" in data:
            raise IngestError("the file is damaged", code="corrupt")
        text = data.decode("utf-8", errors="ignore")
        if text.startswith("%PDF-"):
            text = text.split("\n", 1)[1] if "\n" in text else ""
        if not text.strip():
            raise IngestError("no text", code="empty")
        pages: list[dict[str, Any]] = []
        items: list[dict[str, Any]] = []
        dept = re.search(r"विभाग:\s*(\S[^\n]*)", text)
        for number, page_text in enumerate(text.split("\f"), start=1):
            pages.append(
                {
                    "number": number,
                    "route": "txt",
                    "ocr_confidence": None,
                    "garble_score": None,
                    "text": page_text,
                }
            )
            pos = 0
            for sentence in re.findall(r"[^।\n]+।", page_text):
                start = page_text.index(sentence, pos)
                pos = start + len(sentence)
                if "निर्देश" not in sentence:
                    continue
                iso = _ISO.search(sentence)
                items.append(
                    {
                        "id": f"ai-{len(items) + 1:03d}",
                        "text": sentence.strip(),
                        "action": sentence.strip(),
                        "issued_by": {"name": None, "designation": "जिलाधिकारी"} if "जिलाधिकारी" in sentence else None,
                        "responsible": [{"name": None, "designation": d} for d in DESIGNATIONS if d in sentence],
                        "deadline": {"text": f"{iso.group()} तक", "date": iso.group(), "kind": "by"} if iso else None,
                        "recurrence": "weekly" if "साप्ताहिक" in sentence else None,
                        "targets": [{"text": "शत-प्रतिशत", "value": 100.0, "unit": "%"}]
                        if "शत-प्रतिशत" in sentence
                        else [],
                        "evidence": {"page": number, "start": start, "end": pos},
                        "confidence": self.confidence,
                    }
                )
        return {
            "schema": SCHEMA_ID,
            "source": filename,
            "extractor_version": self.version,
            "meeting": {
                "date": meeting_date.isoformat() if meeting_date else None,
                "place": None,
                "chair": {"name": None, "designation": "जिलाधिकारी"},
                "department": dept.group(1).strip() if dept else None,
                "attendees": [],
                "title": None,
            },
            "action_items": items,
            "pages": pages,
            "warnings": [],
        }


def extraction_for(text: str, meeting_date: date | None = None, **kw: Any) -> Extraction:
    """An extraction of ``text`` by a FakeExtractor (for storage tests without the API), parsed."""
    fx = FakeExtractor()
    for k, v in kw.items():
        setattr(fx, k, v)
    return Extraction.from_json(fx(text.encode(), "doc.txt", meeting_date=meeting_date))


def store_text(db: Any, body: str, sha: str, meeting_date: date | None = None) -> int:
    """Store ``body`` as a processed text document (sha256 = ``sha`` repeated) without the API; its id."""
    from store.repository import create_document, save_extraction

    with db.session() as s:
        doc = create_document(
            s,
            sha256=(sha * 64)[:64],
            filename=f"{sha}.txt",
            content_type="text/plain",
            kind="txt",
            size=len(body),
            stored_path=f"{sha}.txt",
        )
        save_extraction(s, doc, extraction_for(body, meeting_date=meeting_date))
        return doc.id


def wait_job(client: Any, job_id: int, timeout: float = 15.0, headers: dict[str, str] | None = None) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        job = client.get(f"/v1/jobs/{job_id}", headers=headers or {}).json()
        if job["status"] in ("done", "failed"):
            return job
        if time.monotonic() > deadline:
            raise AssertionError(f"job {job_id} still {job['status']} after {timeout}s")
        time.sleep(0.05)


def upload(
    client: Any,
    name: str,
    content: bytes | str,
    meeting_date: str | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    data = content.encode() if isinstance(content, str) else content
    form = {"meeting_date": meeting_date} if meeting_date else {}
    return client.post("/v1/documents", files={"file": (name, data)}, data=form, headers=headers or {})


def store_confirmed_items(db: Any, people: list[list[str]], sha: str = "a") -> None:
    """One confirmed open item per entry of ``people`` (its designations, in order; newest last) in a
    revenue meeting held on 2026-05-01, uploaded the next day: the workload figures' fixture."""
    from datetime import UTC, datetime

    from core.states import ReviewState
    from store.repository import create_document, save_extraction

    with db.session() as s:
        doc = create_document(
            s, sha256=sha * 64, filename="m.txt", content_type="text/plain", kind="txt", size=1, stored_path="x"
        )
        doc.created_at = datetime(2026, 5, 2, tzinfo=UTC)
        items = [
            {
                "id": f"ai-{i}",
                "text": f"कार्य {i}",
                "responsible": [{"name": None, "designation": who} for who in designations],
                "confidence": 0.9,
            }
            for i, designations in enumerate(people)
        ]
        extraction = Extraction.from_json(
            {"meeting": {"department": "राजस्व"}, "action_items": items, "pages": [], "extractor_version": "t"}
        )
        for item in save_extraction(s, doc, extraction):
            item.review_state = ReviewState.CONFIRMED
        doc.meeting_date = date(2026, 5, 1)


def job_of_a_stored_text(db: Any, status: str = "queued", attempts: int = 0) -> tuple[int, int]:
    """(document id, job id): a job row in ``status`` for a stored TXT document (no file behind it)."""
    import uuid

    from store.models import Document, Job

    with db.session() as s:
        doc = Document(
            sha256=uuid.uuid4().hex * 2,
            filename="m.txt",
            content_type="text/plain",
            kind="txt",
            size=10,
            stored_path="x",
            status="processing",
        )
        s.add(doc)
        s.flush()
        job = Job(kind="extract", document_id=doc.id, status=status, attempts=attempts)
        s.add(job)
        s.flush()
        return doc.id, job.id
