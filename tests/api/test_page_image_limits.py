"""Issue 17, finding 3: page images are capped in pixels before drawing; a degenerate page gets a clear
422, never a MemoryError or a 500; drawing happens in a memory-limited child process."""

from __future__ import annotations

import io
import resource
import time
from typing import Any

from PIL import Image

from ingest.render import MAX_PIXELS, MAX_SIDE
from tests.helpers.builders import upload, wait_job
from tests.helpers.hostile import odd_page_pdf


def _stored(client: Any, data: bytes) -> int:
    r = upload(client, "minutes.pdf", data)
    assert r.status_code == 202, r.text
    return int(wait_job(client, r.json()["id"])["document_id"])


def test_a_long_strip_is_drawn_within_the_pixel_caps(client: Any) -> None:
    doc = _stored(client, odd_page_pdf(100, 14400))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.monotonic()
    r = client.get(f"/v1/documents/{doc}/pages/1/image", params={"width": 2400})
    assert r.status_code == 200, r.text
    picture = Image.open(io.BytesIO(r.content))
    assert picture.height <= MAX_SIDE and picture.width * picture.height <= MAX_PIXELS
    assert time.monotonic() - start < 10
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 200


def test_a_one_point_wide_page_gets_a_clear_422(client: Any) -> None:
    doc = _stored(client, odd_page_pdf(1, 792))
    r = client.get(f"/v1/documents/{doc}/pages/1/image", params={"width": 2400})
    assert r.status_code == 422, r.text
    assert r.json()["error"]["code"] == "degenerate_page"
