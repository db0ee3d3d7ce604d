"""Originals on disk, content-addressed by SHA-256: ``files/ab/cdef…``.

The uploaded name is never used as a path; ``display_name`` cleans it for showing only.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from core.settings import Settings

_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


def display_name(name: str | None, default: str = "document") -> str:
    """A file name safe to show and to put in a header: no directories, control or quote characters."""
    name = unicodedata.normalize("NFC", name or "")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    if not name:
        return default
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = (stem[:190] + dot + ext[:9]) if dot and len(ext) < 10 else name[:200]
    return name


class FileStorage(Protocol):
    """Where originals live: ``put`` stores bytes under their SHA-256 and returns (sha256, key)."""

    def put(self, data: bytes) -> tuple[str, str]: ...
    def read(self, relative: str) -> bytes: ...
    def exists(self, relative: str) -> bool: ...
    def local_path(self, relative: str) -> Path | None: ...
    def check(self) -> None: ...  # raises when originals cannot be stored now (readiness)
    def delete(self, relative: str) -> bool: ...


def make_file_store(settings: Settings) -> FileStorage:
    """The store the settings choose: the data folder (default) or an S3-compatible bucket (several machines)."""
    if settings.file_store == "s3":
        from store.s3files import S3FileStore

        return S3FileStore.from_settings(settings)
    if settings.file_store != "local":
        raise ValueError(f"NIRDESH_FILE_STORE must be 'local' or 's3', not {settings.file_store!r}")
    return FileStore(settings.data_dir)


class FileStore:
    """The local folder ``data_dir/files`` (one machine, or a shared network mount)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "files"

    @staticmethod
    def relative_path(sha256: str) -> str:
        if not re.fullmatch(r"[0-9a-f]{64}", sha256):
            raise ValueError("not a sha256 hex digest")
        return f"files/{sha256[:2]}/{sha256[2:]}"

    def put(self, data: bytes) -> tuple[str, str]:
        """Store ``data`` (idempotent) and return (sha256, path relative to data_dir)."""
        sha = hashlib.sha256(data).hexdigest()
        rel = self.relative_path(sha)
        dest = self.data_dir / rel
        if dest.exists() and dest.stat().st_size == len(data):
            return sha, rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, dest)  # atomic: readers never see a half-written original
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return sha, rel

    def path(self, relative: str) -> Path:
        p = (self.data_dir / relative).resolve()
        if not p.is_relative_to(self.root.resolve()):
            raise ValueError("stored path outside the file store")
        return p

    def read(self, relative: str) -> bytes:
        return self.path(relative).read_bytes()

    def exists(self, relative: str) -> bool:
        return self.path(relative).is_file()

    def local_path(self, relative: str) -> Path | None:
        return self.path(relative)

    def check(self) -> None:
        """OSError unless the files folder exists (or can be made) and is writable."""
        self.root.mkdir(parents=True, exist_ok=True)
        if not os.access(self.root, os.W_OK | os.X_OK):
            raise PermissionError(f"{self.root} is not writable")

    def delete(self, relative: str) -> bool:
        """Remove an original (only ``store.document_edit.purge_originals`` does); True if it existed."""
        p = self.path(relative)
        existed = p.is_file()
        p.unlink(missing_ok=True)
        return existed
