"""The same Hindi document written as PDF by several producers, as offices make them.

A :class:`Doc` (letterhead, headings, paragraphs, a ruled action table; taken from ``corpus/*.txt``,
the project's own texts) is written by:

- ``chromium``: headless Chromium print-to-PDF of an HTML rendering (Skia);
- ``libreoffice``: LibreOffice Writer's PDF export of the same HTML (``soffice --convert-to pdf``);
- ``fpdf2``: fpdf2 with HarfBuzz shaping;
- ``reportlab``: ReportLab platypus with HarfBuzz shaping;
- ``ghostscript``: the LibreOffice file re-distilled by ``gs -sDEVICE=pdfwrite`` (a "print to PDF" step);

each in the Lohit Devanagari and Noto Sans Devanagari fonts, and in a legacy KrutiDev-layout font
(``bench.legacy_font``: built from Lohit at run time; the text converted to KrutiDev codes, so the PDF's
text layer holds Latin letters as old office PDFs do). The legacy font reaches Chromium and LibreOffice
through a fontconfig file naming its directory. A missing producer raises
:class:`ProducerMissing` naming the Debian/PyPI package (``scripts/setup.sh`` installs them all).
"""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FONTS = {
    "lohit": ("Lohit Devanagari", Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf")),
    "noto": ("Noto Sans Devanagari", Path("/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf")),
}
LEGACY_FONTS = ("krutidev",)
ALL_FONTS = (*FONTS, *LEGACY_FONTS)
PRODUCERS = ("chromium", "libreoffice", "fpdf2", "reportlab", "ghostscript")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)


class ProducerMissing(RuntimeError):
    """A producer's program, package or font is not installed."""


@dataclass(frozen=True)
class Doc:
    name: str
    letterhead: str
    blocks: list[tuple[str, str]]  # ("h", heading) | ("p", paragraph)
    table: list[list[str]]  # header row first; empty when the document has none

    def legacy(self) -> Doc:
        """The same document typed in KrutiDev codes."""
        from bench.legacy_font import to_krutidev

        return Doc(
            self.name,
            to_krutidev(self.letterhead),
            [(kind, to_krutidev(text)) for kind, text in self.blocks],
            [[to_krutidev(c) for c in row] for row in self.table],
        )

    def reference(self) -> str:
        """The text a perfect reader finds: letterhead, blocks, then the table row by row."""
        parts = [self.letterhead] + [text for _, text in self.blocks] + [" ".join(row) for row in self.table]
        return "\n".join(parts)


def corpus_doc(path: Path, max_blocks: int = 12) -> Doc:
    """A corpus text as a document: first line the letterhead, pipe rows the table, short lines headings."""
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    table = [[c.strip() for c in line.split("|")] for line in lines if line.count("|") >= 2]
    blocks: list[tuple[str, str]] = []
    for line in lines[1:]:
        if line.count("|") >= 2:
            continue
        kind = "h" if len(line) < 70 and not re.search(r"[।.:]$", line) else "p"
        blocks.append((kind, line))
    return Doc(path.stem, lines[0], blocks[:max_blocks], table)


def corpus_docs(names: list[str] | None = None, max_blocks: int = 12) -> list[Doc]:
    paths = sorted(CORPUS.glob("*.txt"))
    if names:
        paths = [p for p in paths if any(p.stem.startswith(n) for n in names)]
    return [corpus_doc(p, max_blocks) for p in paths]


def _font(font: str) -> tuple[str, Path]:
    if font in LEGACY_FONTS:
        from bench.legacy_font import FAMILY, krutidev_font

        return FAMILY, krutidev_font()
    family, path = FONTS[font]
    if not path.exists():
        package = "fonts-lohit-deva" if font == "lohit" else "fonts-noto-core"
        raise ProducerMissing(f"font {path} missing: apt-get install {package} (scripts/setup.sh)")
    return family, path


def _font_env(font: str, work: Path) -> dict[str, str] | None:
    """Environment for a program that finds fonts through fontconfig: the system's plus a built legacy font."""
    if font not in LEGACY_FONTS:
        return None
    _, path = _font(font)
    conf = work / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{html.escape(str(path.parent))}</dir><cachedir>{html.escape(str(work / 'fc-cache'))}</cachedir>"
        "</fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(conf)}


