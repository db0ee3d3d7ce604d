"""Documents and action items: create, save an extraction, query with filters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from sqlalchemy import (
    Integer,
    Row,
    Select,
    String,
    and_,
    any_,
    column,
    func,
    literal,
    literal_column,
    not_,
    select,
    table,
)
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, contains_eager, selectinload

from core.contract import Extraction
from core.states import CLOSED_STATUSES, DocumentStatus, ItemStatus, ReviewState
from store import filter_words, text_words
from store.document_edit import apply_overrides
from store.fields import new_extracted_item, parse_date
from store.models import PRIORITY_RANK_SQL, ActionItem, Document, ItemResponsible, Page, UTCDateTime
from store.responsibles import issuer_condition, responsible_condition, responsible_item_ids, responsible_rows
from store.substring import text_contains, text_rechecked

# --- documents -------------------------------------------------------------------------------------


def get_document(session: Session, document_id: int) -> Document | None:
    return session.get(Document, document_id)


def get_document_by_sha(session: Session, sha256: str) -> Document | None:
    return session.scalar(select(Document).where(Document.sha256 == sha256))


def create_document(
    session: Session,
    *,
    sha256: str,
    filename: str,
    content_type: str,
    kind: str,
    size: int,
    stored_path: str,
    meeting_date: date | None = None,
) -> Document:
    doc = Document(
        sha256=sha256,
        filename=filename,
        content_type=content_type,
        kind=kind,
        size=size,
        stored_path=stored_path,
        requested_meeting_date=meeting_date,
        meeting_date=meeting_date,
        status=DocumentStatus.STORED,
    )
    session.add(doc)
    session.flush()
    return doc


def list_documents(session: Session, *, limit: int = 50, offset: int = 0) -> tuple[list[Document], int]:
    total = session.scalar(select(func.count(Document.id))) or 0
    docs = session.scalars(
        select(Document).order_by(Document.created_at.desc(), Document.id.desc()).limit(limit).offset(offset)
    ).all()
    return list(docs), total


def item_counts(session: Session, document_ids: list[int]) -> dict[int, int]:
    if not document_ids:
        return {}
    rows = session.execute(
        select(ActionItem.document_id, func.count(ActionItem.id))
        .where(ActionItem.document_id.in_(document_ids))
        .group_by(ActionItem.document_id)
    ).all()
    return {doc_id: n for doc_id, n in rows}


def apply_meeting(doc: Document, extraction: Extraction) -> None:
    meeting = extraction.meeting
    doc.meeting = meeting.to_json()
    try:
        extracted_date = parse_date(meeting.date)
    except ValueError:
        extracted_date = None
    doc.meeting_date = extracted_date or doc.requested_meeting_date
    doc.meeting_place = meeting.place
    doc.meeting_title = meeting.title
    doc.department = meeting.department
    doc.chair_name = meeting.chair.name if meeting.chair else None
    doc.chair_designation = meeting.chair.designation if meeting.chair else None
    doc.warnings = list(extraction.warnings)
    doc.extractor_version = extraction.extractor_version
    apply_overrides(doc)  # a reviewer's meeting facts win over the extraction's


def replace_pages(session: Session, doc: Document, extraction: Extraction) -> None:
    doc.pages.clear()
    session.flush()
    for p in extraction.pages:
        doc.pages.append(
            Page(
                number=p.number,
                route=p.route or "unknown",
                ocr_confidence=p.ocr_confidence,
                garble_score=p.garble_score,
                text=p.text,
            )
        )


def save_extraction(session: Session, doc: Document, extraction: Extraction) -> list[ActionItem]:
    """Store a first extraction of ``doc``: meeting, pages and items (caller owns the transaction)."""
    apply_meeting(doc, extraction)
    replace_pages(session, doc, extraction)
    for old in list(doc.items):
        session.delete(old)
    session.flush()
    items = []
    for seq, ai in enumerate(extraction.action_items, start=1):
        item = new_extracted_item(doc.id, seq, ai)
        session.add(item)
        items.append(item)
    doc.status = DocumentStatus.PROCESSED
    doc.error = doc.error_code = None
    session.flush()
    return items


def mark_document_failed(doc: Document, code: str, message: str) -> None:
    doc.status = DocumentStatus.FAILED
    doc.error_code = code
    doc.error = message


# --- action items ----------------------------------------------------------------------------------


@dataclass
class ItemFilter:
    status: list[str] | None = None
    overdue: bool | None = None
    responsible: str | None = None
    department: str | None = None
    issuer: str | None = None
    assignee: str | None = None
    priority: str | None = None
    due_before: date | None = None  # inclusive
    due_after: date | None = None  # inclusive
    meeting_from: date | None = None
    meeting_to: date | None = None
    document_id: int | None = None
    review_state: list[str] | None = None
    tracked: bool | None = None
    q: str | None = None


NULLABLE_SORTS = frozenset({"due_date", "confidence", "meeting_date"})  # NULLs sort last
PRIORITY_RANK = {"low": 0, "normal": 1, "high": 2}
OPEN_STATUSES = tuple(s for s in ItemStatus if s not in CLOSED_STATUSES)
SORT_KEYS = {
    "due_date": ActionItem.due_date,
    "created_at": ActionItem.created_at,
    "updated_at": ActionItem.updated_at,
    "confidence": ActionItem.confidence,
    "meeting_date": Document.meeting_date,
    "status": ActionItem.status,
    "id": ActionItem.id,
    # the literal text of the expression index ix_action_items_priority_rank (PRIORITY_RANK's order)
    "priority": literal_column(PRIORITY_RANK_SQL, Integer),
}


# SQLite picks a filter's own index (status + due date for overdue, the responsibles' item ids) even
# when it matches thousands of rows, then reads and sorts them all for one page. When the count says
# the filter is that broad, the page walks the sort's index instead and stops after one page: at most
# about limit * items / DENSE_MATCHES rows read. (PostgreSQL weighs this itself from its statistics.)
SORT_INDEXES = {"created_at": "ix_action_items_created_id", "priority": "ix_action_items_priority_rank"}
DENSE_MATCHES = 2000


def walk_sort_index(stmt: Select[Any], sort: str, total: int) -> Select[Any]:
    """``stmt`` with SQLite's ``INDEXED BY`` the sort's index when ``total`` says the filter is broad."""
    index = SORT_INDEXES.get(sort.lstrip("-"))
    if index is None or total < DENSE_MATCHES:
        return stmt
    return stmt.with_hint(ActionItem, f"INDEXED BY {index}", "sqlite")  # other dialects ignore it


def overdue_clause(today: date) -> Any:
    """Overdue is derived, never stored: a due date before today on an item still open."""
    return and_(
        ActionItem.due_date.is_not(None),
        ActionItem.due_date < today,
        ActionItem.status.in_(OPEN_STATUSES),  # IN, not NOT IN: a range scan of ix_action_items_status_due
    )


def document_conditions(f: ItemFilter) -> list[Any]:
    """The filters that are about the meeting (a Document), not the item: department and date range."""
    conds: list[Any] = []
    if f.department:
        conds.append(Document.department.icontains(f.department, autoescape=True))
    if f.meeting_from:
        conds.append(Document.meeting_date >= f.meeting_from)
    if f.meeting_to:
        conds.append(Document.meeting_date <= f.meeting_to)
    return conds


def _filtered(
    stmt: Select[Any], f: ItemFilter, today: date, *, text_index: bool = True, q_condition: Any = None
) -> Select[Any]:
    """``stmt`` with the conditions of ``f``; ``text_index=False``: ``q=`` checks each row read instead of
    looking its candidates up first (for a page that walks the sort order anyway); ``q_condition``:
    what ``q=`` is checked by instead of the text (an equivalent condition, ``store.text_words``)."""
    conds: list[Any] = []
    if f.status:
        conds.append(ActionItem.status.in_(f.status))
    if f.overdue is not None:
        conds.append(overdue_clause(today) if f.overdue else not_(overdue_clause(today)))
    if f.responsible:
        conds.append(responsible_condition(f.responsible))
    conds += document_conditions(f)
    if f.issuer:
        conds.append(issuer_condition(f.issuer))
    if f.assignee:
        conds.append(ActionItem.assignee.icontains(f.assignee, autoescape=True))
    if f.priority:
        conds.append(ActionItem.priority == f.priority)
    if f.due_before:
        conds.append(ActionItem.due_date <= f.due_before)
    if f.due_after:
        conds.append(ActionItem.due_date >= f.due_after)
    if f.document_id is not None:
        conds.append(ActionItem.document_id == f.document_id)
    conds += review_conditions(f, ActionItem.review_state)
    if f.q:
        conds.append(text_contains(f.q, use_index=text_index) if q_condition is None else q_condition)
    return stmt.where(*conds) if conds else stmt


def review_conditions(f: ItemFilter, column: Any) -> list[Any]:
    """The conditions of ``review_state`` and ``tracked`` on ``column`` (the item's review state, or
    ``item_responsibles.review_state``, which triggers keep equal to it)."""
    conds: list[Any] = []
    if f.review_state is not None:  # an empty list matches nothing (a review scope that excludes all)
        conds.append(column.in_(f.review_state))
    if f.tracked is not None:
        conds.append((column == ReviewState.CONFIRMED) if f.tracked else (column != ReviewState.CONFIRMED))
    return conds


def _order(sort: str) -> list[Any]:
    """ORDER BY for a SORT_KEYS name ('-' for descending); the id breaks ties in the same direction."""
    desc = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        raise ValueError(f"unknown sort key {key!r}; use one of {sorted(SORT_KEYS)}")
    col = SORT_KEYS[key]
    order = col.desc() if desc else col.asc()
    if key in NULLABLE_SORTS:  # only there: on PostgreSQL "DESC NULLS LAST" cannot read a plain index backwards
        order = order.nulls_last()
    return [order, ActionItem.id.desc() if desc else ActionItem.id.asc()]


def matching_ids(f: ItemFilter, today: date, q_condition: Any = None) -> Select[Any]:
    """SELECT of the ids of the items matching ``f`` (once each), the cheapest way there is: the meetings
    are joined only when a filter is about them; ``responsible=`` alone reads only the responsibles' index.
    ``q_condition``: as ``_filtered``'s."""
    if f.responsible and replace(f, responsible=None) == ItemFilter():
        return responsible_item_ids(f.responsible)
    ids = select(ActionItem.id)
    if document_conditions(f):
        ids = ids.join(ActionItem.document)
    return _filtered(ids, f, today, q_condition=q_condition)


