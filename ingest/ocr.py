"""Tesseract OCR over page images, in parallel, each call bounded by a timeout.

Tesseract runs as a subprocess (pytesseract), so a thread pool is enough to use several cores.
OMP_THREAD_LIMIT=1 stops each tesseract from spawning its own OpenMP threads, which on a small
machine made OCR 3-5x slower than one thread per process.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache

from PIL import Image, ImageFilter

from ingest.document import Table
from ingest.text import clean_text


@dataclass
class OcrResult:
    text: str
    confidence: float | None  # mean word confidence 0-100
    error: str | None = None
    seconds: float = 0.0
    tables: list[Table] = field(default_factory=list)  # ruled tables found on the page (page number 0)

    def tables_on(self, page: int) -> list[Table]:
        """The page's tables, numbered as page ``page``."""
        for table in self.tables:
            table.page = page
        return self.tables


@lru_cache(maxsize=1)
def _available_langs() -> frozenset[str]:
    """Languages tesseract can load, incl. ``script/...`` ones (pytesseract's own list omits those)."""
    import subprocess

    import pytesseract

    try:
        out = subprocess.run(
            [pytesseract.pytesseract.tesseract_cmd, "--list-langs"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return frozenset()
    lines = (out.stdout + out.stderr).splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("List of"))


@lru_cache(maxsize=8)
def resolve_lang(lang: str) -> str:
    """Map ``script/Devanagari`` to ``Devanagari`` (or back) to match where the traineddata lives."""
    available = _available_langs()
    if not available:
        return lang
    parts = []
    for part in lang.split("+"):
        bare = part.removeprefix("script/")
        if part in available:
            parts.append(part)
        elif bare in available:
            parts.append(bare)
        elif f"script/{bare}" in available:
            parts.append(f"script/{bare}")
        else:
            parts.append(part)
    return "+".join(parts)


# Tesseract often reads a danda that follows a number as the digit 1 ("2025।" → "20251")
# or as a pipe; a year cannot have five digits, and a pipe between words is a danda.
_YEAR_THEN_DANDA = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})1[ \t]*$", re.MULTILINE)
_PIPE_DANDA = re.compile(r"(?<=[\u0900-\u0963\u0966-\u097f0-9]) ?[|][ \t]*$")


def fix_ocr_dandas(text: str) -> str:
    text = _YEAR_THEN_DANDA.sub(lambda m: m.group(1) + "।", text)
    lines = [_PIPE_DANDA.sub("।", line) if line.count("|") == 1 else line for line in text.split("\n")]
    return "\n".join(lines)


_SENTENCE_END = ("।", "॥", "?", "!", ":", ".", "|")


def _text_from_data(data: dict[str, list]) -> tuple[str, float | None]:
    """Rebuild text (lines, blank line between paragraphs) and mean word confidence from image_to_data.

    Tesseract often starts a new paragraph in the middle of a sentence. A paragraph whose last line
    runs to the right margin and ends without a sentence mark is continued by the next one, so they
    are joined by a line break instead of a blank line (the sentence splitter then reads one sentence).
    """
    paragraphs: dict[tuple[int, int], dict[int, list[str]]] = {}
    line_right: dict[tuple[int, int, int], int] = {}
    confs: list[float] = []
    for i, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word:
            continue
        key = (int(data["block_num"][i]), int(data["par_num"][i]))
        line = int(data["line_num"][i])
        paragraphs.setdefault(key, {}).setdefault(line, []).append(word)
        right = int(data["left"][i]) + int(data["width"][i])
        line_right[(*key, line)] = max(line_right.get((*key, line), 0), right)
        conf = float(data["conf"][i])
        if conf >= 0:
            confs.append(conf)
    rights = sorted(line_right.values())
    margin = rights[int(0.9 * (len(rights) - 1))] if rights else 0
    lefts = [int(x) for x, w in zip(data["left"], data["text"], strict=False) if (w or "").strip()]
    slack = 0.06 * max(margin - (min(lefts) if lefts else 0), 1)
    parts: list[str] = []
    previous_end: tuple[int, int, int] | None = None  # (block, paragraph, line) of the last line so far
    for key, lines in paragraphs.items():
        body = "\n".join(" ".join(words) for _, words in sorted(lines.items()))
        if previous_end is not None:
            runs_on = line_right[previous_end] >= margin - slack and not parts[-1].endswith(_SENTENCE_END)
            parts.append("\n" if runs_on else "\n\n")
        parts.append(body)
        previous_end = (*key, max(lines))
    text = "".join(parts)
    return fix_ocr_dandas(clean_text(text)), (sum(confs) / len(confs) if confs else None)


