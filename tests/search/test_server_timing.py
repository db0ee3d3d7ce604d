"""The Server-Timing header of /v1/search: where the server's time went, step by step, and the log line of
a slow search."""

from __future__ import annotations

import dataclasses
import logging
import re
import time
from collections.abc import Callable, Iterator
from typing import Any, cast

import numpy as np
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.settings import Settings
from search import timing
from search.ivf import IvfIndex
from tests.helpers.builders import FakeExtractor, upload
from tests.helpers.embedders import BagOfWordsEmbedder

METRIC = re.compile(r'^([\w-]+);dur=([\d.]+)(?:;desc="([^"]*)")?$')
MEETING = (
    "विभाग: सहकारिता विभाग\n"
    "जिलाधिकारी ने सभी पैक्स के कम्प्यूटरीकरण का कार्य दिसम्बर तक पूर्ण करने के निर्देश दिए।\n"
    "नए गोदाम के निर्माण हेतु भूमि चिन्हित करने के निर्देश तहसीलदार को दिए।\n"
)


def parse(header: str) -> dict[str, tuple[float, dict[str, int]]]:
    """name -> (milliseconds, the description's key=value counts)."""
    out: dict[str, tuple[float, dict[str, int]]] = {}
    for part in header.split(", "):
        m = METRIC.match(part)
        assert m is not None, part
        desc = dict(kv.split("=") for kv in (m.group(3) or "").split())
        out[m.group(1)] = (float(m.group(2)), {k: int(v) for k, v in desc.items()})
    return out


@pytest.fixture
def make(settings: Settings, db_url: str, fake_extract: FakeExtractor) -> Iterator[Callable[..., TestClient]]:
    opened: list[TestClient] = []

    def build(**changes: Any) -> TestClient:
        s = dataclasses.replace(settings, **changes)
        app = create_app(s, extract=fake_extract, database_url=db_url, embedder_factory=BagOfWordsEmbedder)
        c = TestClient(app)
        c.__enter__()
        opened.append(c)
        assert upload(c, "m.txt", MEETING, meeting_date="2025-08-01").status_code in (200, 201)
        cast(Any, c.app).state.ctx.search.embed_pending()
        return c

    yield build
    for c in opened:
        c.__exit__(None, None, None)


def test_search_answers_with_its_steps_and_they_add_up_to_no_more_than_the_total(
    make: Callable[..., TestClient],
) -> None:
    client = make()
    r = client.get("/v1/search", params={"q": "गोदाम निर्माण", "mode": "hybrid"})
    assert r.status_code == 200, r.text
    assert r.json()["mode"] == "hybrid" and r.json()["hits"]
    steps = parse(r.headers["server-timing"])
    assert {"queue", "status", "pages", "keyword", "embed", "load", "serialise", "total"} <= set(steps)
    assert {"probe", "rerank"} & set(steps)  # the HNSW graph (SQLite), or an IVF index's exact scan (PostgreSQL)
    total = steps.pop("total")
    assert sum(ms for ms, _ in steps.values()) <= total[0] + 0.1 * len(steps)  # each rounded to 0.1 ms
    assert {"cpu_ms", "disk_kb", "switches"} <= set(total[1])
    assert steps["embed"][1].keys() >= {"run_ms", "cpu_ms"}  # embedded in its own thread, timed there
    again = parse(client.get("/v1/search", params={"q": "गोदाम निर्माण", "mode": "hybrid"}).headers["server-timing"])
    assert again["embed"][1] == {"cached": 1}  # the second time from the query cache, not embedded


def test_keyword_search_has_no_semantic_steps(make: Callable[..., TestClient]) -> None:
    client = make()
    r = client.get("/v1/search", params={"q": "गोदाम", "mode": "keyword", "scope": "items"})
    steps = parse(r.headers["server-timing"])
    assert "keyword" in steps and "pages" not in steps
    assert not {"embed", "probe", "rerank"} & set(steps)


def test_a_slow_search_is_logged_with_its_steps(make: Callable[..., TestClient], caplog: Any) -> None:
    client = make(search_slow_ms=0.001)
    with caplog.at_level(logging.INFO, logger="api.routes.search"):
        r = client.get("/v1/search", params={"q": "गोदाम"})
    lines = [rec.getMessage() for rec in caplog.records if "slow search" in rec.getMessage()]
    assert len(lines) == 1 and r.headers["server-timing"] in lines[0]
    quiet = make(search_slow_ms=0)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="api.routes.search"):
        quiet.get("/v1/search", params={"q": "गोदाम"})
    assert not [rec for rec in caplog.records if "slow search" in rec.getMessage()]


def test_the_ivf_index_times_its_probe_and_counts_the_rows_it_reranks() -> None:
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(600, 16)).astype(np.float32)
    index = IvfIndex(16, lists=4, pq_m=4, nprobe=2, rerank=50, train_at=256)
    index.add(np.arange(1, 601), vecs)
    assert index.trained
    t = timing.begin()
    try:
        found = index.search(vecs[10] / np.linalg.norm(vecs[10]), 5)
        few = index.search(vecs[10] / np.linalg.norm(vecs[10]), 5, allowed=frozenset(range(1, 40)))
    finally:
        timing.end()
    assert found[0][0] == 11 and all(i < 40 for i, _ in few)
    steps = parse(t.header())
    assert steps["probe"][0] > 0 and "disk_kb" in steps["rerank"][1]
    assert steps["rerank"][1]["rows"] == 50 + 39  # the probe's pool, then the 39 allowed ranked exactly
    assert timing.current() is None


def test_steps_outside_a_request_or_inside_another_step_are_not_counted() -> None:
    with timing.step("probe"):  # nothing begun: a no-op
        pass
    t = timing.begin(time.perf_counter() - 0.05)  # the request arrived 50 ms before its thread ran it
    try:
        with timing.step("load"):
            time.sleep(0.01)
            with timing.step("rerank"):  # nested: already inside "load"
                time.sleep(0.01)
    finally:
        timing.end()
    assert set(t.seconds) == {"queue", "load"}
    assert t.seconds["queue"] >= 0.05 and t.seconds["load"] >= 0.02
    assert t.total_s() >= t.seconds["queue"] + t.seconds["load"]
