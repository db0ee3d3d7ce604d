"""Generators of hostile files for the robustness tests and the fuzz script (nothing binary is committed).

Each function returns the bytes of one file built here from scratch: a minimal PDF writer, a zip written
with zipfile, a PNG header written chunk by chunk.
"""

from __future__ import annotations

import hashlib
import io
import json
import resource
import struct
import sys
import time
import zipfile
import zlib
from typing import Any

# --- PDF -------------------------------------------------------------------------------------------


def pdf_from_objects(objects: dict[int, bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF with the given numbered objects (bodies without ``obj``/``endobj``) and a correct xref table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    size = max(objects) + 1
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for num in range(1, size):
        out += b"%010d 00000 n \n" % offsets[num] if num in offsets else b"0000000000 65535 f \n"
    out += b"trailer\n<< /Size %d /Root %d 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, root, trailer_extra, xref)
    return bytes(out)


def numbered_pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A PDF of numbered object bodies (1-based, catalog first)."""
    return pdf_from_objects(dict(enumerate(objects, 1)), trailer_extra=trailer_extra)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def text_pdf(lines: list[str] | None = None) -> bytes:
    """A valid one-page PDF with an ASCII text layer (Helvetica)."""
    lines = lines or ["Review meeting minutes", "The officer will finish the survey by 30 September."]
    ops = b"BT /F1 14 Tf 72 720 Td " + b" 0 -20 Td ".join(b"(%s) Tj" % ln.encode("latin-1") for ln in lines) + b" ET"
    return pdf_from_objects(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            4: _stream(ops),
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        }
    )


def many_pages_pdf(pages: int = 5000) -> bytes:
    """A PDF of ``pages`` blank pages sharing one empty content stream (a few hundred KB)."""
    first_page = 4
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(pages))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
        3: _stream(b""),
    }
    for i in range(pages):
        objects[first_page + i] = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 3 0 R >>"
    return pdf_from_objects(objects)


def looped_pdf() -> bytes:
    """A page tree with a cycle: the Pages node lists itself among its kids; resources refer to themselves."""
    return pdf_from_objects(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R /Outlines 6 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources 5 0 R >>",
            4: _stream(b"BT /F1 12 Tf 72 720 Td (loop) Tj ET"),
            5: b"<< /Font << /F1 5 0 R >> /XObject << /X 5 0 R >> /Parent 5 0 R >>",
            6: b"<< /Type /Outlines /First 7 0 R /Last 7 0 R /Count 1 >>",
            7: b"<< /Title (loop) /Parent 6 0 R /Next 7 0 R /Prev 7 0 R /First 7 0 R >>",
        }
    )


def reference_cycle_pdf() -> bytes:
    """A readable page whose resources are a ring of bare references (4 -> 5 -> 4): PDFium reads the page,
    pdfminer's reference resolution used to spin on the ring for ever."""
    text = b"BT /F1 14 Tf 72 720 Td (Review meeting of the district officers on the survey) Tj ET"
    return pdf_from_objects(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources 4 0 R /Contents 6 0 R >>",
            4: b"5 0 R",
            5: b"4 0 R",
            6: _stream(text),
        }
    )


def content_bomb_pdf(segments: int = 2_000_000) -> bytes:
    """One page whose Flate content stream holds ``segments`` path segments (6 M operators by default):
    about 100 KB on disk, 28 MB inflated, gigabytes once PDFium has parsed it into page objects."""
    ops = zlib.compress(b"1 1 m 2 2 l S\n" * segments, 9)
    return pdf_from_objects(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            4: _stream(ops, b"/Filter /FlateDecode "),
        }
    )


def odd_page_pdf(width_pt: float = 100, height_pt: float = 14400) -> bytes:
    """A valid one-page PDF with a page of ``width_pt`` x ``height_pt`` points (a strip, or a 1-pt sliver)."""
    return pdf_from_objects(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %g %g] /Contents 4 0 R >>" % (width_pt, height_pt),
            4: _stream(b"0 0 m 1 1 l S"),
        }
    )


_PAD = bytes.fromhex("28bf4e5e4e758a4164004e56fffa01082e2e00b6d0683e802f0ca9fe6453697a")


