"""Profile the OCR route of one image-only page with pyinstrument (how the OCR overhead was found).

The route's thread pool hides work from a sampling profiler, so the steps run here in the main thread:
render at 300 dpi, then ingest.ocr.ocr_image (preprocessing, pytesseract, text rebuild), ``pages`` times.
Time spent waiting for the tesseract process shows as ``poll``; everything else is the route's overhead.

Usage: python -m bench.profile_ocr [--pages 3]
"""

from __future__ import annotations

import argparse
import random
import tempfile
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3)
    args = ap.parse_args()

    import pypdfium2 as pdfium
    from pyinstrument import Profiler

    from bench.generate import DPI, make_document, write_scan_pdf
    from core.settings import Settings
    from ingest.ocr import ocr_image
    from ingest.pdf import _render

    settings = Settings()
    doc = make_document(random.Random(21), args.pages, "profile")
    with tempfile.TemporaryDirectory() as tmp:
        pdf = pdfium.PdfDocument(write_scan_pdf(doc, Path(tmp) / "scan.pdf"))
        ocr_image(_render(pdf[0], DPI), settings.ocr_lang, settings.ocr_timeout_s)  # warm-up
        profiler = Profiler(interval=0.001)
        profiler.start()
        for i in range(args.pages):
            ocr_image(_render(pdf[i], DPI), settings.ocr_lang, settings.ocr_timeout_s)
        profiler.stop()
        pdf.close()
    print(profiler.output_text(unicode=True, color=False, show_all=True))


if __name__ == "__main__":
    main()
