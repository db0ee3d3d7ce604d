"""The IVF-PQ engine (``search.ivf``): compressed codes in memory, float16 vectors in a file read with
pread; adds, deletes and replacements go to the lists at once; filters are applied inside the probe;
saved files are reopened and a file of another engine, model or dimension is refused."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from search import ivf
from search.flat_file import FlatFile
from search.ivf import IvfIndex, slots_file, vector_file
from search.vector_store import VectorStore, index_path
from search.vectors import AnnIndex, BruteForceIndex
from store.db import Database
from store.models import ActionItem, Document
from store.repository import ItemFilter
from tests.helpers.builders import store_text
from tests.helpers.embedders import BagOfWordsEmbedder
from tests.search.test_vector_view import _minutes, _service

TODAY = date(2026, 1, 15)
DIM = 32
N = 3000
SMALL = {"lists": 16, "pq_m": 8, "nprobe": 6, "rerank": 128, "train_at": 1000}


def _clustered(n: int, seed: int) -> np.ndarray:
    """Unit vectors around 40 centres (items made from a few templates, as minutes are)."""
    rng = np.random.default_rng(seed)
    centres = rng.standard_normal((40, DIM))
    v = centres[rng.integers(0, 40, n)] + 0.4 * rng.standard_normal((n, DIM))
    return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)


def _ids(hits: list[tuple[int, float]]) -> list[int]:
    return [i for i, _ in hits]


@pytest.fixture
def built() -> tuple[IvfIndex, np.ndarray]:
    """3,000 vectors added in chunks: trained after the first 1,000, the rest coded into the lists."""
    vecs = _clustered(N, 1)
    index = IvfIndex(DIM, **SMALL)
    for lo in range(0, N, 500):
        index.add(np.arange(lo + 1, lo + 501), vecs[lo : lo + 500])
    assert index.trained and len(index) == N
    return index, vecs


def _exact(vecs: np.ndarray) -> BruteForceIndex:
    exact = BruteForceIndex()
    exact.add(np.arange(1, len(vecs) + 1), vecs)
    return exact


def test_an_added_item_is_found_and_recall_is_high(built: tuple[IvfIndex, np.ndarray]) -> None:
    index, vecs = built
    new = _clustered(1, 99)[0]
    index.add([9000], new[None, :])
    assert 9000 in index and len(index) == N + 1 and index.search(new, 1)[0][0] == 9000
    got = index.get(9000)
    assert got is not None and float(got @ new) > 0.999  # float16 in the file
    exact = _exact(vecs)
    queries = _clustered(30, 7)
    recall = np.mean([len(set(_ids(index.search(q, 10))) & set(_ids(exact.search(q, 10)))) / 10 for q in queries])
    assert recall >= 0.9
    hits = index.search(queries[0], 10)
    scores = [c for _, c in hits]
    assert scores == sorted(scores, reverse=True)  # exact cosines of the float16 vectors, best first
    assert abs(scores[0] - float(vecs[hits[0][0] - 1] @ queries[0])) < 2e-3


def test_a_deleted_item_is_never_returned(built: tuple[IvfIndex, np.ndarray]) -> None:
    index, vecs = built
    gone = _ids(index.search(vecs[9], 5))
    assert 10 in gone
    assert index.remove(gone) == 5 and index.remove(gone) == 0
    assert len(index) == N - 5 and all(i not in index for i in gone) and index.get(10) is None
    for q in (vecs[9], *_clustered(20, 3)):
        assert not set(_ids(index.search(q, 50))) & set(gone)
        assert not set(_ids(index.search(q, 10, allowed=set(range(1, 40))))) & set(gone)
    assert not set(index.keys().tolist()) & set(gone) and len(index.keys()) == N - 5


def test_a_replaced_vector_answers_with_the_new_one(built: tuple[IvfIndex, np.ndarray]) -> None:
    index, vecs = built
    index.add([10], vecs[500][None, :])  # item 10 re-embedded: now the twin of item 501
    assert len(index) == N
    hits = index.search(vecs[500], 2)
    assert {i for i, _ in hits} == {10, 501} and hits[1][1] > 0.99
    assert not any(i == 10 and c < 0.9 for i, c in index.search(vecs[9], 20))
    got = index.get(10)
    assert got is not None and float(got @ vecs[500]) > 0.999


def test_a_filter_returns_only_passing_items_and_the_exact_best_of_a_narrow_one(
    built: tuple[IvfIndex, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, vecs = built
    exact = _exact(vecs)
    narrow = set(range(1, N + 1, 97))  # 31 items: ranked exactly over all of them
    for q in _clustered(10, 5):
        assert _ids(index.search(q, 10, allowed=narrow)) == _ids(exact.search(q, 10, allowed=narrow))
    monkeypatch.setattr(ivf, "EXACT_MAX", 100)  # a broad filter: the probe selects passing ids inside
    broad = set(range(1, N + 1, 3))
    probed = []
    search: Any = index._ivf.search  # type: ignore[union-attr]

    def counted(*args: Any, **kwargs: Any) -> Any:
        probed.append(kwargs["params"].sel)
        return search(*args, **kwargs)

    monkeypatch.setattr(index._ivf, "search", counted)
    for q in _clustered(10, 6):
        got = _ids(index.search(q, 10, allowed=broad))
        assert len(got) == 10 and set(got) <= broad
        assert len(set(got) & set(_ids(exact.search(q, 10, allowed=broad)))) >= 8
    assert probed and all(sel is not None for sel in probed)  # the filter went into the probe


def test_below_train_at_every_search_is_exact() -> None:
    vecs = _clustered(300, 2)
    index = IvfIndex(DIM, **SMALL)
    index.add(np.arange(1, 301), vecs)
    assert not index.trained and len(index) == 300
    exact = _exact(vecs)
    for q in _clustered(5, 4):
        assert _ids(index.search(q, 10)) == _ids(exact.search(q, 10))
    index.remove([1, 2])
    assert 1 not in _ids(index.search(vecs[0], 300))


def test_saved_files_are_reopened_and_dead_rows_dropped(built: tuple[IvfIndex, np.ndarray], tmp_path: Path) -> None:
    index, vecs = built
    index.remove([1, 2, 3])
    index.add([4], vecs[100][None, :])  # replaced: its old row is dead
    path = tmp_path / "v.ivfpq"
    index.save(path)
    assert index.saved and index.pending == 0
    assert vector_file(path).stat().st_size == (N - 3) * DIM * 2  # only the live rows, float16
    again = IvfIndex.load(path, DIM, **SMALL)
    assert again.trained and len(again) == N - 3 and 1 not in again and 5 in again
    q = _clustered(1, 11)[0]
    assert _ids(again.search(q, 10)) == _ids(index.search(q, 10))
    assert _ids(again.search(vecs[100], 2)) in ([4, 101], [101, 4])
    # a change after the reopen goes to the tail; the saved file is never written in place
    size = vector_file(path).stat().st_size
    again.add([7000], vecs[5][None, :])
    assert again.pending == 1 and vector_file(path).stat().st_size == size
    assert set(_ids(again.search(vecs[5], 2))) == {6, 7000}


def test_a_foreign_or_damaged_file_is_refused(built: tuple[IvfIndex, np.ndarray], tmp_path: Path) -> None:
    index, _ = built
    path = tmp_path / "v.ivfpq"
    index.save(path)
    with pytest.raises(ValueError, match="dimensions"):
        IvfIndex.load(path, 64, **SMALL)
    hnsw = AnnIndex(DIM)
    hnsw.add(np.arange(1, 11), _clustered(10, 3))
    other = tmp_path / "other.ivfpq"
    hnsw.save(other)
    np.save(slots_file(other), np.arange(1, 11, dtype=np.int64))
    vector_file(other).write_bytes(b"\0" * 10 * DIM * 2)
    with pytest.raises(ValueError, match="unreadable|not an IVF-PQ"):
        IvfIndex.load(other, DIM, **SMALL)
    vector_file(path).write_bytes(vector_file(path).read_bytes()[: -DIM * 2])  # one row short
    with pytest.raises(ValueError, match="rows"):
        IvfIndex.load(path, DIM, **SMALL)


def test_the_flat_file_reads_any_slots_across_base_and_tail(tmp_path: Path) -> None:
    vecs = _clustered(50, 8)
    first = FlatFile(DIM)
    first.append(vecs[:30])
    base = tmp_path / "v.vec"
    assert first.write_live(base, np.arange(30) % 2 == 0) == 15  # the even rows
    flat = FlatFile(DIM, base, rows=15)
    flat.append(vecs[30:])  # slots 15..34
    slots = np.array([34, 0, 14, 15, 3, 20, 16, 15])
    want = np.concatenate([vecs[0:30:2], vecs[30:]])[slots]
    assert np.allclose(flat.read(slots), want, atol=1e-3)
    assert np.allclose(flat.read(np.arange(35)), np.concatenate([vecs[0:30:2], vecs[30:]]), atol=1e-3)
    with pytest.raises(ValueError, match="rows"):
        FlatFile(DIM, base, rows=16)


# --- the store on the test database (SQLite and PostgreSQL) -----------------------------------------


def test_the_store_reopens_its_ivf_files_and_follows_the_table(
    db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIRDESH_VECTOR_ENGINE", "ivfpq")
    monkeypatch.setenv("NIRDESH_VECTOR_DIR", str(tmp_path / "vectors"))
    monkeypatch.setenv("NIRDESH_VECTOR_IVF_TRAIN_AT", "256")
    monkeypatch.setenv("NIRDESH_VECTOR_IVF_LISTS", "4")
    monkeypatch.setenv("NIRDESH_VECTOR_PQ_BYTES", "8")
    roads = [f"सड़क संख्या {n} की मरम्मत" for n in range(1, 301)]
    store_text(db, _minutes("लोक निर्माण विभाग", roads), "a", TODAY)
    store_text(db, _minutes("सहकारिता विभाग", ["गोदाम की मरम्मत", "पुल की मरम्मत"]), "b", TODAY)
    emb = BagOfWordsEmbedder()
    svc = _service(db, emb)
    vs = svc.vector_store()
    assert vs is not None and vs.engine == "ivfpq" and isinstance(vs.index, IvfIndex) and vs.index.trained
    assert svc.save_vectors(force=True) and vs.path is not None and vs.path.name.endswith(".ivfpq")
    svc.stop()

    again = _service(db, emb)
    vs = again.vector_store()
    assert vs is not None and vs.loaded_from_file and isinstance(vs.index, IvfIndex) and len(vs.index) == 302
    with db.session() as s:
        gone = s.query(Document).filter(Document.department.like("सहकारिता%")).one()
        gone_ids = {it.id for it in gone.items}
        s.delete(gone)
    store_text(db, _minutes("कृषि विभाग", ["बीज भंडार का सत्यापन"]), "c", TODAY)
    again.embed_pending()
    with db.read() as s:
        alive = {i for (i,) in s.query(ActionItem.id)}
        ranked = again.semantic_ranking(s, "बीज भंडार सत्यापन", ItemFilter(), TODAY, k=50)
        hits = {h.item_id for h in again.search(s, "गोदाम पुल मरम्मत", ItemFilter(), TODAY, mode="semantic").hits}
    assert ranked[0][0] == max(alive)
    assert not {i for i, _ in ranked} & (gone_ids - alive) and not hits & (gone_ids - alive)  # SQLite reuses ids
    assert set(vs.index.keys().tolist()) == alive
    assert not again.save_vectors(force=True)  # fewer changes than NIRDESH_VECTOR_MERGE_AT: files stay
    vs.merge_at = 1
    assert again.save_vectors(force=True) and vs.index.pending == 0
    note = json.loads(Path(str(vs.path) + ".json").read_text())
    assert note["engine"] == "ivfpq" and note["count"] == len(alive) == 301
    again.stop()

    # a note of another engine at the same place: refused, rebuilt from the table
    note["engine"] = "hnsw"
    Path(str(vs.path) + ".json").write_text(json.dumps(note))
    third = VectorStore(db, emb.name, emb.dim)
    assert not third.loaded_from_file and len(third.index) == 0
    note["engine"], note["dim"] = "ivfpq", emb.dim + 1
    Path(str(vs.path) + ".json").write_text(json.dumps(note))
    assert not VectorStore(db, emb.name, emb.dim).loaded_from_file


def test_the_engine_follows_the_setting_and_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = Database(f"sqlite:///{tmp_path / 'engines.db'}")
    emb = BagOfWordsEmbedder()
    monkeypatch.delenv("NIRDESH_VECTOR_ENGINE", raising=False)
    hnsw = VectorStore(db, emb.name, emb.dim)
    assert hnsw.engine == "hnsw" and isinstance(hnsw.index, AnnIndex)  # SQLite's default
    monkeypatch.setenv("NIRDESH_VECTOR_ENGINE", "ivfpq")
    chosen = VectorStore(db, emb.name, emb.dim)
    assert isinstance(chosen.index, IvfIndex) and chosen.path == index_path(db.url, emb.name, engine="ivfpq")
    assert chosen.path != hnsw.path
    monkeypatch.setenv("NIRDESH_VECTOR_ENGINE", "annoy")
    with pytest.raises(ValueError, match="NIRDESH_VECTOR_ENGINE"):
        VectorStore(db, emb.name, emb.dim)
    db.dispose()


def test_a_repeated_filter_is_remembered_until_the_index_changes(
    built: tuple[IvfIndex, np.ndarray], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, vecs = built
    monkeypatch.setattr(ivf, "EXACT_MAX", 100)  # the probe with its selector
    made: list[int] = []
    selector = ivf._selector

    def counted(ids: np.ndarray) -> Any:
        made.append(len(ids))
        return selector(ids)

    monkeypatch.setattr(ivf, "_selector", counted)
    broad = frozenset(range(1, N + 1, 2))
    first = index.search(vecs[0], 10, allowed=broad)
    assert index.search(vecs[0], 10, allowed=broad) == first and made == [len(broad)]  # one selector
    gone = [i for i, _ in first[:3]]
    index.remove(gone)
    after = _ids(index.search(vecs[0], 10, allowed=broad))
    assert not set(after) & set(gone) and set(after) <= broad and made == [len(broad), len(broad) - 3]