def _rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(byte ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def encrypted_pdf(user_password: bytes = b"secret", owner_password: bytes = b"owner") -> bytes:
    """A one-page PDF encrypted with the standard security handler (RC4 40-bit, revision 2) and a user
    password, so no reader can open it without the password."""
    doc_id = hashlib.md5(b"nirdesh hostile encrypted").digest()
    permissions = -4  # all permissions; the user password alone blocks opening
    o_key = hashlib.md5((owner_password + _PAD)[:32]).digest()[:5]
    o_value = _rc4(o_key, (user_password + _PAD)[:32])
    key = hashlib.md5((user_password + _PAD)[:32] + o_value + struct.pack("<i", permissions) + doc_id).digest()[:5]
    u_value = _rc4(key, _PAD)
    content_obj = 4
    obj_key = hashlib.md5(key + struct.pack("<I", content_obj)[:3] + b"\x00\x00").digest()[:10]
    content = _rc4(obj_key, b"BT /F1 14 Tf 72 720 Td (confidential minutes) Tj ET")
    encrypt = b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>" % (
        o_value.hex().encode(),
        u_value.hex().encode(),
        permissions,
    )
    return pdf_from_objects(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            content_obj: _stream(content),
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            6: encrypt,
        },
        trailer_extra=b"/Encrypt 6 0 R /ID [<%s> <%s>] " % (doc_id.hex().encode(), doc_id.hex().encode()),
    )


# --- DOCX ------------------------------------------------------------------------------------------

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="word/document.xml"/></Relationships>'
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def docx(paragraphs: list[str]) -> bytes:
    """A minimal valid DOCX with one paragraph per string (text XML-escaped)."""
    from xml.sax.saxutils import escape

    body = "".join(f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs)
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body>{body}</w:body></w:document>'
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", _CONTENT_TYPES)
        zf.writestr("_rels/.rels", _RELS)
        zf.writestr("word/document.xml", xml)
    return buf.getvalue()


def _deflate_part(data: bytes, final: bool = False) -> bytes:
    """Raw deflate blocks for ``data``, ending in a full flush (the window is reset, so parts concatenate)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


def _deflate_repeated(head: bytes, chunk: bytes, times: int, tail: bytes) -> bytes:
    """A raw deflate stream of head + chunk * times + tail, built without inflating it: the chunk is
    compressed once and its blocks repeated ``times``."""
    return _deflate_part(head) + _deflate_part(chunk) * times + _deflate_part(tail, final=True)


def _zip(members: list[tuple[str, bytes, bytes, int, int]]) -> bytes:
    """A zip written by hand: (name, deflated data, _, crc32, uncompressed size) per member."""
    out, central = bytearray(), bytearray()
    for name, data, _, crc, size in members:
        raw_name = name.encode()
        offset = len(out)
        out += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(raw_name), 0)
        out += raw_name + data
        central += (
            struct.pack(
                "<IHHHHHHIIIHHHHHII",
                0x02014B50,
                20,
                20,
                0,
                8,
                0,
                0,
                crc,
                len(data),
                size,
                len(raw_name),
                0,
                0,
                0,
                0,
                0,
                offset,
            )
            + raw_name
        )
    start = len(out)
    out += central + struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


def docx_zip_bomb(uncompressed_mb: int = 512) -> bytes:
    """A DOCX whose document.xml inflates to ``uncompressed_mb`` MiB of XML (about 0.5 MiB compressed):
    a valid start tag, a run of spaces, the end tags. Built in well under a second, without the memory."""
    head = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{_W}"><w:body><w:p><w:r><w:t>'.encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    chunk = b" " * (1024 * 1024)
    crc = zlib.crc32(head)
    for _ in range(uncompressed_mb):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(chunk) * uncompressed_mb + len(tail)
    members = [
        (name, _deflate_part(text.encode(), final=True), b"", zlib.crc32(text.encode()), len(text.encode()))
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS))
    ]
    members.append(("word/document.xml", _deflate_repeated(head, chunk, uncompressed_mb, tail), b"", crc, size))
    return _zip(members)


def docx_lying_sizes(uncompressed_mb: int = 500, declared_kb: int = 20) -> bytes:
    """A DOCX whose document.xml declares ``declared_kb`` KiB in its headers but inflates to
    ``uncompressed_mb`` MiB (about 0.5 MiB on disk): checks that trust the headers let it through."""
    bomb = docx_zip_bomb(uncompressed_mb)
    with zipfile.ZipFile(io.BytesIO(bomb)) as zf:
        info = zf.getinfo("word/document.xml")
    out = bytearray(bomb)
    size = struct.pack("<I", declared_kb * 1024)
    out[info.header_offset + 22 : info.header_offset + 26] = size  # the local header's uncompressed size
    central = bytes(out).rindex(b"PK\x01\x02" + bytes(out[info.header_offset + 4 : info.header_offset + 6]))
    for start in range(central, len(out) - 4):  # the central directory entry of document.xml
        if out[start : start + 4] == b"PK\x01\x02" and out[start + 46 : start + 46 + 17] == b"word/document.xml":
            out[start + 24 : start + 28] = size
            break
    return bytes(out)


def plain_zip() -> bytes:
    """A zip archive that is not a Word file (no word/document.xml)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "not a document")
    return buf.getvalue()


