"""Synthetic Hindi review minutes and press notes for benchmarks, from the project's own templates.

Every sentence comes from the templates below (written for this project) filled from small word lists
with a seeded RNG, so a corpus is reproducible and any size. Output formats:

* TXT (pages separated by form feeds),
* text PDFs with a real text layer (fpdf2 + HarfBuzz shaping, Lohit Devanagari),
* 300 dpi page images (Pillow with RAQM layout, same font) as PNG files or an image-only PDF.

Usage: python bench/generate.py OUT_DIR [--docs 5] [--pages 3] [--seed 1] [--formats txt,pdf,png,scan]
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

FONT = Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf")
DPI = 300
A4_MM = (210.0, 297.0)
MARGIN_MM = 20.0
FONT_PT = 12.0

OFFICERS = [
    "खंड विकास अधिकारी",
    "जिला कृषि अधिकारी",
    "अधिशासी अभियंता",
    "तहसीलदार",
    "उप जिलाधिकारी",
    "जिला पंचायत राज अधिकारी",
    "मुख्य चिकित्सा अधिकारी",
    "जिला विद्यालय निरीक्षक",
    "नगर आयुक्त",
    "जिला पूर्ति अधिकारी",
    "परियोजना निदेशक",
    "जिला समाज कल्याण अधिकारी",
    "सहायक अभियंता",
]
CHAIRS = ["जिलाधिकारी", "मुख्य विकास अधिकारी", "मंडलायुक्त", "अपर जिलाधिकारी"]
NAMES = [
    "श्री रमाकांत वर्मा",
    "श्रीमती सुनीता त्रिपाठी",
    "श्री अरविंद कुमार सिंह",
    "श्री महेश चंद्र पांडेय",
    "सुश्री नेहा शर्मा",
    "श्री दिनेश प्रताप यादव",
    "श्रीमती अंजलि मिश्रा",
    "श्री योगेश कुमार",
]
DEPARTMENTS = [
    "ग्राम्य विकास विभाग",
    "कृषि विभाग",
    "लोक निर्माण विभाग",
    "राजस्व विभाग",
    "स्वास्थ्य विभाग",
    "बेसिक शिक्षा विभाग",
    "पंचायती राज विभाग",
    "खाद्य एवं रसद विभाग",
    "जल निगम",
]
PLACES = ["सीतापुर", "गोंडा", "बलिया", "मिर्जापुर", "हरदोई", "उन्नाव", "बांदा", "ललितपुर", "देवरिया", "कन्नौज"]
HALLS = ["कलेक्ट्रेट सभागार", "विकास भवन सभाकक्ष", "तहसील सभागार", "जिला पंचायत सभागार"]
TASKS = [
    "लंबित आवेदनों का निस्तारण",
    "सड़कों की मरम्मत का कार्य",
    "हैंडपंपों की जांच",
    "छात्रवृत्ति का भुगतान",
    "राशन कार्डों का सत्यापन",
    "नालियों की सफाई",
    "आंगनबाड़ी केंद्रों का निरीक्षण",
    "पौधरोपण का सत्यापन",
    "भूमि अभिलेखों का अद्यतन",
    "टीकाकरण शिविरों का आयोजन",
    "पेंशन प्रकरणों की जांच",
    "गौशालाओं में चारे की व्यवस्था",
]
UNITS = ["किलोमीटर", "हेक्टेयर", "लाभार्थियों", "विद्यालयों", "ग्राम पंचायतों", "आवासों"]
MONTHS = ["जनवरी", "फरवरी", "मार्च", "अप्रैल", "मई", "जून", "जुलाई", "अगस्त", "सितंबर", "अक्टूबर", "नवंबर", "दिसंबर"]
RECURRENCE = ["प्रत्येक सप्ताह", "हर माह", "प्रतिदिन", "प्रत्येक पखवाड़े", "हर सोमवार"]
DIRECTIVE_VERBS = ["निर्देश दिए कि", "निर्देशित किया कि", "आदेश दिया कि", "कहा कि"]

TITLE = "{dept} की मासिक समीक्षा बैठक का कार्यवृत्त"
OPENINGS = [
    "आज दिनांक {date} को {hall} में {chair} की अध्यक्षता में {dept} की समीक्षा बैठक आयोजित की गई।",
    "{place} में {date} को {chair} ने {dept} की योजनाओं की प्रगति की विस्तार से समीक्षा की।",
]
ATTENDANCE = "बैठक में {name}, {o1}, {o2} तथा संबंधित विभागों के अधिकारी उपस्थित रहे।"
DIRECTIVES = [
    "{chair} ने {verb} {officer} {task} {deadline} तक पूर्ण कराना सुनिश्चित करें।",
    "{officer} को {verb} {place} में {task} {deadline} तक पूरा कर आख्या प्रस्तुत करें।",
    "{chair} ने {verb} {task} की समीक्षा {recur} की जाए और {officer} इसकी रिपोर्ट भेजें।",
    "{verb} {officer} {number} {unit} का लक्ष्य {deadline} तक प्राप्त करें।",
    "उन्होंने {verb} {officer} {task} में किसी प्रकार की शिथिलता न बरतें, अन्यथा कार्यवाही की जाएगी।",
    "{officer} {task} {within} दिन के भीतर पूर्ण करें तथा प्रगति {recur} अवगत कराएं, ऐसे निर्देश दिए गए।",
]
REMARKS = [
    "{officer} ने अवगत कराया कि {task} का {percent} प्रतिशत कार्य पूर्ण हो चुका है।",
    "समीक्षा में पाया गया कि {place} में {task} की प्रगति संतोषजनक नहीं है।",
    "{dept} द्वारा बताया गया कि अब तक {number} {unit} में कार्य प्रारंभ कराया जा चुका है।",
    "बैठक में {task} से संबंधित समस्याओं पर विस्तृत चर्चा की गई।",
]
CLOSING = "अंत में {chair} ने सभी अधिकारियों को धन्यवाद देते हुए बैठक समाप्त की।"


@dataclass
class SyntheticDocument:
    name: str
    pages: list[str]  # each page: paragraphs separated by blank lines

    @property
    def text(self) -> str:
        return "\f".join(self.pages)


def _hindi_date(d: date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _fill(template: str, rng: random.Random, ctx: dict[str, str]) -> str:
    deadline = date(2026, 1, 1) + timedelta(days=rng.randint(0, 360))
    values = {
        "officer": rng.choice(OFFICERS),
        "task": rng.choice(TASKS),
        "place": rng.choice(PLACES),
        "deadline": _hindi_date(deadline),
        "recur": rng.choice(RECURRENCE),
        "verb": rng.choice(DIRECTIVE_VERBS),
        "number": f"{rng.randint(12, 4800):,}",
        "unit": rng.choice(UNITS),
        "within": str(rng.choice([7, 10, 15, 30])),
        "percent": str(rng.randint(20, 95)),
        **ctx,
    }
    return template.format(**values)


def make_document(rng: random.Random, pages: int, name: str, paragraphs_per_page: int = 5) -> SyntheticDocument:
    """One document of ``pages`` pages; each page holds ``paragraphs_per_page`` paragraphs of 2-3 sentences."""
    ctx = {
        "chair": rng.choice(CHAIRS),
        "dept": rng.choice(DEPARTMENTS),
        "hall": rng.choice(HALLS),
        "date": _hindi_date(date(2025, 1, 1) + timedelta(days=rng.randint(0, 300))),
        "name": rng.choice(NAMES),
        "o1": rng.choice(OFFICERS),
        "o2": rng.choice(OFFICERS),
    }
    out: list[str] = []
    for p in range(pages):
        paras: list[str] = []
        if p == 0:
            paras.append(TITLE.format(**ctx))
            paras.append(_fill(rng.choice(OPENINGS), rng, ctx) + " " + _fill(ATTENDANCE, rng, ctx))
        while len(paras) < paragraphs_per_page:
            sentences = [_fill(rng.choice(REMARKS), rng, ctx)]
            sentences += [_fill(rng.choice(DIRECTIVES), rng, ctx) for _ in range(rng.randint(1, 2))]
            paras.append(" ".join(sentences))
        if p == pages - 1:
            paras.append(_fill(CLOSING, rng, ctx))
        out.append("\n\n".join(paras))
    return SyntheticDocument(name, out)


def make_corpus(docs: int, pages: int, seed: int = 1) -> list[SyntheticDocument]:
    rng = random.Random(seed)
    return [make_document(rng, pages, f"synthetic-{seed}-{i:04d}") for i in range(docs)]


# --- output formats -------------------------------------------------------------------------------


def write_txt(doc: SyntheticDocument, path: Path) -> Path:
    path.write_text(doc.text, encoding="utf-8")
    return path


@contextlib.contextmanager
def _readable_text_layer() -> Iterator[None]:
    """Two adjustments to fpdf2 2.8 so that PDF readers get the Devanagari back from the shaped text.

    * A glyph that HarfBuzz puts in the same cluster as the one before it (व after a reordered ि) gets no
      ToUnicode entry, so readers print its glyph code as a control character; it is mapped to ZWSP instead,
      which readers drop or ingest's clean-up removes.
    * Marks with a GPOS offset are written after a text-matrix jump, and PDFium then reads them after the next
      letter (बैठक as बठै क); Lohit's offsets are fractions of a point, so they are dropped.
    The page looks the same; without these ingest finds the text layer garbled and OCRs the page, with them
    the text layer reads back exactly (CER 0 on the generated corpus).
    """
    from fpdf.fonts import SubsetMap, TTFFont

    get_glyph, shape_text = SubsetMap.get_glyph, TTFFont.shape_text

    def patched_get_glyph(self, glyph=None, unicode=None, glyph_name=None, glyph_width=None):  # noqa: ANN001, ANN202
        if isinstance(unicode, tuple) and not unicode and glyph is not None:
            unicode = (0x200B,)
        return get_glyph(self, glyph, unicode, glyph_name, glyph_width)

    def patched_shape_text(self, text, font_size_pt, params):  # noqa: ANN001, ANN202
        out = shape_text(self, text, font_size_pt, params)
        for g in out:
            g["x_offset"] = g["y_offset"] = 0
            g["force_positioning"] = g["y_advance"] != 0
        return out

    # Patching fpdf2's methods in place is the point here (a like-for-like timing of its shaping).
    SubsetMap.get_glyph = functools.lru_cache(maxsize=None)(patched_get_glyph)  # type: ignore[method-assign]
    TTFFont.shape_text = patched_shape_text  # type: ignore[method-assign]
    try:
        yield
    finally:
        SubsetMap.get_glyph, TTFFont.shape_text = get_glyph, shape_text  # type: ignore[method-assign]


def text_pdf_bytes(doc: SyntheticDocument) -> bytes:
    """A text PDF whose text layer is HarfBuzz-shaped Devanagari (one PDF page per document page)."""
    with _readable_text_layer():
        return _text_pdf(doc)


def _text_pdf(doc: SyntheticDocument) -> bytes:
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(False)
    pdf.add_font("Lohit", fname=str(FONT))
    pdf.set_font("Lohit", size=FONT_PT)
    pdf.set_text_shaping(True)
    for page in doc.pages:
        pdf.add_page()
        for para in page.split("\n\n"):
            pdf.multi_cell(0, FONT_PT * 0.55, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(FONT_PT * 0.4)
    return bytes(pdf.output())


def write_text_pdf(doc: SyntheticDocument, path: Path) -> Path:
    path.write_bytes(text_pdf_bytes(doc))
    return path


def _wrap(text: str, font, width: int) -> list[str]:  # noqa: ANN001 - a PIL FreeTypeFont
    lines: list[str] = []
    for para in text.split("\n\n"):
        line = ""
        for word in para.split():
            candidate = f"{line} {word}".strip()
            if line and font.getlength(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
        lines.append("")
    return lines


def page_image(page: str, dpi: int = DPI):  # noqa: ANN201 - PIL.Image.Image
    """A white A4 page at ``dpi`` with the text typeset by RAQM (correct Devanagari shaping), greyscale."""
    from PIL import Image, ImageDraw, ImageFont

    px = dpi / 25.4
    size = (round(A4_MM[0] * px), round(A4_MM[1] * px))
    image = Image.new("L", size, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), round(FONT_PT * dpi / 72), layout_engine=ImageFont.Layout.RAQM)
    margin = round(MARGIN_MM * px)
    pitch = round(FONT_PT * dpi / 72 * 1.6)
    y = margin
    for line in _wrap(page, font, size[0] - 2 * margin):
        if line:
            draw.text((margin, y), line, font=font, fill=0)
        y += pitch if line else pitch // 2
    return image


def write_pngs(doc: SyntheticDocument, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i, page in enumerate(doc.pages, 1):
        path = folder / f"{doc.name}-p{i:03d}.png"
        page_image(page).save(path, dpi=(DPI, DPI))
        paths.append(path)
    return paths


def write_scan_pdf(doc: SyntheticDocument, path: Path, images: list | None = None) -> Path:
    """An image-only PDF (no text layer) of the pages rendered at 300 dpi."""
    images = images or [page_image(p) for p in doc.pages]
    images[0].save(path, "PDF", resolution=DPI, save_all=True, append_images=images[1:])
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=5)
    ap.add_argument("--pages", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default="txt,pdf", help="comma-separated: txt, pdf, png, scan")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    formats = set(args.formats.split(","))
    for doc in make_corpus(args.docs, args.pages, args.seed):
        if "txt" in formats:
            write_txt(doc, args.out / f"{doc.name}.txt")
        if "pdf" in formats:
            write_text_pdf(doc, args.out / f"{doc.name}.text.pdf")
        if "png" in formats:
            write_pngs(doc, args.out / doc.name)
        if "scan" in formats:
            write_scan_pdf(doc, args.out / f"{doc.name}.scan.pdf")
    print(f"wrote {args.docs} documents of {args.pages} pages to {args.out}")


if __name__ == "__main__":
    main()
