"""Scanned minutes with ruled action tables against the same documents as typed PDFs.

``python -m bench.scan_tables [--docs N] [--merged N] [--shared DIR] [--before DIR] [--keep DIR]``

Builds the documents of bench/table_docs.py (corpus texts with an action table, typed by fpdf2 and
photocopied) and, scored apart, ``--merged`` of them again with their responsible and deadline cells
merged down over the first three rows (``table_docs.with_merged_cells``), extracts every one through the typed PDF and through the scan, and scores both with the
shared scorer (``/work/shared/eval/score.py``, or ``--shared``/``NIRDESH_SHARED``): directive F1,
deadline-date accuracy and responsible F1 side by side. With ``--before`` (a checkout of an earlier
commit, default /work/base when it exists) the scans are also extracted by that code in a subprocess,
the baseline of the same run. The goal: the scan within 0.03 of the typed PDF.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.table_docs import DEFAULT_DOCS, MERGED_DOCS, load_docs, scan_pdf_bytes, text_pdf_bytes, with_merged_cells

METRICS = (
    ("directive F1", lambda r: r["directive"]["f1"]),
    ("directive P", lambda r: r["directive"]["precision"]),
    ("directive R", lambda r: r["directive"]["recall"]),
    ("deadline date acc", lambda r: r["deadline_date_acc"]),
    ("responsible F1", lambda r: r["responsible_f1"]),
    ("issuer acc", lambda r: r["issuer_acc"]),
)
_EXTRACT = """
import json, sys
from pathlib import Path
from extractors.pipeline import process_path
for src, out in zip(sys.argv[1::2], sys.argv[2::2]):
    r = process_path(Path(src))
    r = r.to_json() if hasattr(r, "to_json") else r  # older checkouts return the JSON dict itself
    Path(out).write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
"""


def find_scorer(shared: str | None) -> Path | None:
    base = Path(shared or os.environ.get("NIRDESH_SHARED") or "/work/shared")
    for candidate in (base / "eval" / "score.py", base / "score.py"):
        if candidate.is_file():
            return candidate
    return None


def extract_all(pairs: list[tuple[Path, Path]], cwd: Path | None = None) -> float:
    """Extract each source into its prediction file; with ``cwd`` run that checkout's code. Seconds taken."""
    start = time.perf_counter()
    args = [str(p) for pair in pairs for p in pair]
    subprocess.run([sys.executable, "-c", _EXTRACT, *args], cwd=cwd or Path.cwd(), check=True)
    return time.perf_counter() - start


def score(scorer: Path, gold: Path, pred: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred), "--json"], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def fragments(pred: Path) -> tuple[int, int]:
    """Items, and items that are pieces of a table (a pipe in the text, or under 15 characters)."""
    total = bad = 0
    for path in pred.glob("*.json"):
        for item in json.loads(path.read_text(encoding="utf-8"))["action_items"]:
            total += 1
            bad += "|" in item["text"] or len(item["text"].strip()) < 15
    return total, bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=len(DEFAULT_DOCS), help=f"how many (at most {len(DEFAULT_DOCS)})")
    ap.add_argument(
        "--merged", type=int, default=len(MERGED_DOCS), help=f"merged-cell variants (at most {len(MERGED_DOCS)})"
    )
    ap.add_argument("--shared", help="the shared folder holding eval/score.py (default /work/shared)")
    ap.add_argument("--before", help="a checkout of earlier code to extract the scans with (default /work/base)")
    ap.add_argument("--keep", type=Path, help="write the PDFs, gold and predictions here")
    args = ap.parse_args(argv)
    scorer = find_scorer(args.shared)
    if scorer is None:
        print(
            "bench.scan_tables: the shared scorer (eval/score.py) is not there: set --shared or NIRDESH_SHARED. "
            "The repository has no scorer of its own, so nothing is measured.",
            file=sys.stderr,
        )
        return 2
    before = Path(args.before) if args.before else Path("/work/base")
    before_ok = (before / "extractors").is_dir() or (before / "nirdesh").is_dir()
    groups = {
        "ruled tables": load_docs(DEFAULT_DOCS[: max(1, args.docs)]),
        "merged cells": [with_merged_cells(d) for d in load_docs(MERGED_DOCS[: max(0, args.merged)])],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for n, (title, docs) in enumerate(groups.items()):
            if docs:
                work = (args.keep or Path(tmp)) / f"group{n}"
                _measure(title, docs, work, scorer, before if before_ok else None)
    return 0


def _measure(title: str, docs: list[Any], work: Path, scorer: Path, before: Path | None) -> None:
    """Extract one group of documents by every route, score each route, print the table."""
    routes = ["text", "scan"] + (["scan-before"] if before else [])
    for sub in ["gold", "pdf", *routes]:
        (work / sub).mkdir(parents=True, exist_ok=True)
    for i, doc in enumerate(docs):
        typed = text_pdf_bytes(doc)
        (work / "pdf" / f"{doc.name}.text.pdf").write_bytes(typed)
        (work / "pdf" / f"{doc.name}.scan.pdf").write_bytes(scan_pdf_bytes(typed, seed=i))
        (work / "gold" / f"{doc.name}.gold.json").write_text(json.dumps(doc.gold, ensure_ascii=False), "utf-8")
    seconds: dict[str, float] = {}
    for route in routes:
        kind = "text" if route == "text" else "scan"
        pairs = [(work / "pdf" / f"{d.name}.{kind}.pdf", work / route / f"{d.name}.json") for d in docs]
        pairs = [(src.resolve(), out.resolve()) for src, out in pairs]
        seconds[route] = extract_all(pairs, before if route == "scan-before" else None)
    results = {route: score(scorer, work / "gold", work / route) for route in routes}
    print(f"\n{title}: {len(docs)} documents (bench/table_docs.py); scorer {scorer}")
    print(f"{'':22}" + "".join(f"{r:>13}" for r in routes) + f"{'scan-text':>13}")
    for label, get in METRICS:
        values = [get(results[r]) for r in routes]
        diff = (values[1] - values[0]) if None not in values[:2] else None
        cells = "".join(f"{'-' if v is None else v:>13}" for v in values)
        print(f"{label:22}{cells}{'-' if diff is None else round(diff, 3):>13}")
    counts = {r: fragments(work / r) for r in routes}
    print(f"{'items / fragments':22}" + "".join(f"{f'{n} / {b}':>13}" for n, b in counts.values()))
    print(f"{'extraction seconds':22}" + "".join(f"{round(seconds[r], 1):>13}" for r in routes))
    if before:
        print(f"scan-before: the scans extracted by the code in {before}")


if __name__ == "__main__":
    raise SystemExit(main())
