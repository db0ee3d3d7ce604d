"""A short excerpt of a page around the first word that matched a query."""

from __future__ import annotations

from dataclasses import dataclass

from nlp.query import QueryTerms, highlight_spans, romans_of, term_of, words

CONTEXT_CHARS = 120  # either side of the first match
ELLIPSIS = "…"


@dataclass
class Snippet:
    text: str
    spans: list[tuple[int, int]]  # matched words, as character spans of ``text``


def _cut_left(text: str, pos: int) -> int:
    """Move a start position forward to the next word start (whole words only)."""
    if pos <= 0:
        return 0
    space = text.find(" ", pos)
    nl = text.find("\n", pos)
    cands = [c for c in (space, nl) if c != -1]
    return min(cands) + 1 if cands else pos


def _cut_right(text: str, pos: int) -> int:
    """Move an end position back to the previous word end."""
    if pos >= len(text):
        return len(text)
    cut = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos))
    return cut if cut > 0 else pos


_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " "})


def _first_match(text: str, q: QueryTerms) -> tuple[int, int] | None:
    """Span of the first word that matches a query word (or starts a multi-word expansion). Stops
    there: analysing only up to the first match, and then the excerpt, keeps long pages cheap."""
    terms, romans, phrases = q.highlight_terms()
    starts = terms | {p[0] for p in phrases}
    for a, b, w in words(text):
        if term_of(w) in starts or (romans and not romans.isdisjoint(romans_of(w))):
            return a, b
    return None


def snippet(text: str, q: QueryTerms, context: int = CONTEXT_CHARS) -> Snippet:
    """About ``context`` characters either side of the first match (whole words, line breaks as
    spaces), with every match inside it marked; the page start when nothing matches."""
    first = _first_match(text, q) or (0, 0)
    start = min(_cut_left(text, first[0] - context), first[0])
    end = max(_cut_right(text, first[1] + context), first[1])
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    shift = len(prefix)
    spans = [(a + shift, b + shift) for a, b in highlight_spans(text[start:end], q)]
    return Snippet(prefix + text[start:end].translate(_SPACES) + suffix, spans)
