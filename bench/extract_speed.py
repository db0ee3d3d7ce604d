"""Extraction speed: a 10-page text PDF's pages, ingest and extraction timed apart, model loading excluded.

Usage: python bench/extract_speed.py [PDF_DIR]   (default ../shared/eval/dev/pdf)
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

from extractors import extract_document
from ingest import IngestedDocument, ingest_path
from models.gazetteer import load_gazetteer
from nlp.tokens import hindi_nlp


def main() -> None:
    pdf_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / "shared/eval/dev/pdf"
    pdfs = sorted(pdf_dir.glob("*.text.pdf"))
    load_gazetteer(), hindi_nlp()  # model loading, excluded from the timings below
    ingest_times, pages = [], []
    for pdf in pdfs:
        t0 = time.perf_counter()
        doc = ingest_path(pdf)
        ingest_times.append((time.perf_counter() - t0) / len(doc.pages))
        pages += doc.pages
    ten = (pages * 4)[:10]
    doc = IngestedDocument("ten-pages.pdf", "pdf", ten)
    extract_document(doc)  # warm-up
    runs = []
    for _ in range(10):
        t0 = time.perf_counter()
        result = extract_document(doc)
        runs.append(time.perf_counter() - t0)
    sentences = len(result["action_items"])
    print(f"text PDF ingest: {statistics.median(ingest_times) * 1000:.0f} ms/page (median over {len(pdfs)} PDFs)")
    print(f"extraction of 10 pages: median {statistics.median(runs) * 1000:.0f} ms, max {max(runs) * 1000:.0f} ms "
          f"({sentences} items)")
    print(f"10-page text PDF end to end (ingest + extraction): "
          f"{(statistics.median(ingest_times) * 10 + statistics.median(runs)):.2f} s")


if __name__ == "__main__":
    main()
