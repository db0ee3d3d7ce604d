"""Ingest of TXT, DOCX, images and small generated PDFs (no shared data needed)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from core.settings import Settings
from ingest import IngestError, ingest_bytes, ingest_path, sniff
from tests.helpers.hostile import numbered_pdf
from tests.helpers.samples import hindi_image

SETTINGS = Settings(ocr_workers=2, ocr_timeout_s=60, max_pages=50)


def _table_pdf(pages: int = 1) -> bytes:
    """A4 pages, each with a paragraph and a ruled 3x3 table (Helvetica, ASCII)."""
    cells = [["No", "Point", "Officer"], ["1", "Repair road", "EE PWD"], ["2", "Pay dues", "DM"]]
    ops = [b"BT /F1 11 Tf 72 780 Td (Review meeting notes) Tj ET"]
    x, widths, top, h = 72, [60, 200, 120], 700, 24
    for r, row in enumerate(cells):
        cx = x
        for c, text in enumerate(row):
            y = top - (r + 1) * h
            ops.append(b"%d %d %d %d re S" % (cx, y, widths[c], h))
            ops.append(b"BT /F1 10 Tf %d %d Td (%s) Tj ET" % (cx + 4, y + 8, text.encode()))
            cx += widths[c]
    stream = b"\n".join(ops)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages)).encode()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages]
    font_obj = 3 + 2 * pages
    for i in range(pages):
        objs.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (4 + 2 * i, font_obj)
        )
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return numbered_pdf(objs)


def _encrypted_pdf() -> bytes:
    """A PDF whose standard security handler demands a user password we do not know."""
    enc = b"<< /Filter /Standard /V 1 /R 2 /P -44 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
        enc,
    ]
    return numbered_pdf(objs, b"/Encrypt 4 0 R /ID [<" + b"ab" * 16 + b"> <" + b"ab" * 16 + b">] ")


# --- sniffing and errors ---------------------------------------------------------------------------


def test_sniff_by_content_not_name() -> None:
    assert sniff(b"%PDF-1.7\n...") == "pdf"
    assert sniff(b"\x89PNG\r\n\x1a\n" + b"\0" * 20) == "image"
    assert sniff("नमस्ते".encode()) == "txt"
    assert sniff(b"") == "empty"
    assert sniff(b"\x00\x01\x02\x03binary") == "unknown"


def test_empty_file(tmp_path: Path) -> None:
    p = tmp_path / "blank.pdf"
    p.write_bytes(b"")
    with pytest.raises(IngestError) as e:
        ingest_path(p, SETTINGS)
    assert e.value.code == "empty"


def test_unknown_binary_is_unsupported() -> None:
    with pytest.raises(IngestError) as e:
        ingest_bytes(b"\x00\x01\x02\x03\x04 not a document", "x.bin", SETTINGS)
    assert e.value.code == "unsupported"


def test_unknown_binary_named_pdf_is_corrupt() -> None:
    # The name claims a PDF and the bytes are not one: a damaged (or disguised) file, as the API says too.
    with pytest.raises(IngestError) as e:
        ingest_bytes(b"\x00\x01\x02\x03\x04 not a document", "x.pdf", SETTINGS)
    assert e.value.code == "corrupt"


def test_broken_pdf_is_corrupt() -> None:
    with pytest.raises(IngestError) as e:
        ingest_bytes(b"%PDF-1.4\n1 0 obj << garbage", "broken.pdf", SETTINGS)
    assert e.value.code == "corrupt"


def test_encrypted_pdf() -> None:
    with pytest.raises(IngestError) as e:
        ingest_bytes(_encrypted_pdf(), "locked.pdf", SETTINGS)
    assert e.value.code == "encrypted"


def test_too_many_pages() -> None:
    with pytest.raises(IngestError) as e:
        ingest_bytes(_table_pdf(pages=3), "long.pdf", Settings(max_pages=2))
    assert e.value.code == "too_large"


def test_missing_path_is_unreadable(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as e:
        ingest_path(tmp_path / "nope.txt", SETTINGS)
    assert e.value.code == "unreadable"


# --- TXT -------------------------------------------------------------------------------------------

HINDI = "जिला अधिकारी ने सड़क मरम्मत का काम पंद्रह दिन में पूरा करने को कहा।\n\nअगली बैठक सोमवार को होगी।"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_txt_encodings(encoding: str) -> None:
    doc = ingest_bytes(HINDI.encode(encoding), "notes.txt", SETTINGS)
    assert doc.kind == "txt"
    assert doc.pages[0].route == "txt"
    assert doc.pages[0].text == HINDI


def test_txt_bad_encoding() -> None:
    from ingest.txt import read_txt

    # A UTF-8 sequence cut short mid-file: sniffing may call this unsupported, the TXT reader must refuse it.
    with pytest.raises(IngestError) as e:
        ingest_bytes("बैठक ".encode() + b"\xe0\xa4 more text", "a.txt", SETTINGS)
    assert e.value.code in ("unreadable", "unsupported")
    with pytest.raises(IngestError) as e:
        read_txt("बैठक ".encode() + b"\xe0\xa4 more text", "a.txt")
    assert e.value.code == "unreadable"


# --- DOCX ------------------------------------------------------------------------------------------


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("समीक्षा बैठक का कार्यवृत्त")
    d.add_paragraph("बैठक में सभी विभागों के अधिकारी उपस्थित थे।")
    t = d.add_table(rows=3, cols=3)
    for r, row in enumerate(
        [
            ["क्र.सं.", "निर्देश", "उत्तरदायी अधिकारी"],
            ["1", "नालों की सफाई कराई जाए", "नगर आयुक्त"],
            ["2", "बीज वितरण समय पर हो", "उप संचालक कृषि"],
        ]
    ):
        for c, text in enumerate(row):
            t.cell(r, c).text = text
    d.add_paragraph("अंत में धन्यवाद ज्ञापन किया गया।")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_docx_paragraphs_and_table_in_order() -> None:
    doc = ingest_bytes(_docx_bytes(), "minutes.docx", SETTINGS)
    page = doc.pages[0]
    assert page.route == "docx"
    table = page.tables[0]
    assert table.header == ["क्र.सं.", "निर्देश", "उत्तरदायी अधिकारी"]
    assert table.rows[1] == ["2", "बीज वितरण समय पर हो", "उप संचालक कृषि"]
    text = page.text
    assert text.index("कार्यवृत्त") < text.index("नालों की सफाई") < text.index("धन्यवाद")


def test_docx_with_wrong_extension_still_read() -> None:
    doc = ingest_bytes(_docx_bytes(), "minutes.pdf", SETTINGS)
    assert doc.kind == "docx"
    assert "extension_mismatch" in doc.metadata


def test_corrupt_docx() -> None:
    data = _docx_bytes()
    broken = data[: len(data) // 2]  # central directory cut off
    with pytest.raises(IngestError) as e:
        ingest_bytes(broken, "minutes.docx", SETTINGS)
    assert e.value.code == "corrupt"


def test_zip_that_is_not_docx_is_unsupported() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(IngestError) as e:
        ingest_bytes(buf.getvalue(), "archive.zip", SETTINGS)
    assert e.value.code == "unsupported"
    with pytest.raises(IngestError) as e:  # named as a Word file: a damaged (or disguised) one
        ingest_bytes(buf.getvalue(), "archive.docx", SETTINGS)
    assert e.value.code == "corrupt"


# --- PDF text layer and tables ---------------------------------------------------------------------


def test_pdf_table_cells_with_headers() -> None:
    seen: list[tuple[int, int]] = []
    doc = ingest_bytes(_table_pdf(pages=2), "table.pdf", SETTINGS, progress=lambda d, t: seen.append((d, t)))
    assert [p.route for p in doc.pages] == ["text", "text"]
    assert seen[-1] == (2, 2)
    page = doc.pages[0]
    assert "Review meeting notes" in page.text
    assert len(page.tables) == 1
    table = page.tables[0]
    assert table.header == ["No", "Point", "Officer"]
    assert table.rows == [["1", "Repair road", "EE PWD"], ["2", "Pay dues", "DM"]]
    assert page.width == pytest.approx(595)


# --- images and OCR --------------------------------------------------------------------------------

IMG_LINES = ["कलेक्टर ने सभी तहसीलदारों को निर्देश दिए", "राजस्व वसूली 31 मार्च तक पूरी करें"]


def test_png_ocr_reads_hindi() -> None:
    buf = io.BytesIO()
    hindi_image(IMG_LINES).save(buf, format="PNG")
    doc = ingest_bytes(buf.getvalue(), "photo.pdf", SETTINGS)  # wrong extension on purpose
    assert doc.kind == "image"
    page = doc.pages[0]
    assert page.route == "image"
    for word in ["कलेक्टर", "तहसीलदारों", "निर्देश", "राजस्व", "वसूली", "31", "मार्च"]:
        assert word in page.text, (word, page.text)
    assert page.ocr_confidence is not None and page.ocr_confidence > 70


def test_multiframe_tiff_gives_pages() -> None:
    frames = [hindi_image([IMG_LINES[0]]), hindi_image([IMG_LINES[1]])]
    buf = io.BytesIO()
    frames[0].save(buf, format="TIFF", save_all=True, append_images=frames[1:])
    doc = ingest_bytes(buf.getvalue(), "scan.tiff", SETTINGS)
    assert len(doc.pages) == 2
    assert "तहसीलदारों" in doc.pages[0].text
    assert "वसूली" in doc.pages[1].text


def test_image_pdf_page_is_ocred() -> None:
    buf = io.BytesIO()
    hindi_image(IMG_LINES).convert("RGB").save(buf, format="PDF", resolution=150)
    doc = ingest_bytes(buf.getvalue(), "scan.pdf", SETTINGS)
    assert doc.pages[0].route == "ocr"
    assert "राजस्व" in doc.pages[0].text
    assert doc.pages[0].ocr_confidence is not None


def test_decompression_bomb(monkeypatch: pytest.MonkeyPatch) -> None:
    buf = io.BytesIO()
    Image.new("L", (400, 400), 255).save(buf, format="PNG")
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 10_000)
    with pytest.raises(IngestError) as e:
        ingest_bytes(buf.getvalue(), "big.png", SETTINGS)
    assert e.value.code == "too_large"


def test_ocr_timeout_is_recorded_not_raised() -> None:
    buf = io.BytesIO()
    hindi_image(IMG_LINES).save(buf, format="PNG")
    doc = ingest_bytes(buf.getvalue(), "slow.png", Settings(ocr_timeout_s=0.01, ocr_workers=1))
    assert doc.pages[0].text == ""
    assert "timeout" in doc.metadata["ocr_errors"][1]


def test_ocr_paragraph_break_inside_a_sentence_is_a_line_break() -> None:
    """Tesseract starts a paragraph mid-sentence; a full-width last line without a danda runs on."""
    from ingest.ocr import _text_from_data

    words = [  # (block, par, line, left, width, text)
        (1, 1, 1, 100, 400, "कार्यालय"),
        (1, 1, 1, 520, 300, "ज्ञापन"),  # a short heading line
        (1, 2, 1, 100, 800, "सभी"),
        (1, 2, 1, 920, 980, "अधिकारी"),  # runs to the right margin, no danda
        (1, 3, 1, 100, 300, "रिपोर्ट"),
        (1, 3, 1, 420, 300, "भेजें।"),
        (1, 4, 1, 100, 900, "बैठक"),
        (1, 4, 1, 1010, 890, "समाप्त।"),
    ]
    data: dict[str, list[object]] = {
        k: [] for k in ("block_num", "par_num", "line_num", "left", "width", "text", "conf")
    }
    for block, par, line, left, width, text in words:
        for key, value in zip(
            ("block_num", "par_num", "line_num", "left", "width", "text", "conf"),
            (block, par, line, left, width, text, 90),
            strict=True,
        ):
            data[key].append(value)
    text, conf = _text_from_data(data)
    assert text == "कार्यालय ज्ञापन\n\nसभी अधिकारी\nरिपोर्ट भेजें।\n\nबैठक समाप्त।"
    assert conf == 90
