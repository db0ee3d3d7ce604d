"""A saved vector index opened memory-mapped (read-only): the delta index and tombstones beside it keep
new, re-embedded and deleted items right; the merge writes them into a new file; a file of another
model, dimension or vector type is refused."""

from __future__ import annotations

import json
import threading
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from search import vectors
from search.service import SearchService
from search.vector_store import VectorStore, index_path
from search.vectors import AnnIndex, BruteForceIndex
from store.db import Database
from store.models import ActionItem, Document
from store.repository import ItemFilter
from tests.helpers.builders import store_text
from tests.helpers.embedders import BagOfWordsEmbedder

TODAY = date(2026, 1, 15)
DIM = 32


def _unit(n: int, seed: int) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal((n, DIM)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


@pytest.fixture(params=["f16", "i8"])
def viewed(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[AnnIndex, np.ndarray, Path]:
    """2,000 vectors saved, then opened as a view."""
    vecs = _unit(2000, 1)
    built = AnnIndex(DIM, dtype=request.param)
    built.add(np.arange(1, 2001), vecs)
    path = tmp_path / "v.usearch"
    built.save(path)
    view = AnnIndex.load(path, DIM, dtype=request.param, view=True)
    assert view.viewed and len(view) == 2000 and view.pending == 0
    return view, vecs, path


def test_an_item_added_after_the_view_opened_is_found(viewed: tuple[AnnIndex, np.ndarray, Path]) -> None:
    index, _, _ = viewed
    new = _unit(1, 99)[0]
    index.add([5000], new[None, :])
    assert 5000 in index and len(index) == 2001 and index.pending == 1
    assert index.search(new, 1)[0][0] == 5000
    assert index.search(new, 3, allowed={5000, 7, 8})[0][0] == 5000  # the exact path reads the delta
    assert 5000 in set(index.keys().tolist())
    got = index.get(5000)
    assert got is not None and float(got @ new) > 0.99


def test_a_deleted_item_is_never_returned(viewed: tuple[AnnIndex, np.ndarray, Path]) -> None:
    index, vecs, _ = viewed
    gone = [i for i, _ in index.search(vecs[9], 5)]  # item 10 and its nearest neighbours
    assert 10 in gone
    assert index.remove(gone) == 5 and index.remove(gone) == 0
    assert len(index) == 1995 and all(i not in index for i in gone) and index.get(10) is None
    for q in (vecs[9], *_unit(20, 3)):
        assert not {i for i, _ in index.search(q, 50)} & set(gone)
        assert not {i for i, _ in index.search(q, 10, allowed=set(range(1, 40)))} & set(gone)
    assert not set(index.keys().tolist()) & set(gone)


def test_a_replaced_vector_answers_with_the_new_one(viewed: tuple[AnnIndex, np.ndarray, Path]) -> None:
    index, vecs, _ = viewed
    index.add([10], vecs[500][None, :])  # item 10 re-embedded: now the twin of item 501
    assert len(index) == 2000
    hits = index.search(vecs[500], 2)
    assert {i for i, _ in hits} == {10, 501} and hits[1][1] > 0.98
    assert not any(i == 10 and c < 0.9 for i, c in index.search(vecs[9], 20))


def test_the_merge_writes_a_new_file_and_maps_it(viewed: tuple[AnnIndex, np.ndarray, Path]) -> None:
    index, vecs, path = viewed
    index.remove([1, 2, 3])
    index.add([3000, 4], _unit(2, 5))
    queries = _unit(10, 6)
    before = [index.search(q, 10) for q in queries]
    index.save(path, view=True)
    assert index.viewed and index.pending == 0 and len(index) == 1998
    assert [index.search(q, 10) for q in queries] == before
    again = AnnIndex.load(path, DIM, dtype=index.dtype, view=True)
    assert set(again.keys().tolist()) == (set(range(4, 2001)) | {3000})


def test_changes_made_while_the_merge_runs_are_kept(viewed: tuple[AnnIndex, np.ndarray, Path]) -> None:
    index, vecs, path = viewed
    index.remove([1])
    merge = threading.Thread(target=index.save, args=(path,), kwargs={"view": True})
    merge.start()  # the merge runs in a child process; searches and changes go on meanwhile
    new = _unit(1, 42)
    index.add([9000], new)
    index.remove([2])
    assert index.search(new[0], 1)[0][0] == 9000
    merge.join(60)
    assert not merge.is_alive() and index.viewed
    assert 9000 in index and 1 not in index and 2 not in index and len(index) == 1999
    assert index.search(new[0], 1)[0][0] == 9000
    assert not {1, 2} & ({i for i, _ in index.search(vecs[0], 20)} | {i for i, _ in index.search(vecs[1], 20)})


def test_the_view_recall_matches_the_in_memory_index(viewed: tuple[AnnIndex, np.ndarray, Path]) -> None:
    index, vecs, _ = viewed
    exact = BruteForceIndex()
    exact.add(np.arange(1, 2001), vecs)
    queries = _unit(20, 4)
    found = sum(len({i for i, _ in index.search(q, 10)} & {i for i, _ in exact.search(q, 10)}) for q in queries)
    assert found / 200 >= (0.9 if index.dtype == "f16" else 0.6)


def test_a_file_of_another_dimension_or_vector_type_is_refused(viewed: tuple[AnnIndex, np.ndarray, Path]) -> None:
    index, _, path = viewed
    other = "i8" if index.dtype == "f16" else "f16"
    with pytest.raises(ValueError, match=f"not {other}"):
        AnnIndex.load(path, DIM, dtype=other, view=True)
    with pytest.raises(ValueError, match="dimensions"):
        AnnIndex.load(path, 64, dtype=index.dtype, view=True)


# --- the store: restart, catch-up, refusal -------------------------------------------------------


def _minutes(department: str, subjects: list[str]) -> str:
    return "\n".join([f"विभाग: {department}"] + [f"{s} का कार्य समय से पूर्ण करने के निर्देश दिए।" for s in subjects]) + "\n"


def _service(db: Database, emb: BagOfWordsEmbedder) -> SearchService:
    svc = SearchService(db, embedder_factory=lambda: emb, query_cache=8)
    svc.embed_pending()
    return svc


def test_a_restart_reopens_the_saved_file_as_a_view_and_follows_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NIRDESH_VECTOR_VIEW", "1")
    db = Database(f"sqlite:///{tmp_path / 'view.db'}")
    store_text(db, _minutes("लोक निर्माण विभाग", [f"सड़क संख्या {n} की मरम्मत" for n in range(1, 41)]), "a", TODAY)
    store_text(db, _minutes("सहकारिता विभाग", ["गोदाम की मरम्मत", "पुल की मरम्मत"]), "b", TODAY)
    emb = BagOfWordsEmbedder()
    svc = _service(db, emb)
    assert svc.save_vectors(force=True)
    vs = svc.vector_store()
    assert vs is not None and vs.index.viewed  # the first save maps the file it wrote
    svc.stop()

    again = _service(db, emb)
    vs = again.vector_store()
    assert vs is not None and vs.loaded_from_file and vs.index.viewed and len(vs.index) == 42
    # after the view opened: a document deleted, another added (and embedded)
    with db.session() as s:
        gone = s.query(Document).filter(Document.department.like("सहकारिता%")).one()
        gone_ids = {it.id for it in gone.items}
        s.delete(gone)
    store_text(db, _minutes("कृषि विभाग", ["बीज भंडार का सत्यापन"]), "c", TODAY)
    again.embed_pending()
    with db.read() as s:
        alive = {i for (i,) in s.query(ActionItem.id)}
        new_id = max(alive)
        ranked = again.semantic_ranking(s, "बीज भंडार सत्यापन", ItemFilter(), TODAY, k=50)
        hits = {h.item_id for h in again.search(s, "गोदाम पुल मरम्मत", ItemFilter(), TODAY, mode="semantic").hits}
    assert ranked[0][0] == new_id
    assert not {i for i, _ in ranked} & (gone_ids - alive) and not hits & (gone_ids - alive)
    assert set(vs.index.keys().tolist()) == alive and vs.index.pending > 0
    assert not again.save_vectors(force=True)  # fewer changes than NIRDESH_VECTOR_MERGE_AT: the file stays
    again.stop()

    third = _service(db, emb)  # the file is the old one; its note's last row brings the rest back
    vs3 = third.vector_store()
    assert vs3 is not None and vs3.loaded_from_file and set(vs3.index.keys().tolist()) == alive
    vs3.merge_at = 1
    vs3._dirty = True
    assert third.save_vectors(force=True) and vs3.index.pending == 0 and vs3.index.viewed
    note = json.loads(Path(str(vs3.path) + ".json").read_text())
    assert note["count"] == len(alive)
    third.stop()
    db.dispose()


def test_a_saved_file_of_another_vector_type_is_not_used(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 'kinds.db'}")
    store_text(db, _minutes("लोक निर्माण विभाग", ["सड़क की मरम्मत", "पुल की मरम्मत"]), "a", TODAY)
    emb = BagOfWordsEmbedder()
    svc = _service(db, emb)
    assert svc.save_vectors(force=True)
    f16 = index_path(db.url, emb.name)
    assert f16 is not None and f16.exists()
    i8 = VectorStore(db, emb.name, emb.dim, dtype="i8")
    assert i8.path is not None and i8.path != f16 and i8.path.name.endswith(".i8.usearch")
    assert not i8.loaded_from_file  # its own file does not exist yet; the f16 one is not taken
    # a note that lies about the vector type: the file itself is checked too
    note = Path(str(f16) + ".json")
    i8.path.write_bytes(f16.read_bytes())
    Path(str(i8.path) + ".json").write_text(note.read_text().replace('"f16"', '"i8"'))
    assert not VectorStore(db, emb.name, emb.dim, dtype="i8").loaded_from_file
    other_model = VectorStore(db, "another-model", emb.dim)
    assert other_model.path != f16 and not other_model.loaded_from_file
    with pytest.raises(ValueError, match="NIRDESH_VECTOR_DTYPE"):
        VectorStore(db, emb.name, emb.dim, dtype="f64")
    svc.stop()
    db.dispose()


def test_a_candidate_set_above_the_cap_is_not_ranked_by_reading_every_vector(
    viewed: tuple[AnnIndex, np.ndarray, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    index, vecs, _ = viewed
    monkeypatch.setattr(vectors, "EXACT_CAP", 500)  # 0.25 x 2,000 items would allow 500: the cap decides
    read: list[int] = []
    exact = AnnIndex._exact

    def counted(self: AnnIndex, q: np.ndarray, cand: np.ndarray, k: int) -> list[tuple[int, float]]:
        read.append(len(cand))
        return exact(self, q, cand, k)

    monkeypatch.setattr(AnnIndex, "_exact", counted)
    half = set(range(1, 2001, 2))
    got = index.search(vecs[0], 10, allowed=half)
    assert len(got) == 10 and {i for i, _ in got} <= half and read == []
    assert len(index.search(vecs[0], 10, allowed=set(range(1, 401)))) == 10 and read == [400]