def count_of(rows: Select[Any], cap: int | None = None) -> Select[Any]:
    """The number of ``rows``, counting at most ``cap + 1`` of them when a cap is given."""
    return select(func.count()).select_from((rows if cap is None else rows.limit(cap + 1)).subquery())


def people_rows(f: ItemFilter, today: date) -> Select[Any]:
    """SELECT of ``item_id`` per matching responsible row of the items matching ``f`` (which has
    ``responsible``): an item naming two matching people comes twice. Driven by the responsibles'
    covering index: ``tracked`` / ``review_state`` are conditions on the row's own copy of the item's
    review state (``(search, review_state, item_id)``, migration 0019), so with those alone the rows
    are one index-only range; each row probes the item (and meeting) only for the other filters."""
    assert f.responsible
    rows = responsible_rows(f.responsible).where(*review_conditions(f, ItemResponsible.review_state))
    rest = replace(f, responsible=None, review_state=None, tracked=None)
    if rest == ItemFilter():
        return rows
    rows = rows.join(ActionItem, ActionItem.id == ItemResponsible.item_id)
    if document_conditions(rest):
        rows = rows.join(ActionItem.document)
    return _filtered(rows, rest, today)


def count_statement(f: ItemFilter, today: date, cap: int | None = None) -> Select[Any]:
    """The first (usually the only) query ``count_items`` runs: ``count(*)``, or for ``responsible=``
    ``(count(DISTINCT item_id), count(*))`` of up to ``cap + 1`` people rows."""
    if not f.responsible:
        return count_of(matching_ids(f, today), cap)
    rows = people_rows(f, today)
    sub = (rows if cap is None else rows.limit(cap + 1)).subquery()
    return select(func.count(sub.c.item_id.distinct()), func.count()).select_from(sub)  # type: ignore[return-value]


