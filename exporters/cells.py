"""Values that are safe in every export file, whatever people typed or a document held.

* Control characters: XML (XLSX) cannot hold C0 controls other than tab, LF and CR, iCalendar forbids
  them, and a lone surrogate cannot be encoded at all; one such character used to make an export
  answer 500 for everyone. Writers pass every text through ``clean``.
* Formulas: a spreadsheet runs a cell that starts with ``=`` (and, in CSV, ``+ - @`` tab or CR) as a
  formula, so a directive or note could carry ``=HYPERLINK(...)`` to whoever opens the export. CSV
  values get a leading apostrophe (OWASP "CSV injection"); XLSX cells are typed as strings.
"""

from __future__ import annotations

import re
from typing import Any

# C0 controls except tab, LF and CR; DEL and the C1 block; lone surrogates; the XML non-characters.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
#: A CSV value starting with one of these is read as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def clean(text: str) -> str:
    """``text`` without the characters no export format can carry."""
    return _UNSAFE.sub("", text)


def clean_value(value: Any) -> Any:
    """``clean`` for strings; other values (numbers, dates, None) unchanged."""
    return clean(value) if isinstance(value, str) else value


def csv_value(value: Any) -> Any:
    """A CSV field: cleaned, and prefixed with ``'`` when a spreadsheet would run it as a formula."""
    if not isinstance(value, str):
        return value
    text = clean(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def xlsx_cell(ws: Any, value: Any) -> Any:
    """A write-only XLSX cell holding ``value``; text is always a string cell, never a formula."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(ws, value=clean_value(value))
    if isinstance(value, str):
        cell.data_type = "s"  # openpyxl would make a formula of a text starting with "="
    return cell
