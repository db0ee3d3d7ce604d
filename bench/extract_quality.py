"""Extraction quality on a gold folder, this tree beside a baseline checkout, in one run.

Each checkout extracts the documents of ``--gold`` (``NAME.txt`` + ``NAME.gold.json``, as in corpus/) in
its own Python process (its directory first on ``sys.path``), then ``score.py`` of the shared
evaluation scores both. ``--only`` keeps the documents whose name starts with one of the given prefixes
(e.g. ``--only 116,117`` for the unseen-style check set).

Usage: python bench/extract_quality.py --gold corpus --baseline /work/base [--only 116,117] [--score PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.common import ROOT

_EXTRACT = """
import json, sys
from pathlib import Path
from extractors.pipeline import process_path
src, out = Path(sys.argv[1]), Path(sys.argv[2])
for p in sorted(src.glob("*.txt")):
    r = process_path(p)
    r = r.to_json() if hasattr(r, "to_json") else r  # older checkouts return the JSON dict itself
    (out / (p.stem + ".json")).write_text(json.dumps(r, ensure_ascii=False), encoding="utf-8")
"""
_KEYS = (
    "directive_f1",
    "deadline_date_acc",
    "deadline_text_acc",
    "recurrence_acc",
    "responsible_f1",
    "issuer_acc",
    "target_recall",
    "meeting_date_acc",
    "meeting_chair_acc",
)


def _subset(gold: Path, only: list[str], into: Path) -> None:
    for p in sorted(gold.glob("*.gold.json")):
        name = p.name[: -len(".gold.json")]
        if only and not name.startswith(tuple(only)):
            continue
        shutil.copy(p, into / p.name)
        shutil.copy(gold / f"{name}.txt", into / f"{name}.txt")


def score_checkout(checkout: Path, docs: Path, score: Path) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([sys.executable, "-c", _EXTRACT, str(docs), out], cwd=checkout, check=True)
        res = subprocess.run(
            [sys.executable, str(score), str(docs), out, "--json"], capture_output=True, text=True, check=True
        )
    result: dict[str, object] = json.loads(res.stdout)
    return result


def _figure(scores: dict[str, object], key: str) -> object:
    if key == "directive_f1":
        directive = scores.get("directive")
        return directive.get("f1") if isinstance(directive, dict) else None
    return scores.get(key)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT / "corpus"))
    ap.add_argument("--baseline", required=True, help="a checkout of the code to compare with")
    ap.add_argument("--only", default="", help="comma-separated document-name prefixes")
    ap.add_argument("--score", default=str(ROOT.parent / "shared" / "eval" / "score.py"))
    ns = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs = Path(tmp)
        _subset(Path(ns.gold), [s for s in ns.only.split(",") if s], docs)
        n = len(list(docs.glob("*.gold.json")))
        base = score_checkout(Path(ns.baseline), docs, Path(ns.score))
        this = score_checkout(ROOT, docs, Path(ns.score))
    print(f"{n} documents from {ns.gold}" + (f" (only {ns.only})" if ns.only else ""))
    print(f"{'figure':<20} {'baseline':>9} {'this tree':>10}")
    for key in _KEYS:
        b, t = _figure(base, key), _figure(this, key)
        print(f"{key:<20} {b if b is not None else '-':>9} {t if t is not None else '-':>10}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
