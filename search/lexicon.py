"""The search lexicon (``models/data/search_lexicon.tsv``): query words → Devanagari equivalents."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from nlp.query import lexicon_key


@lru_cache(maxsize=1)
def search_lexicon() -> dict[str, tuple[str, ...]]:
    """Keys folded (lower-case Latin, or Devanagari with spelling variants folded)."""
    text = resources.files("models").joinpath("data/search_lexicon.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, values = line.partition("\t")
        expansions = tuple(v.strip() for v in values.split("|") if v.strip())
        if expansions:
            k = lexicon_key(key)
            out[k] = out.get(k, ()) + expansions
    return out
