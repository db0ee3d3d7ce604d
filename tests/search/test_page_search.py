"""Keyword search over document page text: the page_fts index following every write, filters, scope,
snippets, page context for items, and the API's ``documents`` list."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient

from core.settings import Settings
from nlp.query import parse_query
from search.service import SearchService
from search.snippet import snippet
from store.db import Database
from store.fts import reindex_all, sync_index
from store.items import update_item
from store.models import Page
from store.repository import ItemFilter, get_document
from store.reprocess import reprocess_document
from tests.helpers.builders import FakeExtractor, extraction_for, store_text, upload

TODAY = date(2026, 1, 15)

# Page 1 has a discussion line (no directive) about fertiliser storage; page 2 a finding about audits.
FERTILISER = (
    "विभाग: सहकारिता विभाग\n"
    "बैठक में उर्वरक भण्डारण की स्थिति पर विस्तार से चर्चा हुई।\n"
    "सभी पैक्स का कम्प्यूटरीकरण दिसम्बर तक पूर्ण करने के निर्देश दिए।\n"
    "\f"
    "समितियों के लेखा परीक्षण में अनेक कमियां पाई गईं।\n"
    "नए गोदाम का निर्माण कराने के निर्देश दिए।\n"
)
ROADS = (
    "विभाग: लोक निर्माण विभाग\nवर्षा से क्षतिग्रस्त सड़कों की सूची प्रस्तुत की गई।\nअधिशासी अभियंता को पुलों के निरीक्षण के निर्देश दिए।\n"
)


def _service(db: Database) -> SearchService:
    return SearchService(db, embedder_factory=lambda: None)


def _pages(db: Database, q: str, f: ItemFilter | None = None) -> list[tuple[int, int]]:
    """(document id, page number) of the page hits."""
    with db.session() as s:
        res = _service(db).search(s, q, f or ItemFilter(), TODAY, scope="documents")
        return [(res.pages[d.page_id].document_id, res.pages[d.page_id].number) for d in res.documents]


def _rows(db: Database) -> int:
    with db.engine.connect() as c:
        return c.exec_driver_sql("SELECT count(*) FROM page_fts").scalar_one()


@pytest.fixture
def filled(db: Database) -> tuple[Database, int, int]:
    a = store_text(db, FERTILISER, "a", date(2025, 11, 1))
    b = store_text(db, ROADS, "b", date(2025, 12, 1))
    return db, a, b


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("उर्वरक", 1),  # only in page text, in no action item
        ("भंडारण", 1),  # anusvara for the nasal cluster of भण्डारण
        ("urvarak", 1),  # Latin script
        ("समिति", 2),  # inflection: समितियों
        ("लेखा परीक्षण", 2),
    ],
)
def test_page_text_is_searched_like_items(filled: tuple[Database, int, int], query: str, page: int) -> None:
    db, a, _ = filled
    assert _pages(db, query)[:1] == [(a, page)]
    with db.session() as s:  # no action item has the word: the page-1 item comes only through its page
        hits = _service(db).search(s, "उर्वरक", ItemFilter(), TODAY, mode="keyword").hits
        assert [h.context_page for h in hits] == [1]


def test_snippet_marks_the_words_around_the_first_match() -> None:
    text = "क " * 150 + "उर्वरक भण्डारण की समीक्षा हुई, भण्डारण क्षमता बढ़ाई जाए। " + "ख " * 150
    snip = snippet(text, parse_query("भंडारण"))
    assert snip.text.startswith("…") and snip.text.endswith("…")
    assert 200 < len(snip.text) < 280
    assert [snip.text[a:b] for a, b in snip.spans] == ["भण्डारण", "भण्डारण"]
    assert snippet("उर्वरक", parse_query("urvarak")).spans == [(0, 6)]


def test_index_follows_reprocessing_and_delete(db: Database) -> None:
    doc_id = store_text(db, FERTILISER, "c")
    assert _rows(db) == 2
    with db.session() as s:
        reprocess_document(s, get_document(s, doc_id), extraction_for(FERTILISER.replace("उर्वरक", "बीज")))
    assert _pages(db, "बीज") == [(doc_id, 1)]
    assert _pages(db, "उर्वरक") == []
    assert _rows(db) == 2
    with db.session() as s:  # an edited page text is indexed again
        page = s.query(Page).filter_by(document_id=doc_id, number=2).one()
        page.text = "कीटनाशक दवाओं का भण्डार सत्यापित हुआ।"
    assert _pages(db, "कीटनाशक") == [(doc_id, 2)] and _pages(db, "समिति") == []
    with db.session() as s:
        s.delete(get_document(s, doc_id))
    assert _rows(db) == 0
    assert _pages(db, "बीज") == []


def test_sync_and_reindex_cover_pages(filled: tuple[Database, int, int]) -> None:
    db, a, _ = filled
    with db.engine.begin() as c:  # as a database made before page_fts existed
        c.exec_driver_sql("DELETE FROM page_fts")
    assert _pages(db, "उर्वरक") == []
    with db.session() as s:
        assert sync_index(s)["pages_indexed"] == 3
    assert _pages(db, "उर्वरक") == [(a, 1)]
    with db.session() as s:
        reindex_all(s)
    assert _rows(db) == 3


def test_filters_restrict_documents(filled: tuple[Database, int, int]) -> None:
    db, a, b = filled
    q = "निर्माण"  # page 2 of the fertiliser meeting, and the roads department's heading
    assert {d for d, _ in _pages(db, q)} == {a, b}
    assert _pages(db, q, ItemFilter(department="लोक निर्माण")) == [(b, 1)]
    assert _pages(db, q, ItemFilter(meeting_to=date(2025, 11, 30))) == [(a, 2)]
    assert _pages(db, q, ItemFilter(meeting_from=date(2025, 11, 2))) == [(b, 1)]
    assert _pages(db, q, ItemFilter(document_id=a)) == [(a, 2)]
    # Item-level filters keep the documents with at least one item passing them.
    assert _pages(db, q, ItemFilter(status=["done"])) == []
    with db.session() as s:
        update_item(s, get_document(s, b).items[0], {"status": "done"}, "tester")
    assert _pages(db, q, ItemFilter(status=["done"])) == [(b, 1)]


def test_items_found_only_through_their_page_come_after_direct_matches(db: Database) -> None:
    direct = store_text(db, "विभाग: कृषि विभाग\nउर्वरक वितरण की निगरानी करने के निर्देश दिए।\n", "d")
    context = store_text(db, "विषय: उर्वरक उपलब्धता की समीक्षा\nइसकी साप्ताहिक रिपोर्ट भेजने के निर्देश दिए।\n", "e")
    with db.session() as s:
        res = _service(db).search(s, "उर्वरक", ItemFilter(), TODAY, mode="keyword")
        got = [(res.items[h.item_id].document_id, h.context_page) for h in res.hits]
    assert got == [(direct, None), (context, 1)]
    with db.session() as s:  # a page with a direct match adds no neighbours
        res = _service(db).search(s, "निगरानी", ItemFilter(), TODAY, mode="keyword")
        assert len(res.hits) == 1 and res.hits[0].context_page is None


# --- the API -------------------------------------------------------------------------------------


@pytest.fixture
def client(settings: Settings, db_url: str, fake_extract: FakeExtractor) -> Iterator[TestClient]:
    from api.app import create_app

    app = create_app(dataclasses.replace(settings, embedder="none"), extract=fake_extract, database_url=db_url)
    with TestClient(app) as c:
        yield c


def _search(client: TestClient, **params: Any) -> dict[str, Any]:
    r = client.get("/v1/search", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_api_documents_list_and_scope(client: TestClient) -> None:
    assert upload(client, "khad.txt", FERTILISER, meeting_date="2025-11-01").status_code in (200, 201)
    assert upload(client, "sadak.txt", ROADS, meeting_date="2025-12-01").status_code in (200, 201)
    body = _search(client, q="urvarak godown")
    assert body["scope"] == "all"
    assert body["hits"] and "गोदाम" in body["hits"][0]["item"]["text"]
    docs = body["documents"]
    assert [(d["filename"], d["page"]) for d in docs] == [("khad.txt", 1), ("khad.txt", 2)] or [
        (d["filename"], d["page"]) for d in docs
    ] == [("khad.txt", 2), ("khad.txt", 1)]
    first = next(d for d in docs if d["page"] == 1)
    assert first["meeting_date"] == "2025-11-01" and first["department"] == "सहकारिता विभाग"
    assert first["item_count"] == 2 and first["meeting_title"] is None
    a, b = first["highlights"][0]
    assert first["snippet"][a:b] == "उर्वरक"
    assert "<mark>उर्वरक</mark>" in first["highlighted"]
    assert _search(client, q="उर्वरक", scope="items")["documents"] == []
    only_docs = _search(client, q="गोदाम", scope="documents")
    assert only_docs["hits"] == [] and only_docs["documents"][0]["page"] == 2
    assert _search(client, q="निर्माण", department="लोक")["documents"][0]["filename"] == "sadak.txt"
    assert len(_search(client, q="निर्माण", limit=1)["documents"]) == 1
    assert client.get("/v1/search", params={"q": "x", "scope": "pages"}).status_code == 422


def test_api_snippet_is_escaped(client: TestClient) -> None:
    text = "विभाग: सहकारिता विभाग\n<b>उर्वरक</b> & भण्डारण पर चर्चा हुई।\nगोदाम बनाने के निर्देश दिए।\n"
    assert upload(client, "x.txt", text).status_code in (200, 201)
    doc = _search(client, q="उर्वरक", scope="documents")["documents"][0]
    assert "&lt;b&gt;<mark>उर्वरक</mark>&lt;/b&gt; &amp;" in doc["highlighted"]


def test_cli_prints_document_matches_after_item_hits(tmp_path, monkeypatch, capsys) -> None:  # noqa: ANN001
    import json

    from nirdesh.cli import main

    monkeypatch.setenv("NIRDESH_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("NIRDESH_EMBEDDER", "none")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = Database(f"sqlite:///{tmp_path / 'nirdesh.db'}")
    doc_id = store_text(db, FERTILISER, "f")
    db.dispose()
    assert main(["search", "उर्वरक गोदाम", "--json", "--no-embed"]) == 0
    body = json.loads(capsys.readouterr().out)
    assert any("गोदाम" in h["text"] for h in body["hits"])
    assert sorted((d["document_id"], d["page"]) for d in body["documents"]) == [(doc_id, 1), (doc_id, 2)]
    assert main(["search", "उर्वरक", "--scope", "documents", "--no-embed"]) == 0
    out = capsys.readouterr().out
    assert "in documents" in out and "उर्वरक" in out and "directive" not in out
