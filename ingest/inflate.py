"""Counting what a deflate stream inflates to, in bounded memory (one chunk at a time, stopping at a limit)."""

from __future__ import annotations

import zlib

CHUNK = 64 * 1024
ZLIB, RAW = 15, -15  # wbits: a zlib stream (PDF /FlateDecode), raw deflate (zip members)


def inflated_size(data: bytes, start: int, limit: int, wbits: int = ZLIB) -> tuple[int, bool]:
    """(bytes the stream at ``data[start:]`` inflates to, counted up to ``limit`` + 1 at most; whether it
    inflated without a zlib error). A damaged stream counts what came out before the damage."""
    d = zlib.decompressobj(wbits)
    total, pos, pending = 0, start, b""
    while total <= limit:
        if not pending:
            pending = data[pos : pos + CHUNK]
            pos += len(pending)
            if not pending:
                break
        try:
            total += len(d.decompress(pending, CHUNK))
        except zlib.error:
            return total, False
        pending = d.unconsumed_tail
        if d.eof:
            break
    return total, True
