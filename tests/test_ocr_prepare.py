"""OCR preprocessing: the fast majority filter gives exactly the pixels of the 3x3 median it replaced."""

from __future__ import annotations

import random

from PIL import Image, ImageChops, ImageFilter

from ingest.ocr import BINARY_THRESHOLD, prepare


def _median_then_threshold(image: Image.Image) -> Image.Image:
    grey = image.convert("L").filter(ImageFilter.MedianFilter(3))
    return grey.point(lambda v: 255 if v > BINARY_THRESHOLD else 0)


def test_prepare_equals_median_filter_then_threshold():
    rng = random.Random(4)
    levels = [0, 60, BINARY_THRESHOLD - 1, BINARY_THRESHOLD, BINARY_THRESHOLD + 1, 220, 255]
    for _ in range(30):
        w, h = rng.randint(1, 40), rng.randint(1, 40)
        image = Image.frombytes("L", (w, h), bytes(rng.choice(levels) for _ in range(w * h)))
        fast = prepare(image)
        assert fast.mode == "1" and fast.size == image.size
        assert ImageChops.difference(fast.convert("L"), _median_then_threshold(image)).getbbox() is None


def test_prepare_removes_isolated_speckle_and_keeps_strokes():
    image = Image.new("RGB", (30, 30), "white")
    image.putpixel((5, 5), (0, 0, 0))  # a lone dark dot: speckle
    for x in range(10, 25):
        for y in range(14, 17):  # a 3-pixel-thick stroke
            image.putpixel((x, y), (20, 20, 20))
    out = prepare(image).convert("L")
    assert out.getpixel((5, 5)) == 255
    assert out.getpixel((17, 15)) == 0
