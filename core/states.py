"""The allowed values of every state, kind and code, in one place.

Each is a ``StrEnum``: a member *is* its string (``JobStatus.QUEUED == "queued"``), so the database
columns, the JSON contract and the API answers keep the plain strings they always had and no
migration is needed. Assign members, not bare strings; a typo then fails at import, not in production.
"""

from __future__ import annotations

from enum import StrEnum


class DocumentStatus(StrEnum):
    STORED = "stored"  # the original is on disk, nothing extracted yet
    QUEUED = "queued"  # a job for it waits in the queue
    PROCESSING = "processing"
    PROCESSED = "processed"
    FAILED = "failed"


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class JobKind(StrEnum):
    EXTRACT = "extract"  # a first extraction
    REPROCESS = "reprocess"  # a newer extraction merged without losing people's changes


class DeadlineKind(StrEnum):
    BY = "by"
    ON = "on"
    WITHIN = "within"
    FROM = "from"
    IMMEDIATE = "immediate"
    SOON = "soon"
    BEFORE_NEXT_MEETING = "before_next_meeting"
    RECURRING = "recurring"  # a limit that comes back each period ("प्रत्येक माह की 5 तारीख तक")
    UNRESOLVED = "unresolved"


class Recurrence(StrEnum):
    WEEKLY = "weekly"
    FORTNIGHTLY = "fortnightly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


class ItemStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


class ReviewState(StrEnum):
    PROPOSED = "proposed"
    CONFIRMED = "confirmed"
    REJECTED = "rejected"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"


class DueDateSource(StrEnum):
    EXTRACTED = "extracted"
    CORRECTED = "corrected"
    MANUAL = "manual"


class Role(StrEnum):
    """In rank order. ``office`` ranks below ``viewer``: it passes no viewer check and reaches only the
    office endpoints (api/routes/office_reports.py), which scope every answer to the token's office."""

    OFFICE = "office"
    FEED = "feed"  # reads the calendar feeds only; the one role whose token may travel in a URL
    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


class ReportStatus(StrEnum):
    """What an office reports on an item (कृत कार्यवाही)."""

    IN_PROGRESS = "in_progress"
    DONE = "done"
    CANNOT = "cannot"  # cannot be done; a reason is required


class ReportReview(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    RETURNED = "returned"


class ErrorCode(StrEnum):
    """``error.code`` of an API answer, and of a failed job or document."""

    # HTTP-level
    BAD_REQUEST = "bad_request"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    NOT_FOUND = "not_found"
    METHOD_NOT_ALLOWED = "method_not_allowed"
    CONFLICT = "conflict"
    PRECONDITION_FAILED = "precondition_failed"
    VALIDATION_ERROR = "validation_error"
    INTERNAL_ERROR = "internal_error"
    SERVICE_UNAVAILABLE = "service_unavailable"
    QUOTA_EXCEEDED = "quota_exceeded"
    CONFIG_ERROR = "config_error"
    HTTP_ERROR = "http_error"
    # the file (ingest.IngestError codes)
    UNSUPPORTED = "unsupported"
    TOO_LARGE = "too_large"
    CORRUPT = "corrupt"
    ENCRYPTED = "encrypted"
    EMPTY = "empty"
    UNREADABLE = "unreadable"
    NO_PAGE = "no_page"
    NO_IMAGE = "no_image"
    DEGENERATE_PAGE = "degenerate_page"
    TOO_COMPLEX = "too_complex"
    # a job
    MISSING_ORIGINAL = "missing_original"
    EXTRACTION_FAILED = "extraction_failed"
    BAD_EXTRACTION = "bad_extraction"
    STORE_FAILED = "store_failed"
    TIMEOUT = "timeout"
    WORKER_CRASHED = "worker_crashed"
    TOO_MANY_ATTEMPTS = "too_many_attempts"


CLOSED_STATUSES = (ItemStatus.DONE, ItemStatus.DROPPED)
UNFINISHED_JOB_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)
