"""Text PDF ingestion, pages/s: the project's route (ingest_path) against pdftotext and pypdfium2 on the same files.

Each size is one generated text PDF of that many pages; every figure is the median of ``repeat`` runs (the
three tools in turn) after a warm-up (imports and first-use caches are not counted). The text layer's CER against the generated source
text is reported too, to show the PDFs decode correctly.

Usage: python bench/ingest_speed.py [--pages 10,100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import tempfile
from functools import partial
from pathlib import Path

from bench.common import growth, load, wall_and_cpu
from bench.generate import make_document, write_text_pdf


def _pdftotext(path: Path, out: Path) -> None:
    subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), str(out)], check=True, capture_output=True)


def _pdfium_text(path: Path) -> str:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        parts = []
        for page in pdf:
            textpage = page.get_textpage()
            parts.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return "\f".join(parts)
    finally:
        pdf.close()


def text_layer_cer(path: Path, source_pages: list[str]) -> float:
    """Mean CER of ingest's page texts against the text the PDF was generated from."""
    from ingest import ingest_path
    from ingest.cer import cer

    doc = ingest_path(path)
    return statistics.mean(cer(p.text, src) for p, src in zip(doc.pages, source_pages, strict=True))


def run(pages: tuple[int, ...] = (10, 100), repeat: int = 3, seed: int = 11) -> dict:
    import random

    from ingest import ingest_path

    out: dict = {"sizes": {}, "load": load()}
    with tempfile.TemporaryDirectory(prefix="nirdesh-bench-ingest-") as tmp:
        rng = random.Random(seed)
        for n in pages:
            doc = make_document(rng, n, f"ingest-{n}")
            pdf = write_text_pdf(doc, Path(tmp) / f"{doc.name}.pdf")
            txt_out = Path(tmp) / "pdftotext.txt"
            ingest_path(pdf)  # warm-up
            _pdftotext(pdf, txt_out)
            timings = wall_and_cpu(
                {
                    "nirdesh": partial(ingest_path, pdf),
                    "pdftotext": partial(_pdftotext, pdf, txt_out),
                    "pypdfium2": partial(_pdfium_text, pdf),
                },
                repeat,
            )
            project, poppler, pdfium = (timings[k][0] for k in ("nirdesh", "pdftotext", "pypdfium2"))
            out["sizes"][str(n)] = {
                "pages": n,
                "nirdesh_pages_per_s": round(n / project, 1),
                "pdftotext_pages_per_s": round(n / poppler, 1),
                "pypdfium2_pages_per_s": round(n / pdfium, 1),
                "nirdesh_ms_per_page": round(project / n * 1000, 2),
                "pdftotext_ms_per_page": round(poppler / n * 1000, 2),
                "pypdfium2_ms_per_page": round(pdfium / n * 1000, 2),
                "ratio_vs_pdftotext": round(project / poppler, 2),
                **{f"{k}_cpu_ms_per_page": round(v[1] / n * 1000, 2) for k, v in timings.items()},
                "cpu_ratio_vs_pdftotext": round(timings["nirdesh"][1] / timings["pdftotext"][1], 2),
                "text_layer_cer": round(text_layer_cer(pdf, doc.pages), 4),
            }
    if len(pages) >= 2:
        small, large = out["sizes"][str(pages[0])], out["sizes"][str(pages[-1])]
        factor = pages[-1] / pages[0]
        out["growth"] = {
            tool: growth(small[f"{tool}_ms_per_page"] * pages[0], large[f"{tool}_ms_per_page"] * pages[-1], factor)
            for tool in ("nirdesh", "pdftotext", "pypdfium2")
        }
        out["growth_cpu"] = {
            tool: growth(
                small[f"{tool}_cpu_ms_per_page"] * pages[0], large[f"{tool}_cpu_ms_per_page"] * pages[-1], factor
            )
            for tool in ("nirdesh", "pdftotext", "pypdfium2")
        }
    largest = out["sizes"][str(pages[-1])]
    out["ratio_vs_pdftotext"] = largest["ratio_vs_pdftotext"]
    out["target"] = {
        "goal": "within 3x of pdftotext per page (wall and CPU time)",
        "met": largest["ratio_vs_pdftotext"] <= 3.0 and largest["cpu_ratio_vs_pdftotext"] <= 3.0,
    }
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", default="10,100")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(json.dumps(run(tuple(int(x) for x in args.pages.split(",")), args.repeat), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
