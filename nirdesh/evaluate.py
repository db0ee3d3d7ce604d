"""``nirdesh eval``: run the extractor over the gold sets and print the scorer's figures per input kind."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extractors.pipeline import process_path
from nirdesh.cli import output_name

KIND_GLOBS = {
    "txt": "dev/*.txt",
    "text.pdf": "dev/pdf/*.text.pdf",
    "scan.pdf": "dev/pdf/*.scan.pdf",
    "garbled.pdf": "dev/pdf/*.garbled.pdf",
    "legacy.pdf": "dev/pdf/*.legacy.pdf",
    "chromium.pdf": "dev/pdf/*.chromium.pdf",
}


def _score(scorer: Path, gold: Path, pred: Path) -> str:
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(pred)], capture_output=True, text=True, check=False
    )
    return done.stdout + done.stderr


def _gold_subset(gold_dir: Path, names: list[str], work: Path) -> Path:
    """Only the gold files of the documents evaluated (one garbled PDF is not five documents)."""
    subset = work / "gold"
    subset.mkdir()
    for name in names:
        gold = gold_dir / f"{name}.gold.json"
        if gold.exists():
            shutil.copy(gold, subset / gold.name)
    return subset


def run_eval(shared_eval: Path, corpus: Path, kinds: list[str]) -> int:
    scorer = shared_eval / "score.py"
    if not scorer.exists():
        print(f"nirdesh eval: scorer not found at {scorer}", file=sys.stderr)
        return 2
    for kind in kinds:
        if kind == "corpus":
            gold_dir, files = corpus, sorted(corpus.glob("*.txt"))
        else:
            gold_dir, files = shared_eval / "dev", sorted(shared_eval.glob(KIND_GLOBS[kind]))
        out = Path(tempfile.mkdtemp(prefix=f"nirdesh-eval-{kind}-"))
        gold_dir = _gold_subset(gold_dir, [output_name(f) for f in files], out)
        started = time.perf_counter()
        for f in files:
            result = process_path(f)
            (out / f"{output_name(f)}.json").write_text(
                json.dumps(result.to_json(), ensure_ascii=False), encoding="utf-8"
            )
        elapsed = time.perf_counter() - started
        print(f"## {kind}: {len(files)} files in {elapsed:.1f} s")
        print(_score(scorer, gold_dir, out))
        shutil.rmtree(out, ignore_errors=True)
    return 0
