"""Legacy (pre-Unicode) Hindi fonts such as KrutiDev 010: detect and convert to Unicode.

Text typed in KrutiDev is stored as Latin code points ("lgdkfjrk" = सहकारिता). hinlegacy converts it;
its output has a few systematic slips (reph and short-i placement around half-forms), fixed below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ingest.text import LINE_END_HYPHEN

LEGACY_FONT_HINTS = {
    "krutidev": "krutidev_010",
    "kruti dev": "krutidev_010",
    "devlys": "devlys_010",
    "chanakya": "walkman_chanakya_905",
}

# Bigrams that are rare in English but are the backbone of KrutiDev text (dk=का, ds=के, esa=में ...).
_KRUTI_TOKENS = re.compile(r"\b(?:dk|ds|dh|gS|esa|ls|dks|vkSj|ij|us|fd|;g|Fkk|gSa|fy,)\b")
_C = "[\u0915-\u0939\u0958-\u095f]"
_REPH = "\u0930\u094d\u094d"  # what hinlegacy emits for KrutiDev "Z"

# KrutiDev codes of the reph pre-pass: signs written after their consonant (matras, ं, ्र, ्य ...) and
# half forms (a conjunct's first part), as hinlegacy decodes them.
_SIGNS = frozenset("khsSaqw`%W+~¡È‚zªî")
_HALVES = frozenset("'\"./?CDEFHILOPRTUXY[{«¶¸ºËÖÙÜè÷")
_HALF_AT_LINE_END = re.compile("([" + re.escape("".join(sorted(_HALVES))) + "])\n(?=k)")
_REPH_MARK = "\ue000"  # a private-use stand-in for र् while hinlegacy decodes the rest

_FIXES: list[tuple[re.Pattern[str], str]] = [
    # bZ (इ + reph glyph) is ई
    (re.compile(_REPH + "\u0907"), "\u0908"),
    # half-form + reph + ि + ा  →  reph + full consonant + ि  (f'kZ = र्शि)
    (re.compile(f"({_C})\u094d{_REPH}\u093f\u093e"), "\u0930\u094d\\1\u093f"),
    # consonant + ा + reph + े/ै (split ो/ौ)  →  reph + consonant + ो/ौ  (dk;ksaZ = कार्यों)
    (re.compile(f"({_C})\u093e{_REPH}\u0947"), "\u0930\u094d\\1\u094b"),
    (re.compile(f"({_C})\u093e{_REPH}\u0948"), "\u0930\u094d\\1\u094c"),
    # half-form + ि + ा  →  full consonant + ि  (f/k = धि)
    (re.compile(f"({_C})\u094d\u093f\u093e"), "\\1\u093f"),
    # ि placed inside a conjunct  →  after it (fLFk = स्थि)
    (re.compile(f"\u094d\u093f({_C})"), "\u094d\\1\u093f"),
    # remaining reph glyphs: plain र्
    (re.compile(_REPH), "\u0930\u094d"),
    # KrutiDev ":" is रू; at a word end after anything but ु (शुरू, गुरू) it was almost surely a colon.
    (re.compile("(?<=[^\\s\u0941])\u0930\u0942(?=\\s|$)"), ":"),
    # KrutiDev "/" is ध्; between digits (31/07/2025) or standing alone it was a slash.
    (re.compile("(?<=\\d)\u0927\u094d(?=\\d)"), "/"),
    (re.compile("(?<=\\s)\u0927\u094d(?=\\s)"), "/"),
    # KrutiDev "–" is दृ, but standing alone between spaces it was a dash.
    (re.compile("(?<=\\s)\u0926\u0943(?=\\s)"), "–"),
]


def legacy_font(fontnames: Iterable[str]) -> str | None:
    """hinlegacy font slug if any PDF font name is a known legacy Hindi font."""
    for name in fontnames:
        low = name.lower().split("+", 1)[-1]
        for hint, slug in LEGACY_FONT_HINTS.items():
            if hint in low.replace("_", " ") or hint in low:
                return slug
    return None


def looks_like_krutidev(text: str) -> bool:
    """Mostly Latin letters, no Devanagari, and many KrutiDev function-word tokens."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) < 20:
        return False
    if sum(1 for c in letters if "\u0900" <= c <= "\u097f") > 0.05 * len(letters):
        return False
    words = text.split()
    hits = len(_KRUTI_TOKENS.findall(text))
    return hits >= max(3, 0.08 * len(words))


def place_reph(raw: str) -> str:
    """Move each KrutiDev reph ``Z`` (drawn after its syllable) to where the syllable starts.

    hinlegacy moves it back by one or two codes only, which misplaces it over a syllable with ि, a full form
    written as half form + ``k`` or a conjunct (``dkfeZdksa`` = कार्मिकों, ``fu/kkZfjr`` = निर्धारित). The
    syllable is: an optional ``f``, half forms, one base code, then signs. ``bZ`` (ई) is not a reph.
    """
    raw = raw.replace("±", "aZ")
    out = list(raw)
    i = 0
    while i < len(out):
        if out[i] != "Z" or i == 0 or out[i - 1] in "bZ":
            i += 1
            continue
        j = i - 1
        while j >= 0 and out[j] in _SIGNS:
            j -= 1
        if j < 0 or out[j].isspace():
            i += 1
            continue
        while j > 0 and out[j - 1] in _HALVES:
            j -= 1
        if j > 0 and out[j - 1] == "f":
            j -= 1
        del out[i]
        out.insert(j, _REPH_MARK)
        i += 1
    return "".join(out)


def postfix(text: str) -> str:
    for pattern, repl in _FIXES:
        text = pattern.sub(repl, text)
    return text


def _decode_line(line: str, font: str) -> str:
    import hinlegacy

    if font == "krutidev_010":
        line = place_reph(line)
    return postfix(hinlegacy.decode(line, font).replace(_REPH_MARK, "\u0930\u094d"))


def convert_legacy(text: str, font: str = "krutidev_010") -> str:
    """Legacy-font text to Unicode Devanagari, line by line (keeps line breaks).

    PDFium marks a "-" that ends a line as U+FFFE; in KrutiDev that code is the full stop of ``क्र.सं.``.
    A half form ending a line and a ``k`` opening the next are one letter, split by a narrow table cell.
    """
    text = text.replace(LINE_END_HYPHEN, "-")
    if font == "krutidev_010":  # a narrow cell broke a word between a half form and its ा stem ('\nk = श)
        text = _HALF_AT_LINE_END.sub(r"\1", text)
    out = [_decode_line(line, font) if line.strip() else line for line in text.split("\n")]
    return "\n".join(out)