# --- images ----------------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_gigapixel(width: int = 100_000, height: int = 100_000, rows: int = 10_000) -> bytes:
    """A greyscale PNG whose header declares ``width`` x ``height`` (10 gigapixels by default), followed by
    ``rows`` deflated all-white rows (about a GB inflated, 1 MB deflated; the image is then truncated):
    a reader that trusted the header would need 10 GB."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale, no interlace
    row = b"\x00" + b"\xff" * width  # filter byte "none", then white pixels
    stream = b"\x78\xda" + _deflate_part(row) * rows  # no final block: the image data just stops
    return b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", stream) + _png_chunk(b"IEND", b"")


def small_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("L", (40, 20), 255).save(buf, format="PNG")
    return buf.getvalue()


def elf_like() -> bytes:
    """Bytes that start like an ELF executable (not any supported document type)."""
    return b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8


def hostile_files() -> dict[str, tuple[str, bytes]]:
    """Every hostile input by id: (the name it is uploaded under, its bytes)."""
    return {
        "docx_zip_bomb": ("minutes.docx", docx_zip_bomb()),
        "docx_lying_sizes": ("minutes.docx", docx_lying_sizes()),
        "pdf_content_bomb": ("minutes.pdf", content_bomb_pdf()),
        "png_gigapixel": ("scan.png", png_gigapixel()),
        "pdf_5000_pages": ("minutes.pdf", many_pages_pdf(5000)),
        "pdf_object_loop": ("minutes.pdf", looped_pdf()),
        "pdf_encrypted": ("minutes.pdf", encrypted_pdf()),
        "exe_named_pdf": ("minutes.pdf", elf_like()),
        "html_named_png": ("scan.png", b"<html><body><script>alert(1)</script></body></html>\n"),
        "zip_named_docx": ("minutes.docx", plain_zip()),
        "exe_named_bin": ("tool.bin", elf_like()),
        "empty_file": ("minutes.txt", b""),
    }


# --- fuzzing -----------------------------------------------------------------------------------------


def fake_ocr_many(
    images: Any, lang: str, timeout_s: float, workers: int, on_done: Any = None, preprocess: bool = True
) -> dict[int, Any]:
    """Stands in for ingest.ocr.ocr_many when fuzzing: decodes every page image, recognises nothing."""
    from ingest.ocr import OcrResult

    results = {}
    for key, image in images:
        image.load()
        results[key] = OcrResult("", None)
        if on_done:
            on_done(key, results[key])
    return results


# --- measuring, in a child process ---------------------------------------------------------------------


def _status_kb(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def _reset_peak_rss() -> bool:
    """Reset VmHWM (Linux >= 4.0: write 5 to clear_refs), so the next reading is this file's own peak."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as fh:
            fh.write("5")
        return True
    except OSError:
        return False


def measure(names: list[str], headroom_mb: int) -> None:
    """Ingest each named hostile file in this process under an address-space limit (what the process maps
    after its imports + ``headroom_mb``); print one JSON line per file: the outcome, the seconds, and the
    peak RSS while reading it above the RSS before it (VmHWM; ru_maxrss would carry the parent's peak
    across exec). Run as ``python tests/helpers/hostile.py --measure [NAME...]``."""
    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    import ingest.docx  # noqa: F401 - import every reader before the baseline
    import ingest.images  # noqa: F401
    import ingest.pdf  # noqa: F401
    from ingest import IngestError, ingest_bytes

    files = {**hostile_files(), "pdf_reference_cycle": ("minutes.pdf", reference_cycle_pdf())}
    limit = (_status_kb("VmSize") + headroom_mb * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    for name in names:
        filename, data = files[name]
        reset = _reset_peak_rss()
        before = _status_kb("VmRSS")
        start = time.monotonic()
        try:
            doc = ingest_bytes(data, filename)
            outcome, code = f"read {doc.kind}, {len(doc.pages)} pages", None
        except IngestError as exc:
            outcome, code = exc.reason, exc.code
        except BaseException as exc:  # noqa: BLE001 - the point is to report it
            outcome, code = f"{type(exc).__name__}: {exc}"[:300], "UNEXPECTED"
        seconds = time.monotonic() - start
        growth = (_status_kb("VmHWM") - before) / 1024
        print(
            json.dumps(
                {
                    "name": name,
                    "bytes": len(data),
                    "code": code,
                    "outcome": outcome,
                    "seconds": round(seconds, 3),
                    "peak_rss_growth_mb": round(growth, 1),
                    "peak_is_per_file": reset,
                },
                ensure_ascii=False,
            ),
            flush=True,
        )


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "--measure":
        measure(sys.argv[2:] or list(hostile_files()), headroom_mb=512)
    elif len(sys.argv) == 3 and sys.argv[1] == "--write":
        out = __import__("pathlib").Path(sys.argv[2])
        out.mkdir(parents=True, exist_ok=True)
        for key, (fname, blob) in hostile_files().items():
            (out / f"{key}{__import__('pathlib').Path(fname).suffix}").write_bytes(blob)
    else:
        sys.exit("usage: hostile.py --measure [NAME...] | --write DIR")
