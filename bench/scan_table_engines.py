"""Ruled tables on scans: nirdesh's OpenCV grid + one-call cell OCR against img2table, cell by cell.

``python -m bench.scan_table_engines SCAN_DIR [--lang hin]``

SCAN_DIR holds ``NAME.scan.pdf`` files written by ``python -m bench.scan_tables --keep DIR`` (in DIR/pdf);
the truth is each document's table from bench/table_docs.py. For every page: tables found, cells
whose text matches the truth (difflib ratio >= 0.9), mean cell similarity, and seconds. img2table
needs opencv-contrib-python, which cannot share a virtualenv with opencv-python-headless (both are
``cv2``), so it is not a project dependency: run this script with a separate environment, e.g.
``python -m venv /tmp/i2t && /tmp/i2t/bin/pip install img2table pytesseract`` and then
``PYTHONPATH=. /tmp/i2t/bin/python -m bench.scan_table_engines DIR/pdf``. Without img2table only
nirdesh's engine is measured.
"""

from __future__ import annotations

import argparse
import difflib
import io
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from bench.table_docs import load_doc
from ingest.ocr import _reader
from ingest.scan_page import cell_text
from ingest.scan_tables import deskew, read_tables

Engine = Callable[[Image.Image, str], list[list[list[str]]]]


def nirdesh_engine(image: Image.Image, lang: str) -> list[list[list[str]]]:
    level, _ = deskew(image)
    read = _reader(lang, 120)
    return [
        [[cell_text(c) for c in row] for row in t.texts] for t in read_tables(np.asarray(level), lambda im: read(im, 6))
    ]


def img2table_engine(image: Image.Image, lang: str) -> list[list[list[str]]]:
    from img2table.document import Image as I2TImage
    from img2table.ocr import TesseractOCR

    buf = io.BytesIO()
    image.save(buf, format="PNG")
    tables = I2TImage(src=buf.getvalue()).extract_tables(ocr=TesseractOCR(n_threads=1, lang=lang))
    out = []
    for t in tables:
        rows = []
        for row in t.content.values():
            rows.append([" ".join((cell.value or "").split()) for cell in row])
        out.append(rows)
    return out


def img2table_levelled_engine(image: Image.Image, lang: str) -> list[list[list[str]]]:
    """img2table on the page levelled by nirdesh first (it leaves small tilts alone)."""
    return img2table_engine(deskew(image)[0], lang)


def _score(found: list[list[list[str]]], truth: list[list[str]]) -> tuple[int, int, float]:
    """Cells of the truth table matched (ratio >= 0.9) by the same row and column of a found table."""
    cells = [c for row in found for c in row]  # rows of all found tables, page order
    ratios = []
    for r, row in enumerate(truth):
        for c, want in enumerate(row):
            got = cells[r][c] if r < len(cells) and c < len(cells[r]) else ""
            want, got = ("" if x.strip() in {"-", "—"} else x for x in (want, got))  # "-" marks an empty cell
            ratios.append(1.0 if want == got else difflib.SequenceMatcher(None, want, got).ratio())
    return sum(x >= 0.9 for x in ratios), len(ratios), sum(ratios) / len(ratios) if ratios else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("scans", type=Path)
    ap.add_argument(
        "--lang", default="Devanagari", help="Tesseract language for both engines (img2table refuses script/…)"
    )
    args = ap.parse_args(argv)
    engines: dict[str, Engine] = {"nirdesh (OpenCV grid)": nirdesh_engine}
    try:
        import img2table  # noqa: F401

        engines["img2table"] = img2table_engine
        engines["img2table, levelled"] = img2table_levelled_engine
    except ImportError:
        print("img2table is not installed here: measuring nirdesh's engine only (see this script's docstring)")
    totals: dict[str, list[float]] = {name: [0, 0, 0.0, 0.0] for name in engines}
    for path in sorted(args.scans.glob("*.scan.pdf")):
        doc = load_doc(path.name.removesuffix(".scan.pdf"))
        truth = [doc.header, *doc.rows]
        pdf = pdfium.PdfDocument(path.read_bytes())
        images = [pdf[i].render(scale=300 / 72).to_pil().convert("L") for i in range(len(pdf))]
        pdf.close()
        for name, engine in engines.items():
            start = time.perf_counter()
            found = [t for image in images for t in engine(image, args.lang)]
            seconds = time.perf_counter() - start
            ok, n, mean = _score([[row for t in found for row in t]], truth)
            totals[name][0] += ok
            totals[name][1] += n
            totals[name][2] += mean * n
            totals[name][3] += seconds
            print(
                f"{doc.name[:28]:30}{name:24} tables {len(found)}  cells ok {ok}/{n}  mean {mean:.3f}  {seconds:.1f} s"
            )
    print()
    for name, (matched, cells, weighted, seconds) in totals.items():
        if cells:
            print(
                f"{name:24} cells matching {matched:.0f}/{cells:.0f} ({matched / cells:.3f})  "
                f"mean similarity {weighted / cells:.3f}  {seconds:.1f} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