def _words_apply(session: Session, f: ItemFilter) -> bool:
    """``q=`` is the only filter and the words of the texts can answer it (``store.text_words``)."""
    return bool(f.q) and replace(f, q=None) == ItemFilter() and text_words.applies(session, f.q or "")


def count_items(session: Session, f: ItemFilter, today: date, cap: int | None = None, *, by_words: bool = True) -> int:
    """How many items match ``f``: all of them, or at most ``cap + 1`` when a cap is given.

    ``responsible=`` counts its people rows without DISTINCT first (a DISTINCT must read every match
    before the cap can stop it): ``cap + 1`` rows read, their distinct items counted. That is exact
    when the rows ran out before the cap, or when the distinct items alone pass it; otherwise (people
    repeated within the first ``cap + 1`` rows) the DISTINCT count answers.

    ``q=`` alone on PostgreSQL is counted from the words of the texts (``store.text_words``) unless
    ``by_words`` is false (the caller asked them already)."""
    if by_words and f.q and _words_apply(session, f):
        counted = text_words.word_count(session, f.q, cap)  # PostgreSQL: from the words' item counts
        if counted is not None:
            return counted
    if by_words and f.q:
        rows = q_filter_word_rows(session, f)
        counted = None if rows is None else q_filter_word_total(session, f)
        if counted is not None:
            return counted if cap is None else min(counted, cap + 1)
        if rows is None:
            rows = q_word_rows(session, f, today)
        if rows is not None:
            return session.scalar(count_of(rows, cap)) or 0
    stmt = count_statement(f, today, cap)
    if not f.responsible:
        return session.scalar(stmt) or 0
    distinct, read = session.execute(stmt).one()
    if cap is None or read <= cap or distinct > cap:
        return int(distinct)
    return session.scalar(count_of(matching_ids(f, today), cap)) or 0


