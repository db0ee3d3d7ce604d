"""OCR at 300 dpi, s/page: the project's route (ingest of an image-only PDF) against the tesseract command.

Both sides read the same generated pages: the route ingests the image-only PDF (render, preprocessing,
pytesseract, text rebuilt from word boxes) with NIRDESH_OCR_WORKERS = 1 and 2, and the PNGs as image
uploads (no PDF rendering), 1 or 2 files at a time; the baseline runs
``tesseract PAGE.png out -l <same language> --psm 3`` with OMP_THREAD_LIMIT=1 on the PNGs of the same pages,
1 process at a time or 2 in parallel. A per-stage breakdown of the route (one worker) shows where its
overhead goes.

Usage: python bench/ocr_speed.py [--pages 4] [--repeat 1]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import statistics
import subprocess
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from PIL import Image, ImageFilter

from bench.common import load, wall_and_cpu
from bench.generate import DPI, make_document, page_image, write_scan_pdf


def _tesseract_cli(pngs: list[Path], lang: str, workers: int, out_dir: Path) -> None:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}

    def one(png: Path) -> None:
        subprocess.run(
            ["tesseract", str(png), str(out_dir / png.stem), "-l", lang, "--psm", "3"],
            check=True,
            capture_output=True,
            env=env,
        )

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, pngs))


def _ingest_images(pngs: list[Path], workers: int, settings) -> None:  # noqa: ANN001 - Settings
    """The route for page images: each PNG ingested as an image upload, ``workers`` files at a time."""
    from ingest import ingest_path

    one = dataclasses.replace(settings, ocr_workers=1)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda p: ingest_path(p, one), pngs))


def median_filter_prepare(image: Image.Image) -> Image.Image:
    """The preprocessing as it was before the optimisation (3x3 median on grey, then threshold), for comparison."""
    from ingest.ocr import BINARY_THRESHOLD

    grey = image.convert("L")
    return grey.filter(ImageFilter.MedianFilter(3)).point(lambda v: 255 if v > BINARY_THRESHOLD else 0)


def _stages(scan_pdf: Path, lang: str, pages: int) -> dict[str, float]:
    """Milliseconds per page for each step of the route, one page at a time.

    ``preprocess_median_filter`` and ``render_pdfium_greyscale`` time the steps as they were before the
    optimisation, on the same pages in the same run, for a before/after that the machine's load cannot skew.
    """
    import pypdfium2 as pdfium
    import pytesseract

    from ingest.ocr import _text_from_data, prepare, resolve_lang
    from ingest.pdf import _render

    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    totals = {
        "render": 0.0,
        "preprocess": 0.0,
        "tesseract_via_pytesseract": 0.0,
        "rebuild_text": 0.0,
        "preprocess_median_filter": 0.0,
        "render_pdfium_greyscale": 0.0,
    }
    pdf = pdfium.PdfDocument(scan_pdf)
    for i in range(pages):
        t0 = time.perf_counter()
        image = _render(pdf[i], DPI)
        t1 = time.perf_counter()
        ready = prepare(image)
        t2 = time.perf_counter()
        data = pytesseract.image_to_data(ready, lang=resolve_lang(lang), output_type=pytesseract.Output.DICT)
        t3 = time.perf_counter()
        _text_from_data(data)
        t4 = time.perf_counter()
        median_filter_prepare(image)
        t5 = time.perf_counter()
        pdf[i].render(scale=DPI / 72, grayscale=True).to_pil()  # how pages were rendered before
        t6 = time.perf_counter()
        for key, dt in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5), strict=True):
            totals[key] += dt
    pdf.close()
    return {key: round(v / pages * 1000, 1) for key, v in totals.items()}


def run(
    pages: int = 4, repeat: int = 1, workers: tuple[int, ...] = (1, 2), paragraphs: int = 5, seed: int = 21
) -> dict:
    from core.settings import Settings
    from ingest import ingest_bytes
    from ingest.cer import cer
    from ingest.ocr import resolve_lang

    base = Settings()
    lang = resolve_lang(base.ocr_lang)
    out: dict = {"pages": pages, "dpi": DPI, "lang": base.ocr_lang, "tesseract_lang": lang, "workers": {}}
    with tempfile.TemporaryDirectory(prefix="nirdesh-bench-ocr-") as tmp:
        tmpdir = Path(tmp)
        doc = make_document(random.Random(seed), pages, "ocr", paragraphs_per_page=paragraphs)
        images = [page_image(p) for p in doc.pages]
        pngs = []
        for i, image in enumerate(images, 1):
            pngs.append(tmpdir / f"page-{i:03d}.png")
            image.save(pngs[-1], dpi=(DPI, DPI))
        scan = write_scan_pdf(doc, tmpdir / "scan.pdf", images).read_bytes()
        result = ingest_bytes(scan, "scan.pdf", dataclasses.replace(base, ocr_workers=1))  # warm-up + accuracy
        out["ocr_cer"] = round(
            statistics.mean(cer(p.text, src) for p, src in zip(result.pages, doc.pages, strict=True)), 4
        )
        for w in workers:
            settings = dataclasses.replace(base, ocr_workers=w)
            timings = wall_and_cpu(
                {
                    "route": partial(ingest_bytes, scan, "scan.pdf", settings),
                    "images": partial(_ingest_images, pngs, w, base),
                    "cli": partial(_tesseract_cli, pngs, lang, w, tmpdir),
                },
                repeat,
            )
            (route, route_cpu), (cli, cli_cpu) = timings["route"], timings["cli"]
            images_wall = timings["images"][0]
            out["workers"][str(w)] = {
                "nirdesh_s_per_page": round(route / pages, 3),
                "tesseract_s_per_page": round(cli / pages, 3),
                "overhead_pct": round((route / cli - 1) * 100, 1),
                "nirdesh_cpu_s_per_page": round(route_cpu / pages, 3),
                "tesseract_cpu_s_per_page": round(cli_cpu / pages, 3),
                "cpu_overhead_pct": round((route_cpu / cli_cpu - 1) * 100, 1),
                "nirdesh_png_s_per_page": round(images_wall / pages, 3),
                "png_overhead_pct": round((images_wall / cli - 1) * 100, 1),
            }
        out["stages_ms_per_page"] = _stages(tmpdir / "scan.pdf", base.ocr_lang, pages)
    out["load"] = load()
    worst = max(v["overhead_pct"] for v in out["workers"].values())
    worst_cpu = max(v["cpu_overhead_pct"] for v in out["workers"].values())
    out["target"] = {
        "goal": f"OCR overhead within 15 % of raw tesseract (worst: wall {worst} %, CPU {worst_cpu} %)",
        "met": worst <= 15.0,
        "met_cpu": worst_cpu <= 15.0,
        "worst_overhead_pct": worst,
        "worst_cpu_overhead_pct": worst_cpu,
    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=4)
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    print(json.dumps(run(args.pages, args.repeat), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