#: Grey level above which a pixel is paper.
BINARY_THRESHOLD = 160
_TO_BINARY = [255 if v > BINARY_THRESHOLD else 0 for v in range(256)]
_MAJORITY = [255 if v >= 128 else 0 for v in range(256)]  # a 3x3 mean of 0/255 pixels: 5 of 9 white → 142


def prepare(image: Image.Image) -> Image.Image:
    """Greyscale, fixed threshold, then a 3x3 majority vote that removes speckle; a 1-bit image.

    The same pixels as a 3x3 median of the grey image thresholded afterwards (a median commutes with a
    monotone threshold, and on black/white pixels the median is the majority), but a box blur costs a
    quarter of Pillow's rank filter, and tesseract reads a 1-bit image (a smaller PNG from pytesseract)
    without binarising it again (bench/README: OCR before/after).
    On the dev scans this preprocessing cut script/Devanagari CER from ~0.03 to ~0.005 (scripts/ingest_cer.py).
    """
    binary = image.convert("L").point(_TO_BINARY)
    return binary.filter(ImageFilter.BoxBlur(1)).point(_MAJORITY, "1")


def ocr_image(
    image: Image.Image, lang: str, timeout_s: float, preprocess: bool = True, tables: bool = True
) -> OcrResult:
    """OCR one image; a timeout or tesseract failure gives empty text and an error, never an exception.

    With ``tables`` the page is first searched for ruled tables (ingest.scan_tables): their cells are read
    as cells and set into the page text as ``cell | cell | …`` rows, and the rest of the page is read
    without them, so a cell's lines never run into its neighbours'.
    """
    import pytesseract

    from ingest.blank import is_blank_image

    if is_blank_image(image):
        return OcrResult("", None)  # no ink: nothing for Tesseract to read
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    start = time.monotonic()
    try:
        if tables:
            from ingest.scan_page import read_scanned_page

            page = read_scanned_page(image, _reader(lang, timeout_s))
            return OcrResult(page.text, page.confidence, None, time.monotonic() - start, page.tables)
        data = _image_data(prepare(image) if preprocess else image, lang, timeout_s)
    except (pytesseract.TesseractError, pytesseract.TesseractNotFoundError, OSError) as exc:
        return OcrResult("", None, f"ocr failed: {exc}", time.monotonic() - start)
    except RuntimeError as exc:  # pytesseract raises a bare RuntimeError on timeout
        return OcrResult("", None, f"ocr timeout after {timeout_s:g}s: {exc}", time.monotonic() - start)
    text, conf = _text_from_data(data)
    return OcrResult(text, conf, None, time.monotonic() - start)


def _image_data(image: Image.Image, lang: str, timeout_s: float, psm: int | None = None) -> dict[str, list]:
    """pytesseract's image_to_data as a dict of lists (``psm``: Tesseract's page segmentation mode)."""
    import pytesseract

    return pytesseract.image_to_data(
        image,
        lang=resolve_lang(lang),
        timeout=timeout_s,
        config=f"--psm {psm}" if psm is not None else "",
        output_type=pytesseract.Output.DICT,
    )


def _reader(lang: str, timeout_s: float) -> Callable[[Image.Image, int | None], dict[str, list]]:
    """Tesseract as scan_page calls it: a greyscale image (cleaned here as for pages) and a psm."""

    def read(image: Image.Image, psm: int | None) -> dict[str, list]:
        return _image_data(prepare(image), lang, timeout_s, psm)

    return read


def ocr_many(
    images: Iterable[tuple[int, Image.Image]],
    lang: str,
    timeout_s: float,
    workers: int,
    on_done: Callable[[int, OcrResult], None] | None = None,
    preprocess: bool = True,
) -> dict[int, OcrResult]:
    """OCR (key, image) pairs with ``workers`` threads; images are consumed lazily as they render."""
    results: dict[int, OcrResult] = {}
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        pending: dict[Future[OcrResult], int] = {}
        for key, image in images:
            pending[pool.submit(ocr_image, image, lang, timeout_s, preprocess)] = key
            # Keep at most 2x workers rendered images in memory.
            while len(pending) >= 2 * max(1, workers):
                _drain_one(pending, results, on_done)
        while pending:
            _drain_one(pending, results, on_done)
    return results


def _drain_one(
    pending: dict[Future[OcrResult], int],
    results: dict[int, OcrResult],
    on_done: Callable[[int, OcrResult], None] | None,
) -> None:
    from concurrent.futures import FIRST_COMPLETED, wait

    done, _ = wait(list(pending), return_when=FIRST_COMPLETED)
    for fut in done:
        key = pending.pop(fut)
        results[key] = fut.result()
        if on_done:
            on_done(key, results[key])
