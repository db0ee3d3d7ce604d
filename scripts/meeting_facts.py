"""Meeting facts (date, place, chair, department) and issuer against gold, beside a baseline in the same run.

The shared scorer counts the meeting date and chair only; this script also scores the place and the
department, lists each wrong fact, and puts two prediction folders side by side (e.g. main's output and
this branch's), so a change is read against its baseline:

    python scripts/meeting_facts.py GOLD_DIR --pred main=DIR1 --pred branch=DIR2 [--errors branch]

GOLD_DIR holds NAME.gold.json; each prediction folder holds NAME.json (``nirdesh extract --out`` or
``scripts/real_devset.py --gold-out``, which writes both into one folder). A fact is scored where the
gold gives it; a value predicted where the gold has none is counted apart as spurious.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.normalize import fold  # noqa: E402

Json = dict[str, Any]
FACTS = ("date", "place", "chair", "department")
_PUNCT = re.compile(r"[\s\u0964.,;:()|\-–]+")


def _norm(s: str | None) -> str:
    return _PUNCT.sub(" ", fold(s or "")).strip()


def same_text(gold: str | None, pred: str | None) -> bool:
    """Equal after folding, or one holding the other when it is at least half as long."""
    g, p = _norm(gold), _norm(pred)
    if not g or not p:
        return False
    return g == p or ((g in p or p in g) and min(len(g), len(p)) >= 0.5 * max(len(g), len(p)))


def same_person(gold: Json | None, pred: Json | None) -> bool:
    """The scorer's rule, roughly: the designation's words one within the other's, or the name's."""
    if not gold or not pred:
        return False

    def words(x: str | None) -> set[str]:
        return set(_norm(x).split())

    gd, pd = words(gold.get("designation")), words(pred.get("designation"))
    gn, pn = words(gold.get("name")), words(pred.get("name"))
    return bool(gd and pd and (gd <= pd or pd <= gd)) or bool(gn and pn and (gn <= pn or pn <= gn))


def fact_ok(fact: str, gold: Any, pred: Any) -> bool:
    if fact == "date":
        return bool(gold == pred)
    if fact == "chair":
        return same_person(gold, pred)
    return same_text(gold, pred)


def compare(gold_dir: Path, pred_dir: Path) -> tuple[dict[str, list[int]], list[str]]:
    """Per fact [right, scored, spurious], and one line per error."""
    counts = {f: [0, 0, 0] for f in FACTS}
    errors: list[str] = []
    for gp in sorted(gold_dir.glob("*.gold.json")):
        name = gp.name[: -len(".gold.json")]
        gold = json.loads(gp.read_text(encoding="utf-8")).get("meeting") or {}
        pp = pred_dir / f"{name}.json"
        pred = (json.loads(pp.read_text(encoding="utf-8")) if pp.exists() else {}).get("meeting") or {}
        for fact in FACTS:
            g, p = gold.get(fact), pred.get(fact)
            has_gold = bool(g) and (fact != "chair" or bool(g and (g.get("name") or g.get("designation"))))
            if has_gold:
                counts[fact][1] += 1
                if fact_ok(fact, g, p):
                    counts[fact][0] += 1
                else:
                    errors.append(f"{name}\t{fact}\texpected {g}\tgot {p}")
            elif p:
                counts[fact][2] += 1
                errors.append(f"{name}\t{fact}\texpected None\tgot {p}")
    return counts, errors


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", type=Path)
    ap.add_argument("--pred", action="append", required=True, help="LABEL=DIR, repeatable")
    ap.add_argument("--errors", help="list the errors of this label")
    ns = ap.parse_args(argv)
    runs = [tuple(p.split("=", 1)) for p in ns.pred]
    results = {label: compare(ns.gold, Path(d)) for label, d in runs}
    print(f"{'fact':<12}" + "".join(f"{label:>22}" for label, _ in runs))
    for fact in FACTS:
        cells = []
        for label, _ in runs:
            ok, n, spurious = results[label][0][fact]
            cells.append(f"{ok / n if n else 0:.3f} ({ok}/{n}) +{spurious}")
        print(f"{fact:<12}" + "".join(f"{c:>22}" for c in cells))
    print("(right/scored where the gold gives the fact; +N: a value where the gold has none)")
    if ns.errors:
        for line in results[ns.errors][1]:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
