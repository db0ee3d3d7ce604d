"""Hostile files (tests/hostile.py builds them): a clear error in bounded time and memory, from the ingest
layer, the API and the CLI, and the server goes on serving with earlier documents intact."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from core.settings import Settings
from tests.helpers.builders import upload
from tests.helpers.hostile import hostile_files

ROOT = Path(__file__).resolve().parents[2]
HOSTILE = hostile_files()
#: The IngestError code each hostile file must get, and the HTTP status the API answers with.
EXPECTED = {
    "docx_zip_bomb": ("too_large", 413),
    "docx_lying_sizes": ("too_large", 413),
    "pdf_content_bomb": ("too_large", 413),
    "png_gigapixel": ("too_large", 413),
    "pdf_5000_pages": ("too_large", 413),
    "pdf_object_loop": ("corrupt", 422),
    "pdf_encrypted": ("encrypted", 422),
    "exe_named_pdf": ("corrupt", 422),
    "html_named_png": ("corrupt", 422),
    "zip_named_docx": ("corrupt", 422),
    "exe_named_bin": ("unsupported", 415),
    "empty_file": ("empty", 422),
}
MAX_SECONDS = 10.0
MAX_RSS_GROWTH_MB = 64  # the zip bomb inflates to 512 MB, the PNG claims 10 GB
SEED = "विकास भवन में समीक्षा बैठक हुई।\n\nजिलाधिकारी ने निर्देश दिए कि तहसीलदार 30 सितंबर 2025 तक सर्वे पूरा करें।\n"


def test_every_hostile_file_has_an_expectation() -> None:
    assert set(EXPECTED) == set(HOSTILE)


def test_ingest_is_bounded_in_time_and_memory() -> None:
    """In a child process under an address-space limit (its size after imports + 512 MB), every file gets
    its IngestError quickly and the peak RSS hardly moves (a reader that inflated the bomb would not)."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "helpers" / "hostile.py"), "--measure", *EXPECTED],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    results = {r["name"]: r for r in map(json.loads, done.stdout.splitlines())}
    assert set(results) == set(EXPECTED)
    for name, (code, _status) in EXPECTED.items():
        r = results[name]
        assert r["code"] == code, r
        assert r["seconds"] < MAX_SECONDS, r
        assert r["peak_rss_growth_mb"] < MAX_RSS_GROWTH_MB, r


def test_reference_cycle_is_read_without_hanging() -> None:
    """A ring of bare references (PDFium reads the page; pdfminer used to loop for ever) is read quickly."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "helpers" / "hostile.py"), "--measure", "pdf_reference_cycle"],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    assert result["code"] is None and result["outcome"].startswith("read pdf, 1 pages"), result
    assert result["seconds"] < MAX_SECONDS


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Any, dict[str, Any], Path]]:
    """The app with the real ingest pipeline (SQLite), and a document stored before any hostile upload."""
    from fastapi.testclient import TestClient

    from api.app import create_app

    tmp = tmp_path_factory.mktemp("hostile")
    settings = dataclasses.replace(Settings(), data_dir=tmp / "data", job_workers=1, require_auth=False)
    with TestClient(create_app(settings, host="127.0.0.1", database_url=f"sqlite:///{tmp / 'h.db'}")) as client:
        r = upload(client, "बैठक.txt", SEED)
        assert r.status_code == 201, r.text
        yield client, r.json(), settings.data_dir


def _stored_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in (data_dir / "files").rglob("*") if p.is_file())


@pytest.mark.parametrize("name", list(EXPECTED))
def test_upload_gets_a_clear_error_and_the_server_keeps_serving(name: str, served: Any) -> None:
    client, seed, data_dir = served
    filename, data = HOSTILE[name]
    code, status = EXPECTED[name]
    files_before = _stored_files(data_dir)

    start = time.monotonic()
    r = upload(client, filename, data)
    elapsed = time.monotonic() - start

    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code and r.json()["error"]["message"]
    assert elapsed < MAX_SECONDS
    # Refused before storing: no new original, no document, no job.
    assert _stored_files(data_dir) == files_before
    listed = client.get("/v1/documents")
    assert listed.status_code == 200
    assert [d["sha256"] for d in listed.json()["documents"]] == [seed["sha256"]]
    # The earlier document is intact: its row, its items and its original bytes.
    again = client.get(f"/v1/documents/{seed['id']}").json()
    assert again["status"] == "processed" and len(again["items"]) == len(seed["items"]) == 1
    assert client.get(f"/v1/documents/{seed['id']}/file").content == SEED.encode()


def test_cli_prints_one_line_per_hostile_file(tmp_path: Path) -> None:
    """``nirdesh extract`` over all of them at once: exit 1, exactly one error line each, quickly."""
    paths = []
    for name in EXPECTED:
        filename, data = HOSTILE[name]
        path = tmp_path / f"{name}{Path(filename).suffix}"
        path.write_bytes(data)
        paths.append(path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "NIRDESH_DATA_DIR": str(tmp_path / "data")}
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "nirdesh.cli", "extract", *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=tmp_path,
        env=env,
    )
    elapsed = time.monotonic() - start
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert len(lines) == len(paths), done.stderr
    for path, line in zip(paths, lines, strict=True):
        assert line.startswith(f"error {path}: ") and "Traceback" not in line, line
    assert "password" in lines[list(EXPECTED).index("pdf_encrypted")]
    assert "5000 pages" in lines[list(EXPECTED).index("pdf_5000_pages")]
    assert elapsed < 30  # the interpreter and the pipeline's imports included


def test_cli_prints_file_names_literally(tmp_path: Path) -> None:
    """Names are not console markup ("[/b]" used to crash rich) and are not glob patterns when they exist."""
    from nirdesh.cli import main

    odd_dir = tmp_path / "a["
    odd_dir.mkdir()
    crashing = odd_dir / "b]c.txt"  # the path reads "a[/b]c.txt": a closing tag without an opening one
    crashing.write_bytes(b"")
    bracketed = tmp_path / "[bold] minutes.txt"  # as a glob, "[bold]" would match one letter
    bracketed.write_bytes(b"")
    done = subprocess.run(
        [sys.executable, "-m", "nirdesh.cli", "extract", str(crashing), str(bracketed)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.splitlines() == [
        f"error {crashing}: The file is empty.",
        f"error {bracketed}: The file is empty.",
    ]
    assert main(["extract", str(tmp_path / "[b]*.txt")]) == 2  # a real pattern is still a pattern
