"""Search over action items (keyword + semantic) and document page text, and the chain of similar
earlier directives."""

from __future__ import annotations

import html
import logging
import time
from datetime import date
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response
from pydantic import BaseModel

from api.auth import Ctx, Viewer
from api.errors import ApiError, not_found
from api.filters import Filters
from api.params import IdPath
from api.schemas import ItemOut, item_out, item_out_of
from core.states import ErrorCode
from search import timing
from search.item_queries import load_items
from search.service import SearchResult
from store.models import ActionItem
from store.repository import get_item
from store.views import ItemView

router = APIRouter(tags=["search"])
log = logging.getLogger(__name__)


async def arrived() -> float:
    """When the request reached the app (resolved on the event loop, before the route's thread runs)."""
    return time.perf_counter()


Arrived = Annotated[float, Depends(arrived)]


class SemanticOut(BaseModel):
    status: str  # ready | partial | unavailable | disabled
    model: str | None
    embedded: int
    total: int
    message: str | None


class SearchHit(BaseModel):
    item: ItemOut
    meeting_title: str | None
    score: float
    keyword_rank: int | None
    semantic_rank: int | None
    similarity: float | None
    highlights: list[tuple[int, int]]  # character spans of item.text that match the query
    highlighted: str  # item.text, HTML-escaped, matches wrapped in <mark>
    context_page: int | None = None  # the item's own text lacks the words; this page of its document has them


class DocumentHit(BaseModel):
    """A document page whose text matches the query."""

    document_id: int
    filename: str
    meeting_date: date | None
    meeting_title: str | None
    department: str | None
    page: int  # page number, from 1
    score: float
    snippet: str  # about 120 characters either side of the first match, "…" where cut
    highlights: list[tuple[int, int]]  # character spans of snippet that match the query
    highlighted: str  # snippet, HTML-escaped, matches wrapped in <mark>
    item_count: int  # action items of the document


class SearchOut(BaseModel):
    query: str
    mode: str  # the mode actually used: hybrid falls back to keyword while embeddings are missing
    semantic: SemanticOut
    limit: int
    offset: int
    scope: str  # items | documents | all
    hits: list[SearchHit]  # action items (empty for scope=documents)
    documents: list[DocumentHit]  # matching pages (empty for scope=items)


class SimilarOut(BaseModel):
    item: ItemOut
    meeting_title: str | None
    similarity: float | None  # None for the item itself
    relation: Literal["this", "earlier", "same_meeting", "later"]


class SimilarChain(BaseModel):
    item_id: int
    method: str  # semantic | keyword
    earlier: int  # how many similar directives were issued in earlier meetings
    chain: list[SimilarOut]  # oldest meeting first, the item itself included


