"""``make bench``: every measurement beside its baseline, written to bench/results/latest.{md,json}.

Sections: text PDF ingestion (vs pdftotext, pypdfium2), OCR (vs the tesseract command, 1 and 2 workers),
extraction (model loading apart), the API served by ``nirdesh serve`` (upload-to-items, list at two item
counts, peak memory), and search (``bench/search_speed.py`` when this build has it). Each section records
the load average, since the machine may be shared; timings are medians of repeated runs.

Usage: python -m bench.run [--quick | --full] [--out bench/results] [--only ingest,ocr,extract,api,search]
"""

from __future__ import annotations

import argparse
import json
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import api_speed, extract_speed, ingest_speed, ocr_speed, search_bench
from bench.common import ROOT, load, machine
from bench.report import markdown

SECTIONS = ("ingest", "ocr", "extract", "api", "search")

#: Work sizes per mode; the default run takes under ~10 minutes on a 2-core machine.
MODES: dict[str, dict[str, dict]] = {
    "quick": {
        "ingest": {"pages": (1, 10), "repeat": 1},
        "ocr": {"pages": 1, "repeat": 1, "paragraphs": 1},
        "extract": {"pages": 1, "docs": (1, 10), "repeat": 1},
        "api": {"uploads": 2, "items": (200, 2000), "list_runs": 3},
        "search": {"quick": True},
    },
    "default": {
        "ingest": {"pages": (10, 100), "repeat": 5},
        "ocr": {"pages": 4, "repeat": 3},
        "extract": {"pages": 3, "docs": (1, 10), "repeat": 5},
        "api": {"uploads": 20, "items": (10_000, 100_000), "list_runs": 30},
        "search": {"quick": False},
    },
    "full": {
        "ingest": {"pages": (10, 100), "repeat": 9},
        "ocr": {"pages": 10, "repeat": 3},
        "extract": {"pages": 3, "docs": (1, 10), "repeat": 9},
        "api": {"uploads": 50, "items": (10_000, 100_000), "list_runs": 100},
        "search": {"quick": False},
    },
}

RUNNERS: dict[str, Callable[..., dict]] = {
    "ingest": ingest_speed.run,
    "ocr": ocr_speed.run,
    "extract": extract_speed.run,
    "api": api_speed.run,
    "search": search_bench.run,
}


def run_all(mode: str, only: tuple[str, ...] = SECTIONS, log: Callable[[str], None] = print) -> dict:
    results: dict = {"mode": mode, "machine": machine(), "sections": {}}
    for name in only:
        log(f"[bench] {name} ({mode}) ... load {load()}")
        t0 = time.perf_counter()
        try:
            figures = RUNNERS[name](**MODES[mode][name])
        except Exception as exc:  # one broken section must not lose the others' figures
            figures = {"error": f"{type(exc).__name__}: {exc}", "traceback": traceback.format_exc(limit=5)}
        figures["section_seconds"] = round(time.perf_counter() - t0, 1)
        results["sections"][name] = figures
        log(f"[bench] {name} done in {figures['section_seconds']} s" + (" (ERROR)" if "error" in figures else ""))
    results["machine"]["load_at_end"] = load()
    return results


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--quick", action="store_true", help="tiny sizes: a smoke test, figures not meaningful")
    group.add_argument("--full", action="store_true", help="more pages, uploads and repeats (about 20 minutes)")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated subset of {','.join(SECTIONS)}")
    ap.add_argument(
        "--before",
        type=Path,
        default=ROOT / "bench" / "results" / "before-optimisation.json",
        help="an earlier results JSON to compare with in the markdown (if it exists)",
    )
    args = ap.parse_args(argv)
    mode = "quick" if args.quick else "full" if args.full else "default"
    only = tuple(s for s in args.only.split(",") if s)
    unknown = set(only) - set(SECTIONS)
    if unknown:
        ap.error(f"unknown sections: {', '.join(sorted(unknown))}")
    started = time.perf_counter()
    results = run_all(mode, only)
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    before = json.loads(args.before.read_text()) if args.before and args.before.exists() else None
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (args.out / "latest.md").write_text(markdown(results, before))
    print(f"[bench] wrote {args.out / 'latest.md'} and {args.out / 'latest.json'} in {results['total_seconds']} s")
    return 1 if any("error" in s for s in results["sections"].values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