# the filters q_word_rows joins to the needle's words: checked index-only on the candidates
# (ix_action_items_id_states), or the people rows hashed once (responsible); priority from the row
JOINED_FILTERS = ("status", "review_state", "tracked", "priority", "responsible")


def q_word_rows(session: Session, f: ItemFilter, today: date) -> Select[Any] | None:
    """SELECT of the ids of the items matching ``f`` (``q=`` with other filters, or with whitespace, on
    PostgreSQL) as a join of ``item_words`` to the items: the needle's word condition
    (``store.text_words.word_condition``; a spaced needle's candidates rechecked by the text), the
    other filters on the item. For a count capped at COUNT_CAP when the candidates pass PAGE_IDS
    (``हैंडपंपों`` + status / responsible, ``हैंडपंपों की``): the planner walks the needle's
    items from the GIN index and checks each against the filter by key (or the filter's rows against
    the needle when they are fewer), stopping at the cap, instead of the needle's trigram bitmap and
    a recheck of every text. None when the words do not apply (SQLite; a needle in too many words or
    whose pieces are all too common) or another filter is set than JOINED_FILTERS: the filters on the
    meeting (department, meeting dates: each of the needle's items would be read from the heap for its
    meeting, 57,000 pages for ``हैंडपंपों``), ``document_id=`` (one meeting: its own index is narrower),
    issuer, assignee, due dates and overdue (measured no faster, or slower, than the trigram path)."""
    rest = replace(f, q=None)
    if not (f.q and session.get_bind().dialect.name == "postgresql"):
        return None
    if replace(rest, **dict.fromkeys(JOINED_FILTERS)) != ItemFilter():
        return None
    found = text_words.word_condition(session, f.q)
    if found is None:
        return None
    rows = select(ActionItem.id).join(text_words.item_words, text_words.item_words.c.item_id == ActionItem.id)
    rows = _filtered(rows, rest, today).where(found.condition)
    return rows if found.exact else rows.where(text_rechecked(f.q))


def _filter_word_arrays(session: Session, f: ItemFilter) -> list[list[int]] | None:
    """``store.filter_words.word_arrays`` of ``f``'s filters other than ``q=`` when all of them are among
    ``filter_words.FIELDS`` and at least one is set (PostgreSQL); None otherwise."""
    rest = replace(f, q=None)
    if not filter_words.applies(session) or rest == ItemFilter():
        return None
    if replace(rest, **dict.fromkeys(filter_words.FIELDS)) != ItemFilter():
        return None
    return filter_words.word_arrays(session, rest)


