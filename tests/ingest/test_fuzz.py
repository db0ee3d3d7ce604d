"""Fuzzing the ingest layer with hypothesis: mutated PDF, DOCX, PNG and TXT bytes either read as a
document or raise IngestError, never anything else, and never take long.

OCR is replaced by a stub that still consumes (renders and decodes) every page image: the point is the
parsers, and tesseract per example would make the run minutes long. The examples are derandomized so
CI sees the same cases every run; ``scripts/fuzz_ingest.py --seconds N`` runs random ones for longer.
"""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

hypothesis = pytest.importorskip("hypothesis")  # the dev extra installs it
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from core.settings import Settings  # noqa: E402
from ingest import IngestedDocument, IngestError, ingest_bytes  # noqa: E402
from tests.helpers.hostile import docx, fake_ocr_many, small_png, text_pdf  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("NIRDESH_FUZZ_EXAMPLES", "200"))  # per format; a few seconds in all
SETTINGS = dataclasses.replace(Settings(), max_pages=20, max_upload_bytes=2 * 1024 * 1024, ocr_workers=1)
HINDI = (ROOT / "corpus" / "101_swasthya_samiti_lucknow.txt").read_text(encoding="utf-8")[:1000].encode()

SEEDS = {
    "pdf": ("minutes.pdf", text_pdf()),
    "docx": ("minutes.docx", docx(["बैठक का कार्यवृत्त", "जिलाधिकारी ने निर्देश दिए कि तहसीलदार सर्वे पूरा करें।"])),
    "png": ("scan.png", small_png()),
    "txt": ("minutes.txt", HINDI),
}
# Values that tend to break parsers: lengths, offsets, counts, object numbers.
INTERESTING = [b"0", b"-1", b"999999999", b"4294967296", b"\x00", b"\xff\xff\xff\xff", b"obj", b"R", b"<<", b">>"]


@st.composite
def mutated(draw: Any, kind: str) -> tuple[str, bytes]:
    """The seed of ``kind`` with 1-8 mutations: byte flips, inserts, deletions, duplicated slices,
    interesting tokens, or truncation."""
    name, data = SEEDS[kind]
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 8))):
        if not buf:
            break
        op = draw(st.sampled_from(["flip", "insert", "delete", "duplicate", "token", "truncate"]))
        pos = draw(st.integers(0, len(buf) - 1))
        if op == "flip":
            buf[pos] ^= 1 << draw(st.integers(0, 7))
        elif op == "insert":
            buf[pos:pos] = draw(st.binary(min_size=1, max_size=16))
        elif op == "delete":
            del buf[pos : pos + draw(st.integers(1, 64))]
        elif op == "duplicate":
            size = draw(st.integers(1, 256))
            buf[pos:pos] = buf[pos : pos + size]
        elif op == "token":
            token = draw(st.sampled_from(INTERESTING))
            buf[pos : pos + len(token)] = token
        else:
            del buf[pos:]
    return name, bytes(buf)


@pytest.fixture(autouse=True)
def no_tesseract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("ingest.pdf.ocr_many", fake_ocr_many)
    monkeypatch.setattr("ingest.images.ocr_many", fake_ocr_many)


def _read(name: str, data: bytes) -> IngestedDocument | IngestError:
    try:
        return ingest_bytes(data, name, SETTINGS)
    except IngestError as e:
        assert e.code in ("unsupported", "corrupt", "encrypted", "empty", "too_large", "unreadable"), e.code
        assert e.reason and "\n" not in e.reason
        return e


def test_seeds_are_readable() -> None:
    """The fuzzing starts from valid files (else it would only ever test the error path)."""
    for kind, (name, data) in SEEDS.items():
        doc = _read(name, data)
        assert isinstance(doc, IngestedDocument), (kind, doc)


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=5000,  # ms per example: a hang or a runaway parser fails the test
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
    database=None,
)


@pytest.mark.parametrize("kind", list(SEEDS))
def test_mutated_files_read_or_raise_ingest_error(kind: str) -> None:
    @FUZZ
    @given(case=mutated(kind))
    def run(case: tuple[str, bytes]) -> None:
        result = _read(*case)
        if isinstance(result, IngestedDocument):
            assert result.pages and all("\x00" not in p.text for p in result.pages)

    run()
