"""Hybrid search over action items: keyword (FTS) and semantic (embeddings), fused by RRF; and
keyword search over the documents' page text, returned as a separate list.

``SearchService`` is one per process (the API keeps it in its ServiceContext, the CLI makes one). It
loads the embedder lazily, keeps the stored vectors in an HNSW index (``search.vector_store``: saved
beside an SQLite database and loaded at start, new and deleted vectors followed incrementally; nothing
is re-embedded) and, in a background thread, embeds the items that have no vector yet, a small batch
per transaction so uploads are never held up. While vectors are missing, search still answers from
the keyword index and says so (``SemanticStatus``). Query embeddings are cached (``QueryCache``).
"""

from __future__ import annotations

import logging
import math
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import numpy as np
import sqlalchemy as sa

from core.limits import EMBED_CHARS
from core.settings import get_settings
from models.embedder import Embedder, EmbedderError, make_embedder
from nlp.query import STOPWORDS, QueryTerms, highlight_spans, parse_query, tokens
from search import item_queries as store
from search import page_queries as pages_store
from search.filter_ids import changed_since, snapshot, trim_changes
from search.filter_ids import remembered as remembered_ids
from search.fusion import rrf
from search.lexicon import search_lexicon
from search.query_cache import QueryCache
from search.snippet import Snippet, snippet
from search.timing import Usage, count, step
from search.vector_store import VectorStore
from search.vectors import AnnIndex, VectorSearch
from store.db import Database
from store.fts import sync_index
from store.models import ActionItem, Page
from store.repository import ItemFilter

log = logging.getLogger(__name__)

Mode = Literal["hybrid", "keyword", "semantic"]
MODES: tuple[str, ...] = ("hybrid", "keyword", "semantic")
Scope = Literal["items", "documents", "all"]
SCOPES: tuple[str, ...] = ("items", "documents", "all")
CONTEXT_PAGES = 20  # best matching pages whose items may fill up a short item list
CANDIDATES = 100  # per ranking, before fusion
SEMANTIC_POOL = 500  # nearest vectors checked against the filters before falling back to a mask
SEMANTIC_POOL_MAX = 5_000  # the widest pool checked by one query (a broad filter of a large index)
POOL_MARGIN = 1.5  # a wider pool is sized for k passing items at the share that passed, with this margin
EMBED_BATCH = 32
#: Seconds a search waits for its query embedding (the embedder may be busy with a batch of passages)
#: before it answers from the keyword index alone (NIRDESH_EMBED_BUDGET).
EMBED_BUDGET_S = float(os.environ.get("NIRDESH_EMBED_BUDGET", "2"))


@dataclass
class SemanticStatus:
    status: str  # ready | partial | unavailable | disabled
    model: str | None = None
    embedded: int = 0
    total: int = 0
    message: str | None = None


@dataclass
class Hit:
    item_id: int
    score: float
    keyword_rank: int | None = None
    semantic_rank: int | None = None
    similarity: float | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    context_page: int | None = None  # set when only the item's page, not the item, has the query words


@dataclass
class PageHit:
    page_id: int
    score: float
    snippet: Snippet


@dataclass
class SearchResult:
    query: str
    mode: str
    hits: list[Hit]
    semantic: SemanticStatus
    items: dict[int, ActionItem] = field(default_factory=dict)  # loaded in the caller's session
    documents: list[PageHit] = field(default_factory=list)
    pages: dict[int, Page] = field(default_factory=dict)  # loaded in the caller's session, with .document
    item_counts: dict[int, int] = field(default_factory=dict)  # action items per document of ``pages``


