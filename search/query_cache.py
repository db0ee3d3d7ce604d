"""Query embeddings of recent searches, least recently used first out.

A query is embedded in 20-60 ms on the shared CPU (more while the worker embeds passages); the same
words come back often (the UI repeats the search for the next page, a filter change, a refresh).
The key is (embedding model, normalised query): Unicode NFC and runs of white space as one space, so
the text that was embedded is the text of the key. Case is kept (the e5 tokenizer is cased).
"""

from __future__ import annotations

import threading
import unicodedata
from collections import OrderedDict

import numpy as np


class QueryCache:
    def __init__(self, size: int) -> None:
        self.size = max(0, size)
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def normalise(q: str) -> str:
        return " ".join(unicodedata.normalize("NFC", q).split())

    def get(self, model: str, q: str) -> np.ndarray | None:
        key = (model, self.normalise(q))
        with self._lock:
            vec = self._items.get(key)
            if vec is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return vec

    def put(self, model: str, q: str, vec: np.ndarray) -> None:
        if self.size == 0:
            return
        frozen = np.array(vec, dtype=np.float32)
        frozen.setflags(write=False)
        key = (model, self.normalise(q))
        with self._lock:
            self._items[key] = frozen
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)
