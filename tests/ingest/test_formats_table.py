"""The table of formats (``ingest.formats``): every record recognises its own kind of file and no other,
and sniffing, prechecks, reading and paging all take their answers from it."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from core.settings import Settings
from ingest import IngestError, ingest_bytes, sniff
from ingest.formats import (
    FORMATS,
    Format,
    by_content,
    by_name,
    extracts_in_request,
    has_page_images,
    of_kind,
    reads_page_wise,
    suffixes,
)
from ingest.magic import looks_like_text
from ingest.pages import page_count, read_page
from ingest.precheck import precheck
from ingest.render import render_page_png
from tests.helpers.hostile import elf_like, plain_zip
from tests.helpers.samples import format_samples, image_file

SETTINGS = Settings(ocr_workers=1, max_pages=50)
SAMPLES = format_samples()
IDS = [f.name for f in FORMATS]

#: What each record must say, written out here rather than read back from the table.
EXPECTED = {
    "pdf": ("pdf", "application/pdf", {".pdf"}),
    "png": ("image", "image/png", {".png"}),
    "jpeg": ("image", "image/jpeg", {".jpg", ".jpeg"}),
    "tiff": ("image", "image/tiff", {".tif", ".tiff"}),
    "gif": ("image", "image/gif", {".gif"}),
    "bmp": ("image", "image/bmp", {".bmp"}),
    "webp": ("image", "image/webp", {".webp"}),
    "docx": ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", {".docx"}),
    "txt": ("txt", "text/plain; charset=utf-8", {".txt"}),
}


def test_every_record_has_a_sample_and_expected_facts() -> None:
    # A new format is a record plus tests: this fails until its sample and facts are written down here.
    assert set(IDS) == set(SAMPLES) == set(EXPECTED)
    assert len(IDS) == len(set(IDS))


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_record_facts(fmt: Format) -> None:
    kind, content_type, names = EXPECTED[fmt.name]
    assert (fmt.kind, fmt.content_type, set(fmt.suffixes)) == (kind, content_type, names)


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_magic_accepts_its_own_sample_and_rejects_every_other(fmt: Format) -> None:
    assert fmt.magic(SAMPLES[fmt.name])
    for other, data in SAMPLES.items():
        if other != fmt.name:
            assert not fmt.magic(data), f"{fmt.name} claims the {other} sample"
    for junk in (elf_like(), plain_zip()):
        assert not fmt.magic(junk)


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_lookups_find_the_record(fmt: Format) -> None:
    data = SAMPLES[fmt.name]
    assert by_content(data) is fmt
    assert sniff(data) == fmt.kind
    for suffix in fmt.suffixes:
        assert by_name(f"minutes{suffix}") is fmt
        assert by_name(f"MINUTES{suffix.upper()}") is fmt
        assert by_name(f"archive.tar{suffix}") is fmt  # the last extension counts


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_every_sample_passes_precheck_and_reads(fmt: Format) -> None:
    data = SAMPLES[fmt.name]
    assert precheck(data, f"x{fmt.suffixes[0]}", SETTINGS) == fmt.kind
    if fmt.kind == "image":
        return  # reading an image runs OCR; its paging is checked below
    doc = ingest_bytes(data, f"x{fmt.suffixes[0]}", SETTINGS)
    assert doc.kind == fmt.kind
    assert doc.metadata["detected_type"] == fmt.kind
    assert "extension_mismatch" not in doc.metadata


def test_nothing_else_is_claimed() -> None:
    assert by_content(b"") is None
    assert by_content(elf_like()) is None
    assert by_content(plain_zip()) is None  # a zip that is not a Word file
    for name in ("notes.md", "notes", "archive.zip", "x.pdf.bak", ".pdf"):
        assert by_name(name) is None, name


def test_suffixes_are_unique_lower_case_and_dotted() -> None:
    listed = [s for f in FORMATS for s in f.suffixes]
    assert len(listed) == len(set(listed))
    assert all(s.startswith(".") and s == s.lower() for s in listed)
    assert suffixes() == frozenset(listed)
    assert {".gif", ".webp", ".bmp"} <= suffixes()


def test_records_of_one_kind_share_how_they_are_read() -> None:
    # The kind is what is stored with a document, so everything decided later by kind must agree.
    for fmt in FORMATS:
        family = of_kind(fmt.kind)
        assert family is not None
        assert (fmt.read, fmt.check, fmt.paging, fmt.render, fmt.in_request, fmt.binary) == (
            family.read,
            family.check,
            family.paging,
            family.render,
            family.in_request,
            family.binary,
        )


def test_page_wise_and_in_request_by_kind() -> None:
    assert [k for k in ("pdf", "image", "docx", "txt") if reads_page_wise(k)] == ["pdf", "image"]
    assert [k for k in ("pdf", "image", "docx", "txt") if extracts_in_request(k)] == ["docx", "txt"]
    assert [k for k in ("pdf", "image", "docx", "txt") if has_page_images(k)] == ["pdf", "image"]
    assert not reads_page_wise("zip") and not extracts_in_request("zip") and not has_page_images("zip")


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_page_images(fmt: Format) -> None:
    data = SAMPLES[fmt.name]
    if fmt.render is None:
        with pytest.raises(IngestError) as e:
            render_page_png(data, 1, 200)
        assert e.value.code == "no_image"
        return
    png = Image.open(io.BytesIO(render_page_png(data, 1, 200)))
    assert png.format == "PNG" and png.width <= 200
    with pytest.raises(IngestError) as e:
        render_page_png(data, 2, 200)
    assert e.value.code == "no_page"


def test_text_that_starts_with_a_binary_signature_is_not_text() -> None:
    # Tried last, text never takes bytes a binary record claims: PDF syntax is ASCII, yet a PDF.
    pdf = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
    assert looks_like_text(pdf)
    txt = of_kind("txt")
    assert txt is not None and not txt.magic(pdf)
    assert by_content(pdf) is of_kind("pdf")
    assert by_content(b"\xef\xbb\xbf" + SAMPLES["txt"]) is txt  # a BOM is text


def test_text_that_begins_like_a_bitmap_is_text() -> None:
    note = b"BMC review meeting: drains to be cleaned by 30 June.\n"
    assert by_content(note) is of_kind("txt")
    assert precheck(note, "note.txt", SETTINGS) == "txt"
    assert by_content(SAMPLES["bmp"]) is by_name("x.bmp")


# --- paging --------------------------------------------------------------------------------------


def test_multi_frame_images_are_cut_into_frames() -> None:
    for fmt in ("TIFF", "GIF", "WEBP"):
        data = image_file(fmt, frames=3)
        assert page_count(data) == 3, fmt
        record = by_content(data)
        assert record is not None and record.paging is not None
        frame = record.paging.cut(data, 2)
        assert by_content(frame) is by_name("x.png")  # frames travel as PNG
        assert Image.open(io.BytesIO(frame)).size == (40, 30)


def test_pdf_is_cut_into_pages() -> None:
    from tests.helpers.hostile import many_pages_pdf

    data = many_pages_pdf(4)
    assert page_count(data) == 4
    record = by_content(data)
    assert record is not None and record.paging is not None
    assert page_count(record.paging.cut(data, 3)) == 1


@pytest.mark.parametrize("name", ["docx", "txt"])
def test_whole_file_kinds_are_not_read_page_by_page(name: str) -> None:
    data = SAMPLES[name]
    assert page_count(data) == 1
    with pytest.raises(IngestError) as e:
        read_page(data, f"x.{name}", 1, SETTINGS)
    assert (e.value.code, e.value.reason) == ("unsupported", f"a {name} file is not read page by page")


# --- names that lie --------------------------------------------------------------------------------


def test_pdf_named_docx_is_read_as_pdf() -> None:
    doc = ingest_bytes(SAMPLES["pdf"], "minutes.docx", SETTINGS)
    assert doc.kind == "pdf"
    assert doc.metadata["extension_mismatch"] == ".docx file is really pdf"
    assert "survey" in doc.pages[0].text


def test_png_named_jpg_is_no_mismatch() -> None:
    # Same family, same reader: the name is close enough.
    assert precheck(SAMPLES["png"], "scan.jpg", SETTINGS) == "image"


@pytest.mark.parametrize("name", [".pdf", ".docx", ".png", ".webp", ".gif"])
def test_text_named_as_a_binary_format_is_corrupt(name: str) -> None:
    with pytest.raises(IngestError) as e:
        precheck(SAMPLES["txt"], f"minutes{name}", SETTINGS)
    assert (e.value.code, e.value.reason) == (
        "corrupt",
        f"The file is named {name} but is not a valid {name[1:].upper()} file.",
    )
