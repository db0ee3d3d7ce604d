"""A minimal streaming XLSX (Office Open XML) writer: inline strings, real dates, one header style.

openpyxl's write-only mode still builds a cell object per value (4-5 s for 10,000 rows of 16 columns);
this writes each row's XML as text straight into the zip entry of its sheet. Rows go through a
temporary file, so memory does not grow with the number of rows. The tests read the result back with
openpyxl.

Supported values: str, int, float, bool, date, datetime and None (an empty cell).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
EPOCH = date(1899, 12, 30)  # Excel's day 0 (with the 1900 leap-year quirk already folded in)

# Styles (cellXfs index): 0 plain, 1 header (bold, filled, wrapped, top), 2 date yyyy-mm-dd
STYLE_HEADER, STYLE_DATE = 1, 2
STYLES = f"""{XML_HEAD}<styleSheet xmlns="{MAIN_NS}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FFDDE6F0"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">\
<alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

# XML 1.0 forbids most control characters even when escaped: a cell cannot carry them. Most cells
# hold neither those nor &, <, >: one regex search finds the few that need work.
# The same set as exporters.cells.clean (DEL, C1 and lone surrogates too): what no export carries.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_NEEDS_WORK = re.compile("[&<>\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def cell_text(value: str) -> str:
    """``value`` as XML character data: specials escaped, forbidden characters dropped."""
    return escape(_NOT_XML.sub("", value)) if _NEEDS_WORK.search(value) else value


