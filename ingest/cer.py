"""Character and word error rates on whitespace-normalised text (used by scripts and tests, not by ingest)."""

from __future__ import annotations

from ingest.text import normalise_ws


def levenshtein(a: str, b: str) -> int:
    """Edit distance by Myers' bit-parallel algorithm (Python ints as bit vectors; fast for pages)."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    m = len(a)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in b:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def cer(hypothesis: str, reference: str) -> float:
    """Edits needed per reference character, after collapsing whitespace in both."""
    hyp, ref = normalise_ws(hypothesis), normalise_ws(reference)
    if not ref:
        return 0.0 if not hyp else 1.0
    return levenshtein(hyp, ref) / len(ref)


def word_edits(hyp: list[str], ref: list[str]) -> int:
    """Word-level edit distance (insertions, deletions, substitutions)."""
    vocab: dict[str, str] = {}
    # Each distinct word becomes one character, so the bit-parallel character distance does the work.
    a = "".join(vocab.setdefault(w, chr(len(vocab))) for w in hyp)
    b = "".join(vocab.setdefault(w, chr(len(vocab))) for w in ref)
    return levenshtein(a, b)


def wer(hypothesis: str, reference: str) -> float:
    """Word edits needed per reference word, words split on any whitespace."""
    hyp, ref = normalise_ws(hypothesis).split(), normalise_ws(reference).split()
    if not ref:
        return 0.0 if not hyp else 1.0
    return word_edits(hyp, ref) / len(ref)