def q_filter_word_rows(session: Session, f: ItemFilter) -> Select[Any] | None:
    """SELECT of the ids of the items matching ``f`` — ``q=`` without whitespace and filters among
    ``filter_words.FIELDS`` (status, review state, tracked, department, responsible) — from
    ``item_words`` alone (migration 0022): the needle's word condition and each filter's
    ``filter_ids && ARRAY[…]``, one scan of the GIN index on ``(word_ids, filter_ids)`` that intersects
    the posting lists; no row of ``action_items`` is read. None when that does not apply (SQLite,
    another filter, a needle with whitespace or in too many words: the caller's other paths)."""
    if not f.q or text_words.WORD_SEPARATORS & set(f.q):
        return None
    arrays = _filter_word_arrays(session, f)
    if arrays is None:
        return None
    found = text_words.word_condition(session, f.q)
    if found is None or not found.exact:
        return None
    iw = text_words.item_words
    return select(iw.c.item_id).where(found.condition, *filter_words.conditions(arrays, iw))


def q_filter_word_total(session: Session, f: ItemFilter) -> int | None:
    """How many items match ``f`` (``q=`` inside one vocabulary word, one filter among
    ``filter_words.FIELDS``), from ``word_filter_counts`` (migration 0022): one row per filter word, no
    posting list or item read. None when that cannot say (``filter_words.pair_count``)."""
    if not (f.q and filter_words.applies(session)):
        return None
    rest = replace(f, q=None)
    if replace(rest, **dict.fromkeys(filter_words.FIELDS)) != ItemFilter():
        return None
    word_id = text_words.single_word(session, f.q)
    return None if word_id is None else filter_words.pair_count(session, word_id, rest)


def q_candidates(session: Session, f: ItemFilter) -> Any:
    """``q=``'s condition from the words of the texts (``store.text_words.candidates``) when ``q=`` is
    combined with other filters or has whitespace and the words narrow it to at most PAGE_IDS items:
    ``id = ANY (those ids)``, and the text condition too when they are a superset. None otherwise (the
    text condition alone, as before)."""
    if not (f.q and session.get_bind().dialect.name == "postgresql"):
        return None
    arrays = _filter_word_arrays(session, f)  # the other filters too, when 0022's words carry them
    extra = () if arrays is None else tuple(filter_words.conditions(arrays, text_words.item_words))
    found = text_words.candidates(session, f.q, extra=extra)
    if found is None:
        return None
    ids = text_words.items_containing(f.q, ActionItem.id, found.ids)
    return ids if found.exact else and_(ids, text_rechecked(f.q))


# page_of_ids by created_at: the walk of ix_action_items_created_id passes about pages * items / ids entries
# (pages: offset + limit) before the page is full. An entry whose heap page the visibility map does not mark
# all-visible is a visit of the heap: the items inserted since the last vacuum (autovacuum waits for 20% of
# the table), the newest, where a walk in -created_at starts. Measured at a million items, in units of such
# an entry: probing an id by key and reading its row costs PROBE_COST (1,417 ids: 12 ms probed, 37,723
# entries walked in 20 ms with the newest 115,000 items not vacuumed), an all-visible entry 1 / VISIBLE_WALK
# (the same walk in 4.4 ms after a VACUUM).
PROBE_COST = 16
VISIBLE_WALK = 4
ITEMS_ESTIMATE = sql_text(
    "SELECT reltuples, pg_stat_get_ins_since_vacuum(oid) FROM pg_class WHERE oid = 'action_items'::regclass"
)


