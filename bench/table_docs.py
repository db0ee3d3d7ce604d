"""Minutes with a ruled action table, from the project's own corpus, as a typed PDF and as a photocopied scan.

Each document is built from one ``corpus/`` text and its gold file:

* a corpus text that already holds a pipe table (क्र.सं. | बिंदु | निर्देश | …) is typeset as it stands, the table
  drawn with ruling lines; its gold is the corpus gold;
* any other corpus text gives its opening paragraphs (meeting, chair, date) followed by an action table made of
  its gold directives (निर्देश | उत्तरदायी अधिकारी | समय-सीमा); its gold is the same items with the table cell as
  the sentence.

The typed PDF is written by fpdf2 with HarfBuzz shaping (Lohit Devanagari); the scan is that PDF rasterised by
pdftoppm, tilted, speckled and greyed like a photocopy, and wrapped as an image-only PDF.
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import Image, ImageFilter

from bench.generate import FONT, _readable_text_layer

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
#: Corpus documents used by default: three with their own action table, five whose directives become one.
DEFAULT_DOCS = (
    "112_nagar_nigam_karyavahi_kanpur",
    "105_manrega_karyavahi_bahraich",
    "108_lonivi_karyavahi_dehradun",
    "101_swasthya_samiti_lucknow",
    "103_rajasv_karyavritt_ayodhya",
    "104_kanoon_vyavastha_basti",
    "106_jal_jeevan_mission_jaipur",
    "107_vidyut_karyavritt_agra",
)
#: Documents whose merged-cell variant (responsible and deadline merged over three rows) is measured too.
MERGED_DOCS = ("103_rajasv_karyavritt_ayodhya", "107_vidyut_karyavritt_agra", "112_nagar_nigam_karyavahi_kanpur")
DERIVED_HEADER = ["क्र.सं.", "निर्देश", "उत्तरदायी अधिकारी", "समय-सीमा"]
_THAT = re.compile(r"(?<![\u0900-\u097f])कि\s+")


@dataclass
class TableDoc:
    name: str
    before: list[str]  # paragraphs above the table
    header: list[str]
    rows: list[list[str]]
    after: list[str] = field(default_factory=list)  # paragraphs below it
    gold: dict[str, Any] = field(default_factory=dict)
    #: Cells merged down: (first body row, column, rows covered); the covered rows hold the same text.
    merged: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def directive_column(self) -> int:
        return next(i for i, h in enumerate(self.header) if "निर्देश" in h)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def _is_row(line: str) -> bool:
    return line.count("|") >= 2


def _from_table_text(name: str, text: str, gold: dict[str, Any]) -> TableDoc:
    before: list[str] = []
    after: list[str] = []
    table: list[list[str]] = []
    for para in _paragraphs(text):
        lines = para.split("\n")
        if all(_is_row(ln) for ln in lines):
            table += [[c.strip() for c in ln.split("|")] for ln in lines]
        elif table:
            after.append(para)
        else:
            before.append(para)
    return TableDoc(name, before, table[0], table[1:], after, gold)


def _clause(sentence: str) -> str:
    m = _THAT.search(sentence)
    clause = sentence[m.end() :] if m else sentence
    return clause.strip().rstrip("।. ").strip()


def _from_gold(name: str, text: str, gold: dict[str, Any]) -> TableDoc:
    items = gold["items"]
    heads = [it["sentence"][:25] for it in items]
    before: list[str] = []
    for para in _paragraphs(text):
        if any(h in para for h in heads):
            break
        before.append(para)
    before.append("बैठक में निम्नलिखित निर्देश दिए गए:")
    rows: list[list[str]] = []
    new_items: list[dict[str, Any]] = []
    for n, it in enumerate(items, start=1):
        directive = _clause(it["sentence"])
        deadline = (it.get("deadline") or {}).get("text") or "-"
        responsible = " / ".join(it.get("responsible") or []) or "-"
        rows.append([str(n), directive, responsible, deadline])
        new_items.append({**it, "sentence": directive})
    closing = "अंत में अध्यक्ष ने सभी अधिकारियों को धन्यवाद देते हुए बैठक समाप्त की।"
    return TableDoc(name, before, list(DERIVED_HEADER), rows, [closing], {**gold, "items": new_items})


def _gold_field(column: str) -> str | None:
    if "उत्तरदायी" in column or "जिम्मेदार" in column:
        return "responsible"
    if "समय" in column or "तिथि" in column:
        return "deadline"
    return None


def merge_down(doc: TableDoc, column: int, first: int, count: int) -> TableDoc:
    """``doc`` with body rows ``first`` .. ``first + count - 1`` sharing one merged cell in ``column``.

    The covered rows take the first row's text; their gold items (found by their directive cell) take the
    first item's responsible officers or deadline, as a reader of the merged cell would.
    """
    rows = [list(r) for r in doc.rows]
    value = rows[first][column]
    for r in range(first + 1, first + count):
        rows[r][column] = value
    slot = _gold_field(doc.header[column])
    items = [dict(it) for it in doc.gold.get("items", [])]
    by_sentence = {it["sentence"]: it for it in items}
    source = by_sentence.get(rows[first][doc.directive_column])
    if slot and source is not None:
        for r in range(first + 1, first + count):
            item = by_sentence.get(rows[r][doc.directive_column])
            if item is not None:
                item[slot] = source.get(slot)
    gold = {**doc.gold, "items": items} if items else dict(doc.gold)
    merged = [*doc.merged, (first, column, count)]
    return TableDoc(f"{doc.name}.merged", doc.before, doc.header, rows, doc.after, gold, merged)


def with_merged_cells(doc: TableDoc) -> TableDoc:
    """``doc`` with its responsible and deadline cells merged over the first three body rows, as offices do
    when one officer answers for several points."""
    count = min(3, len(doc.rows))
    for column, head in enumerate(doc.header):
        if _gold_field(head) and count >= 2:
            doc = merge_down(doc, column, 0, count)
    return doc


def load_doc(name: str) -> TableDoc:
    text = (CORPUS / f"{name}.txt").read_text(encoding="utf-8")
    gold = json.loads((CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))
    if any(_is_row(ln) for ln in text.splitlines()):
        return _from_table_text(name, text, gold)
    return _from_gold(name, text, gold)


def load_docs(names: tuple[str, ...] | list[str] = DEFAULT_DOCS) -> list[TableDoc]:
    return [load_doc(n) for n in names]


# --- typed PDF -------------------------------------------------------------------------------------------


def _col_widths(header: list[str]) -> tuple[float, ...]:
    """Relative widths: the number narrow, the directive wide."""
    widths = {"क्र": 1.0, "क्रम": 1.0, "बिंदु": 2.4, "विषय": 2.4, "निर्देश": 5.6, "उत्तरदायी": 2.8, "समय": 2.0}
    widths.update({"लक्ष्य": 2.0})
    out = []
    for h in header:
        out.append(next((w for k, w in widths.items() if h.startswith(k) or k in h), 2.0))
    return tuple(out)


def text_pdf_bytes(doc: TableDoc, font_pt: float = 11.0, repeat_header: bool = True) -> bytes:
    """The document typed as a PDF: paragraphs, then the ruled table, then the closing paragraphs.

    A table that runs onto the next page repeats its header row there unless ``repeat_header`` is False.
    """
    with _readable_text_layer():
        from fpdf import FPDF, FontFace

        pdf = FPDF(format="A4", unit="mm")
        pdf.set_margins(18, 18, 18)
        pdf.set_auto_page_break(True, margin=18)
        pdf.add_font("Lohit", fname=str(FONT))
        pdf.set_font("Lohit", size=font_pt)
        pdf.set_text_shaping(True)
        pdf.add_page()
        line_h = font_pt * 0.55

        def paragraph(text: str) -> None:
            pdf.multi_cell(0, line_h, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(font_pt * 0.4)

        for para in doc.before:
            paragraph(para)
        with pdf.table(
            col_widths=_col_widths(doc.header),
            line_height=line_h,
            padding=2,
            text_align="LEFT",
            first_row_as_headings=True,
            headings_style=FontFace(emphasis=None),
            repeat_headings=1 if repeat_header else 0,
        ) as table:
            starts = {(r, c): n for r, c, n in doc.merged}
            covered = {(r + k, c) for r, c, n in doc.merged for k in range(1, n)}
            for r, cells in enumerate([doc.header, *doc.rows], start=-1):
                row = table.row()
                for c, text in enumerate(cells):
                    if (r, c) in covered:
                        continue
                    row.cell(text, rowspan=starts.get((r, c), 1))
        pdf.ln(font_pt * 0.6)
        for para in doc.after:
            paragraph(para)
        return bytes(pdf.output())


# --- scan ------------------------------------------------------------------------------------------------


def photocopy(image: Image.Image, rng: random.Random) -> Image.Image:
    """A photocopier's page: tilted a little, grey paper, toner specks, a slight blur."""
    angle = rng.uniform(-0.6, 0.6)
    grey = image.convert("L").rotate(angle, resample=Image.Resampling.BICUBIC, fillcolor=255)
    paper = rng.randint(225, 240)
    grey = grey.point(lambda v: int(paper * v / 255 + 20 * (255 - v) / 255))
    grey = grey.filter(ImageFilter.GaussianBlur(0.6))
    pixels = grey.load()
    assert pixels is not None
    w, h = grey.size
    for _ in range(w * h // 4000):  # specks
        x, y = rng.randrange(w), rng.randrange(h)
        pixels[x, y] = rng.randint(0, 120)
    return grey


def rasterise(pdf: bytes, dpi: int = 300) -> list[Image.Image]:
    """Pages of ``pdf`` as greyscale images, by pdftoppm (poppler), as a scanner would see them."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), "-png", str(src), str(Path(tmp) / "p")], check=True)
        return [Image.open(p).copy() for p in sorted(Path(tmp).glob("p-*.png"))]


def scan_pdf_bytes(typed: bytes, seed: int = 0, dpi: int = 300) -> bytes:
    """An image-only PDF of the typed PDF's pages after a photocopier."""
    rng = random.Random(seed)
    pages = [photocopy(p, rng) for p in rasterise(typed, dpi)]
    buf = io.BytesIO()
    pages[0].save(buf, format="PDF", resolution=dpi, save_all=True, append_images=pages[1:])
    return buf.getvalue()
