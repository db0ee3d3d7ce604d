"""Merging the keyword and the semantic ranking into one.

``rrf`` is reciprocal rank fusion: score = Σ 1 / (k + rank). It needs no calibration between BM25 /
ts_rank scores and cosine similarities, which live on unrelated scales that also differ between
SQLite and PostgreSQL and between embedders. ``weighted`` (min-max normalised scores, convex mix) is
kept for comparison in the evaluation (``nirdesh search-eval`` prints both).
"""

from __future__ import annotations

from collections.abc import Sequence

RRF_K = 60

Ranking = Sequence[tuple[int, float]]  # (item id, score: higher is better), best first


def rrf(rankings: Sequence[Ranking], k: int = RRF_K) -> list[tuple[int, float]]:
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, (item_id, _) in enumerate(ranking, start=1):
            scores[item_id] = scores.get(item_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def weighted(rankings: Sequence[Ranking], weights: Sequence[float]) -> list[tuple[int, float]]:
    """Convex combination of min-max normalised scores (a missing item scores 0 in that ranking)."""
    scores: dict[int, float] = {}
    for ranking, w in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        values = [s for _, s in ranking]
        lo, hi = min(values), max(values)
        span = hi - lo or 1.0
        for item_id, s in ranking:
            scores[item_id] = scores.get(item_id, 0.0) + w * (s - lo) / span
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
