"""Print a Markdown table of character error rates for each extraction route on the dev PDFs.

Usage: python scripts/ingest_cer.py [EVAL_DIR]   (default ../shared/eval/dev; PDFs in EVAL_DIR/pdf,
gold text in EVAL_DIR/<stem>.txt). CER is Levenshtein distance on whitespace-normalised text.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.settings import get_settings  # noqa: E402
from ingest import ingest_path  # noqa: E402
from ingest.cer import cer  # noqa: E402
from ingest.ocr import ocr_many  # noqa: E402

# OCR columns use ingest's median+threshold preprocessing; "Deva unfiltered" skips it.
OCR_LANGS = ["hin", "hin+eng", "script/Devanagari"]


def _fmt(x: float | None) -> str:
    return "–" if x is None else f"{x:.3f}"


def main(argv: list[str]) -> int:
    eval_dir = Path(argv[1]) if len(argv) > 1 else ROOT.parent / "shared" / "eval" / "dev"
    settings = get_settings()
    have_pdftotext = shutil.which("pdftotext") is not None
    cols = ["pdfplumber", "pypdfium2", "pdftotext", "ingest", "route(s)", *OCR_LANGS]
    cols += ["Deva unfiltered", "s/page"]
    print("| file | " + " | ".join(cols) + " |")
    print("|" + "---|" * (len(cols) + 1))
    ocr_times: list[float] = []
    for pdf_path in sorted((eval_dir / "pdf").glob("*.pdf")):
        gold_path = eval_dir / (pdf_path.name.split(".")[0] + ".txt")
        if not gold_path.exists():
            continue
        gold = gold_path.read_text(encoding="utf-8")
        with pdfplumber.open(pdf_path) as pl:
            plumber_text = "\n".join(p.extract_text() or "" for p in pl.pages)
        pdf = pdfium.PdfDocument(pdf_path)
        pdfium_text = "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))
        row: dict[str, str] = {
            "pdfplumber": _fmt(cer(plumber_text, gold)) if plumber_text.strip() else "–",
            "pypdfium2": _fmt(cer(pdfium_text, gold)) if pdfium_text.strip() else "–",
        }
        if have_pdftotext:
            out = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(pdf_path), "-"],
                capture_output=True,
                text=True,
                check=False,
                timeout=120,
            ).stdout
            row["pdftotext"] = _fmt(cer(out, gold)) if out.strip() else "–"
        start = time.monotonic()
        doc = ingest_path(pdf_path, settings)
        row["ingest"] = _fmt(cer(doc.text, gold))
        row["route(s)"] = ",".join(sorted({p.route for p in doc.pages}))
        if ".scan." in pdf_path.name:
            scale = settings.ocr_dpi / 72
            images = [pdf[i].render(scale=scale, grayscale=True).to_pil() for i in range(len(pdf))]
            for lang in OCR_LANGS:
                t0 = time.monotonic()
                res = ocr_many(enumerate(images), lang, settings.ocr_timeout_s, settings.ocr_workers)
                per_page = (time.monotonic() - t0) / len(images)
                if lang == "script/Devanagari":
                    ocr_times.append(per_page)
                    row["s/page"] = f"{per_page:.2f}"
                row[lang] = _fmt(cer("\n".join(res[i].text for i in range(len(images))), gold))
            res = ocr_many(
                enumerate(images), "script/Devanagari", settings.ocr_timeout_s, settings.ocr_workers, preprocess=False
            )
            row["Deva unfiltered"] = _fmt(cer("\n".join(res[i].text for i in range(len(images))), gold))
        else:
            row["s/page"] = f"{(time.monotonic() - start) / len(doc.pages):.2f}"
        pdf.close()
        print(f"| {pdf_path.name} | " + " | ".join(row.get(c, "–") for c in cols) + " |", flush=True)
    if ocr_times:
        print(
            f"\nOCR (script/Devanagari, {settings.ocr_workers} workers, {settings.ocr_dpi} dpi): "
            f"{sum(ocr_times) / len(ocr_times):.2f} s/page wall clock"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
