"""Issue 17, finding 11: blank pages are not rendered or OCR'd (500 blank pages took ~113 s of both cores)."""

from __future__ import annotations

import dataclasses
import time

import pytest
from PIL import Image, ImageDraw

import ingest.ocr
from core.settings import Settings
from ingest import ingest_bytes
from ingest.blank import is_blank_image
from tests.helpers.hostile import many_pages_pdf


def test_a_pdf_of_blank_pages_is_read_without_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    called: list[int] = []
    real = ingest.ocr.ocr_image

    def counting(*args: object, **kwargs: object) -> ingest.ocr.OcrResult:
        called.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest.ocr, "ocr_image", counting)
    settings = dataclasses.replace(Settings(), max_pages=500)
    start = time.monotonic()
    doc = ingest_bytes(many_pages_pdf(300), "blank.pdf", settings)
    assert time.monotonic() - start < 10
    assert called == []
    assert len(doc.pages) == 300 and doc.metadata["blank_pages"] == list(range(1, 301))


def test_blank_and_inked_images() -> None:
    assert is_blank_image(Image.new("L", (2480, 3508), 255))
    assert is_blank_image(Image.new("RGB", (800, 600), (236, 232, 220)))  # a tinted empty sheet
    page = Image.new("L", (2480, 3508), 250)
    ImageDraw.Draw(page).line([(100, 100), (400, 100)], fill=30, width=2)  # one thin stroke
    assert not is_blank_image(page)
