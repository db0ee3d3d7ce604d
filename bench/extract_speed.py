"""Extraction speed: sentences/s and documents/s of extractors.extract_document, model loading timed apart.

Model loading (importing the extractors and ``models.gazetteer.load_gazetteer``)
is timed in a fresh Python process, since it is cached for the life of a process. Extraction is timed
warm on generated documents of ``pages`` pages: 1 document against 10 (does the time grow linearly with the
number of documents?), and one document 10 times as long (does it grow linearly within a document?).

Usage: python bench/extract_speed.py [--pages 3] [--docs 1,10] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from functools import partial

from bench.common import ROOT, growth, load, median_time
from bench.generate import SyntheticDocument, make_document

_LOAD_SCRIPT = """
import time
t0 = time.perf_counter()
from extractors import extract_document
from models.gazetteer import load_gazetteer
t1 = time.perf_counter()
load_gazetteer()
t2 = time.perf_counter()
print(t1 - t0, t2 - t1)
"""


def model_load_s(repeat: int) -> dict[str, float]:
    """Import time and model-load time, each the median over fresh processes."""
    imports, loads = [], []
    for _ in range(max(1, repeat)):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_SCRIPT],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        )
        a, b = (float(x) for x in out.stdout.split())
        imports.append(a)
        loads.append(b)
    imports.sort()
    loads.sort()
    return {
        "import_s": round(imports[len(imports) // 2], 3),
        "load_gazetteer_and_tokenizer_s": round(loads[len(loads) // 2], 3),
    }


def _ingested(doc: SyntheticDocument):  # noqa: ANN202 - ingest.IngestedDocument
    from ingest import IngestedDocument, Page

    pages = [Page(number=i, text=text, route="text") for i, text in enumerate(doc.pages, 1)]
    return IngestedDocument(source=f"{doc.name}.pdf", kind="pdf", pages=pages)


def _sentences(docs) -> int:  # noqa: ANN001
    from nlp.sentences import split_sentences

    return sum(len(split_sentences(p.text)) for d in docs for p in d.pages)


def run(pages: int = 3, docs: tuple[int, ...] = (1, 10), repeat: int = 3, seed: int = 31) -> dict:
    from extractors import extract_document
    from models.gazetteer import load_gazetteer

    out: dict = {"model_load": model_load_s(repeat)}
    load_gazetteer()
    rng = random.Random(seed)
    corpus = [_ingested(make_document(rng, pages, f"x{i}")) for i in range(max(docs))]
    long_doc = _ingested(make_document(rng, pages * 10, "long"))
    extract_document(corpus[0])  # warm-up
    items = 0

    def extract_all(batch) -> None:  # noqa: ANN001
        nonlocal items
        items = sum(len(extract_document(d).action_items) for d in batch)

    out["documents"] = {}
    for n in docs:
        batch = corpus[:n]
        seconds = median_time(partial(extract_all, batch), repeat)
        sentences = _sentences(batch)
        out["documents"][str(n)] = {
            "documents": n,
            "pages_each": pages,
            "sentences": sentences,
            "items": items,
            "seconds": round(seconds, 4),
            "documents_per_s": round(n / seconds, 2),
            "sentences_per_s": round(sentences / seconds, 1),
        }
    small, large = out["documents"][str(docs[0])], out["documents"][str(docs[-1])]
    out["growth_documents"] = growth(small["seconds"], large["seconds"], docs[-1] / docs[0])
    seconds = median_time(lambda: extract_all([long_doc]), repeat)
    sentences = _sentences([long_doc])
    out["long_document"] = {
        "pages": pages * 10,
        "sentences": sentences,
        "items": items,
        "seconds": round(seconds, 4),
        "sentences_per_s": round(sentences / seconds, 1),
    }
    out["growth_document_length"] = growth(
        out["documents"]["1"]["seconds"] if "1" in out["documents"] else small["seconds"] / docs[0], seconds, 10
    )
    out["load"] = load()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--docs", default="1,10")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    docs = tuple(int(x) for x in args.docs.split(","))
    print(json.dumps(run(args.pages, docs, args.repeat), indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