def column_letter(n: int) -> str:
    """1 -> A, 27 -> AA."""
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def serial(value: date) -> float:
    """Excel's serial day number of a date (a datetime adds the fraction of the day)."""
    days = float((value.date() if isinstance(value, datetime) else value).toordinal() - EPOCH.toordinal())
    if isinstance(value, datetime):
        days += (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    return days


_EPOCH_DAY = EPOCH.toordinal()


def cell_xml(ref: str, value: Any, style: int = 0) -> str:
    """One ``<c>`` element; empty for None."""
    s = f' s="{style}"' if style else ""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"{s}><v>{int(value)}</v></c>'
    if type(value) is date:  # a whole day: its serial number is an integer
        return f'<c r="{ref}" s="{STYLE_DATE}"><v>{value.toordinal() - _EPOCH_DAY}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{STYLE_DATE}"><v>{serial(value):g}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><v>{value!r}</v></c>'
    text = cell_text(str(value))
    return f'<c r="{ref}" t="inlineStr"{s}><is><t xml:space="preserve">{text}</t></is></c>'


def row_xml(n: int, letters: Sequence[str], values: Iterable[Any]) -> str:
    """One ``<row>`` of plain cells: what ``cell_xml`` makes of each value, text without a call per cell
    (most cells are text; this is the writer's inner loop)."""
    parts = [f'<row r="{n}">']
    for c, v in zip(letters, values, strict=False):
        if type(v) is str:
            if v:
                if _NEEDS_WORK.search(v):
                    v = escape(_NOT_XML.sub("", v))
                parts.append(f'<c r="{c}{n}" t="inlineStr"><is><t xml:space="preserve">{v}</t></is></c>')
        elif v is not None:
            parts.append(cell_xml(f"{c}{n}", v))
    parts.append("</row>")
    return "".join(parts)


@dataclass
class Sheet:
    """One worksheet: its title, and where its rows' XML sits in the shared temporary file."""

    title: str
    spans: list[list[int]] = field(default_factory=list)  # [offset, length] of each run of its rows
    rows: int = 0


class XlsxWriter:
    """Sheets with the same columns; ``add_row`` in any sheet order, ``finish`` writes the zip.

    ``scratch`` is a temporary file (owned by the caller) that holds the rows until ``finish``.
    """

    def __init__(self, header: Sequence[tuple[str, int]], scratch: IO[bytes]) -> None:
        self.header = header  # (title, width) per column
        self.letters = [column_letter(i) for i in range(1, len(header) + 1)]
        self.sheets: dict[str, Sheet] = {}
        self._tmp = scratch
        self._end = scratch.seek(0, 2)  # rows are only appended until ``finish``

    def sheet(self, title: str) -> Sheet:
        if title not in self.sheets:
            self.sheets[title] = Sheet(title)
        return self.sheets[title]

    def add_row(self, title: str, values: Iterable[Any]) -> None:
        sheet = self.sheet(title)
        sheet.rows += 1
        n = sheet.rows + 1  # row 1 is the header
        data = row_xml(n, self.letters, values).encode()
        last = sheet.spans[-1] if sheet.spans else None
        if last and last[0] + last[1] == self._end:  # the sheet's previous row was the last one written
            last[1] += len(data)
        else:
            sheet.spans.append([self._end, len(data)])
        self._tmp.write(data)
        self._end += len(data)

    def _sheet_xml(self, sheet: Sheet) -> Iterator[bytes]:
        last = f"{self.letters[-1]}{sheet.rows + 1}"
        cols = "".join(
            f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>' for i, (_, w) in enumerate(self.header, 1)
        )
        head = "".join(cell_xml(f"{c}1", h, STYLE_HEADER) for c, (h, _) in zip(self.letters, self.header, strict=True))
        yield (
            f'{XML_HEAD}<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><dimension ref="A1:{last}"/>'
            '<sheetViews><sheetView workbookViewId="0">'
            '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
            '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
            f'<sheetFormatPr defaultRowHeight="15"/><cols>{cols}</cols><sheetData><row r="1">{head}</row>'
        ).encode()
        for offset, length in sheet.spans:
            self._tmp.seek(offset)
            while length > 0:
                piece = self._tmp.read(min(length, 1 << 20))
                length -= len(piece)
                yield piece
        yield f'</sheetData><autoFilter ref="A1:{last}"/></worksheet>'.encode()

    def finish(self, out: IO[bytes]) -> None:
        """Write the workbook to ``out`` (a file or a stream; it need not be seekable)."""
        sheets = list(self.sheets.values())
        names = "".join(
            f'<sheet name={quoteattr(s.title)} sheetId="{i}" r:id="rId{i}"/>' for i, s in enumerate(sheets, 1)
        )
        filters = "".join(
            f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'
            f"{escape(quote_sheet(s.title))}!$A$1:${self.letters[-1]}${s.rows + 1}</definedName>"
            for i, s in enumerate(sheets)
        )
        rels = "".join(
            f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            for i in range(1, len(sheets) + 1)
        )
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr(
                "[Content_Types].xml",
                f'{XML_HEAD}<Types xmlns="{CT_NS}">'
                '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                '<Default Extension="xml" ContentType="application/xml"/>'
                '<Override PartName="/xl/workbook.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                '<Override PartName="/xl/styles.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
                f"{overrides}</Types>",
            )
            z.writestr(
                "_rels/.rels",
                f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" '
                f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
            )
            z.writestr(
                "xl/workbook.xml",
                f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets>{names}</sheets>'
                f"{f'<definedNames>{filters}</definedNames>' if filters else ''}</workbook>",
            )
            z.writestr(
                "xl/_rels/workbook.xml.rels",
                f'{XML_HEAD}<Relationships xmlns="{PKG_REL_NS}">{rels}<Relationship Id="rId{len(sheets) + 1}" '
                f'Type="{REL_NS}/styles" Target="styles.xml"/></Relationships>',
            )
            z.writestr("xl/styles.xml", STYLES)
            for i, sheet in enumerate(sheets, 1):
                with z.open(f"xl/worksheets/sheet{i}.xml", "w", force_zip64=True) as entry:
                    for piece in self._sheet_xml(sheet):
                        entry.write(piece)


def quote_sheet(title: str) -> str:
    """A sheet name as a formula reference: in single quotes, quotes doubled."""
    return "'" + title.replace("'", "''") + "'"
