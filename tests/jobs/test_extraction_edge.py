"""The jobs edge: an extractor's answer is parsed into the typed contract once, or the job fails clearly."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from core.states import DocumentStatus, ErrorCode, JobStatus
from jobs.context import WorkerContext
from jobs.runner import ExtractionFailed, extract_and_store, run_job
from store import jobs as job_store
from store.db import Database
from store.files import FileStore
from store.repository import create_document, get_document
from tests.helpers.builders import FakeExtractor

TEXT = "बैठक में निर्देश दिए गए कि तहसीलदार 2025-10-01 तक सूची दें।"


def _ctx(db: Database, tmp_path: Path, extract: Any) -> WorkerContext:
    settings = dataclasses.replace(Settings(), data_dir=tmp_path)
    return WorkerContext(settings, db, FileStore(tmp_path), extract)


def _document(ctx: WorkerContext) -> int:
    data = TEXT.encode()
    sha, rel = ctx.files.put(data)
    with ctx.db.session() as s:
        doc = create_document(
            s, sha256=sha, filename="a.txt", content_type="text/plain", kind="txt", size=len(data), stored_path=rel
        )
        return doc.id


def _missing_deadline_kind(data: bytes, filename: str, *, meeting_date: date | None = None) -> dict[str, Any]:
    raw = FakeExtractor()(data, filename, meeting_date=meeting_date)
    raw["action_items"][0]["deadline"]["kind"] = "someday"
    return raw


def _no_items(data: bytes, filename: str, *, meeting_date: date | None = None) -> dict[str, Any]:
    return {"meeting": {}, "pages": []}


@pytest.mark.parametrize(("extract", "says"), [(_missing_deadline_kind, "deadline.kind"), (_no_items, "action_items")])
def test_a_malformed_extraction_fails_the_job_with_bad_extraction(
    db: Database, tmp_path: Path, extract: Any, says: str
) -> None:
    ctx = _ctx(db, tmp_path, extract)
    document_id = _document(ctx)
    with ctx.db.session() as s:
        job_id = job_store.create_job(s, document_id).id
    run_job(ctx, job_id)
    with ctx.db.session() as s:
        job = job_store.get_job(s, job_id)
        assert job is not None and job.status == JobStatus.FAILED
        assert job.error_code == ErrorCode.BAD_EXTRACTION and says in (job.error or "")
        doc = get_document(s, document_id)
        assert doc is not None and doc.status == DocumentStatus.FAILED and doc.error_code == "bad_extraction"
        assert doc.items == []


def test_a_failed_reprocessing_leaves_the_stored_items(db: Database, tmp_path: Path) -> None:
    ctx = _ctx(db, tmp_path, FakeExtractor())
    document_id = _document(ctx)
    assert extract_and_store(ctx, document_id) == {"items": 1, "extractor_version": "fake-1"}
    bad = dataclasses.replace(ctx, extract=_missing_deadline_kind)
    with pytest.raises(ExtractionFailed) as e:
        extract_and_store(bad, document_id, "reprocess")
    assert e.value.code == "bad_extraction"
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        assert doc is not None and doc.status == "processed" and len(doc.items) == 1
        assert doc.items[0].deadline_kind == "by"


def test_a_json_answer_is_stored_like_a_typed_one(db: Database, tmp_path: Path) -> None:
    ctx = _ctx(db, tmp_path, FakeExtractor())
    document_id = _document(ctx)
    extract_and_store(ctx, document_id)
    with ctx.db.session() as s:
        doc = get_document(s, document_id)
        assert doc is not None and doc.meeting is not None
        item = doc.items[0]
        assert item.responsible == [{"name": None, "designation": "तहसीलदार"}]
        assert item.evidence == {"page": 1, "start": 0, "end": len(TEXT)}
        assert (item.deadline_text, item.deadline_date, item.deadline_kind) == (
            "2025-10-01 तक",
            date(2025, 10, 1),
            "by",
        )
