"""Score the extractor on the real development set from re-fetched texts (no third-party text in the repo).

The manifest ``corpus/real/manifest.jsonl`` holds, per public document, its url, the search query that
found it, state, department, kind, split (``dev`` or ``heldout``), the meeting facts and, per gold action
item, the SHA-256 of its folded sentence plus the gold slots. The texts themselves are not in the repo:
fetch them into a folder, one ``ID.txt`` per manifest id, and this command rebuilds the gold files in the
scorer's format, runs the extractor and prints the scorer's figures for ``dev`` and ``heldout`` apart,
beside a cue-word baseline (every sentence with निर्देश / जाए / करें / कहा is a directive).

Usage:
    python scripts/real_devset.py --texts DIR [--scorer PATH] [--gold-out DIR] [--split dev|heldout]
    python scripts/real_devset.py --fetch-cache DIR     which texts are missing in DIR, and how to get them
    python scripts/real_devset.py build --ann DIR --texts DIR [--out PATH] [--gold-out DIR]

Sentence hash recipe: ``sha256(" ".join(nlp.normalize.fold(sentence).split()).encode("utf-8"))``, i.e. the
sentence text folded (NFC, nukta and ZWJ/ZWNJ dropped, chandrabindu to anusvara, nasal clusters to
anusvara, Devanagari digits to ASCII, lower case), then whitespace collapsed to single spaces and
stripped. A gold item is aligned to the candidate sentence of the re-fetched text with the same hash;
candidates are the sentences of ``nlp.sentences.split_sentences`` and, as a fallback, the pieces between
``।``, ``॥``, ``?``, ``!``, a full stop followed by a space, and line breaks, the splitter's sentences without a leading list
marker (``1.``, ``•``, ``-``), and the cells of table rows
(lines with two or more ``|``: an action table's directive cell is its item's sentence). Items whose sentence is not
found (the page changed) are reported as unaligned and left out of that document's gold.

The split is fixed up front from the url: ``heldout`` when ``int(sha256(url)[:8], 16) % 3 == 0``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from nlp.normalize import fold  # noqa: E402
from nlp.sentences import split_sentences  # noqa: E402

MANIFEST = ROOT / "corpus" / "real" / "manifest.jsonl"
SPLITS = ("dev", "heldout")
KINDS = ("minutes", "press note", "news")
CUE_WORDS = ("निर्देश", "जाए", "करें", "कहा")
CELL_KEY = "CELL:"  # a working annotation's key that names a table cell rather than a sentence
FIELDS = (
    "deadline_date_acc",
    "deadline_text_acc",
    "recurrence_acc",
    "responsible_f1",
    "issuer_acc",
    "target_recall",
    "meeting_date_acc",
    "meeting_chair_acc",
)
_LIST_MARKER = re.compile(r"^\s*(?:\(?[0-9०-९]{1,3}[.)]|[•\-–*])\s*")
_FALLBACK_SPLIT = re.compile(r"[।॥?!\n]+|\.(?=\s)")

Json = dict[str, Any]


def sentence_key(sentence: str) -> str:
    """The folded, whitespace-collapsed form of a sentence that is hashed."""
    return " ".join(fold(sentence).split())


def sentence_hash(sentence: str) -> str:
    return hashlib.sha256(sentence_key(sentence).encode("utf-8")).hexdigest()


def split_of(url: str) -> str:
    """``heldout`` for about a third of the urls, fixed by the url alone."""
    return "heldout" if int(hashlib.sha256(url.encode("utf-8")).hexdigest()[:8], 16) % 3 == 0 else "dev"


def candidates(text: str) -> list[str]:
    """Sentences a gold item may align to: the project's splitter first, then a plain punctuation split."""
    split = [s.text for s in split_sentences(text)]
    out = list(split)
    out += [_LIST_MARKER.sub("", s) for s in out]  # "1. निर्णय लिया गया …" is annotated without its number
    # A splitter that now ends a sentence where an older one joined lines (stacked headlines, a stamp line)
    # must not unalign the gold annotated on the older joins: runs of two and three sentences count too.
    out += [" ".join(split[i : i + n]) for n in (2, 3) for i in range(len(split) - n + 1)]
    out += [p.strip() for p in _FALLBACK_SPLIT.split(text) if p.strip()]
    out += _table_cells(text)
    return [c for c in out if c]


