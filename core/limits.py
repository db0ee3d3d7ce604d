"""Hard caps on text the service stores, embeds or accepts, shared by every layer (imports nothing).

An item's text is one sentence of a document: a 190,000-character "sentence" (a TXT of one long line)
made a search wait minutes for its embedding. Extracted text over a cap is cut (``…`` marks the cut),
corrected text over a cap is refused with a clear error, and embedders see at most EMBED_CHARS.
"""

from __future__ import annotations

#: An item's text (its sentence) and its action, as stored.
ITEM_TEXT_CHARS = 4000
#: Any other correctable string: a name, a designation, a deadline or target as written.
FIELD_TEXT_CHARS = 500
#: Entries in a correctable list (responsible officers, targets).
FIELD_LIST_ITEMS = 50
#: What an embedder is given of one text (e5-small reads 512 tokens; this is more than that).
EMBED_CHARS = 2000
#: A JSON (or any non-upload) request body, checked before it is read in full.
JSON_BODY_BYTES = 1024 * 1024


def cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, the cut marked with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
