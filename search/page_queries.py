"""Keyword queries over document page text (the ``page_fts`` index kept by ``store.fts``).

Page hits are documents, not action items, so only the document-level filters apply to them directly
(department, meeting date range, document id). The item-level filters (status, responsible, due
dates, review state, ...) restrict the pages to documents that have at least one action item passing
the whole filter: "pages of meetings with an open directive for the DM", never a silently ignored
filter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import TSQUERY
from sqlalchemy.orm import Session, selectinload

from nlp.query import QueryTerms
from search.item_queries import fts5_match, pg_tsquery
from store.fts import BM25_WEIGHTS, is_sqlite
from store.models import ActionItem, Document, Page
from store.repository import ItemFilter, _filtered, document_conditions

DOCUMENT_FILTERS = frozenset({"department", "meeting_from", "meeting_to", "document_id"})
_fts_sqlite = sa.table("page_fts", sa.column("rowid", sa.Integer), sa.column("body"), sa.column("roman"))
_fts_pg = sa.table("page_fts", sa.column("page_id", sa.Integer), sa.column("terms"))


def item_only_filter(f: ItemFilter) -> bool:
    """Does ``f`` set a filter that is about action items rather than documents?"""
    return any(getattr(f, fl.name) not in (None, [], "") for fl in fields(f) if fl.name not in DOCUMENT_FILTERS)


def _document_conditions(f: ItemFilter, today: date) -> list[Any]:
    conds = document_conditions(f)
    if f.document_id is not None:
        conds.append(Document.id == f.document_id)
    if item_only_filter(f):
        with_items = _filtered(
            select(ActionItem.document_id).join(Document, ActionItem.document_id == Document.id), f, today
        )
        conds.append(Document.id.in_(with_items))
    return conds


def page_search(
    session: Session, q: QueryTerms, f: ItemFilter, today: date, limit: int = 20, offset: int = 0
) -> list[tuple[int, float]]:
    """Pages matching any query word, best first, as (page id, score: higher is better)."""
    if q.is_empty():
        return []
    conds = _document_conditions(f, today)
    rank: sa.ColumnElement[Any]
    order: list[sa.ColumnElement[Any]]
    if is_sqlite(session):
        key = _fts_sqlite.c.rowid
        rank = sa.literal_column(f"bm25(page_fts, {BM25_WEIGHTS[0]}, {BM25_WEIGHTS[1]})")
        stmt = (
            select(key, rank).select_from(_fts_sqlite).where(sa.text("page_fts MATCH :m").bindparams(m=fts5_match(q)))
        )
        order, sign = [rank, key], -1.0
    else:
        key = _fts_pg.c.page_id
        tsq = sa.cast(sa.bindparam("tsq", pg_tsquery(q)), TSQUERY)
        rank = sa.func.ts_rank(_fts_pg.c.terms, tsq)
        stmt = select(key, rank).select_from(_fts_pg).where(_fts_pg.c.terms.op("@@")(tsq))
        order, sign = [rank.desc(), key], 1.0
    if conds:  # without a filter the index table alone answers (its rows leave with their pages)
        stmt = stmt.join(Page, Page.id == key).join(Document, Page.document_id == Document.id).where(*conds)
    rows = session.execute(stmt.order_by(*order).limit(limit).offset(offset)).all()
    return [(int(i), sign * float(s)) for i, s in rows]


def load_pages(session: Session, ids: Sequence[int]) -> dict[int, Page]:
    rows = session.scalars(select(Page).where(Page.id.in_(list(ids))).options(selectinload(Page.document))).all()
    return {p.id: p for p in rows}


def item_counts(session: Session, document_ids: Sequence[int]) -> dict[int, int]:
    """Action items per document, for the documents given."""
    rows = session.execute(
        select(ActionItem.document_id, sa.func.count(ActionItem.id))
        .where(ActionItem.document_id.in_(list(document_ids)))
        .group_by(ActionItem.document_id)
    ).all()
    return {int(d): int(n) for d, n in rows}


def items_on_pages(
    session: Session, pages: Sequence[Page], f: ItemFilter, today: date, exclude: set[int]
) -> list[tuple[int, int]]:
    """(item id, page number) of the items (passing ``f``, not in ``exclude``) that stand on one of
    ``pages``, in the pages' order.

    An item's page is the one its evidence points at; an item without evidence belongs to every page
    of its document. A page with an item in ``exclude`` (a direct match) is skipped: the words were
    found in that item, not in the text around its neighbours.
    """
    if not pages:
        return []
    doc_ids = sorted({p.document_id for p in pages})
    stmt = _filtered(
        select(ActionItem.id, ActionItem.document_id, ActionItem.evidence)
        .join(Document, ActionItem.document_id == Document.id)
        .where(ActionItem.document_id.in_(doc_ids)),
        f,
        today,
    ).order_by(ActionItem.document_id, ActionItem.seq)
    by_doc: dict[int, list[tuple[int, int | None]]] = {}
    for item_id, doc_id, evidence in session.execute(stmt):
        page = evidence.get("page") if isinstance(evidence, dict) else None
        by_doc.setdefault(doc_id, []).append((item_id, page if isinstance(page, int) else None))
    out: list[tuple[int, int]] = []
    seen = set(exclude)
    for p in pages:
        on_page = [i for i, number in by_doc.get(p.document_id, []) if number is None or number == p.number]
        if any(i in exclude for i in on_page):
            continue  # an item of this page matched itself: the page adds nothing about its neighbours
        for item_id in on_page:
            if item_id not in seen:
                seen.add(item_id)
                out.append((item_id, p.number))
    return out
