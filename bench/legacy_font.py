"""A KrutiDev-layout legacy font, built at run time from Lohit Devanagari, and Unicode -> KrutiDev text.

No KrutiDev font ships with Debian and none is downloaded. Legacy Hindi fonts put Devanagari glyphs
(full and half consonants, matras, ligatures) on ASCII/Latin-1 code points; text typed in them is
stored as those Latin codes ("lgdkfjrk" = सहकारिता). :func:`build_krutidev_font` derives such a font:
for every code of the KrutiDev 010 layout (the table of ``hinlegacy``, the converter ``ingest.legacy``
uses) it adds a glyph drawn from Lohit's own outlines - one glyph, or the HarfBuzz-shaped sequence
as a composite (half forms, conjuncts, the reph) - and a cmap holding only those codes. Shaping tables
are dropped, as in the old fonts: each code is one glyph, so a PDF's text layer holds the Latin codes.

:func:`to_krutidev` converts Unicode to KrutiDev with ``hinlegacy.encode`` (the inverse of the project's
decoder table) plus the nukta letters and slash that encoder leaves as they were.
"""

from __future__ import annotations

import hashlib
import tempfile
import unicodedata
from pathlib import Path

from bench.producers import FONTS, ProducerMissing

FAMILY = "KrutiDev010 Nirdesh"
SLUG = "krutidev_010"
# Codes whose glyph is not what decoding the code alone gives.
_SPECIAL = {
    "f": "\u093f",  # ि, drawn before its consonant
    "Z": "REPH",  # the reph, drawn after its syllable
    "±": "REPH\u0902",  # reph + anusvara
    "z": "RAKAR",  # ्र under the consonant before it
    "ª": "RAKAR",
}
# Marks drawn only in context: the glyph that shaping (text) adds beside the base letter's glyph.
_CONTEXT = {"REPH": ("\u0930\u094d\u0915", "\u0915"), "RAKAR": ("\u091f\u094d\u0930", "\u091f")}
# Nukta letters (precomposed, as hinlegacy's encoder normalises them) and signs its table leaves alone.
_ENCODE_AFTER = {
    "\u0958": "d+",
    "\u0959": "[+k",
    "\u095a": "x+",
    "\u095b": "t+",
    "\u095c": "M+",
    "\u095d": "<+",
    "\u095e": "Q+",
    "\u095f": ";+",
}


def to_krutidev(text: str) -> str:
    """Unicode Devanagari text as typed in a KrutiDev 010 font."""
    import hinlegacy

    out = hinlegacy.encode(text.replace("/", "\ue001"), SLUG)
    for uni, code in _ENCODE_AFTER.items():
        out = out.replace(uni, code)
    return out.replace("\ue001", "@")


def _layout() -> dict[str, str]:
    """KrutiDev code -> the Unicode text its glyph draws (codes of the converter's table only)."""
    import hinlegacy

    layout: dict[str, str] = {}
    for cp in [*range(0x21, 0x7F), *range(0xA1, 0x100), *(ord(c) for c in "‚ƒ„…†‡ˆ‰Š‹Œ‘’“”–—™")]:
        code = chr(cp)
        meaning = _SPECIAL.get(code) or hinlegacy.decode(code, SLUG)
        if meaning and meaning != code:
            layout[code] = unicodedata.normalize("NFC", meaning)
    return layout


def _shape(font_path: Path, text: str) -> list[tuple[int, int, int, int]]:
    """(glyph id, x offset, y offset, advance) of ``text`` shaped by HarfBuzz, without dotted circles."""
    import uharfbuzz as hb

    face = hb.Face(font_path.read_bytes())
    font = hb.Font(face)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    buf.flags = hb.BufferFlags.DO_NOT_INSERT_DOTTED_CIRCLE
    hb.shape(font, buf, {})
    return [
        (info.codepoint, pos.x_offset, pos.y_offset, pos.x_advance)
        for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True)
    ]


