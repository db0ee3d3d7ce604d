"""Sample files the tests make themselves: Hindi text rendered to page images and scanned-style PDFs."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

FONT = Path("/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf")  # Debian fonts-lohit-deva


def hindi_image(lines: list[str], size: int = 40) -> Image.Image:
    """A white page with ``lines`` drawn in a shaped Devanagari font, as a scanner would give it."""
    assert FONT.exists(), "install Debian package fonts-lohit-deva"
    assert features.check("raqm"), "Pillow needs libraqm for Devanagari shaping"
    font = ImageFont.truetype(str(FONT), size, layout_engine=ImageFont.Layout.RAQM)
    img = Image.new("L", (1400, 120 + 80 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, 60 + 80 * i), line, font=font, fill=0)
    return img


def hindi_scan_pdf(pages: list[list[str]], resolution: int = 150) -> bytes:
    """An image-only PDF, one page per list of lines: the pipeline has to OCR it."""
    images = [hindi_image(lines).convert("RGB") for lines in pages]
    buf = io.BytesIO()
    images[0].save(buf, format="PDF", resolution=resolution, save_all=True, append_images=images[1:])
    return buf.getvalue()


def image_file(fmt: str, frames: int = 1) -> bytes:
    """A small real image file in Pillow format ``fmt`` (PNG, JPEG, TIFF, GIF, BMP, WEBP), ``frames`` frames."""
    images = [Image.new("RGB", (40, 30), (250 - 40 * i, 250, 250)) for i in range(frames)]
    buf = io.BytesIO()
    images[0].save(buf, format=fmt, save_all=frames > 1, append_images=images[1:])
    return buf.getvalue()


def format_samples() -> dict[str, bytes]:
    """One real file for every record of ``ingest.formats.FORMATS``, by record name."""
    from tests.helpers.hostile import docx, text_pdf

    samples = {"pdf": text_pdf(), "docx": docx(["बैठक में सड़क मरम्मत का निर्देश दिया गया।"])}
    samples.update({name: image_file(name.upper()) for name in ("png", "jpeg", "tiff", "gif", "bmp", "webp")})
    samples["txt"] = "जिला अधिकारी ने नालों की सफाई का निर्देश दिया।\n".encode()
    return samples
