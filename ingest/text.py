"""Small text helpers shared by the readers."""

from __future__ import annotations

import re
import unicodedata

LINE_END_HYPHEN = "\ufffe"  # PDFium's mark for a "-" that ends a line; the hyphen is in the document
_NUKTA_AFTER_MATRA = re.compile(r"([\u093e-\u094c])\u093c")
_INVISIBLE = re.compile("[\u200b\u00ad\ufeff\u2060]")  # ZWSP, soft hyphen, BOM, word joiner
_ODD_SPACES = re.compile("[\u00a0\u2000-\u200a\u202f\u205f\u3000\t]")
_MULTI_SPACE = re.compile(" {2,}")
_MANY_BLANKS = re.compile(r"\n{3,}")
# Markdown emphasis around words ("**जिलाधिकारी अनिल कुमार** ने", "*उपायुक्त* ने"), inside one line; a bullet
# ("* बिंदु") has a space after its star and stays.
_EMPHASIS = re.compile(r"(?<![\w*])(\*{1,3}|_{2})(?=[^\s*_])([^*\n]{1,200}?)(?<=[^\s*_])\1(?![\w*])")


def clean_text(text: str) -> str:
    """The one text clean-up every reader applies; evidence offsets index its output.

    NFC, Unix newlines, PDFium's line-end hyphen mark as "-", nukta before the matra, no invisible characters (ZWSP, soft
    hyphen, BOM, word joiner), odd spaces as plain spaces, no markdown emphasis (``**नाम**``), single spaces
    inside a line, no spaces at line ends, at most one blank line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    text = text.replace(LINE_END_HYPHEN, "-")
    text = unicodedata.normalize("NFC", text)
    text = _NUKTA_AFTER_MATRA.sub("\u093c\\1", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _EMPHASIS.sub(r"\2", text)
    text = "\n".join(_MULTI_SPACE.sub(" ", line).strip() for line in text.split("\n"))
    text = _MANY_BLANKS.sub("\n\n", text)
    return text.strip()


# C0/C1 control characters other than tab and newline. The garble measure counts them, so readers keep
# them until it has run; ingest_bytes drops them from the finished document (PostgreSQL refuses NUL).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def first_control(text: str) -> str | None:
    """The first control character in ``text`` (C0 other than tab and newline, DEL, C1), or None."""
    m = _CONTROL.search(text)
    return m.group() if m else None


def control_error(text: str) -> str | None:
    """A message naming the first control character of ``text``, or None when it has none."""
    c = first_control(text)
    return None if c is None else f"control character U+{ord(c):04X} is not allowed (only tab and newline are)"


def normalise_ws(text: str) -> str:
    """Collapse all whitespace to single spaces (for comparisons and CER)."""
    return re.sub(r"\s+", " ", text).strip()
