"""End-to-end checks on the shared dev PDFs (must exist beside the repo at ../shared; no skipping)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core.settings import Settings
from ingest import ingest_path
from ingest.cer import cer
from ingest.garble import GARBLE_THRESHOLD

SHARED = Path(os.environ.get("NIRDESH_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
DEV = SHARED / "eval" / "dev"
SETTINGS = Settings(ocr_workers=2, ocr_timeout_s=120)


def _gold(stem: str) -> str:
    return (DEV / f"{stem}.txt").read_text(encoding="utf-8")


def test_dev_folder_present() -> None:
    assert (DEV / "pdf").is_dir(), f"shared eval data missing at {DEV}"
    assert len(list((DEV / "pdf").glob("*.text.pdf"))) >= 5


@pytest.mark.parametrize(
    "stem, has_gaps",
    # 002 is typeset as one block with uniform line pitch: no paragraph gap to detect.
    [("000_0fa91cc7f2450e94", True), ("002_39d4507fb8a294b6", False), ("004_d0320e4ead32535c", True)],
)
def test_text_layer_pdfs(stem: str, has_gaps: bool) -> None:
    doc = ingest_path(DEV / "pdf" / f"{stem}.text.pdf", SETTINGS)
    assert {p.route for p in doc.pages} == {"text"}
    assert all(p.garble_score is not None and p.garble_score < GARBLE_THRESHOLD for p in doc.pages)
    assert cer(doc.text, _gold(stem)) < 0.01
    assert ("\n\n" in doc.pages[0].text) == has_gaps  # paragraphs detected from line gaps


def test_garbled_pages_fall_back_to_ocr() -> None:
    stem = "000_0fa91cc7f2450e94"
    doc = ingest_path(DEV / "pdf" / f"{stem}.garbled.pdf", SETTINGS)
    assert [p.route for p in doc.pages] == ["ocr", "ocr"]
    assert all(p.garble_score is not None and p.garble_score > 2 * GARBLE_THRESHOLD for p in doc.pages)
    assert all(p.ocr_confidence is not None and p.ocr_confidence > 80 for p in doc.pages)
    assert cer(doc.text, _gold(stem)) < 0.02


def test_legacy_krutidev_pdf() -> None:
    stem = "004_d0320e4ead32535c"
    doc = ingest_path(DEV / "pdf" / f"{stem}.legacy.pdf", SETTINGS)
    assert {p.route for p in doc.pages} == {"legacy"}
    assert "जिलाधिकारी" in doc.text
    assert cer(doc.text, _gold(stem)) < 0.01


def test_scan_pdf_ocr() -> None:
    stem = "001_1fe37c54476bdb57"
    progress: list[tuple[int, int]] = []
    doc = ingest_path(DEV / "pdf" / f"{stem}.scan.pdf", SETTINGS, progress=lambda d, t: progress.append((d, t)))
    assert {p.route for p in doc.pages} == {"ocr"}
    assert progress[-1] == (len(doc.pages), len(doc.pages))
    assert cer(doc.text, _gold(stem)) < 0.02