def _binary(name: str, package: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ProducerMissing(f"{name} missing: apt-get install {package} (scripts/setup.sh)")
    return found


def to_html(doc: Doc, font: str) -> str:
    family, _ = _font(font)
    body = [f'<div class="lh">{html.escape(doc.letterhead)}</div>']
    for kind, text in doc.blocks:
        tag = "h3" if kind == "h" else "p"
        body.append(f"<{tag}>{html.escape(text)}</{tag}>")
    if doc.table:
        rows = []
        for i, row in enumerate(doc.table):
            cell = "th" if i == 0 else "td"
            rows.append("<tr>" + "".join(f"<{cell}>{html.escape(c)}</{cell}>" for c in row) + "</tr>")
        body.append('<table border="1" cellspacing="0" cellpadding="4">' + "".join(rows) + "</table>")
    style = (
        f"body{{font-family:'{family}';font-size:12pt}} .lh{{font-size:15pt;text-align:center;"
        "border-bottom:1.5pt solid black;padding-bottom:4pt}} table{{border-collapse:collapse;width:100%}}"
        " td,th{{border:1pt solid black;vertical-align:top}}"
    )
    return (
        f'<!DOCTYPE html><html lang="hi"><head><meta charset="utf-8"><style>{style}</style></head>'
        f"<body>{''.join(body)}</body></html>"
    )


def chromium(doc: Doc, font: str, work: Path) -> bytes:
    exe = _binary("chromium", "chromium")
    src = work / f"{doc.name}.{font}.html"
    src.write_text(to_html(doc, font), encoding="utf-8")
    out = work / f"{doc.name}.{font}.chromium.pdf"
    subprocess.run(
        [exe, *CHROMIUM_FLAGS, "--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
        env=_font_env(font, work),
    )
    return out.read_bytes()


def libreoffice(doc: Doc, font: str, work: Path) -> bytes:
    exe = _binary("soffice", "libreoffice-writer-nogui")
    src = work / f"{doc.name}.{font}.lo.html"
    src.write_text(to_html(doc, font), encoding="utf-8")
    profile = work / "lo-profile"
    subprocess.run(
        [
            exe,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--infilter=HTML (StarWriter)",  # Writer proper, not Writer/Web (which starts with a blank page)
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(work),
            str(src),
        ],
        capture_output=True,
        timeout=180,
        check=True,
        env=_font_env(font, work),
    )
    return (work / f"{doc.name}.{font}.lo.pdf").read_bytes()


def fpdf2(doc: Doc, font: str, work: Path) -> bytes:
    from fpdf import FPDF

    _, path = _font(font)
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_font("deva", fname=str(path))
    pdf.set_text_shaping(font not in LEGACY_FONTS)  # a legacy font is one glyph per code, unshaped
    pdf.add_page()
    pdf.set_font("deva", size=15)
    pdf.multi_cell(0, 9, doc.letterhead, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.line(20, pdf.get_y() + 1, 190, pdf.get_y() + 1)
    pdf.ln(4)
    for kind, text in doc.blocks:
        pdf.set_font("deva", size=13 if kind == "h" else 11)
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    if doc.table:
        pdf.set_font("deva", size=10)
        with pdf.table(first_row_as_headings=False) as table:
            for row in doc.table:
                table.row(row)
    return bytes(pdf.output())


def reportlab(doc: Doc, font: str, work: Path) -> bytes:
    try:
        from reportlab.lib import colors
        from reportlab.lib.pagesizes import A4
        from reportlab.lib.styles import ParagraphStyle
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.platypus import HRFlowable, Paragraph, SimpleDocTemplate, Table, TableStyle
    except ImportError as exc:
        raise ProducerMissing("reportlab missing: pip install reportlab (pyproject dev extra)") from exc
    _, path = _font(font)
    name = f"deva-{font}"
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(name, str(path)))
    body = ParagraphStyle("body", fontName=name, fontSize=11, leading=16, shaping=int(font not in LEGACY_FONTS))
    head = ParagraphStyle("head", parent=body, fontSize=13, leading=19, spaceBefore=6)
    top = ParagraphStyle("top", parent=body, fontSize=15, leading=21, alignment=1)
    cell = ParagraphStyle("cell", parent=body, fontSize=10, leading=14)
    story: list[object] = [Paragraph(html.escape(doc.letterhead), top), HRFlowable(width="100%", thickness=1.2)]
    story += [Paragraph(html.escape(text), head if kind == "h" else body) for kind, text in doc.blocks]
    if doc.table:
        data = [[Paragraph(html.escape(c), cell) for c in row] for row in doc.table]
        grid = Table(data, repeatRows=1)
        grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.8, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(grid)
    out = work / f"{doc.name}.{font}.reportlab.pdf"
    SimpleDocTemplate(str(out), pagesize=A4).build(story)
    return out.read_bytes()


def ghostscript(doc: Doc, font: str, work: Path) -> bytes:
    exe = _binary("gs", "ghostscript")
    src = work / f"{doc.name}.{font}.for-gs.pdf"
    src.write_bytes(libreoffice(doc, font, work))
    out = work / f"{doc.name}.{font}.gs.pdf"
    subprocess.run(
        [exe, "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", f"-sOutputFile={out}", str(src)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return out.read_bytes()


WRITERS: dict[str, Callable[[Doc, str, Path], bytes]] = {
    "chromium": chromium,
    "libreoffice": libreoffice,
    "fpdf2": fpdf2,
    "reportlab": reportlab,
    "ghostscript": ghostscript,
}


def produce(doc: Doc, producer: str, font: str, cache: Path | None = None) -> bytes:
    """The PDF of ``doc`` by ``producer`` in ``font``; cached under ``cache`` when given."""
    target = cache / f"{doc.name}.{font}.{producer}.pdf" if cache else None
    if target is not None and target.exists():
        return target.read_bytes()
    with tempfile.TemporaryDirectory(prefix="nirdesh-producer-") as tmp:
        try:
            data = WRITERS[producer](doc.legacy() if font in LEGACY_FONTS else doc, font, Path(tmp))
        except subprocess.CalledProcessError as exc:
            err = (exc.stderr or b"").decode("utf-8", "replace")[-400:]
            raise RuntimeError(f"{producer} failed on {doc.name}: {err}") from exc
    if target is not None:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return data