def _pieces(font_path: Path, cmap: dict[int, str], order: list[str], meaning: str) -> list[tuple[str, int, int, int]]:
    """The base glyphs (name, x, y, advance) that draw ``meaning``."""
    for marker, (context, base) in _CONTEXT.items():
        if meaning.startswith(marker):
            shaped = _shape(font_path, context)
            added = [(order[g], x, y, 0) for g, x, y, _ in shaped if order[g] != cmap[ord(base)]]
            rest = meaning[len(marker) :]
            return added + _pieces(font_path, cmap, order, rest) if rest else added
    if len(meaning) == 1 and unicodedata.category(meaning) == "Mn":
        # a mark sits where the font's positioning puts it after क (kept zero-width, as KrutiDev's are)
        mark = cmap.get(ord(meaning))
        placed = [(order[g], x, y, 0) for g, x, y, _ in _shape(font_path, "\u0915" + meaning) if order[g] == mark]
        return placed or ([(mark, 0, 0, 0)] if mark else [])
    if len(meaning) == 1 and ord(meaning) in cmap:
        return [(cmap[ord(meaning)], 0, 0, -1)]
    text = meaning + "\u200d" if meaning.endswith("\u094d") else meaning  # a half form, not ् on its own
    zwj = cmap.get(0x200D)
    return [(order[g], x, y, adv) for g, x, y, adv in _shape(font_path, text) if order[g] != zwj]


def build_krutidev_font(target: Path, family: str = FAMILY) -> Path:
    """Write the KrutiDev-layout font to ``target`` (a .ttf) and return it; ``family`` names it (a name
    without "KrutiDev" leaves the reader only the text itself to know the encoding by)."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.tables._g_l_y_f import Glyph, GlyphComponent

    _, base_path = FONTS["lohit"]
    if not base_path.exists():
        raise ProducerMissing(f"font {base_path} missing: apt-get install fonts-lohit-deva (scripts/setup.sh)")
    font = TTFont(str(base_path))
    order = font.getGlyphOrder()
    cmap = font.getBestCmap()
    glyf = font["glyf"]
    hmtx = font["hmtx"]
    new_cmap: dict[int, str] = {cp: name for cp, name in cmap.items() if cp < 0x80 and chr(cp) in " 0123456789"}
    for code, meaning in _layout().items():
        pieces = _pieces(base_path, cmap, order, meaning)
        if not pieces:
            continue
        name = f"kruti{ord(code):04X}"
        glyph = Glyph()
        glyph.components = []
        pen_x = 0
        for piece, x, y, adv in pieces:
            comp = GlyphComponent()
            comp.glyphName, comp.x, comp.y, comp.flags = piece, pen_x + x, y, 0x4  # ROUND_XY_TO_GRID
            glyph.components.append(comp)
            pen_x += hmtx[piece][0] if adv < 0 else adv
        glyph.numberOfContours = -1
        glyf[name] = glyph
        hmtx[name] = (max(pen_x, 0), 0)
        new_cmap[ord(code)] = name
    for table in ("GSUB", "GPOS", "GDEF"):
        if table in font:
            del font[table]
    for sub in font["cmap"].tables:
        sub.cmap = {cp: name for cp, name in new_cmap.items() if sub.format != 0 or cp < 256}
    names = font["name"]
    for rec in list(names.names):
        if rec.nameID in (1, 3, 4, 6, 16, 17):
            names.removeNames(nameID=rec.nameID)
    ps_name = family.replace(" ", "-")
    for name_id, value in ((1, family), (4, family), (3, ps_name), (6, ps_name)):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    font["post"].formatType = 3.0  # no glyph names: the composites' names are ours, not Adobe's
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(target))
    return target


def krutidev_font(cache: Path | None = None) -> Path:
    """The built font, made once per cache directory (a temporary directory by default)."""
    import hinlegacy

    key = hashlib.sha1(f"{hinlegacy.__name__}{sorted(_layout().items())}".encode()).hexdigest()[:10]
    target = (cache or Path(tempfile.gettempdir()) / "nirdesh-fonts") / f"krutidev-nirdesh-{key}.ttf"
    return target if target.exists() else build_krutidev_font(target)