def mark(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        out += [html.escape(text[pos:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


# At least one visible character, and no NUL anywhere (PostgreSQL cannot take it).
QUERY_PATTERN = r"^[^\x00]*[^\s\x00-\x1f\x7f][^\x00]*$"


@router.get(
    "/v1/search",
    response_model=SearchOut,
    responses={200: {"headers": {"Server-Timing": {"description": timing.HEADER_DOC, "schema": {"type": "string"}}}}},
)
def search(
    at: Arrived,
    ctx: Ctx,
    _who: Viewer,
    f: Filters,
    q: Annotated[
        str, Query(min_length=1, max_length=500, pattern=QUERY_PATTERN, description="words in Hindi or Latin script")
    ],
    mode: Annotated[Literal["hybrid", "keyword", "semantic"], Query()] = "hybrid",
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=1000)] = 0,
    scope: Annotated[
        Literal["items", "documents", "all"], Query(description="search action items, document page text, or both")
    ] = "all",
) -> Response:
    if not q.strip():
        raise ApiError(422, ErrorCode.VALIDATION_ERROR, "q: give at least one word")
    assert ctx.search is not None
    today = ctx.today()
    t = timing.begin(at)
    try:
        with ctx.db.read() as s:  # a plain transaction: no write lock while it waits
            res = ctx.search.search(s, q, f, today, mode=mode, limit=limit, offset=offset, scope=scope)
            with timing.step("serialise"):
                out = _search_out(res, today, q, limit, offset, scope)
        with timing.step("serialise"):
            body = out.model_dump_json()
        total = t.total_s()
        header = t.header(total)
        slow_ms = ctx.settings.search_slow_ms
        if slow_ms and total * 1000 >= slow_ms:
            log.info(
                "slow search: %.0f ms, mode %s, scope %s, %d hits; %s", total * 1000, mode, scope, len(out.hits), header
            )
        return Response(body, media_type="application/json", headers={"Server-Timing": header})
    finally:
        timing.end()


def _search_out(res: SearchResult, today: date, q: str, limit: int, offset: int, scope: str) -> SearchOut:
    """The answer of ``/v1/search`` for ``res`` (its rows loaded in the open session)."""
    hits = []
    for h in res.hits:
        row = res.items[h.item_id]
        view = ItemView.from_row(row, row.document, today)
        hits.append(
            SearchHit(
                item=item_out(view),
                meeting_title=view.meeting_title,
                score=h.score,
                keyword_rank=h.keyword_rank,
                semantic_rank=h.semantic_rank,
                similarity=h.similarity,
                highlights=h.spans,
                highlighted=mark(view.text, h.spans),
                context_page=h.context_page,
            )
        )
    documents = []
    for d in res.documents:
        page = res.pages[d.page_id]
        doc = page.document
        documents.append(
            DocumentHit(
                document_id=doc.id,
                filename=doc.filename,
                meeting_date=doc.meeting_date,
                meeting_title=doc.meeting_title,
                department=doc.department,
                page=page.number,
                score=d.score,
                snippet=d.snippet.text,
                highlights=d.snippet.spans,
                highlighted=mark(d.snippet.text, d.snippet.spans),
                item_count=res.item_counts.get(doc.id, 0),
            )
        )
    st = res.semantic
    return SearchOut(
        query=q,
        mode=res.mode,
        semantic=SemanticOut(
            status=st.status, model=st.model, embedded=st.embedded, total=st.total, message=st.message
        ),
        limit=limit,
        offset=offset,
        scope=scope,
        hits=hits,
        documents=documents,
    )


def _relation(this: ActionItem, other: ActionItem) -> Literal["earlier", "same_meeting", "later"]:
    if other.document_id == this.document_id:
        return "same_meeting"
    a = this.document.meeting_date or this.created_at.date()
    b = other.document.meeting_date or other.created_at.date()
    if b < a:
        return "earlier"
    return "later" if b > a else "same_meeting"


@router.get("/v1/action-items/{item_id}/similar", response_model=SimilarChain)
def similar(
    item_id: IdPath,
    ctx: Ctx,
    _who: Viewer,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
    min_similarity: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> SimilarChain:
    """Directives like this one in other meetings: one issued again later was likely not carried out."""
    assert ctx.search is not None
    today = ctx.today()
    with ctx.db.read() as s:  # a plain transaction: no write lock while it waits
        this = get_item(s, item_id)
        if this is None:
            raise not_found("action item", item_id)
        method = "semantic" if ctx.search.embedder is not None and len(ctx.search.index) else "keyword"
        found = ctx.search.similar(s, item_id, limit=limit, min_similarity=min_similarity)
        items = load_items(s, [i for i, _ in found])
        chain = [
            SimilarOut(
                item=item_out_of(this, today),
                meeting_title=this.document.meeting_title,
                similarity=None,
                relation="this",
            )
        ]
        for other_id, sim in found:
            other = items.get(other_id)
            if other is not None:
                chain.append(
                    SimilarOut(
                        item=item_out_of(other, today),
                        meeting_title=other.document.meeting_title,
                        similarity=round(sim, 4),
                        relation=_relation(this, other),
                    )
                )
        chain.sort(key=lambda c: (c.item.meeting_date or date.max, c.item.created_at, c.item.id))
        return SimilarChain(
            item_id=item_id, method=method, earlier=sum(c.relation == "earlier" for c in chain), chain=chain
        )
