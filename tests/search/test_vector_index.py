"""The HNSW vector index: filters inside the search, the saved index following the table, and the
query-embedding cache."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from search import service as service_mod
from search import vectors
from search.query_cache import QueryCache
from search.service import SearchService
from search.vector_store import VECTOR_DIR_ENV, index_path
from search.vectors import AnnIndex, BruteForceIndex
from store.db import Database
from store.models import ActionItem, Document
from store.repository import ItemFilter
from tests.helpers.builders import store_text
from tests.helpers.embedders import BagOfWordsEmbedder

TODAY = date(2026, 1, 15)


def _random_unit(n: int, dim: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture
def pair() -> tuple[AnnIndex, BruteForceIndex, np.ndarray]:
    vecs = _random_unit(5000, 32, 1)
    ann, exact = AnnIndex(), BruteForceIndex()
    ann.add(np.arange(5000), vecs)
    exact.add(np.arange(5000), vecs)
    return ann, exact, _random_unit(20, 32, 2)


def test_a_one_percent_filter_still_answers_k_exact_hits(pair: tuple[AnnIndex, BruteForceIndex, np.ndarray]) -> None:
    ann, exact, queries = pair
    allowed = set(range(0, 5000, 100))  # 50 items, 1%
    for q in queries:
        got = ann.search(q, 10, allowed=allowed)
        assert len(got) == 10 and {i for i, _ in got} <= allowed
        assert [i for i, _ in got] == [i for i, _ in exact.search(q, 10, allowed=allowed)]
        # a top-k filtered afterwards would have lost them: the plain top 10 holds at most one
        assert len({i for i, _ in ann.search(q, 10)} & allowed) < 10


def test_a_broad_filter_takes_the_oversampled_graph_search(
    pair: tuple[AnnIndex, BruteForceIndex, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    ann, exact, queries = pair
    monkeypatch.setattr(vectors, "EXACT_MAX", 100)
    monkeypatch.setattr(vectors, "EXACT_SHARE", 0.0)
    allowed = set(range(0, 5000, 3))  # a third of the items
    found = 0
    for q in queries:
        got = ann.search(q, 10, allowed=allowed)
        assert len(got) == 10 and {i for i, _ in got} <= allowed
        found += len({i for i, _ in got} & {i for i, _ in exact.search(q, 10, allowed=allowed)})
    assert found / (10 * len(queries)) >= 0.9  # recall@10 against the exact ranking


def test_unfiltered_recall_against_brute_force(pair: tuple[AnnIndex, BruteForceIndex, np.ndarray]) -> None:
    ann, exact, queries = pair
    found = sum(len({i for i, _ in ann.search(q, 10)} & {i for i, _ in exact.search(q, 10)}) for q in queries)
    assert found / (10 * len(queries)) >= 0.9
    best = exact.search(queries[0], 1)[0]
    top = ann.search(queries[0], 1)[0]
    assert top[0] == best[0] and top[1] == pytest.approx(best[1], abs=2e-3)  # float16 vectors


def test_save_and_load_keep_the_graph(tmp_path: Path, pair: tuple[AnnIndex, BruteForceIndex, np.ndarray]) -> None:
    ann, _, queries = pair
    ann.save(tmp_path / "v.usearch")
    again = AnnIndex.load(tmp_path / "v.usearch", 32)
    assert len(again) == 5000 and again.search(queries[0], 5) == ann.search(queries[0], 5)
    with pytest.raises(ValueError, match="dimensions"):
        AnnIndex.load(tmp_path / "v.usearch", 64)
    (tmp_path / "bad.usearch").write_bytes(b"not an index")
    with pytest.raises(ValueError):
        AnnIndex.load(tmp_path / "bad.usearch", 32)


# --- the service ---------------------------------------------------------------------------------


def _minutes(department: str, subjects: list[str]) -> str:
    lines = [f"विभाग: {department}"]
    lines += [f"{s} का कार्य समय से पूर्ण करने के निर्देश दिए।" for s in subjects]
    return "\n".join(lines) + "\n"


BIG = [f"सड़क संख्या {n} की मरम्मत" for n in range(1, 121)]
SMALL = ["गोदाम की मरम्मत", "पुल की मरम्मत"]


def _filled(db: Database) -> tuple[SearchService, BagOfWordsEmbedder]:
    store_text(db, _minutes("लोक निर्माण विभाग", BIG), "a", date(2025, 11, 1))
    store_text(db, _minutes("सहकारिता विभाग", SMALL), "b", date(2025, 12, 1))
    emb = BagOfWordsEmbedder()
    svc = SearchService(db, embedder_factory=lambda: emb, query_cache=8)
    svc.embed_pending()
    return svc, emb


def test_semantic_search_with_a_narrow_filter_finds_every_passing_item(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    svc, _ = _filled(db)
    monkeypatch.setattr(service_mod, "SEMANTIC_POOL", 20)  # far fewer than the 122 vectors
    with db.read() as s:
        total = s.query(ActionItem).count()
        assert len(svc.index) == total >= 100
        f = ItemFilter(department="सहकारिता")
        pool = [i for i, _ in svc.index.search(svc._embed_query(svc.embedder, "सड़क मरम्मत"), 20)]  # type: ignore[arg-type]
        small = {it.id for it in s.query(ActionItem).join(Document).filter(Document.department.like("सहकारिता%"))}
        assert len(small) == 2 and not set(pool) & small  # a post-filtered pool would be empty
        ranked = svc.semantic_ranking(s, "सड़क मरम्मत", f, TODAY, k=10)
        assert {i for i, _ in ranked} == small


def test_the_saved_index_is_reused_and_follows_new_and_deleted_items(tmp_path: Path) -> None:
    # the index is saved beside SQLite databases only (PostgreSQL keeps it in memory)
    db = Database(f"sqlite:///{tmp_path / 'saved.db'}")
    svc, emb = _filled(db)
    path = index_path(db.url, emb.name)
    assert path is not None and svc.save_vectors(force=True) and path.exists()
    note = json.loads(path.with_name(path.name + ".json").read_text())
    assert note["count"] == len(svc.index) == 122 and note["model"] == emb.name
    svc.stop()

    # while no service runs: one document is deleted, another is added (and embedded by the next one)
    with db.session() as s:
        gone = s.query(Document).filter(Document.department.like("सहकारिता%")).one()
        gone_items = {it.id for it in gone.items}
        s.delete(gone)
    store_text(db, _minutes("कृषि विभाग", ["बीज वितरण"]), "c", date(2025, 12, 5))

    again = SearchService(db, embedder_factory=lambda: emb)
    vs = again.vector_store()
    assert vs is not None and vs.loaded_from_file and len(again.index) == 122  # read from the file
    again.embed_pending()
    with db.read() as s:
        alive = {i: t for i, t in s.query(ActionItem.id, ActionItem.text)}
    assert set(again.index.keys().tolist()) == set(alive)
    # SQLite hands a deleted item's id to the next new item: its vector must be the new text's
    for item_id in gone_items & set(alive):
        vec = again.index.get(item_id)
        assert vec is not None and np.allclose(vec, emb.embed_passages([alive[item_id]])[0], atol=2e-3)
    again.stop()
    db.dispose()


def test_a_saved_index_of_another_model_or_a_newer_database_is_rebuilt(tmp_path: Path) -> None:
    # the index is saved beside SQLite databases only (PostgreSQL keeps it in memory)
    db = Database(f"sqlite:///{tmp_path / 'saved.db'}")
    svc, emb = _filled(db)
    svc.save_vectors(force=True)
    path = index_path(db.url, emb.name)
    assert path is not None and path.parent == tmp_path and path.name.startswith("saved.db.vectors-fake-bow")
    assert index_path("postgresql+psycopg://u:p@h/db", emb.name) is None
    assert index_path("sqlite:///:memory:", emb.name) is None
    note_path = path.with_name(path.name + ".json")
    note = json.loads(note_path.read_text())
    note_path.write_text(json.dumps({**note, "last_row_id": note["last_row_id"] + 1000}))
    vs = SearchService(db, embedder_factory=lambda: emb).vector_store()
    assert vs is not None and not vs.loaded_from_file
    note_path.write_text(json.dumps({**note, "dim": 32}))
    vs = SearchService(db, embedder_factory=lambda: emb).vector_store()
    assert vs is not None and not vs.loaded_from_file
    note_path.write_text(json.dumps(note))
    vs = SearchService(db, embedder_factory=lambda: emb).vector_store()
    assert vs is not None and vs.loaded_from_file
    db.dispose()


def test_the_index_of_a_postgresql_database_is_saved_in_the_vector_folder(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "vectors"
    monkeypatch.setenv(VECTOR_DIR_ENV, str(folder))
    svc, emb = _filled(db)
    vs = svc.vector_store()
    assert vs is not None
    path = index_path(db.url, emb.name, folder, engine=vs.engine)
    on_pg = db.url.startswith("postgresql")
    assert path is not None and (path.parent == folder) == on_pg  # SQLite: beside its file, as before
    assert path == vs.path and vs.engine == ("ivfpq" if on_pg else "hnsw")  # the engine by the database
    assert svc.save_vectors(force=True) and Path(f"{path}.json").exists()
    svc.stop()
    again = SearchService(db, embedder_factory=lambda: emb).vector_store()
    assert again is not None and again.loaded_from_file and len(again.index) == 122
    # a database dropped and created again under the same name is another one: its index is rebuilt
    note_path = path.with_name(path.name + ".json")
    note = json.loads(note_path.read_text())
    note_path.write_text(json.dumps({**note, "database": "postgresql oid 1"}))
    other = SearchService(db, embedder_factory=lambda: emb).vector_store()
    assert other is not None and other.loaded_from_file is not on_pg


NEW_TEXT = "बीज वितरण केंद्रों का निरीक्षण करने के निर्देश दिए।"


def test_a_re_embedded_item_replaces_its_vector(db: Database) -> None:
    svc, emb = _filled(db)
    with db.session() as s:
        item = s.query(ActionItem).order_by(ActionItem.id.desc()).first()
        assert item is not None
        item_id, before = item.id, svc.index.get(item.id)
        item.text = NEW_TEXT
    svc.refresh_vectors()  # the old vector went with the text change
    assert item_id not in svc.index
    svc.embed_pending()
    after = svc.index.get(item_id)
    assert before is not None and after is not None and not np.allclose(before, after, atol=1e-2)
    assert np.allclose(after, emb.embed_passages([NEW_TEXT])[0], atol=2e-3)


# --- query embeddings ----------------------------------------------------------------------------


def test_a_repeated_query_is_not_embedded_again(db: Database) -> None:
    svc, emb = _filled(db)
    calls = emb.calls
    first = svc.query_vector("गोदाम  की मरम्मत")
    assert first is not None and emb.calls == calls + 1
    again = svc.query_vector(" गोदाम की\tमरम्मत ")  # the same words, other white space
    assert again is not None and emb.calls == calls + 1 and np.array_equal(first, again)
    with db.read() as s:
        svc.search(s, "गोदाम की मरम्मत", ItemFilter(), TODAY)
    assert emb.calls == calls + 1 and svc.query_cache.hits >= 2
    svc.query_vector("पुल की मरम्मत")
    assert emb.calls == calls + 2


def test_query_cache_drops_the_least_recently_used() -> None:
    cache = QueryCache(2)
    v = np.ones(3, dtype=np.float32)
    cache.put("m", "a", v)
    cache.put("m", "b", v)
    assert cache.get("m", "a") is not None  # a is now the most recent
    cache.put("m", "c", v)
    assert cache.get("m", "b") is None and cache.get("m", "a") is not None and len(cache) == 2
    assert cache.get("other-model", "a") is None
    off = QueryCache(0)
    off.put("m", "a", v)
    assert off.get("m", "a") is None


def test_the_log_says_how_vectors_are_searched_on_each_store(db: Database) -> None:
    note = service_mod.pgvector_note(db)
    if db.url.startswith("sqlite"):
        assert note == "the store is SQLite"
    else:  # the machines' PostgreSQL has no pgvector package; either way vectors stay in process
        assert note.startswith("pgvector is") and note.endswith("vectors are searched in process")


def test_items_missing_embeddings_are_those_without_this_models_vector(db: Database) -> None:
    from search.item_queries import items_missing_embeddings, save_embeddings

    store_text(db, _minutes("लोक निर्माण विभाग", BIG[:6]), "a", date(2025, 11, 1))
    with db.session() as s:
        ids = sorted(i for (i,) in s.query(ActionItem.id))
        save_embeddings(s, "model-a", ids[:2], _random_unit(2, 4, seed=1))
        save_embeddings(s, "model-b", ids[2:4], _random_unit(2, 4, seed=2))
    with db.read() as s:
        assert [i for i, _ in items_missing_embeddings(s, "model-a")] == ids[2:]  # model-b's vectors do not count
        assert [i for i, _ in items_missing_embeddings(s, "model-a", limit=2)] == ids[2:4]  # oldest first
        assert [i for i, _ in items_missing_embeddings(s, "model-b")] == ids[:2] + ids[4:]