def probe_ids(session: Session, ids: int, sort: str, pages: int) -> bool:
    """Whether a page of ``ids`` ids sorted by created_at is cheaper probed by key than walked in order:
    ``ids * PROBE_COST`` below the walk's expected cost, ``pages * items / ids`` entries of which those
    among the items inserted since the last vacuum (the first ones walked in -created_at) cost one each,
    the others 1 / VISIBLE_WALK (PostgreSQL; the items estimated by the table's statistics, -1 before any:
    walked)."""
    if not ids or sort.lstrip("-") != "created_at" or session.get_bind().dialect.name != "postgresql":
        return False
    items, unvacuumed = session.execute(ITEMS_ESTIMATE).one()
    walked = pages * float(items) / ids
    heap = min(walked, float(unvacuumed or 0)) if sort.startswith("-") else 0.0
    return ids * PROBE_COST < heap + (walked - heap) / VISIBLE_WALK


def page_of_ids(
    session: Session, ids: list[int], sort: str, *, limit: int, offset: int = 0, after: Any = None
) -> list[int]:
    """The ids of one page of the items ``ids`` (exactly the items matching the list's filters) in
    ``sort`` order, read as ids alone: the planner either walks the sort's index index-only against the
    hashed ids (``(created_at, id)``: 39,541 entries in 3 ms for the 1,395 of ``1,3`` + status) or probes
    them by key and sorts them, and only then are the page's own rows read. Reading the page's rows
    directly walked ``ix_action_items_created_at`` and fetched every row it passed from the heap
    (39,541 rows, 18-36 ms). Sorted by ``created_at`` with few ids among many items (``probe_ids``), the
    ids are probed by key and sorted whatever the planner would choose."""
    if probe_ids(session, len(ids), sort, offset + limit):
        probed = select(ActionItem.id, ActionItem.created_at).where(ActionItem.id == any_(literal(ids, ARRAY(Integer))))
        if after is not None:
            probed = probed.where(after)
        # OFFSET 0 keeps the probes and the sort below apart: the planner cannot turn them into the walk
        p = probed.offset(0).subquery().c
        order = (p.created_at.desc(), p.id.desc()) if sort.startswith("-") else (p.created_at.asc(), p.id.asc())
        return list(session.scalars(select(p.id).order_by(*order).limit(limit).offset(offset)))
    rows = select(ActionItem.id).where(ActionItem.id == any_(literal(ids, ARRAY(Integer))))
    if sort.lstrip("-") == "meeting_date":
        rows = rows.join(ActionItem.document)
    if after is not None:
        rows = rows.where(after)
    return list(session.scalars(rows.order_by(*_order(sort)).limit(limit).offset(offset)))


# q= + responsible= (one officer) with at least this many matches: the page walks the officer's people
# rows in created_at order (migration 0024) instead of reading every matching id from item_words first
OFFICER_WALK_MIN = 1_000
# ... reading at most this many people rows per match counted (about limit x officer rows / matches are
# needed when the matches are spread evenly); past it the page is read from the ids after all
OFFICER_WALK_ROWS = 4

people_by_date = table(
    "item_responsibles",
    column("item_id", Integer),
    column("search", String),
    column("created_at", UTCDateTime),  # migration 0024: the item's, kept by triggers (PostgreSQL)
)


def officer_page(
    session: Session, f: ItemFilter, sort: str, total: int, *, limit: int, offset: int
) -> list[int] | None:
    """The ids of one page of the items matching ``f`` — ``q=`` without whitespace and ``responsible=``
    alone, matching one officer word — sorted by ``created_at`` (either way), when ``total`` (their exact
    number, ``q_filter_word_total``) is at least OFFICER_WALK_MIN: the officer's people rows are walked
    in that order on ``(search, created_at, item_id)`` (migration 0024) and each item's words probed by
    primary key for the needle, until the page's last match (``हैंडपंपों`` + ``अधिशासी अभियंता``: 790 rows,
    1.3 ms, instead of 6,401 ids from 5,638 ``item_words`` heap pages, 20-28 ms). An item naming the
    officer twice is one (DISTINCT on the sort key). None when that does not apply, or when the walk
    passed OFFICER_WALK_ROWS x total people rows without filling the page (the caller's ids path)."""
    if sort.lstrip("-") != "created_at" or total < OFFICER_WALK_MIN or not (f.q and f.responsible):
        return None
    if replace(f, q=None, responsible=None) != ItemFilter() or text_words.WORD_SEPARATORS & set(f.q):
        return None
    officer = filter_words.single_value(session, "responsible", f)
    found = text_words.word_condition(session, f.q)
    if officer is None or found is None or not found.exact:
        return None
    p, iw = people_by_date.c, text_words.item_words
    desc = sort.startswith("-")
    walk = (
        select(p.item_id, p.created_at)
        .where(p.search == officer)
        .order_by(*((p.created_at.desc(), p.item_id.desc()) if desc else (p.created_at, p.item_id)))
        .limit(OFFICER_WALK_ROWS * total)
        .subquery()
    )
    w = walk.c
    rows = (
        select(w.created_at, w.item_id)
        .distinct()
        .join(iw, iw.c.item_id == w.item_id)
        .where(found.condition)
        .order_by(*((w.created_at.desc(), w.item_id.desc()) if desc else (w.created_at, w.item_id)))
        .limit(offset + limit)
    )
    ids = [int(item_id) for _created, item_id in session.execute(rows)]
    if len(ids) < min(total, offset + limit):  # the walk stopped at its row budget: not the whole page
        return None
    return ids[offset:]


