"""ORM models (SQLAlchemy 2, typed). Schema changes need an Alembic revision in store/migrations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from core.states import (
    DocumentStatus,
    DueDateSource,
    ItemStatus,
    JobStatus,
    Priority,
    ReviewState,
    Role,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# The allowed values of the string columns are the StrEnums of core/states.py; these tuples list them.
REVIEW_STATES = tuple(ReviewState)
STATUSES = tuple(ItemStatus)
PRIORITIES = tuple(Priority)
JOB_STATUSES = tuple(JobStatus)
# In rank order: office < feed < viewer < editor < admin. "feed" reads the calendar feeds only; it is the
# one role whose token may travel in a URL.
ROLES = tuple(Role)


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite hands back naive values)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value


# The rank that sort=priority orders by, as literal SQL: an expression index (0011_responsibles) is used
# only when the query's expression is the same, so both are this text.
PRIORITY_RANK_SQL = "(CASE priority WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 1 END)"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    filename: Mapped[str] = mapped_column(String(255))  # sanitised, for display only
    content_type: Mapped[str] = mapped_column(String(100))
    kind: Mapped[str] = mapped_column(String(10))  # pdf | image | txt | docx
    size: Mapped[int] = mapped_column(Integer)
    stored_path: Mapped[str] = mapped_column(String(200))  # relative to data_dir
    requested_meeting_date: Mapped[date | None] = mapped_column(Date)  # as given at upload
    meeting_date: Mapped[date | None] = mapped_column(Date, index=True)
    meeting_place: Mapped[str | None] = mapped_column(Text)
    meeting_title: Mapped[str | None] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    chair_name: Mapped[str | None] = mapped_column(Text)
    chair_designation: Mapped[str | None] = mapped_column(Text)
    meeting: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Meeting facts a reviewer set (store.document_edit): they win over every later extraction.
    overrides: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    warnings: Mapped[list[str] | None] = mapped_column(JSON)
    extractor_version: Mapped[str | None] = mapped_column(String(50))
    status: Mapped[str] = mapped_column(String(20), default=DocumentStatus.STORED)  # a DocumentStatus
    error_code: Mapped[str | None] = mapped_column(String(50))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    pages: Mapped[list[Page]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Page.number"
    )
    items: Mapped[list[ActionItem]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="ActionItem.seq"
    )


class Page(Base):
    __tablename__ = "pages"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_pages_document_number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    route: Mapped[str] = mapped_column(String(20))
    ocr_confidence: Mapped[float | None] = mapped_column(Float)
    garble_score: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)

    document: Mapped[Document] = relationship(back_populates="pages")


class ActionItem(Base):
    __tablename__ = "action_items"
    __table_args__ = (
        Index("ix_action_items_status_due", "status", "due_date"),
        Index("ix_action_items_document_seq", "document_id", "seq"),
        Index("ix_action_items_created_id", "created_at", "id"),  # 0007: list indexes
        Index("ix_action_items_review_created", "review_state", "created_at", "id"),
        Index("ix_action_items_due_id", "due_date", "id"),
        # 0011_responsibles: issuer filter, priority filter and sort
        Index("ix_action_items_issuer_created", "issuer_key", "created_at", "id"),
        Index("ix_action_items_priority_created", "priority", "created_at", "id"),
        Index("ix_action_items_priority_rank", text(PRIORITY_RANK_SQL), "id"),
        Index("ix_action_items_id_states", "id", "review_state", "status"),  # 0013: index-only count probes
        Index("ix_action_items_document_status", "document_id", "status", "review_state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    extracted_id: Mapped[str | None] = mapped_column(String(50))  # "ai-001" in the extraction
    text: Mapped[str] = mapped_column(Text)
    norm_text: Mapped[str] = mapped_column(Text)  # matching key for re-processing
    action: Mapped[str | None] = mapped_column(Text)
    issuer_name: Mapped[str | None] = mapped_column(Text)
    issuer_designation: Mapped[str | None] = mapped_column(Text)
    # folded "name designation" of the issuer (store.responsibles.folded_key); the issuer filter's key
    issuer_key: Mapped[str | None] = mapped_column(String(300))
    responsible: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    responsible_search: Mapped[str] = mapped_column(Text, default="")  # lower-cased names+designations
    deadline_text: Mapped[str | None] = mapped_column(Text)
    deadline_date: Mapped[date | None] = mapped_column(Date)
    deadline_kind: Mapped[str | None] = mapped_column(String(30))  # a DeadlineKind
    recurrence: Mapped[str | None] = mapped_column(String(20))  # a Recurrence
    targets: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    evidence: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    confidence: Mapped[float | None] = mapped_column(Float)
    review_state: Mapped[str] = mapped_column(String(20), default=ReviewState.PROPOSED, index=True)
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(20), default=ItemStatus.OPEN)
    assignee: Mapped[str | None] = mapped_column(Text)
    priority: Mapped[str] = mapped_column(String(10), default=Priority.NORMAL)
    note: Mapped[str | None] = mapped_column(Text)
    # Effective due date: a manual or corrected value when there is one, else the extracted date.
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    due_date_source: Mapped[str] = mapped_column(String(20), default=DueDateSource.EXTRACTED)
    stale: Mapped[bool] = mapped_column(Boolean, default=False)  # gone from the latest extraction, kept
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    document: Mapped[Document] = relationship(back_populates="items")
    corrections: Mapped[list[Correction]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Correction.id"
    )


class Correction(Base):
    """A reviewer's correction: the extracted value and what it should have been (training data)."""

    __tablename__ = "corrections"
    __table_args__ = (UniqueConstraint("item_id", "field", name="uq_corrections_item_field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    field: Mapped[str] = mapped_column(String(30))
    original: Mapped[Any] = mapped_column(JSON)
    corrected: Mapped[Any] = mapped_column(JSON)
    created_by: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    item: Mapped[ActionItem] = relationship(back_populates="corrections")


class AuditLog(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(30))
    old: Mapped[Any] = mapped_column(JSON)
    new: Mapped[Any] = mapped_column(JSON)


class DocumentAudit(Base):
    """Changes to a document by people (meeting facts, deletion, purge of the original).

    No foreign key: the trail outlives a deleted document, and a purge reads it to find originals.
    """

    __tablename__ = "document_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    field: Mapped[str] = mapped_column(String(30))  # meeting_date | … | deleted | purged
    old: Mapped[Any] = mapped_column(JSON)
    new: Mapped[Any] = mapped_column(JSON)


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # a JobKind
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=JobStatus.QUEUED, index=True)  # a JobStatus
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    error_code: Mapped[str | None] = mapped_column(String(50))
    error: Mapped[str | None] = mapped_column(Text)
    result: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Distributed queue (migration 0004): when the job was handed to the broker (NULL: not yet, the sweep
    # sends it), the worker that stored its result, and how many pages it was split into.
    enqueued_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    worker: Mapped[str | None] = mapped_column(String(200))
    pages_total: Mapped[int | None] = mapped_column(Integer)
    # Pages read so far while the job runs (migration 0011); with pages_total, "page x of y" in the UI.
    pages_done: Mapped[int | None] = mapped_column(Integer)
    # Leases (migration 0026): when the broker took the job (enqueued_at without sent_at: a send claimed but
    # never confirmed), and when the running job was claimed or last stored a page.
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    active_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_id: Mapped[str | None] = mapped_column(String(200))  # the broker delivery (task id) that claimed it


class ApiToken(Base):
    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex of the plaintext
    role: Mapped[str] = mapped_column(String(10))  # a Role
    label: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    # role "office": the office the token acts for (migration 0007); NULL for every other role
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)


class PageResult(Base):
    """One page read by a worker, kept until its document is assembled (and reused by a re-run).

    Keyed by the original's content hash and the extractor version: a page is stored at most once, however
    many times a task is delivered.
    """

    __tablename__ = "page_results"
    __table_args__ = (
        UniqueConstraint("sha256", "extractor_version", "number", name="uq_page_results_sha256_version_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    extractor_version: Mapped[str] = mapped_column(String(50))
    number: Mapped[int] = mapped_column(Integer)
    job_id: Mapped[int | None] = mapped_column(ForeignKey("jobs.id", ondelete="SET NULL"), index=True)
    page: Mapped[dict[str, Any]] = mapped_column(JSON)  # ingest.pages.page_to_dict
    error: Mapped[str | None] = mapped_column(Text)
    seconds: Mapped[float | None] = mapped_column(Float)
    worker: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PushedItem(Base):
    """An action item already created in an external tracker (Jira, GitHub), so it is never pushed twice."""

    __tablename__ = "pushed_items"
    __table_args__ = (UniqueConstraint("item_id", "tracker", name="uq_pushed_items_item_tracker"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    tracker: Mapped[str] = mapped_column(String(20))  # jira | github
    remote_key: Mapped[str] = mapped_column(String(100))  # PROJ-12 | 34
    remote_url: Mapped[str | None] = mapped_column(Text)
    pushed_by: Mapped[str | None] = mapped_column(String(100))
    pushed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OutboxEvent(Base):
    """Something to tell the outside world (item created, status changed, overdue, daily digest).

    Written in the same transaction as the change; ``event_key`` is unique so an event exists once.
    The dispatcher fans each event out to ``Delivery`` rows, one per configured receiver.
    """

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_key: Mapped[str] = mapped_column(String(200), unique=True)
    event: Mapped[str] = mapped_column(String(40))  # item.created | item.status_changed | item.overdue | digest
    item_id: Mapped[int | None] = mapped_column(Integer, index=True)  # no FK: the event outlives the item
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    fanned_out_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class Delivery(Base):
    """One event to one receiver (a webhook URL or an e-mail address), with retry bookkeeping."""

    __tablename__ = "deliveries"
    __table_args__ = (
        UniqueConstraint("event_id", "channel", "target", name="uq_deliveries_event_target"),
        Index("ix_deliveries_pending", "delivered_at", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("outbox_events.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(10))  # webhook | email
    target: Mapped[str] = mapped_column(String(500))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    failed: Mapped[bool] = mapped_column(Boolean, default=False)  # gave up after the last retry
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    event: Mapped[OutboxEvent] = relationship()


class ItemEmbedding(Base):
    """A sentence embedding of an item's text for one embedding model (float32, L2-normalised).

    Rows are only ever inserted or deleted (a changed text deletes its rows), so the in-memory vector
    index can load what is new by ``id`` without rereading the table. The keyword index lives beside
    it in ``item_fts`` (an FTS5 table on SQLite, a tsvector table on PostgreSQL), made by migration
    0002 and kept by ``store.fts``.
    """

    __tablename__ = "item_embeddings"
    # AUTOINCREMENT (migration 0011_vectors): a row id is never handed out twice, so "rows after id N"
    # is everything stored since an index that holds row N was saved.
    __table_args__ = (
        UniqueConstraint("item_id", "model", name="uq_item_embeddings_item_model"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    model: Mapped[str] = mapped_column(String(200))
    dim: Mapped[int] = mapped_column(Integer)
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ItemResponsible(Base):
    """One responsible person of an action item, in the order of ``ActionItem.responsible`` (which stays
    the read model's source). Kept in step by ``store.responsibles`` on every flush that writes the list.

    ``key`` is the folded designation (else name): what office aliases match, and ``office_id`` the
    office whose alias it is. ``search`` is the folded "name designation", what ``responsible=`` matches
    (through the small vocabulary in ``search_terms``).
    """

    __tablename__ = "item_responsibles"
    __table_args__ = (
        Index("ix_item_responsibles_search_item", "search", "item_id"),
        Index("ix_item_responsibles_key_item", "key", "item_id"),
        Index("ix_item_responsibles_office_item", "office_id", "item_id"),
        Index("ix_item_responsibles_search_state_item", "search", "review_state", "item_id"),
    )

    item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(300))
    search: Mapped[str] = mapped_column(String(600))
    name: Mapped[str | None] = mapped_column(Text)
    designation: Mapped[str | None] = mapped_column(Text)
    office_id: Mapped[int | None] = mapped_column(ForeignKey("offices.id", ondelete="SET NULL"))
    # the item's review state, kept by database triggers (migration 0019) for the capped counts of
    # responsible= with tracked / review_state: an index-only range of (search, review_state, item_id)
    review_state: Mapped[str | None] = mapped_column(String(20))


class SearchTerm(Base):
    """The distinct folded keys a substring filter scans (kind ``responsible`` or ``issuer``): a few
    thousand rows however many items there are. Rows are only added; a term no item uses any more
    matches nothing."""

    __tablename__ = "search_terms"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    term: Mapped[str] = mapped_column(String(600), primary_key=True)


# --- offices and action-taken reports (migration 0007) ------------------------------------------------


class Office(Base):
    """A government office that directives are addressed to (designation, department, district)."""

    __tablename__ = "offices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    designation: Mapped[str] = mapped_column(Text)
    department: Mapped[str | None] = mapped_column(Text)
    district: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(320))  # reminders by e-mail
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    aliases: Mapped[list[OfficeAlias]] = relationship(
        back_populates="office", cascade="all, delete-orphan", order_by="OfficeAlias.id"
    )


class OfficeAlias(Base):
    """A way the minutes name an office; ``key`` is the folded form that responsibles are matched on."""

    __tablename__ = "office_aliases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(String(300), unique=True)

    office: Mapped[Office] = relationship(back_populates="aliases")


class ItemOffice(Base):
    """An action item assigned to an office (by alias match or by hand), with its closing figures."""

    __tablename__ = "item_offices"
    __table_args__ = (
        Index("ix_item_offices_office_item", "office_id", "item_id"),
        Index("ix_item_offices_office_due", "office_id", "due_date", "item_id"),
    )

    item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), primary_key=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), primary_key=True)
    source: Mapped[str] = mapped_column(String(10), default="alias")  # alias | manual
    assigned_on: Mapped[date] = mapped_column(Date)  # meeting date, else the day of linking
    closed_on: Mapped[date | None] = mapped_column(Date)  # set when the item is done
    days_to_close: Mapped[int | None] = mapped_column(Integer)
    # the item's due date, kept by database triggers (migration 0013) for the office list's range scan
    due_date: Mapped[date | None] = mapped_column(Date)


class OfficeReport(Base):
    """One version of an office's action-taken report on an item. Rows are never updated except for
    the review; a returned report stays and the office files a new version."""

    __tablename__ = "office_reports"
    __table_args__ = (
        UniqueConstraint("item_id", "office_id", "version", name="uq_office_reports_item_office_version"),
        Index("ix_office_reports_review", "review"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("action_items.id", ondelete="CASCADE"), index=True)
    office_id: Mapped[int] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # a ReportStatus
    text: Mapped[str] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)  # why it cannot be done
    report_date: Mapped[date] = mapped_column(Date)
    submitted_by: Mapped[str] = mapped_column(String(100))
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    review: Mapped[str] = mapped_column(String(10), default="pending")  # a ReportReview
    reviewed_by: Mapped[str | None] = mapped_column(String(100))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)

    attachments: Mapped[list[ReportAttachment]] = relationship(
        back_populates="report", cascade="all, delete-orphan", order_by="ReportAttachment.id"
    )


class ReportAttachment(Base):
    """Proof attached to a report, kept in the file store like an original (content-addressed)."""

    __tablename__ = "report_attachments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("office_reports.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_path: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    report: Mapped[OfficeReport] = relationship(back_populates="attachments")


class UsageCount(Base):
    """What one caller (an API token's actor, or ``local``) uploaded on one day (UTC): the per-token
    quotas of store.quotas count here. Rows are tiny: one per active token per day."""

    __tablename__ = "usage_counts"

    actor: Mapped[str] = mapped_column(String(200), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    uploads: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int] = mapped_column(Integer, default=0)
