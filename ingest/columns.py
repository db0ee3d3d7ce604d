"""Columns without rulings: Tesseract's lines that jump a gutter, put back in column order.

Tesseract's page segmentation joins two columns whose lines sit at the same heights into one line
(``left column words      right column words``). Here the words of such lines are regrouped: a run
of at least two consecutive lines that all have a wide gap over a common stretch of the page (the
gutter) is read column by column, left column first, each column its own paragraph. Works on the
word table of pytesseract's image_to_data, so it costs no further OCR call.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

#: A gap between two words of a line this many times the median word height is a gutter, not a space.
GUTTER_HEIGHTS = 1.5


@dataclass
class _Line:
    key: tuple[int, int, int]  # block, paragraph, line
    words: list[int]  # indices into the word table, left to right

    def gaps(self, data: dict[str, list], minimum: float) -> list[tuple[int, int]]:
        out = []
        for a, b in zip(self.words, self.words[1:], strict=False):
            right = int(data["left"][a]) + int(data["width"][a])
            if int(data["left"][b]) - right >= minimum:
                out.append((right, int(data["left"][b])))
        return out


def _lines(data: dict[str, list]) -> list[_Line]:
    lines: dict[tuple[int, int, int], _Line] = {}
    for i, word in enumerate(data["text"]):
        if (word or "").strip():
            key = (int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i]))
            lines.setdefault(key, _Line(key, [])).words.append(i)
    for line in lines.values():
        line.words.sort(key=lambda i: int(data["left"][i]))
    return list(lines.values())


def _gutter(band: list[_Line], data: dict[str, list], minimum: float) -> tuple[int, int] | None:
    """The stretch every line of ``band`` leaves empty, as one of its wide gaps."""
    common: tuple[int, int] | None = None
    for line in band:
        best = None
        for a, b in line.gaps(data, minimum):
            lo, hi = (a, b) if common is None else (max(a, common[0]), min(b, common[1]))
            if hi - lo > 0 and (best is None or hi - lo > best[1] - best[0]):
                best = (lo, hi)
        if best is None:
            return None
        common = best
    return common


def column_order(data: dict[str, list]) -> dict[str, list]:
    """The word table with lines that span a gutter split, words in column order (new paragraph keys)."""
    heights = [int(h) for h, w in zip(data["height"], data["text"], strict=False) if (w or "").strip()]
    if not heights:
        return data
    minimum = GUTTER_HEIGHTS * statistics.median(heights)
    lines = _lines(data)
    order: list[tuple[tuple[int, ...], int, int]] = []  # (new paragraph key, line number, word index)
    bands = 0  # paragraphs after a band of columns get keys of their own
    i = 0
    while i < len(lines):
        j = i + 1
        while j < len(lines) and _gutter(lines[i : j + 1], data, minimum) is not None:
            j += 1
        gutter = _gutter(lines[i:j], data, minimum) if j - i >= 2 else None
        if gutter is None:
            order += [((bands, *lines[i].key[:2], 0), i, w) for w in lines[i].words]
            i += 1
            continue
        bands += 1
        split = (gutter[0] + gutter[1]) / 2
        for side in (1, 2):
            for n in range(i, j):
                order += [
                    ((bands, -1, -1, side), n, w)
                    for w in lines[n].words
                    if (int(data["left"][w]) >= split) == (side == 2)
                ]
        bands += 1
        i = j
    keys = {k: n for n, k in enumerate(dict.fromkeys(k for k, _, _ in order), start=1)}
    out: dict[str, list] = {k: [] for k, v in data.items() if isinstance(v, list)}
    for key, line, w in order:
        for k in out:
            out[k].append(data[k][w])
        out["block_num"][-1] = keys[key]
        out["par_num"][-1] = 1
        out["line_num"][-1] = line + 1
    return out
