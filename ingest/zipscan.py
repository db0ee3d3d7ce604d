"""Zip members measured by what they really inflate to, not by the sizes their headers declare.

``zipfile`` trusts the central directory: a member that declares 20 KB but holds a 500 MB deflate stream
is inflated in full by ``ZipExtFile.read()`` and only then cut to 20 KB. Here every member is inflated
chunk by chunk with a bounded decompressor and counted; a member that yields more than it declares is a
damaged (or hostile) file and is refused after at most one chunk past its declared size.
"""

from __future__ import annotations

import struct
from zipfile import ZipInfo

from ingest.document import IngestError
from ingest.inflate import RAW, inflated_size

_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_LOCAL_SIGNATURE = 0x04034B50
_STORED, _DEFLATED = 0, 8


def _data_offset(data: bytes, member: ZipInfo) -> int:
    head = data[member.header_offset : member.header_offset + _LOCAL_HEADER.size]
    if len(head) < _LOCAL_HEADER.size or _LOCAL_HEADER.unpack(head)[0] != _LOCAL_SIGNATURE:
        raise IngestError("The Word file is damaged and cannot be opened.", code="corrupt")
    fields = _LOCAL_HEADER.unpack(head)
    return member.header_offset + _LOCAL_HEADER.size + fields[9] + fields[10]


def real_size(data: bytes, member: ZipInfo, limit: int) -> int:
    """The bytes ``member`` inflates to, counted up to ``limit`` + 1 (the count stops there)."""
    start = _data_offset(data, member)
    if member.compress_type == _STORED:
        return min(member.compress_size, len(data) - start)
    if member.compress_type != _DEFLATED:
        raise IngestError("The Word file uses an unsupported compression method.", code="corrupt")
    size, clean = inflated_size(data, start, limit, RAW)
    if not clean and size <= limit:
        raise IngestError("The Word file is damaged and cannot be opened.", code="corrupt")
    return size


def check_real_sizes(data: bytes, members: list[ZipInfo]) -> None:
    """IngestError when a member inflates to more than its header declares (the caller has already
    checked the declared sizes against its limits, so counting stops one chunk past a declared size)."""
    for member in members:
        if member.filename.endswith("/"):
            continue
        if real_size(data, member, member.file_size) > member.file_size:
            raise IngestError(
                "The Word file is damaged: a part inflates to more than its header says (a zip bomb?).",
                code="too_large",
            )
