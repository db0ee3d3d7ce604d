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
