"""Small text helpers shared by the readers."""

from __future__ import annotations

import re
import unicodedata

_NUKTA_AFTER_MATRA = re.compile(r"([\u093e-\u094c])\u093c")
_TRAILING_WS = re.compile(r"[ \t\u00a0]+\n")
_MANY_BLANKS = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    """NFC, Unix newlines, nukta before the matra, no trailing spaces, at most one blank line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    text = unicodedata.normalize("NFC", text)
    text = _NUKTA_AFTER_MATRA.sub("\u093c\\1", text)
    text = _TRAILING_WS.sub("\n", text)
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


def normalise_ws(text: str) -> str:
    """Collapse all whitespace to single spaces (for comparisons and CER)."""
    return re.sub(r"\s+", " ", text).strip()
