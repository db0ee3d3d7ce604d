"""How many gold sentences of the real set the splitter cuts exactly as annotated, this tree beside a baseline.

A gold item of ``corpus/real/manifest.jsonl`` names its sentence by a hash (scripts/real_devset.py); the
splitter (``nlp.sentences.split_sentences``) cuts it as the annotator did when one of its sentences (with or
without a leading list marker) has that hash. The others were aligned by the scorer's fallback (a plain cut at
marks and line breaks) or not at all: the splitter joined them to a neighbour or cut them apart. Prints
counts only, never sentences (so it may run on the held-aside split).

Usage: python bench/sentence_alignment.py --texts DIR [--baseline CHECKOUT] [--split dev] [--manifest PATH]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))  # as scripts/train_second_opinion.py imports it

from real_devset import (  # noqa: E402
    _LIST_MARKER,
    MANIFEST,
    candidates,
    load_manifest,
    sentence_hash,
    split_of,
)

_MARKS = "।॥.|!? "
# Run in a checkout (its own nlp.sentences first on sys.path): one JSON line of sentences per text path.
_SPLIT_IN_CHECKOUT = """
import json, sys
sys.path.insert(0, ".")
from nlp.normalize import clean_text
from nlp.sentences import split_sentences
for path in sys.stdin.read().split("\\n"):
    if path:
        text = clean_text(open(path, encoding="utf-8").read())
        print(json.dumps([s.text for s in split_sentences(text)], ensure_ascii=False))
"""


def split_with(checkout: Path, paths: list[Path]) -> list[list[str]]:
    """The sentences of each text as the splitter of ``checkout`` cuts them."""
    done = subprocess.run(
        [sys.executable, "-c", _SPLIT_IN_CHECKOUT],
        input="\n".join(str(p) for p in paths),
        capture_output=True,
        text=True,
        cwd=checkout,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines()]


def count(entries: list[dict], texts: list[str], splits: list[list[str]]) -> dict[str, int]:
    """Gold items cut as annotated, cut otherwise (found only by the fallback), and not found at all."""
    out = {"items": 0, "as_gold": 0, "split_otherwise": 0, "unaligned": 0}
    for entry, text, sentences in zip(entries, texts, splits, strict=True):
        # with or without a list marker before it and its sentence mark after it (the gold may leave out either)
        forms = {f for s in sentences for f in (s, _LIST_MARKER.sub("", s))}
        own = {sentence_hash(f) for s in forms for f in (s, s.rstrip(_MARKS))}
        anywhere = {sentence_hash(c) for c in candidates(text)} | own
        for item in entry["items"]:
            out["items"] += 1
            h = item["sentence_sha256"]
            key = "as_gold" if h in own else "split_otherwise" if h in anywhere else "unaligned"
            out[key] += 1
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--texts", type=Path, required=True, help="one ID.txt per manifest id")
    p.add_argument("--manifest", type=Path, default=MANIFEST)
    p.add_argument("--split", default="dev", choices=("dev", "heldout"))
    p.add_argument("--baseline", type=Path, help="a checkout whose splitter to compare with")
    a = p.parse_args(argv)

    entries = [
        e for e in load_manifest(a.manifest) if split_of(e["url"]) == a.split and (a.texts / f"{e['id']}.txt").exists()
    ]
    paths = [a.texts / f"{e['id']}.txt" for e in entries]
    texts = [p.read_text(encoding="utf-8") for p in paths]  # the fallback cuts the text as stored
    rows = [("this tree", count(entries, texts, split_with(ROOT, paths)))]
    if a.baseline is not None:
        rows.insert(0, ("baseline", count(entries, texts, split_with(a.baseline, paths))))
    print(f"## {a.split}: {len(entries)} documents")
    print(f"{'splitter':<10} {'items':>6} {'as gold':>8} {'otherwise':>10} {'unaligned':>10}")
    for name, c in rows:
        print(f"{name:<10} {c['items']:>6} {c['as_gold']:>8} {c['split_otherwise']:>10} {c['unaligned']:>10}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