# q= inside one word with one filter (word_filter_counts): with at least this many matches the page walks
# the sort order with the plain conditions (about limit * items / matches rows: 10,000 at a million items)
# instead of reading the matching ids from item_words first (one heap page of item_words per id: 6,500
# pages for the frequent needle + a department's 7,809). Not for responsible=, whose plain condition
# hashes every people row of the officer (91,322: 34 ms) where the ids' page takes 7.
WALK_MATCHES = 5_000


def list_items(
    session: Session,
    f: ItemFilter,
    *,
    today: date,
    sort: str = "-created_at",
    limit: int = 50,
    offset: int = 0,
    after: Any = None,
    count_cap: int | None = None,
) -> tuple[list[ActionItem], int]:
    """One page of items matching ``f`` and the total count. ``sort`` is a SORT_KEYS name, '-' for desc.

    ``after`` (a condition from ``store.keyset.after_condition``) starts the page after a cursor.
    ``count_cap``: count at most ``count_cap + 1`` matches (a total above the cap means "more than the
    cap"), so a broad filter at a million items reads a few thousand index entries, not all of them.
    """
    order = _order(sort)
    base = select(ActionItem).join(ActionItem.document)
    words = bool(f.q) and _words_apply(session, f)
    match = text_words.word_match(session, f.q, count_cap) if f.q and words else None
    if words and match is None and text_words.WORD_SEPARATORS & set(f.q or ""):
        words = False  # two pieces in too many pairs (text_words.MAX_PAIRS): the paths of other spaced needles
    # q= with filters that are words too (migration 0022): the matching ids from one GIN scan
    fw_rows = None if words else q_filter_word_rows(session, f)
    # one word and one filter: counted from word_filter_counts first; the page walks the sort order when
    # the matches are many (the ids are not read), else it reads exactly the matching ids
    fw_total = None if fw_rows is None else q_filter_word_total(session, f)
    # one officer, sorted by date: the officer's rows walked in that order (migration 0024)
    officer_ids = (
        None
        if fw_total is None or after is not None
        else officer_page(session, f, sort, fw_total, limit=limit, offset=offset)
    )
    fw_walk = officer_ids is None and (
        fw_total is not None and (fw_total > text_words.PAGE_IDS or (fw_total >= WALK_MATCHES and not f.responsible))
    )
    fw_ids = (
        None
        if fw_rows is None or fw_walk or officer_ids is not None
        else list(session.scalars(fw_rows.limit(text_words.PAGE_IDS + 1)))
    )
    # q= with other filters or with whitespace on PostgreSQL: the ids the words narrow it to, if few
    by_words = None if words or fw_rows is not None else q_candidates(session, f)
    exact_ids = None  # exactly the ids of the items matching f, all of them
    page_ids = None  # exactly the ids of the page's items, in order
    if officer_ids is not None and fw_total is not None:
        page_ids, offset = officer_ids, 0
        total = fw_total if count_cap is None else min(fw_total, count_cap + 1)
    elif fw_walk and fw_total is not None:  # many: the page walks the sort order with the plain conditions
        total = fw_total if count_cap is None else min(fw_total, count_cap + 1)
    elif fw_ids is not None and len(fw_ids) <= text_words.PAGE_IDS:
        exact_ids = fw_ids
        total = len(fw_ids) if count_cap is None else min(len(fw_ids), count_cap + 1)
    elif fw_ids is not None and count_cap is not None and len(fw_ids) > count_cap:
        total = count_cap + 1  # more than the cap (the page walks the sort order with the filters)
    elif fw_ids is not None:
        total = session.scalar(count_of(fw_rows, count_cap)) or 0  # type: ignore[arg-type]
    elif match is not None:
        total = match.count
    elif by_words is not None:  # at most PAGE_IDS candidates: the matching ones are read in order
        rows = matching_ids(f, today, by_words)
        if sort.lstrip("-") == "meeting_date" and not document_conditions(f):
            rows = rows.join(ActionItem.document)
        ids = list(session.scalars(rows.order_by(*order).limit(None if count_cap is None else count_cap + 1)))
        total = len(ids)
        if count_cap is None or total <= count_cap:  # all of them: the page reads exactly its own
            if after is None:
                ids, offset = ids[offset : offset + limit], 0
            by_words = ActionItem.id == any_(literal(ids, ARRAY(Integer)))
    else:
        total = count_items(session, f, today, count_cap, by_words=not words)
    if after is not None:
        base = base.where(after)
    walked = walk_sort_index(base, sort, total)
    if match and f.q and total <= text_words.PAGE_IDS:  # q= alone, at most PAGE_IDS items: exactly those
        if match.ids is not None:
            exact_ids = match.ids
        else:
            by_words = text_words.items_containing(f.q, ActionItem.id, match.ids)
    if exact_ids is not None:  # the page's ids first, then its rows: every filter is in those ids
        page_ids = page_of_ids(session, exact_ids, sort, limit=limit, offset=offset, after=after)
        offset = 0
    if page_ids is not None:  # exactly the page's items
        filtered = walked.where(ActionItem.id == any_(literal(page_ids, ARRAY(Integer))))
    else:
        filtered = _filtered(walked, f, today, text_index=walked is base, q_condition=by_words)
    stmt = (
        filtered.options(contains_eager(ActionItem.document), selectinload(ActionItem.corrections))
        .order_by(*order)
        .limit(limit)
        .offset(offset)
    )
    return list(session.scalars(stmt).unique().all()), total


