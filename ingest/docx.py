"""Word (.docx) files: body paragraphs and tables in document order."""

from __future__ import annotations

import io
import zipfile

from ingest.document import IngestedDocument, IngestError, Page, Table
from ingest.text import clean_text


def _table_rows(table) -> list[list[str]]:  # noqa: ANN001 - python-docx Table
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            # Merged cells repeat the same underlying element; keep them once per row.
            key = id(cell._tc)
            if key in seen:
                continue
            seen.add(key)
            cells.append(clean_text(cell.text).replace("\n", " "))
        rows.append(cells)
    return rows


def read_docx(data: bytes, source: str) -> IngestedDocument:
    try:
        import docx  # python-docx
        from docx.table import Table as DocxTable
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise IngestError("The Word file is damaged and cannot be opened.", code="corrupt") from exc
    except Exception as exc:  # lxml errors on broken XML parts
        raise IngestError("The Word file is damaged and cannot be opened.", code="corrupt") from exc

    blocks: list[str] = []
    tables: list[Table] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            text = clean_text(item.text)
            if text:
                blocks.append(text)
        elif isinstance(item, DocxTable):
            rows = [r for r in _table_rows(item) if any(c for c in r)]
            if not rows:
                continue
            header, body = rows[0], rows[1:]
            tables.append(Table(page=1, header=header, rows=body))
            # Keep the table readable in the page text too: one line per row, cells joined by " | ".
            blocks.append("\n".join(" | ".join(r) for r in rows))
    text = "\n\n".join(blocks)
    if not text.strip():
        raise IngestError("The Word file contains no text.", code="empty")
    page = Page(number=1, text=text, route="docx", tables=tables)
    return IngestedDocument(source=source, kind="docx", pages=[page], metadata={"bytes": len(data)})
