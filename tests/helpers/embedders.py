"""A fake embedder for search tests: deterministic, instant, and shared words mean similarity."""

from __future__ import annotations

import hashlib
import threading

import numpy as np

from nlp.query import term_of, words


class BagOfWordsEmbedder:
    """A tiny deterministic embedder: hashed bag of stemmed words, so shared words mean similarity."""

    name = "fake-bow"
    dim = 64

    def __init__(self, gate: threading.Event | None = None) -> None:
        self.gate = gate
        self.calls = 0

    def _embed(self, texts: list[str]) -> np.ndarray:
        if self.gate is not None:
            self.gate.wait(10)
        self.calls += 1
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for n, t in enumerate(texts):
            for _, _, w in words(t):
                out[n, int(hashlib.md5(term_of(w).encode()).hexdigest(), 16) % self.dim] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)

    embed_queries = _embed
    embed_passages = _embed