class SearchService:
    def __init__(
        self,
        db: Database,
        embedder_spec: str | None = None,
        *,
        embedder_factory: Callable[[], Embedder | None] | None = None,
        poll_seconds: float = 5.0,
        query_cache: int | None = None,
    ) -> None:
        self.db = db
        self._factory = embedder_factory or (lambda: make_embedder(embedder_spec))
        self._embedder: Embedder | None = None
        self._embedder_error: str | None = None
        self._loaded = False
        self._load_lock = threading.Lock()
        self._embed_lock = threading.Lock()
        self._vectors: VectorStore | None = None
        self._empty = AnnIndex()
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.lexicon = search_lexicon()
        # (have, total, when, PostgreSQL snapshot): two COUNTs cost ~35 ms at 100,000 rows, 0.8-1.2 s at a
        # million (measured over HTTP: every fifth second's search paid it); see ``_coverage_counts``.
        self._coverage: tuple[int, int, float, str | None] | None = None
        # PostgreSQL: the snapshot of the last embedding pass that left nothing missing (see embed_pending)
        self._clean_at: str | None = None
        # Query embeddings run here, so a search can stop waiting for one (EMBED_BUDGET_S); one at a time.
        self._query_pool: ThreadPoolExecutor | None = None
        self._query_pending: Future[tuple[np.ndarray, float, float]] | None = None
        self._query_lock = threading.Lock()
        self.embed_budget_s = EMBED_BUDGET_S
        self.query_cache = QueryCache(get_settings().query_cache_size if query_cache is None else query_cache)

    # --- embedder and vectors --------------------------------------------------------------------

    @property
    def embedder(self) -> Embedder | None:
        if not self._loaded:
            with self._load_lock:
                if not self._loaded:
                    try:
                        self._embedder = self._factory()
                    except EmbedderError as e:
                        self._embedder_error = str(e)
                        log.warning("semantic search off: %s", e)
                    self._loaded = True
        return self._embedder

    @property
    def index(self) -> VectorSearch:
        """The vector index of the embedder's model (empty until the embedder is loaded)."""
        return self._empty if self._vectors is None else self._vectors.index

    def vector_store(self) -> VectorStore | None:
        """The embedder's vector index, opened (from its saved file when valid) on first use."""
        emb = self.embedder
        if emb is None:
            return None
        if self._vectors is None:
            with self._load_lock:
                if self._vectors is None:
                    vectors = VectorStore(self.db, emb.name, emb.dim)
                    log.info("vector index: %s; %s", vectors.describe(), pgvector_note(self.db))
                    self._vectors = vectors
        return self._vectors

    def refresh_vectors(self) -> int:
        """Follow the stored vectors (by this or another process): new, re-embedded and deleted items."""
        vectors = self.vector_store()
        if vectors is None:
            return 0
        changed = vectors.sync()
        if changed:
            self._coverage = None
        return changed

    def save_vectors(self, *, force: bool = False) -> bool:
        """Write the vector index beside the database when it changed (see ``VectorStore.save``)."""
        return self._vectors.save(force=force) if self._vectors is not None else False

    def embed_pending(self, limit: int | None = None, batch: int = EMBED_BATCH) -> int:
        """Embed items without a vector, ``batch`` per transaction; returns how many were embedded.

        On PostgreSQL a pass that found nothing more to embed keeps its snapshot, and the next call looks
        for missing vectors only when a transaction has written the items' tables since (the change log of
        migration 0016: one index probe). The anti-join over every item took 0.9 s at a million items
        with nothing missing, every poll."""
        emb = self.embedder
        if emb is None:
            return 0
        done = 0
        with self._embed_lock:
            with self.db.read() as s:
                if self._clean_at is not None and not changed_since(s, self._clean_at):
                    limit = 0  # nothing written since the last complete pass: nothing can be missing
                else:
                    self._clean_at = None
                start = snapshot(s)  # changes committed after this are seen by the next call
            after = 0
            while limit is None or done < limit:
                size = batch if limit is None else min(batch, limit - done)
                with self.db.read() as s:
                    todo = store.items_missing_embeddings(s, emb.name, size, after)
                if not todo:
                    self._clean_at = start
                    break
                vectors = emb.embed_passages([t[:EMBED_CHARS] for _, t in todo])  # outside any transaction
                with self.db.session() as s:
                    store.save_embeddings(s, emb.name, [i for i, _ in todo], vectors)
                done += len(todo)
                after = todo[-1][0]
                if self._stop.is_set():
                    break
            self.refresh_vectors()
        return done

    def status(self, session: Any = None) -> SemanticStatus:
        """Semantic coverage; in ``session`` when given (a second transaction would wait for the
        caller's own SQLite write lock)."""
        emb = self.embedder
        if emb is None:
            if self._embedder_error:
                return SemanticStatus("unavailable", message=f"keyword search only: {self._embedder_error}")
            return SemanticStatus("disabled", message="keyword search only: no embedder configured")
        if session is not None:
            have, total = self._coverage_counts(session, emb.name)
        else:
            with self.db.read() as s:
                have, total = self._coverage_counts(s, emb.name)
        have = min(have, total)
        if have >= total:
            return SemanticStatus("ready", emb.name, have, total)
        message = (
            "keyword search only: embeddings are still being computed"
            if have == 0
            else f"semantic search covers {have} of {total} items; the rest are still being embedded"
        )
        return SemanticStatus("partial", emb.name, have, total, message)

    def _coverage_counts(self, s: Any, model: str) -> tuple[int, int]:
        """(embedded, all items): counted again after COVERAGE_TTL_S, except on PostgreSQL when the change
        log shows no write to the items since the last count (one index probe instead of two COUNTs of a
        million rows). Vectors this process's worker adds reset the cache (``refresh_vectors``), and it
        follows those another process stores."""
        cached, now = self._coverage, time.monotonic()
        if cached is not None:
            have, total, when, snap = cached
            if now - when < COVERAGE_TTL_S:
                return have, total
            if snap is not None and not changed_since(s, snap):
                self._coverage = (have, total, now, snap)
                return have, total
        snap = snapshot(s)  # before the counts: a write committed after it is seen by the next call
        have, total = store.embedding_coverage(s, model)
        self._coverage = (have, total, now, snap)
        return have, total

    # --- background worker -----------------------------------------------------------------------

    def start(self) -> None:
        """Sync the keyword index, then embed missing items in a background thread."""
        with self.db.session() as s:
            sync_index(s)
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="nirdesh-embedder", daemon=True)
            self._thread.start()

    def notify(self) -> None:
        """New or changed items: wake the worker now instead of at its next poll."""
        self._coverage = None
        self._wake.set()

    def query_vector(self, q: str) -> np.ndarray | None:
        """The query's embedding, or None when it does not come within ``embed_budget_s`` (the embedder
        is busy) or the previous query's embedding is still running: the caller falls back to keywords."""
        emb = self.embedder
        if emb is None:
            return None
        cached = self.query_cache.get(emb.name, q)
        if cached is not None:
            count("embed", "cached", 1)
            return cached
        with self._query_lock:
            if self._query_pending is not None and not self._query_pending.done():
                return None
            if self._query_pool is None:
                self._query_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="nirdesh-query-embed")
            future = self._query_pool.submit(self._timed_embed, emb, q)
            self._query_pending = future
        try:
            vec, run_s, cpu_s = future.result(timeout=self.embed_budget_s)
        except FutureTimeout:
            log.warning("query embedding took over %.1f s; answering from keywords", self.embed_budget_s)
            return None
        count("embed", "run_ms", round(run_s * 1000))  # the embedding itself, in its thread (wall, CPU)
        count("embed", "cpu_ms", round(cpu_s * 1000))
        return vec

    def _timed_embed(self, emb: Embedder, q: str) -> tuple[np.ndarray, float, float]:
        """``_embed_query`` in the query thread, with its wall and CPU seconds there."""
        before, t0 = Usage.now(), time.perf_counter()
        vec = self._embed_query(emb, q)
        return vec, time.perf_counter() - t0, Usage.now().since(before).cpu_s

    def _embed_query(self, emb: Embedder, q: str) -> np.ndarray:
        """Embed ``q`` (normalised) and remember it; also fills the cache for a search that gave up waiting."""
        cached = self.query_cache.get(emb.name, q)
        if cached is not None:
            return cached
        text = self.query_cache.normalise(q)[:EMBED_CHARS]
        vec: np.ndarray = emb.embed_queries([text])[0]
        self.query_cache.put(emb.name, q, vec)
        return vec

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        with self._query_lock:
            if self._query_pool is not None:
                self._query_pool.shutdown(wait=False, cancel_futures=True)
                self._query_pool = None
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        self.save_vectors(force=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.refresh_vectors()
                self.embed_pending()
                self.save_vectors()
                with self.db.session() as s:
                    trim_changes(s)
            except Exception:  # noqa: BLE001 - the worker must survive a bad batch; it retries later
                log.exception("embedding worker")
            self._wake.wait(self.poll_seconds)
            self._wake.clear()

    # --- search ----------------------------------------------------------------------------------

    def parse(self, q: str) -> QueryTerms:
        return parse_query(q, self.lexicon)

    def keyword_ranking(self, s: Any, q: str, f: ItemFilter, today: date, k: int = CANDIDATES) -> list:
        return store.keyword_search(s, self.parse(q), f, today, limit=k)

    def semantic_ranking(
        self, s: Any, q: str | np.ndarray, f: ItemFilter, today: date, k: int = CANDIDATES
    ) -> list[tuple[int, float]]:
        emb = self.embedder
        if emb is None or len(self.index) == 0:
            return []
        qvec = self._embed_query(emb, q) if isinstance(q, str) else q
        if f == ItemFilter():
            return self.index.search(qvec, k)  # deleted items are dropped when the hits are loaded
        # The nearest items that pass the filter are the best of all that pass it. The pool is sized in
        # one step for k at the filter's share (the remembered set's, or PostgreSQL's row estimate);
        # when no pool up to SEMANTIC_POOL_MAX would hold k, the index ranks the passing items exactly.
        with step("filter"):
            known = remembered_ids(s, f, today)  # the keyword half's, in a hybrid search
            passing = len(known) if known is not None else store.estimated_rows(s, f, today)
        size = _first_pool(k, len(self.index), passing)
        if size == 0:
            return self._exact(s, qvec, f, today, k, known)
        while True:
            pool = self.index.search(qvec, size)
            with step("filter"):
                ok = store.filter_ids(s, [i for i, _ in pool], f, today)
            ranked = [(i, c) for i, c in pool if i in ok]
            if len(ranked) >= k or len(pool) >= len(self.index):
                return ranked[:k]  # enough passed, or the pool held every vector
            size = _wider_pool(size, len(ranked), k) if size < len(self.index) else 0
            if size == 0:  # few pass: rank exactly the items passing the filter
                return self._exact(s, qvec, f, today, k, known)

    def _exact(
        self, s: Any, qvec: np.ndarray, f: ItemFilter, today: date, k: int, known: frozenset[int] | None
    ) -> list[tuple[int, float]]:
        """The ``k`` passing items nearest to ``qvec``, ranked by the index over every passing item."""
        if known is not None:
            allowed = known
        else:
            with step("filter"):
                allowed = store.all_filtered_ids(s, f, today)
        return self.index.search(qvec, k, allowed=allowed)[:k]

    def search(
        self,
        s: Any,
        q: str,
        f: ItemFilter,
        today: date,
        *,
        mode: Mode = "hybrid",
        limit: int = 20,
        offset: int = 0,
        scope: Scope = "items",
    ) -> SearchResult:
        """Search in session ``s``; ``mode`` picks the item rankings (semantic falls back to keyword),
        ``scope`` whether items, document pages or both are searched (``limit`` applies to each)."""
        if mode not in MODES:
            raise ValueError(f"mode must be one of {list(MODES)}")
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {list(SCOPES)}")
        terms = self.parse(q)
        with step("status"):
            semantic = self.status(s)
        res = SearchResult(query=q, mode="keyword", hits=[], semantic=semantic)
        if scope != "items":
            self._search_pages(s, res, terms, f, today, limit, offset)
        if scope != "documents":
            self._search_items(s, res, terms, f, today, mode, limit, offset)
        return res

    def _search_pages(
        self, s: Any, res: SearchResult, terms: QueryTerms, f: ItemFilter, today: date, limit: int, offset: int
    ) -> None:
        with step("pages"):
            found = pages_store.page_search(s, terms, f, today, limit=limit, offset=offset)
            res.pages = pages_store.load_pages(s, [i for i, _ in found])
            res.documents = [
                PageHit(i, score, snippet(res.pages[i].text, terms)) for i, score in found if i in res.pages
            ]
            res.item_counts = pages_store.item_counts(s, sorted({p.document_id for p in res.pages.values()}))

    def _search_items(
        self,
        s: Any,
        res: SearchResult,
        terms: QueryTerms,
        f: ItemFilter,
        today: date,
        mode: Mode,
        limit: int,
        offset: int,
    ) -> None:
        status = res.semantic
        q = res.query
        with step("keyword"):
            keyword = store.keyword_search(s, terms, f, today, limit=CANDIDATES) if mode != "semantic" else []
        use_semantic = mode != "keyword" and status.status in ("ready", "partial") and len(self.index) > 0
        qvec = None
        if use_semantic:
            with step("embed"):
                qvec = self.query_vector(q)
        if use_semantic and qvec is None:
            use_semantic = False
            status.message = "keyword search only: the embedder is busy; try again for meaning-based results"
        semantic = self.semantic_ranking(s, qvec, f, today) if qvec is not None else []
        if mode == "semantic" and not use_semantic:
            with step("keyword"):
                keyword = store.keyword_search(s, terms, f, today, limit=CANDIDATES)
        if mode == "hybrid" and use_semantic:
            semantic = _relevant_semantic(semantic, keyword)
        fused = rrf([r for r in (keyword, semantic) if r])
        context: dict[int, int] = {}
        if mode != "semantic" and len(fused) < offset + limit:
            # A short list: items whose page (not their own sentence) has the query words come after
            # every direct match, best page first; they never outrank one.
            reuse = [res.pages[d.page_id] for d in res.documents] if offset == 0 and res.documents else None
            with step("context"):
                context = self._context_items(s, terms, f, today, {i for i, _ in fused}, reuse)
            fused += [(i, 0.0) for i in context]
        kw_rank = {i: n for n, (i, _) in enumerate(keyword, start=1)}
        sem = {i: (n, c) for n, (i, c) in enumerate(semantic, start=1)}
        page = fused[offset : offset + limit]
        with step("load"):
            items = store.load_items(s, [i for i, _ in page])
        hits = []
        for item_id, score in page:
            item = items.get(item_id)
            if item is None:
                continue
            hits.append(
                Hit(
                    item_id=item_id,
                    score=score,
                    keyword_rank=kw_rank.get(item_id),
                    semantic_rank=sem[item_id][0] if item_id in sem else None,
                    similarity=sem[item_id][1] if item_id in sem else None,
                    spans=highlight_spans(item.text, terms),
                    context_page=context.get(item_id),
                )
            )
        res.mode = mode if (mode == "keyword" or use_semantic) else "keyword"
        res.hits, res.items = hits, items

    def _context_items(
        self, s: Any, terms: QueryTerms, f: ItemFilter, today: date, seen: set[int], pages: list[Page] | None = None
    ) -> dict[int, int]:
        """Items not matched themselves that stand on a matching page (``pages``, best first, when the
        caller has them already): item id → page number."""
        if pages is None:
            found = pages_store.page_search(s, terms, f, today, limit=CONTEXT_PAGES)
            loaded = pages_store.load_pages(s, [i for i, _ in found])
            pages = [loaded[i] for i, _ in found if i in loaded]
        return dict(pages_store.items_on_pages(s, pages, f, today, seen))

    def similar(self, s: Any, item_id: int, *, limit: int = 10, min_similarity: float | None = None) -> list:
        """Other items that repeat ``item_id``'s order: (item id, similarity), best first.

        Candidates come from the embedding (cosine >= ``min_similarity``, default SIMILAR_MIN), or from
        the keyword index when there are no vectors; either way a candidate must share at least
        SIMILAR_OVERLAP of the shorter item's content words: e5 cosines of unrelated directives are
        high too (see README "Search"), so the cosine alone does not tell a repeat.
        """
        item = s.get(ActionItem, item_id)
        if item is None:
            return []
        emb = self.embedder
        vec = self.index.get(item_id) if emb is not None else None
        if vec is None and emb is not None:
            vec = store.item_embedding(s, item_id, emb.name)
            if vec is None:
                vec = emb.embed_passages([item.text[:EMBED_CHARS]])[0]
        if vec is not None and len(self.index):
            threshold = SIMILAR_MIN if min_similarity is None else min_similarity
            ranked = self.semantic_ranking(s, vec, ItemFilter(), date.today(), k=SIMILAR_POOL)
            candidates = [(i, c) for i, c in ranked if i != item_id and c >= threshold]
        else:
            ranked = store.keyword_search(s, self.parse(item.text), ItemFilter(), date.today(), limit=SIMILAR_POOL)
            candidates = [(i, 0.0) for i, _ in ranked if i != item_id]
        others = store.load_items(s, [i for i, _ in candidates])
        out = []
        for i, c in candidates:
            other = others.get(i)
            if other is None:
                continue
            overlap = word_overlap(item.text, other.text)
            if overlap >= SIMILAR_OVERLAP:
                out.append((i, c if c else overlap))
        out.sort(key=lambda t: -t[1])
        return out[:limit]


COVERAGE_TTL_S = 5.0  # how long a semantic-coverage count is reused (new items also reset it)
SIMILAR_MIN = 0.88  # cosine (e5 family); repeats measured 0.895-0.967, see README "Search"
SIMILAR_OVERLAP = 0.65  # share of content words; repeats 0.67-0.86, distinct corpus pairs at most 0.62
SIMILAR_POOL = 50
SEMANTIC_MARGIN = 0.06


def _relevant_semantic(semantic: list[tuple[int, float]], keyword: list[tuple[int, float]]) -> list:
    """Semantic neighbours close to the best one: e5 ranks *something* first for any query, so far
    weaker neighbours are dropped unless the keyword ranking also has them."""
    if not semantic:
        return semantic
    best = semantic[0][1]
    kw = {i for i, _ in keyword}
    floor = best - SEMANTIC_MARGIN
    # When words matched, a neighbour found by meaning alone must be at least as close to the query as
    # the closest item that matched by words: e5 puts unrelated directives of the genre near 0.8 too.
    matched = [c for i, c in semantic if i in kw]
    if matched:
        floor = max(floor, min(matched))
    return [(i, c) for i, c in semantic if c >= floor or i in kw]


# Dates say when, not what: a repeated order usually comes with a new deadline.
_MONTHS = {t.term for t in tokens("जनवरी फरवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर अक्तूबर नवंबर दिसंबर")}


def _content_terms(text: str) -> set[str]:
    return {t.term for t in tokens(text) if t.term not in STOPWORDS and t.term not in _MONTHS and not t.term.isdigit()}


def word_overlap(a: str, b: str) -> float:
    """Shared content words (folded, stemmed, no stopwords or numbers) over the shorter item's count."""
    ta, tb = _content_terms(a), _content_terms(b)
    return len(ta & tb) / max(1, min(len(ta), len(tb)))


def pgvector_note(db: Database) -> str:
    """What the log says about pgvector: vectors are searched in process on every store for now."""
    if not db.url.startswith("postgresql"):
        return "the store is SQLite"
    try:
        with db.read() as s:
            found = s.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'vector'")).first()
    except sa.exc.SQLAlchemyError as e:
        return f"pgvector not checked ({e.__class__.__name__})"
    if found is None:
        return "pgvector is not installed on this PostgreSQL server: vectors are searched in process"
    return "pgvector is installed but not used yet: vectors are searched in process"


def _pool_for(k: int, n: int, passing: float) -> int:
    """The nearest-``n`` pool that holds ``k`` passing items when ``passing`` of ``n`` pass, with POOL_MARGIN."""
    return math.ceil(k * n / passing * POOL_MARGIN)


def _first_pool(k: int, n: int, passing: float | None) -> int:
    """The first pool for ``k`` of ``n`` vectors when about ``passing`` items pass the filter (None: not
    known): sized for ``k`` at that share with POOL_MARGIN, at least SEMANTIC_POOL; 0 when even
    SEMANTIC_POOL_MAX, or all ``n``, would not hold ``k`` (rank the passing items exactly). A department of a million
    items (111,000 pass): 1,350 nearest, one graph search and one check instead of 500 and then 1,364."""
    if passing is None:
        return SEMANTIC_POOL
    if passing <= 0:
        return 0
    wanted = _pool_for(k, n, passing)
    if wanted > SEMANTIC_POOL_MAX or wanted >= n:  # no pool would do, or it would be every vector
        return 0
    return max(SEMANTIC_POOL, wanted)


def _wider_pool(size: int, passed: int, k: int) -> int:
    """The next pool when ``passed`` of the ``size`` nearest items passed the filter and ``k`` are wanted:
    sized for ``k`` at that share (a department of a million items: 55 of 500 pass, 1,400 will give 100),
    or 0 when even ``SEMANTIC_POOL_MAX`` would not be enough (a narrow filter: rank its items exactly)."""
    if passed == 0 or size >= SEMANTIC_POOL_MAX:
        return 0
    wanted = _pool_for(k, size, passed)
    return wanted if wanted <= SEMANTIC_POOL_MAX else 0
