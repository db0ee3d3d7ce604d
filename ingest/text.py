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
# Page noise of a web page saved as text, which no reader takes for the note's words and no slot may read: a
# date or "PM" inside "WhatsApp-Image-2025-10-12-at-4.33.29-PM.webp" is no deadline, meeting date or officer.
# A markdown image or link keeps its caption and loses its target ("![कैप्शन](https://…/x.webp)" → "कैप्शन");
# a URL goes, and so does a file name or path of an image or a web page ("/media/…/photo.jpg)", left
# by a cut image link). Tokens with Devanagari are the note's own words and stay.
_LINK_TARGET = re.compile(r"!?\[([^\[\]\n]{0,500})\]\(\s*[^()\s]*\s*\)")
_NOISE_START = r"(?<![^\s(\[<\"'|])"  # at a token's start: after a space, a bracket, a quote or a bar
_NOISE_CHAR = r"[^\s<>\"'()\[\]|\u0900-\u097f]"
_URL = re.compile(rf"{_NOISE_START}(?:https?://|www\.){_NOISE_CHAR}*(?<![.,;:!?])", re.IGNORECASE)
_FILE_NAME = re.compile(
    rf"{_NOISE_START}{_NOISE_CHAR}*\.(?:webp|jpe?g|png|gif|svg|bmp|avif|tiff?|heic|html?|php|aspx?)"
    r"(?:\?[^\s()]*)?\)?(?![^\s.,;:!?।)\]])",
    re.IGNORECASE,
)


# "www.site.in | अपडेटेड: 3 मार्च 2025": the bar after a URL that opens a line goes with it (the banner is left whole).
_NOISE_THEN_BAR = re.compile(
    rf"^[ \t]*(?:(?:{_URL.pattern}|{_FILE_NAME.pattern})[ \t]*)+\|[ \t]*", re.IGNORECASE | re.MULTILINE
)


def without_page_noise(text: str) -> str:
    """``text`` without URLs, image and web-page file names and the targets of markdown links."""
    text = _LINK_TARGET.sub(r"\1", text)
    text = _NOISE_THEN_BAR.sub("", text)
    text = _URL.sub("", text)
    return _FILE_NAME.sub("", text)


def clean_text(text: str) -> str:
    """The one text clean-up every reader applies; evidence offsets index its output.

    NFC, Unix newlines, PDFium's line-end hyphen mark as "-", nukta before the matra, no invisible characters (ZWSP, soft
    hyphen, BOM, word joiner), odd spaces as plain spaces, no markdown emphasis (``**नाम**``), no page noise
    (URLs, image file names, link targets: ``without_page_noise``), single spaces inside a line, no spaces at
    line ends, at most one blank line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0c", "\n\n")
    text = text.replace(LINE_END_HYPHEN, "-")
    text = unicodedata.normalize("NFC", text)
    text = _NUKTA_AFTER_MATRA.sub("\u093c\\1", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = without_page_noise(text)
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
