"""A raw pass over a PDF's bytes, before any PDF library parses it: object count and inflated stream sizes.

A 160 KB PDF can hold a Flate stream that inflates to a hundred megabytes of path operators, which PDFium
turns into gigabytes of page objects. This pass counts objects (``N G obj`` headers and the objects packed
in object streams) and inflates every Flate stream that is not an image with a bounded decompressor,
counting the real output and stopping at the limit, so the cost is a few milliseconds per megabyte and
never more memory than one chunk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.document import IngestError
from ingest.inflate import inflated_size

#: Objects in one PDF (a 500-page scan has a few thousand).
MAX_OBJECTS = 200_000
#: What one non-image stream (a page's content, a font, an object stream) may inflate to.
MAX_STREAM_INFLATED = 16 * 1024 * 1024
#: What all non-image streams together may inflate to.
MAX_TOTAL_INFLATED = 160 * 1024 * 1024

_OBJ = re.compile(rb"(?<![0-9])[0-9]{1,10}\s+[0-9]{1,5}\s+obj\b")
_STREAM = re.compile(rb"stream\r?\n")
_OBJSTM_N = re.compile(rb"/N\s+([0-9]{1,10})")
_DICT_LOOKBACK = 4096


@dataclass
class PdfScan:
    objects: int = 0
    inflated: int = 0  # bytes, all non-image Flate streams
    largest_stream: int = 0


def scan_pdf(data: bytes) -> PdfScan:
    """Count the objects and the inflated size of non-image Flate streams; IngestError past a limit."""
    scan = PdfScan(objects=len(_OBJ.findall(data)))
    too_large = IngestError(
        "The PDF expands to too much data to process (a decompression bomb?); save or print it to PDF again.",
        code="too_large",
    )
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - _DICT_LOOKBACK) : match.start()]
        head = head[head.rfind(b"obj") + 3 :] if b"obj" in head else head
        if b"/ObjStm" in head:
            n = _OBJSTM_N.search(head)
            scan.objects += int(n.group(1)) if n else 0
        if b"/Image" in head or b"Flate" not in head:
            continue  # images are bounded by the pixel limits; other filters are not inflated here
        room = min(MAX_STREAM_INFLATED, MAX_TOTAL_INFLATED - scan.inflated)
        size, _clean = inflated_size(data, match.end(), room)  # a damaged stream is the reader's to report
        scan.largest_stream = max(scan.largest_stream, size)
        scan.inflated += size
        if size > room:
            raise too_large
        if scan.objects > MAX_OBJECTS:
            break
    if scan.objects > MAX_OBJECTS:
        raise IngestError(
            f"The PDF has more than {MAX_OBJECTS} objects; save or print it to PDF again.", code="too_large"
        )
    return scan
