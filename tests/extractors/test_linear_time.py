"""Extraction is linear in the length of hostile input (issue 17 item 2).

Repeated titles used to make ``PersonRegistry.find_mentions`` quadratic (15 s at 140 KB); long runs of one
character or one word with no sentence mark must not make any rule backtrack over the whole run.
The bounds are generous (a shared 2-core machine): 4x the input may take at most 6x the time.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

import pytest

from extractors import extract_document
from extractors.people import PersonRegistry
from ingest import ingest_bytes
from models.gazetteer import load_gazetteer

SMALL = 35_000  # characters
LARGE = 4 * SMALL


def _best_time(fn: Callable[[], object], repeat: int = 3) -> float:
    """CPU seconds, best of ``repeat`` runs (CPU time, so that other processes on the machine do not count),
    the garbage collector paused (its passes grow with the live heap)."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        gc.disable()
        try:
            t0 = time.process_time()
            fn()
            best = min(best, time.process_time() - t0)
        finally:
            gc.enable()
    return best


def _repeat(unit: str, size: int) -> str:
    return unit * (size // len(unit))


def _growth(run: Callable[[str], object], unit: str) -> tuple[float, float]:
    run(_repeat(unit, SMALL))  # warm caches and compiled patterns
    small = _best_time(lambda: run(_repeat(unit, SMALL)))
    large = _best_time(lambda: run(_repeat(unit, LARGE)))
    return small, large


@pytest.mark.parametrize("unit", ["डॉ.", "डॉ. ", "श्री ", "श्रीमती डॉ. "])
def test_find_mentions_is_linear_on_repeated_titles(unit: str) -> None:
    registry = PersonRegistry(load_gazetteer())
    small, large = _growth(registry.find_mentions, unit)
    assert large < 2.0, f"{LARGE} characters of {unit!r} took {large:.2f} s"
    assert large < 6 * max(small, 0.01), f"4x input took {large / max(small, 1e-6):.1f}x time"


def _extract(text: str) -> object:
    return extract_document(ingest_bytes(text.encode(), "hostile.txt"))


@pytest.mark.parametrize(
    "unit",
    ["डॉ.", "श्री ", "अ", "कहा कि ", "जिलाधिकारी ", "अधिकारियों को ", "किया जाए ", "12 मार्च ", "क, ", "राम ने "],
)
def test_extraction_is_linear_on_hostile_runs(unit: str) -> None:
    small, large = _growth(_extract, unit)
    assert large < 8.0, f"{LARGE} characters of {unit!r} took {large:.2f} s"
    assert large < 6 * max(small, 0.02), f"4x input took {large / max(small, 1e-6):.1f}x time"


def test_a_long_run_without_sentence_marks_is_read_in_bounded_pieces() -> None:
    from nlp.patterns import MAX_SENTENCE
    from nlp.sentences import split_sentences

    text = _repeat("अधिकारी काम करें ", 20_000)
    pieces = split_sentences(text)
    assert len(pieces) > 1
    assert all(len(p.text) <= MAX_SENTENCE for p in pieces)
    assert all(text[p.start : p.end] == p.text for p in pieces)
