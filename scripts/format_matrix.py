"""What every entry point does with every (file name, file content) pair: a before/after check of format handling.

Usage: python scripts/format_matrix.py [--baseline DIR]

For each sample content (PDF, each image type, DOCX, UTF-8 and UTF-16 text, a plain zip, an ELF-like binary,
an empty file, text that starts like a BMP) under each file name suffix, it prints what the upload's type
check answers (kind and content type, or status, code and message), what ingest's precheck answers, the
sniffed kind, the page count, whether the upload extracts it in the request, whether the page-image
renderer draws it, what ``ingest_bytes`` returns (kind, extension_mismatch; not for images, which need OCR)
and whether a CLI folder batch picks the name up. With ``--baseline DIR`` (a checkout of an earlier commit)
it runs the same matrix there too and prints the number of cells and every cell that differs.
"""

from __future__ import annotations

import argparse
import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[1]

NAMES = [
    "x.pdf", "x.docx", "x.png", "x.jpg", "x.jpeg", "x.tif", "x.tiff", "x.gif", "x.bmp", "x.webp",
    "x.txt", "x.text", "x.md", "x.csv", "x", "x.zip", "x.bin", "X.PDF", "x.WebP",
]  # fmt: skip


def _pdf() -> bytes:
    stream = b"BT /F1 12 Tf 72 720 Td (Review meeting: repair the road) Tj ET"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _image(fmt: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (40, 30), (250, 250, 250)).save(buf, format=fmt)
    return buf.getvalue()


def _docx() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("बैठक में सड़क मरम्मत का निर्देश दिया गया।")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip() -> bytes:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    return buf.getvalue()


def samples() -> dict[str, bytes]:
    text = "बैठक में सड़क मरम्मत का निर्देश दिया गया।\n"
    out = {"pdf": _pdf(), "docx": _docx(), "txt": text.encode(), "utf16": text.encode("utf-16")}
    for fmt in ("PNG", "JPEG", "TIFF", "GIF", "BMP", "WEBP"):
        out[fmt.lower()] = _image(fmt)
    out.update(zip=_zip(), elf=b"\x7fELF\x02\x01\x01" + b"\x00" * 40, empty=b"", bm_text=b"BMW depot review\n")
    return out


def _call(fn: Any, *args: Any) -> Any:
    """The answer of ``fn``, or the error it raised, as plain data."""
    try:
        return fn(*args)
    except Exception as e:  # noqa: BLE001 - every failure is an outcome to compare
        status = getattr(e, "status", None)
        return {"error": type(e).__name__, "status": status, "code": getattr(e, "code", None), "msg": str(e)}


def _ingest(data: bytes, name: str, settings: Any) -> Any:
    from ingest import ingest_bytes

    doc = ingest_bytes(data, name, settings)
    return [doc.kind, doc.metadata.get("extension_mismatch"), len(doc.pages)]


def matrix() -> dict[str, Any]:
    sys.path.insert(0, str(Path.cwd()))
    from api.routes.documents import _is_sync
    from api.uploads import detect
    from core.settings import Settings
    from ingest.pages import page_count
    from ingest.precheck import precheck
    from ingest.render import render_page_png
    from ingest.sniff import sniff
    from nirdesh.cli import collect_inputs

    settings = Settings(ocr_workers=1)
    ctx = SimpleNamespace(settings=settings)
    cells: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name in NAMES:
            (folder / name).write_bytes(b"")
        picked = {p.name for p in collect_inputs([str(folder)])[0]}
    for name in NAMES:
        cells[f"cli_folder {name}"] = name in picked
    for label, data in samples().items():
        kind = sniff(data)
        cells[f"sniff {label}"] = kind
        cells[f"page_count {label}"] = _call(page_count, data)
        cells[f"in_request {label}"] = _call(_is_sync, ctx, kind, len(data))
        cells[f"render {label}"] = _call(lambda d: len(render_page_png(d, 1, 100)) > 0, data)
        for name in NAMES:
            cells[f"upload {label} {name}"] = _call(detect, name, data)
            cells[f"precheck {label} {name}"] = _call(precheck, data, name, settings)
            if label not in ("png", "jpeg", "tiff", "gif", "bmp", "webp", "bm_text"):  # images need OCR
                cells[f"ingest {label} {name}"] = _call(_ingest, data, name, settings)
    return json.loads(json.dumps(cells, default=str))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier commit to compare with")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the baseline's half of the run
    ns = parser.parse_args()
    now = matrix()
    if ns.json:
        print(json.dumps(now))
        return 0
    if ns.baseline is None:
        for key, value in now.items():
            print(f"{key}\t{json.dumps(value, ensure_ascii=False)}")
        return 0
    run = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--json"],
        cwd=ns.baseline,
        capture_output=True,
        text=True,
        check=True,
    )
    before = json.loads(run.stdout.strip().splitlines()[-1])
    differ = sorted(k for k in before.keys() | now.keys() if before.get(k) != now.get(k))
    print(f"cells: {len(now)} now, {len(before)} in {ns.baseline}; differing: {len(differ)}")
    for key in differ:
        print(f"{key}\n  before: {json.dumps(before.get(key), ensure_ascii=False)}")
        print(f"  now:    {json.dumps(now.get(key), ensure_ascii=False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