# What an export row needs (exporters.rows): the item's columns and its meeting's, nothing else.
EXPORT_COLUMNS = (
    ActionItem.id,
    ActionItem.document_id,
    ActionItem.seq,
    ActionItem.text,
    ActionItem.action,
    ActionItem.issuer_name,
    ActionItem.issuer_designation,
    ActionItem.responsible,
    ActionItem.deadline_text,
    ActionItem.due_date,
    ActionItem.due_date_source,
    ActionItem.recurrence,
    ActionItem.status,
    ActionItem.priority,
    ActionItem.assignee,
    ActionItem.note,
    ActionItem.review_state,
    ActionItem.confidence,
    ActionItem.created_at,
    ActionItem.updated_at,
    Document.department,
    Document.meeting_date,
    Document.meeting_title,
    Document.filename,
)


def iter_item_rows(
    session: Session, f: ItemFilter, *, today: date, sort: str = "id", limit: int = 100_000, batch: int = 1000
) -> Iterator[Row[Any]]:
    """The EXPORT_COLUMNS of every item matching ``f`` (up to ``limit``), as plain rows streamed
    ``batch`` at a time: one Core SELECT, no ORM objects, no corrections (exports show none)."""
    stmt = (
        _filtered(select(*EXPORT_COLUMNS).select_from(ActionItem).join(ActionItem.document), f, today)
        .order_by(*_order(sort))
        .limit(limit)
        .execution_options(yield_per=batch)
    )
    yield from session.execute(stmt)


def get_item(session: Session, item_id: int) -> ActionItem | None:
    return session.get(ActionItem, item_id)


def is_overdue(item: ActionItem, today: date) -> bool:
    return overdue_on(item.due_date, item.status, today)


def overdue_on(due_date: date | None, status: str, today: date) -> bool:
    return due_date is not None and due_date < today and status not in CLOSED_STATUSES
