"""``nirdesh search``: search from the command line, or ``nirdesh search reindex``."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from core.settings import get_settings
from search.service import SearchService
from store.db import Database
from store.fts import count_pages, reindex_all, sync_index
from store.models import STATUSES
from store.repository import ItemFilter
from store.views import ItemView

err = Console(stderr=True, soft_wrap=True)


def _filter(ns: argparse.Namespace) -> ItemFilter:
    status = [s for s in (ns.status or "").split(",") if s]
    bad = [s for s in status if s not in STATUSES]
    if bad:
        raise SystemExit(f"nirdesh search: unknown status {bad}; use {list(STATUSES)}")
    return ItemFilter(
        status=status or None,
        department=ns.department,
        responsible=ns.responsible,
        meeting_from=date.fromisoformat(ns.meeting_from) if ns.meeting_from else None,
        meeting_to=date.fromisoformat(ns.meeting_to) if ns.meeting_to else None,
    )


def _marked(text: str, spans: list[tuple[int, int]]) -> str:
    out, pos = [], 0
    for a, b in spans:
        out += [escape(text[pos:a]), "[bold yellow]", escape(text[a:b]), "[/bold yellow]"]
        pos = b
    return "".join(out) + escape(text[pos:])


def run_search(db: Database, ns: argparse.Namespace) -> int:
    query = " ".join(ns.query).strip()
    if query == "reindex":
        with db.session() as s:
            n = reindex_all(s)
        with db.session() as s:
            pages = count_pages(s)
        err.print(f"keyword index rebuilt: {n} items, {pages} pages")
        return 0
    service = SearchService(db, get_settings().embedder)
    with db.session() as s:
        sync_index(s)
    if ns.mode != "keyword" and not ns.no_embed:
        service.refresh_vectors()
        n = service.embed_pending()
        if n:
            err.print(f"embedded {n} items that had no vector yet")
    service.refresh_vectors()
    with db.session() as s:
        res = service.search(
            s, query, _filter(ns), date.today(), mode=ns.mode, limit=ns.limit, scope=getattr(ns, "scope", "all")
        )
        if res.semantic.message:
            err.print(f"[yellow]{res.semantic.message}[/yellow]")
        rows: list[dict[str, Any]] = []
        for h in res.hits:
            row = res.items[h.item_id]
            item = ItemView.from_row(row, row.document, date.today())
            rows.append(
                {
                    "id": item.id,
                    "text": item.text,
                    "meeting_date": str(item.meeting_date or ""),
                    "meeting": item.meeting_title or item.document_filename,
                    "status": item.status,
                    "score": round(h.score, 4),
                    "highlights": h.spans,
                    "context_page": h.context_page,
                }
            )
        docs: list[dict[str, Any]] = []
        for hit in res.documents:
            page = res.pages[hit.page_id]
            docs.append(
                {
                    "document_id": page.document_id,
                    "page": page.number,
                    "meeting": page.document.meeting_title or page.document.filename,
                    "meeting_date": str(page.document.meeting_date or ""),
                    "score": round(hit.score, 4),
                    "snippet": hit.snippet.text,
                    "highlights": hit.snippet.spans,
                    "item_count": res.item_counts.get(page.document_id, 0),
                }
            )
    if ns.json:
        print(
            json.dumps(
                {"query": query, "mode": res.mode, "hits": rows, "documents": docs}, ensure_ascii=False, indent=2
            )
        )
        return 0
    table = Table(show_lines=True, title=f"{query}  ({res.mode})")
    for col in ("#", "directive", "meeting", "date", "status"):
        table.add_column(col)
    for r in rows:
        table.add_row(
            str(r["id"]), _marked(r["text"], r["highlights"]), escape(r["meeting"]), r["meeting_date"], r["status"]
        )
    out = Console()
    if rows or not docs:
        out.print(table)
    if docs:
        page_table = Table(show_lines=True, title="दस्तावेज़ों में / in documents")
        for col in ("document", "page", "text", "meeting", "date", "items"):
            page_table.add_column(col)
        for d in docs:
            page_table.add_row(
                str(d["document_id"]),
                str(d["page"]),
                _marked(d["snippet"], d["highlights"]),
                escape(d["meeting"]),
                d["meeting_date"],
                str(d["item_count"]),
            )
        out.print(page_table)
    return 0
