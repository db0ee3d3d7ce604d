"""Text-PDF reading per producer: word error rate and ms/page, nirdesh vs pdftotext vs PDFium alone.

Writes corpus documents (letterhead, headings, a ruled action table) with every producer of
``bench.producers`` in Lohit and Noto Devanagari and in the legacy KrutiDev-layout font built at run time
(``bench.legacy_font``), then reads each file three ways:

- ``nirdesh``: ``ingest.ingest_bytes`` (engine choice, OCR fallback; page texts joined);
- ``pdftotext``: poppler's CLI, plain mode;
- ``pdfium``: PDFium's text layer alone (``ingest.pdf.layout_text``), as before the engine choice.

WER is against the text the producer was given (whitespace-normalised). Speed: ms/page of nirdesh's text
route (``ingest.pdf.read_pdf``) and of the whole ``ingest_bytes`` (which adds the pre-check in a
memory-limited child process, ``core.sandbox``) against pdftotext on the files whose pages nirdesh reads
from the text layer (load excluded: the file is in memory for all; the median of ``--repeat`` runs;
the machine's load average is printed beside).

Usage: python -m bench.pdf_producers [--docs 101,105,108] [--blocks 12] [--repeat 3] [--cache DIR]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import tempfile
from functools import partial
from pathlib import Path

import pypdfium2 as pdfium

from bench.common import median_time
from bench.producers import ALL_FONTS, LEGACY_FONTS, PRODUCERS, corpus_docs, produce
from core.settings import get_settings
from ingest import ingest_bytes
from ingest.cer import wer
from ingest.pdf import layout_text, read_pdf


def pdftotext(data: bytes) -> str:
    return subprocess.run(["pdftotext", "-q", "-", "-"], input=data, capture_output=True, check=True).stdout.decode(
        "utf-8", "replace"
    )


def pdfium_alone(data: bytes) -> str:
    pdf = pdfium.PdfDocument(data)
    try:
        return "\n\n".join(layout_text(pdf[i].get_textpage()) for i in range(len(pdf)))
    finally:
        pdf.close()


def _load() -> str:
    return " ".join(f"{v:.2f}" for v in os.getloadavg())


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docs", default="101,105,108,112", help="corpus document prefixes")
    ap.add_argument("--blocks", type=int, default=12, help="headings/paragraphs per document")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--cache", type=Path, default=None, help="keep the generated PDFs here")
    args = ap.parse_args(argv)
    settings = get_settings()
    docs = corpus_docs(args.docs.split(","), args.blocks)
    cache = args.cache or Path(tempfile.mkdtemp(prefix="nirdesh-producers-"))
    print(f"{len(docs)} documents x {len(PRODUCERS)} producers x {len(ALL_FONTS)} fonts; PDFs in {cache}")
    print(f"{'producer':12} {'font':8} {'pages':>5} {'nirdesh':>8} {'pdftotext':>9} {'pdfium':>7}  engines/routes")
    per_producer: dict[str, list[tuple[float, float, float]]] = {p: [] for p in PRODUCERS}
    per_legacy: dict[str, list[tuple[float, float, float]]] = {p: [] for p in PRODUCERS}
    speed_files: list[tuple[bytes, int]] = []
    for producer in PRODUCERS:
        for font in ALL_FONTS:
            for doc in docs:
                data = produce(doc, producer, font, cache)
                ref = doc.reference()
                ingested = ingest_bytes(data, f"{doc.name}.pdf", settings)
                ours = "\n\n".join(p.text for p in ingested.pages)
                scores = (wer(ours, ref), wer(pdftotext(data), ref), wer(pdfium_alone(data), ref))
                (per_legacy if font in LEGACY_FONTS else per_producer)[producer].append(scores)
                how = ",".join(sorted({p.engine or p.route for p in ingested.pages}))
                print(
                    f"{producer:12} {font:8} {len(ingested.pages):5d} "
                    f"{scores[0]:8.3f} {scores[1]:9.3f} {scores[2]:7.3f}  {how}  {doc.name}"
                )
                if all(p.route == "text" for p in ingested.pages):
                    speed_files.append((data, len(ingested.pages)))
    for title, table in (("Unicode fonts", per_producer), ("legacy font", per_legacy)):
        print(f"\nmean WER per producer, {title} (nirdesh / pdftotext / PDFium alone)")
        for producer, rows in table.items():
            means = [statistics.mean(r[k] for r in rows) for k in range(3)]
            flag = "ok" if means[0] <= means[1] + 0.01 else "WORSE than pdftotext + 0.01"
            print(f"  {producer:12} {means[0]:.3f} / {means[1]:.3f} / {means[2]:.3f}  {flag}")
    pages = sum(n for _, n in speed_files)
    if pages:
        print(f"\nspeed on {len(speed_files)} text-route files, {pages} pages (load now: {_load()})")
        base_s = sum(median_time(partial(pdftotext, d), args.repeat) for d, _ in speed_files)
        reader_s = sum(median_time(partial(read_pdf, d, "x.pdf", settings), args.repeat) for d, _ in speed_files)
        ours_s = sum(median_time(partial(ingest_bytes, d, "x.pdf", settings), args.repeat) for d, _ in speed_files)
        for label, secs in (
            ("text route (ingest.pdf.read_pdf)", reader_s),
            ("ingest_bytes (+ sandboxed pre-check)", ours_s),
        ):
            print(
                f"  {label:38} {1000 * secs / pages:7.1f} ms/page, pdftotext {1000 * base_s / pages:.1f} ms/page,"
                f" ratio {secs / base_s:.2f}x (goal <= 2x)"
            )
        print(f"  (load after: {_load()}; the pre-check is one child process per file, whatever its pages)")


if __name__ == "__main__":
    main()
