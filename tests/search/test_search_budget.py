"""Issue 17, finding 1: a search waiting for its query embedding holds no write lock, gives up after its
time budget and answers from keywords; items and embedded texts are capped in length."""

from __future__ import annotations

import dataclasses
import threading
import time
from typing import Any

import numpy as np
from fastapi.testclient import TestClient

from api.app import create_app
from core.limits import EMBED_CHARS, ITEM_TEXT_CHARS
from core.settings import Settings
from tests.helpers.builders import FakeExtractor, upload

TEXT = "विभाग: राजस्व विभाग\nजिलाधिकारी ने तहसीलदार को सर्वे पूरा करने के निर्देश दिए।\n"


class SlowQueries:
    """Passages embed at once (recording their lengths); a query waits for ``gate`` (a busy embedder)."""

    name = "fake-slow"
    dim = 8

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.passage_lengths: list[int] = []

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        self.gate.wait(20)
        return np.ones((len(texts), self.dim), dtype=np.float32) / np.sqrt(self.dim)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        self.passage_lengths += [len(t) for t in texts]
        return np.ones((len(texts), self.dim), dtype=np.float32) / np.sqrt(self.dim)


def _client(settings: Settings, db_url: str, embedder: Any, extract: Any = None) -> TestClient:
    s = dataclasses.replace(settings, embedder="fake", max_upload_bytes=2 << 20, sync_max_bytes=2 << 20)
    app = create_app(s, extract=extract or FakeExtractor(), database_url=db_url, embedder_factory=lambda: embedder)
    return TestClient(app)


def test_a_search_stuck_on_the_embedder_blocks_no_writer(settings: Settings, db_url: str) -> None:
    embedder = SlowQueries()
    with _client(settings, db_url, embedder) as client:
        item = upload(client, "m.txt", TEXT).json()["items"][0]
        search = client.app.state.ctx.search
        search.embed_pending()
        search.embed_budget_s = 1.0
        answers: dict[str, Any] = {}

        def run_search() -> None:
            start = time.monotonic()
            answers["search"] = client.get("/v1/search", params={"q": "सर्वे"})
            answers["search_s"] = time.monotonic() - start

        searching = threading.Thread(target=run_search)
        searching.start()
        time.sleep(0.3)  # the search is now waiting for its query embedding
        start = time.monotonic()
        patched = client.patch(f"/v1/action-items/{item['id']}", json={"note": "देखें"})
        write_s = time.monotonic() - start
        searching.join(30)
        embedder.gate.set()
        assert patched.status_code == 200, patched.text
        assert write_s < 2.0, write_s
        r = answers["search"]
        assert r.status_code == 200 and r.json()["mode"] == "keyword"
        assert [h["item"]["id"] for h in r.json()["hits"]] == [item["id"]]
        assert answers["search_s"] < 5.0


def test_long_items_are_cut_and_embedders_see_a_bounded_text(settings: Settings, db_url: str) -> None:
    embedder = SlowQueries()
    long_sentence = "जिलाधिकारी ने निर्देश दिए कि " + "सड़क " * 40_000 + "पूरा करें।"
    with _client(settings, db_url, embedder) as client:
        r = upload(client, "long.txt", long_sentence + "\n")
        assert r.status_code == 201, r.text
        (item,) = r.json()["items"]
        assert len(item["text"]) <= ITEM_TEXT_CHARS and item["text"].endswith("…")
        client.app.state.ctx.search.embed_pending()
        assert embedder.passage_lengths and max(embedder.passage_lengths) <= EMBED_CHARS
