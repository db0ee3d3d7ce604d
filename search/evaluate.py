"""Search evaluation: recall@10, MRR and nDCG@10 of keyword, semantic and fused rankings.

The index is built from the corpus gold (``corpus/*.gold.json``: one document per file, its gold
items as action items) in a temporary SQLite database, through the same store code the service
uses; the queries and their relevance judgments are in ``corpus/search_queries.json``.
"""

from __future__ import annotations

import json
import math
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from core.contract import Deadline, ExtractedItem, Extraction, Meeting, Person
from core.states import DeadlineKind, Recurrence
from models.embedder import Embedder, make_embedder
from search.fusion import rrf, weighted
from search.service import SearchService, _relevant_semantic
from store.db import Database
from store.repository import ItemFilter, create_document, save_extraction

K = 10
TODAY = date(2026, 6, 1)


def _extraction(gold: dict[str, Any]) -> Extraction:
    """A gold file's items as a stored extraction (its ``items`` carry sentences, not the contract)."""
    items = []
    for n, it in enumerate(gold["items"], start=1):
        dl = it.get("deadline") or None
        deadline = None
        if dl:
            kind = DeadlineKind.BY if dl.get("date") else DeadlineKind.UNRESOLVED  # gold deadlines have no kind
            deadline = Deadline(dl.get("text") or "", dl.get("date"), kind)
        recurrence = it.get("recurrence")
        items.append(
            ExtractedItem(
                id=f"ai-{n:03d}",
                text=it["sentence"],
                action=it["sentence"],
                issued_by=Person.from_json(it["issued_by"]) if it.get("issued_by") else None,
                responsible=tuple(Person(None, r) for r in it.get("responsible") or []),
                deadline=deadline,
                recurrence=Recurrence(recurrence) if recurrence else None,
                confidence=1.0,
            )
        )
    return Extraction(
        source=gold.get("doc") or "",
        extractor_version=None,
        meeting=Meeting.from_json(gold.get("meeting") or {}),
        action_items=tuple(items),
    )


def load_corpus(db: Database, corpus: Path) -> dict[str, int]:
    """Store every gold document; returns 'NNN#k' → item id."""
    keys: dict[str, int] = {}
    with db.session() as s:
        for path in sorted(corpus.glob("*.gold.json")):
            gold = json.loads(path.read_text(encoding="utf-8"))
            doc = create_document(
                s,
                sha256=path.name.ljust(64, "0")[:64],
                filename=gold["doc"],
                content_type="text/plain",
                kind="txt",
                size=0,
                stored_path=path.name,
            )
            for n, item in enumerate(save_extraction(s, doc, _extraction(gold)), start=1):
                keys[f"{path.name[:3]}#{n}"] = item.id
    return keys


def metrics(ranked: Sequence[int], relevant: set[int]) -> tuple[float, float, float]:
    top = list(ranked[:K])
    recall = len(relevant.intersection(top)) / len(relevant)
    rr = next((1.0 / r for r, i in enumerate(ranked, start=1) if i in relevant), 0.0)
    dcg = sum(1.0 / math.log2(r + 1) for r, i in enumerate(top, start=1) if i in relevant)
    ideal = sum(1.0 / math.log2(r + 1) for r in range(1, min(len(relevant), K) + 1))
    return recall, rr, dcg / ideal


def _ids(ranking: Sequence[tuple[int, float]]) -> list[int]:
    return [i for i, _ in ranking]


RUNS: dict[str, Callable[[list, list], list]] = {
    "keyword": lambda kw, sem: kw,
    "semantic": lambda kw, sem: sem,
    "hybrid rrf": lambda kw, sem: rrf([kw, sem]),
    "hybrid rrf+margin": lambda kw, sem: rrf([kw, _relevant_semantic(sem, kw)]),
    "hybrid weighted .5": lambda kw, sem: weighted([kw, sem], [0.5, 0.5]),
}


def evaluate(corpus: Path, queries_path: Path, embedder: Embedder, *, by_kind: bool = False) -> dict[str, Any]:
    queries = json.loads(queries_path.read_text(encoding="utf-8"))["queries"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'eval.db'}")
        keys = load_corpus(db, corpus)
        service = SearchService(db, embedder_factory=lambda: embedder)
        t0 = time.perf_counter()
        service.embed_pending()
        embed_s = time.perf_counter() - t0
        scores: dict[str, dict[str, list[tuple[float, float, float]]]] = {}
        with db.session() as s:
            for qd in queries:
                relevant = {keys[k] for k in qd["relevant"]}
                kw = service.keyword_ranking(s, qd["q"], ItemFilter(), TODAY, k=100)
                sem = service.semantic_ranking(s, qd["q"], ItemFilter(), TODAY, k=100)
                for run, fuse in RUNS.items():
                    for group in ("all", qd["kind"]) if by_kind else ("all",):
                        scores.setdefault(group, {}).setdefault(run, []).append(metrics(_ids(fuse(kw, sem)), relevant))
        db.dispose()
    table = {
        group: {run: [sum(m[i] for m in ms) / len(ms) for i in range(3)] for run, ms in runs.items()}
        for group, runs in scores.items()
    }
    return {
        "model": embedder.name,
        "queries": len(queries),
        "items": len(keys),
        "embed_seconds": embed_s,
        "table": table,
    }


def run_search_eval(corpus: Path, queries: Path, specs: Sequence[str], by_kind: bool = False) -> int:
    for spec in specs:
        embedder = make_embedder(spec)
        if embedder is None:
            continue
        res = evaluate(corpus, queries, embedder, by_kind=by_kind)
        print(
            f"\n{res['model']}: {res['queries']} queries over {res['items']} items "
            f"(embedded in {res['embed_seconds']:.1f}s)"
        )
        for group, runs in res["table"].items():
            print(f"  [{group}]")
            print(f"  {'run':<20} {'recall@10':>9} {'MRR':>6} {'nDCG@10':>8}")
            for run, (r, m, n) in runs.items():
                print(f"  {run:<20} {r:>9.3f} {m:>6.3f} {n:>8.3f}")
    return 0