def load_manifest(path: Path = MANIFEST) -> list[Json]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@dataclass
class Rebuilt:
    gold: Json
    unaligned: list[str] = field(default_factory=list)  # sentence hashes not found in the text


def rebuild_gold(entry: Json, text: str) -> Rebuilt:
    """The gold file of one manifest entry, with each item's sentence taken from ``text`` by its hash."""
    by_hash: dict[str, str] = {}
    for cand in candidates(text):
        by_hash.setdefault(sentence_hash(cand), cand)
    items: list[Json] = []
    unaligned: list[str] = []
    for item in entry["items"]:
        sentence = by_hash.get(item["sentence_sha256"])
        if sentence is None:
            unaligned.append(item["sentence_sha256"])
            continue
        slots = {k: v for k, v in item.items() if k != "sentence_sha256"}
        items.append({"sentence": sentence, **slots})
    gold = {"doc": f"{entry['id']}.txt", "meeting": entry["meeting"], "items": items}
    return Rebuilt(gold, unaligned)


def cue_baseline(text: str) -> Json:
    """Every sentence holding a cue word is a directive, with no slots: the floor to beat."""
    items = [{"text": s.text} for s in split_sentences(text) if any(c in s.text for c in CUE_WORDS)]
    return {"meeting": {}, "action_items": items}


def extractor_output(path: Path) -> Json:
    from extractors.pipeline import process_path

    return process_path(path).to_json()


def default_scorer() -> Path:
    shared = os.environ.get("NIRDESH_SHARED")
    base = Path(shared) if shared else ROOT.parent / "shared"
    return base / "eval" / "score.py"


