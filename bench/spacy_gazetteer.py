"""spaCy or plain regex for the designation gazetteer? Speed and agreement on the corpus, in one run.

Issue 13 item 6: spaCy was a dependency used only in a test. This measures what wiring it in would
give: its blank Hindi tokenizer plus a PhraseMatcher over the gazetteer's forms, against the regex
gazetteer the extractor uses (``models.gazetteer.Gazetteer.find``), on every sentence of corpus/ (and
the shared dev set when present). Agreement is on mention spans (start, end); load time is measured
in fresh processes.

Result (2 cores, 508 sentences): same mentions; spaCy loads in ~6 s against ~0.2 s and matches in
26 ms against 64 ms. The load cost lands in every worker process and the matches are identical, so
the pipeline keeps the regex gazetteer and spaCy is no dependency (optional extra ``compare-spacy``).

Usage: python bench/spacy_gazetteer.py [--repeat 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from typing import Any

from bench.common import ROOT

_LOAD = {
    "regex": "import time; t=time.perf_counter(); from models.gazetteer import load_gazetteer; load_gazetteer(); "
    "print(time.perf_counter()-t)",
    "spacy": "import time; t=time.perf_counter(); import spacy; from spacy.matcher import PhraseMatcher; "
    "from models.gazetteer import load_gazetteer; g=load_gazetteer(); nlp=spacy.blank('hi'); "
    "m=PhraseMatcher(nlp.vocab); m.add('D', list(nlp.tokenizer.pipe(g.surface_to_canonical))); "
    "print(time.perf_counter()-t)",
}


def _load_time(kind: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", _LOAD[kind]], cwd=ROOT, capture_output=True, text=True, check=True)
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return sorted(times)[len(times) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ns = ap.parse_args()
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: pip install '.[compare-spacy]' to run this comparison")
        return 2
    from spacy.matcher import PhraseMatcher

    from models.gazetteer import load_gazetteer
    from nlp.sentences import split_sentences

    files = sorted((ROOT / "corpus").glob("*.txt")) + sorted((ROOT.parent / "shared" / "eval" / "dev").glob("*.txt"))
    sentences = [s.text for f in files for s in split_sentences(f.read_text(encoding="utf-8"))]
    gazetteer = load_gazetteer()
    nlp: Any = spacy.blank("hi")
    matcher = PhraseMatcher(nlp.vocab)
    matcher.add("D", list(nlp.tokenizer.pipe(gazetteer.surface_to_canonical)))

    def by_regex() -> list[set[tuple[int, int]]]:
        return [{(m.start, m.end) for m in gazetteer.find(s)} for s in sentences]

    def by_spacy() -> list[set[tuple[int, int]]]:
        out = []
        for doc in nlp.tokenizer.pipe(sentences):
            spans = {(doc[a:b].start_char, doc[a:b].end_char) for _, a, b in matcher(doc)}
            # keep the longest of overlapping matches, as the regex does
            kept = {s for s in spans if not any(o != s and o[0] <= s[0] and s[1] <= o[1] for o in spans)}
            out.append(kept)
        return out

    results = {}
    for name, fn in (("regex", by_regex), ("spacy", by_spacy)):
        best = float("inf")
        for _ in range(ns.repeat):
            t0 = time.perf_counter()
            found = fn()
            best = min(best, time.perf_counter() - t0)
        results[name] = (best, found)
    regex_found, spacy_found = results["regex"][1], results["spacy"][1]
    both = sum(len(a & b) for a, b in zip(regex_found, spacy_found, strict=True))
    only_regex = sum(len(a - b) for a, b in zip(regex_found, spacy_found, strict=True))
    only_spacy = sum(len(b - a) for a, b in zip(regex_found, spacy_found, strict=True))
    print(f"{len(sentences)} sentences from {len(files)} documents")
    print(f"{'':<28} {'regex (used)':>12} {'spaCy':>10}")
    print(
        f"{'load (s, fresh process)':<28} {_load_time('regex', ns.repeat):>12.3f} {_load_time('spacy', ns.repeat):>10.3f}"
    )
    print(f"{'match all sentences (ms)':<28} {results['regex'][0] * 1000:>12.1f} {results['spacy'][0] * 1000:>10.1f}")
    print(f"mentions: both {both}, only regex {only_regex}, only spaCy {only_spacy}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
