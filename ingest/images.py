"""Image files (PNG, JPEG, TIFF incl. multi-frame, GIF, BMP, WebP): one OCR page per frame."""

from __future__ import annotations

import io
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PIL import Image, ImageSequence

from core.settings import Settings
from ingest.document import IngestedDocument, IngestError, Page
from ingest.ocr import ocr_many


def open_image(data: bytes) -> Image.Image:
    """Open with Pillow, turning decompression bombs and undecodable files into IngestErrors."""
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; treat the warning as fatal too.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image.size  # noqa: B018 - force the header check inside the warning filter
            Image._decompression_bomb_check(image.size)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise IngestError("The image is too large to process.", code="too_large") from exc
    except Exception as exc:  # Pillow's decoders raise many types on damaged data (TypeError, KeyError, ...)
        raise IngestError("The image file is damaged or in an unsupported format.", code="corrupt") from exc
    return image


@contextmanager
def decoding() -> Iterator[None]:
    """Decoding frames of an opened image: any failure but our own is a damaged file."""
    try:
        yield
    except IngestError:
        raise
    except Exception as exc:  # as in open_image: fuzzed TIFFs gave TypeError, KeyError, EOFError
        raise IngestError("The image file is damaged and cannot be decoded.", code="corrupt") from exc


def frame_count(image: Image.Image) -> int:
    with decoding():
        return int(getattr(image, "n_frames", 1))


def check_frame_size(frame: Image.Image) -> None:
    """Pillow checks the pixel limit for the first frame only; later frames of a TIFF or GIF may be larger."""
    limit = Image.MAX_IMAGE_PIXELS
    if limit and frame.size[0] * frame.size[1] > limit:
        raise IngestError("The image is too large to process.", code="too_large")


def _for_ocr(frame: Image.Image) -> Image.Image:
    if frame.mode not in ("L", "RGB"):
        frame = frame.convert("RGBA").convert("RGB") if "A" in frame.mode or frame.mode == "P" else frame
        frame = frame.convert("RGB")
    return frame.copy()


def read_image(
    data: bytes, source: str, settings: Settings, progress: Callable[[int, int], None] | None = None
) -> IngestedDocument:
    image = open_image(data)
    n_frames = frame_count(image)
    if n_frames > settings.max_pages:
        raise IngestError(f"The image has {n_frames} frames; the limit is {settings.max_pages}.", code="too_large")
    sizes: list[tuple[int, int]] = []

    def frames() -> Iterator[tuple[int, Image.Image]]:
        # Lazily, so only the frames being OCR'd are in memory (a TIFF may hold hundreds of large pages).
        with decoding():
            for i, frame in enumerate(ImageSequence.Iterator(image)):
                check_frame_size(frame)
                sizes.append(frame.size)
                yield i, _for_ocr(frame)

    done = 0

    def on_done(_key: int, _res: object) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(done, n_frames)

    results = ocr_many(frames(), settings.ocr_lang, settings.ocr_timeout_s, settings.ocr_workers, on_done)
    pages: list[Page] = []
    errors: dict[int, str] = {}
    for i in range(len(sizes)):
        res = results[i]
        if res.error:
            errors[i + 1] = res.error
        w, h = sizes[i]
        pages.append(
            Page(
                number=i + 1,
                text=res.text,
                route="image",
                ocr_confidence=res.confidence,
                width=float(w),
                height=float(h),
            )
        )
    meta: dict[str, Any] = {
        "bytes": len(data),
        "format": image.format,
        "ocr_lang": settings.ocr_lang,
        "ocr_seconds": round(sum(r.seconds for r in results.values()), 2),
    }
    if errors:
        meta["ocr_errors"] = errors
    return IngestedDocument(source=source, kind="image", pages=pages, metadata=meta)
