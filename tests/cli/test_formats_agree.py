"""Every entry point accepts the same files: the CLI's folder batch, the upload and the web UI's file picker
all take their list from ``ingest.formats`` (once the CLI skipped .gif/.webp/.bmp that uploads accepted)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from ingest.formats import FORMATS, suffixes
from nirdesh.cli import collect_inputs
from tests.helpers.builders import upload
from tests.helpers.samples import format_samples

ROOT = Path(__file__).resolve().parents[2]
#: Names no format claims: the CLI skips them in a folder and the upload refuses them (with text inside).
OTHER_NAMES = ["notes.md", "notes.csv", "notes.text", "archive.zip", "data.bin"]


@pytest.fixture
def client(settings: Settings, tmp_path: Path) -> Iterator[TestClient]:
    """The real upload path: type check, structural checks in the request, the real extractor (SQLite)."""
    with TestClient(create_app(dataclasses.replace(settings, data_dir=tmp_path / "data"))) as c:
        yield c


def _named_samples() -> dict[str, bytes]:
    """A real file under every name of every format, plus text under names of no format."""
    samples = format_samples()
    files = {f"{f.name}{suffix}": samples[f.name] for f in FORMATS for suffix in f.suffixes}
    files.update({name: samples["txt"] for name in OTHER_NAMES})
    return files


def test_cli_folder_batch_and_upload_accept_the_same_names(tmp_path: Path, client: TestClient) -> None:
    files = _named_samples()
    folder = tmp_path / "batch"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    picked, skipped = collect_inputs([str(folder)])
    by_cli = {p.name for p in picked}

    answers = {name: upload(client, name, data).status_code for name, data in files.items()}
    by_upload = {name for name, status in answers.items() if status in (200, 201, 202)}

    expected = {f"{f.name}{suffix}" for f in FORMATS for suffix in f.suffixes}
    assert by_cli == by_upload == expected
    assert {"gif.gif", "webp.webp", "bmp.bmp", "tiff.tif", "jpeg.jpg"} <= by_cli
    assert skipped == len(OTHER_NAMES)
    assert {answers[name] for name in OTHER_NAMES} == {415}


def test_upload_stores_the_table_content_type(client: TestClient) -> None:
    for fmt in FORMATS:
        data = format_samples()[fmt.name]
        r = upload(client, f"x{fmt.suffixes[-1]}", data)
        assert r.status_code in (201, 202), (fmt.name, r.text)
        document_id = r.json()["document_id"] if r.status_code == 202 else r.json()["id"]
        got = client.get(f"/v1/documents/{document_id}/file")
        assert got.headers["content-type"] == fmt.content_type, fmt.name
        # Small TXT/DOCX are read in the request; PDFs and images get a job.
        assert (r.status_code == 201) is fmt.in_request, fmt.name


def test_pdf_named_docx_is_taken_as_a_pdf(client: TestClient) -> None:
    r = upload(client, "minutes.docx", format_samples()["pdf"])
    assert r.status_code == 202
    doc = client.get(f"/v1/documents/{r.json()['document_id']}").json()
    assert (doc["kind"], doc["content_type"], doc["filename"]) == ("pdf", "application/pdf", "minutes.docx")


def test_text_named_pdf_is_refused_as_corrupt(client: TestClient) -> None:
    r = upload(client, "minutes.pdf", format_samples()["txt"])
    assert r.status_code == 422
    assert r.json()["error"] == {"code": "corrupt", "message": "The file is named .pdf but is not a valid PDF file."}


def test_web_ui_file_picker_offers_the_same_names() -> None:
    script = (ROOT / "api" / "static" / "app.js").read_text(encoding="utf-8")
    accept = re.search(r'accept: "([^"]+)"', script)
    assert accept is not None
    assert set(accept.group(1).split(",")) == suffixes()
