"""The ingest layer's output: pages of text with where each came from.

Everything downstream (nlp, extractors, store) reads only these types.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Route = Literal["text", "ocr", "legacy", "txt", "docx", "image"]


class IngestError(Exception):
    """A file that cannot be read: the message is one line for the user."""

    def __init__(self, reason: str, *, code: str = "unreadable") -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code  # unsupported | corrupt | encrypted | empty | too_large | unreadable | no_page | no_image

    def __reduce__(self) -> tuple[type[IngestError], tuple[str], dict[str, str]]:
        return (IngestError, (self.reason,), {"reason": self.reason, "code": self.code})  # crosses core.sandbox


#: A cell's box on its page as fractions of the page's width and height: left, top, right, bottom.
Box = tuple[float, float, float, float]


@dataclass
class Table:
    """One table on a page: header cells and body rows (cells as text).

    Where the reader knows them, each cell's box on the page (``header_boxes``/``row_boxes``) and the
    offset of its text in the page text (``header_spans``/``row_spans``: start offsets, -1 when the cell's
    text is not found there), so evidence can point at a row's own place.

    A cell merged down over several body rows (one ``उत्तरदायी अधिकारी`` for three directives) gives every
    row it covers its text; ``merged`` lists the covered cells after the first as (body row, column, body
    row where the merged cell starts), and their box and span are the merged cell's.
    """

    page: int
    header: list[str]
    rows: list[list[str]]
    header_boxes: list[Box] = field(default_factory=list)
    row_boxes: list[list[Box]] = field(default_factory=list)
    header_spans: list[int] = field(default_factory=list)
    row_spans: list[list[int]] = field(default_factory=list)
    merged: list[tuple[int, int, int]] = field(default_factory=list)


@dataclass
class Page:
    number: int  # 1-based
    text: str  # Unicode text in reading order; paragraphs separated by blank lines
    route: Route
    ocr_confidence: float | None = None  # mean word confidence 0-100 when OCR was used
    garble_score: float | None = None  # the text layer's garble measure, when one was taken
    tables: list[Table] = field(default_factory=list)
    width: float | None = None  # points
    height: float | None = None
    engine: str | None = None  # text-layer reader that won the page: pdfium | poppler | pdfplumber
    #: Lines kept out of ``text``: letterheads repeated on each page, page numbers, news-site banners.
    furniture: list[str] = field(default_factory=list)


@dataclass
class IngestedDocument:
    source: str  # file name as given (not trusted as a path)
    kind: str  # pdf | image | txt | docx
    pages: list[Page]
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
