"""Legacy (pre-Unicode) Hindi fonts such as KrutiDev 010: detect and convert to Unicode.

Text typed in KrutiDev is stored as Latin code points ("lgdkfjrk" = सहकारिता). hinlegacy converts it;
its output has a few systematic slips (reph and short-i placement around half-forms), fixed below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

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
    # KrutiDev ":" is रू; after ा at a word end it was almost surely a colon.
    (re.compile("\u093e\u0930\u0942(?=\\s)"), "\u093e:"),
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


def postfix(text: str) -> str:
    for pattern, repl in _FIXES:
        text = pattern.sub(repl, text)
    return text


def convert_legacy(text: str, font: str = "krutidev_010") -> str:
    """Legacy-font text to Unicode Devanagari, line by line (keeps line breaks)."""
    import hinlegacy

    out = [postfix(hinlegacy.decode(line, font)) if line.strip() else line for line in text.split("\n")]
    return "\n".join(out)