def run_scorer(scorer: Path, gold_dir: Path, pred_dir: Path) -> Json:
    done = subprocess.run(
        [sys.executable, str(scorer), str(gold_dir), str(pred_dir), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: Json = json.loads(done.stdout)
    return result


def _write_json(path: Path, data: Json) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def _figures(res: Json) -> dict[str, Any]:
    d = res.get("directive") or {}
    rows: dict[str, Any] = {
        "directive_precision": d.get("precision"),
        "directive_recall": d.get("recall"),
        "directive_f1": d.get("f1"),
    }
    rows.update({k: res.get(k) for k in FIELDS})
    return rows


def score_split(
    entries: list[Json], texts: Path, scorer: Path, gold_out: Path | None = None
) -> tuple[Json, Json, int, int]:
    """(extractor result, baseline result, gold items aligned, unaligned) for one split."""
    work = Path(tempfile.mkdtemp(prefix="nirdesh-realset-"))
    try:
        gold_dir, pred_dir, base_dir = work / "gold", work / "pred", work / "base"
        for d in (gold_dir, pred_dir, base_dir):
            d.mkdir()
        aligned = unaligned = 0
        for entry in entries:
            path = texts / f"{entry['id']}.txt"
            text = path.read_text(encoding="utf-8")
            rebuilt = rebuild_gold(entry, text)
            aligned += len(rebuilt.gold["items"])
            unaligned += len(rebuilt.unaligned)
            _write_json(gold_dir / f"{entry['id']}.gold.json", rebuilt.gold)
            _write_json(pred_dir / f"{entry['id']}.json", extractor_output(path))
            _write_json(base_dir / f"{entry['id']}.json", cue_baseline(text))
        if gold_out is not None:
            gold_out.mkdir(parents=True, exist_ok=True)
            for f in gold_dir.iterdir():
                shutil.copy(f, gold_out / f.name)
            for f in pred_dir.iterdir():
                shutil.copy(f, gold_out / f.name)
        return run_scorer(scorer, gold_dir, pred_dir), run_scorer(scorer, gold_dir, base_dir), aligned, unaligned
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _fmt(x: Any) -> str:
    return "-" if x is None else f"{x:.3f}" if isinstance(x, float) else str(x)


def print_table(split: str, n_docs: int, ext: Json, base: Json, aligned: int, unaligned: int) -> None:
    print(f"## {split}: {n_docs} documents, {aligned} gold items aligned, {unaligned} unaligned")
    print(f"{'field':<22} {'extractor':>10} {'cue-baseline':>13}")
    fe, fb = _figures(ext), _figures(base)
    for k in fe:
        print(f"{k:<22} {_fmt(fe[k]):>10} {_fmt(fb[k]):>13}")
    d = ext.get("directive") or {}
    print(f"{'predicted / gold':<22} {_fmt(d.get('predicted')):>10} {_fmt(d.get('gold')):>13}")
    print()


def missing_texts(entries: Iterable[Json], texts: Path) -> list[Json]:
    return [e for e in entries if not (texts / f"{e['id']}.txt").exists()]


def fetch_note(entries: list[Json], texts: Path) -> int:
    """List what is missing in ``texts`` and how to get it; 0 when every text is there."""
    missing = missing_texts(entries, texts)
    print(f"{len(entries) - len(missing)} of {len(entries)} texts present in {texts}")
    if missing:
        print(
            "Get each missing text as plain UTF-8 into DIR/ID.txt: fetch the url and save the article's "
            "text, where the site's terms allow a local copy (a search service's stored copies that may not "
            "be copied verbatim are not a source). Items whose sentence differs are reported as unaligned, "
            "not scored."
        )
        for e in missing:
            print(f"{e['id']}\t{e['url']}\tquery: {e['query']}")
    return 0 if not missing else 1


# ---- building the manifest from working annotations (kept outside the repo) ----


def _table_cells(text: str) -> list[str]:
    """The cells of the lines with two or more ``|`` (an action table, or a page using ``|`` as its danda)."""
    return [cell.strip() for line in text.splitlines() if line.count("|") >= 2 for cell in line.split("|")]


def _find_sentence(text: str, key: str, piece: bool = False) -> str:
    """The one sentence of ``text`` holding ``key`` (folded): the splitter's, else the fallback split's.

    ``piece`` takes the fallback split's piece directly: for a line break that ends a paragraph (as the
    guidelines delimit a sentence) where the splitter joins the lines. A key written ``CELL:words`` takes the
    one table cell holding the words (a page that uses ``|`` as its danda is read cell by cell, as
    ``candidates`` does).
    """
    if key.startswith(CELL_KEY):
        k = sentence_key(key[len(CELL_KEY) :])
        cells = {c for c in _table_cells(text) if c and k in sentence_key(c)}
        if len(cells) != 1:
            raise ValueError(f"key {key!r} found in {len(cells)} cells")
        return cells.pop()
    k = sentence_key(key)
    splitter = [] if piece else [s.text for s in split_sentences(text) if k in sentence_key(s.text)]
    if not splitter:
        splitter = [p.strip() for p in _FALLBACK_SPLIT.split(text) if k in sentence_key(p)]
    if len(set(splitter)) != 1:
        raise ValueError(f"key {key!r} found in {len(set(splitter))} sentences")
    return splitter[0]


def build_entry(ann: Json, text: str) -> tuple[Json, Json]:
    """(manifest entry, full gold with sentences) from a working annotation whose items carry a ``key``."""
    items, gold_items = [], []
    seen: set[str] = set()
    for it in ann["items"]:
        sentence = _find_sentence(text, it["key"], bool(it.get("piece")))
        slots = {k: it[k] for k in ("issued_by", "responsible", "deadline", "recurrence", "targets")}
        digest = sentence_hash(sentence)
        if digest in seen:
            raise ValueError(f"{ann['id']}: two items share the sentence of key {it['key']!r}")
        seen.add(digest)
        items.append({"sentence_sha256": digest, **slots})
        gold_items.append({"sentence": sentence, **slots})
    entry = {
        "id": ann["id"],
        "url": ann["url"],
        "query": ann["query"],
        "state": ann["state"],
        "department": ann["department"],
        "kind": ann["kind"],
        "split": split_of(ann["url"]),
        "meeting": ann["meeting"],
        "items": items,
    }
    return entry, {"doc": f"{ann['id']}.txt", "meeting": ann["meeting"], "items": gold_items}


def build(ann_dir: Path, texts: Path, out: Path, gold_out: Path | None) -> int:
    lines = []
    for path in sorted(ann_dir.glob("*.json")):
        ann = json.loads(path.read_text(encoding="utf-8"))
        entry, gold = build_entry(ann, (texts / f"{ann['id']}.txt").read_text(encoding="utf-8"))
        lines.append(json.dumps(entry, ensure_ascii=False))
        if gold_out is not None:
            gold_out.mkdir(parents=True, exist_ok=True)
            _write_json(gold_out / f"{ann['id']}.gold.json", gold)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} documents written to {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["build"]:
        p = argparse.ArgumentParser(prog="real_devset.py build")
        p.add_argument("--ann", type=Path, required=True)
        p.add_argument("--texts", type=Path, required=True)
        p.add_argument("--out", type=Path, default=MANIFEST)
        p.add_argument("--gold-out", type=Path)
        a = p.parse_args(argv[1:])
        return build(a.ann, a.texts, a.out, a.gold_out)
    p = argparse.ArgumentParser(prog="real_devset.py", description=__doc__.split("\n\n")[0])
    p.add_argument("--texts", type=Path, help="folder of re-fetched texts, ID.txt per manifest entry")
    p.add_argument("--fetch-cache", type=Path, metavar="DIR", help="list missing texts in DIR and how to get them")
    p.add_argument("--manifest", type=Path, default=MANIFEST)
    p.add_argument("--scorer", type=Path, default=None, help="score.py (default $NIRDESH_SHARED or ../shared)")
    p.add_argument("--split", choices=SPLITS, action="append", help="only this split (repeatable)")
    p.add_argument("--gold-out", type=Path, help="also keep the rebuilt gold and predictions here")
    p.add_argument("--allow-missing", action="store_true", help="score only the documents whose text is in --texts")
    a = p.parse_args(argv)
    entries = load_manifest(a.manifest)
    if a.fetch_cache is not None:
        return fetch_note(entries, a.fetch_cache)
    if a.texts is None:
        p.error("--texts DIR (or --fetch-cache DIR) is required")
    missing = missing_texts(entries, a.texts)
    if missing and a.allow_missing:
        gone = {e["id"] for e in missing}
        print(f"{len(missing)} texts missing in {a.texts}: scoring the other {len(entries) - len(gone)} documents")
        entries = [e for e in entries if e["id"] not in gone]
    elif missing:
        print(f"{len(missing)} texts missing in {a.texts}; run with --fetch-cache {a.texts}", file=sys.stderr)
        return 2
    scorer = a.scorer or default_scorer()
    if not scorer.exists():
        print(f"scorer not found at {scorer}; pass --scorer or set NIRDESH_SHARED", file=sys.stderr)
        return 2
    for split in a.split or SPLITS:
        part = [e for e in entries if e["split"] == split]
        out = a.gold_out / split if a.gold_out else None
        ext, base, aligned, unaligned = score_split(part, a.texts, scorer, out)
        print_table(split, len(part), ext, base, aligned, unaligned)
    return 0


if __name__ == "__main__":
    sys.exit(main())
