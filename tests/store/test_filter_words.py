"""Issue 18, round 33: on PostgreSQL the list filters status / review state / tracked / department /
responsible are words of ``item_words`` too (migration 0022, ``store.filter_words``), so ``q=`` + such a
filter is counted (and its candidates read) from one GIN scan of ``(word_ids, filter_ids)``. Pages and
totals must stay exactly the plain query's on both databases, for every needle form and every filter,
after status / review changes, text edits, responsible changes, a meeting's department change and
deletes; and every item's ``filter_ids`` must be what its row says."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from alembic import command
from sqlalchemy import delete, inspect, text, update

from store import repository, text_words
from store.db import Database
from store.models import ActionItem, Document
from store.repository import ItemFilter, count_items, list_items, q_filter_word_rows, q_filter_word_total
from tests.helpers.migrations import run_alembic
from tests.store.test_q_words_filters import AT, NEEDLES, TODAY, _fill, _plain

FILTERS = [
    ItemFilter(status=["open"]),
    ItemFilter(status=["open", "done"]),
    ItemFilter(review_state=["proposed"]),
    ItemFilter(review_state=[]),  # matches nothing
    ItemFilter(tracked=True),
    ItemFilter(tracked=False),
    ItemFilter(department="कृषि"),
    ItemFilter(department="विभाग"),
    ItemFilter(department="%"),  # LIKE's metacharacter, literal: no department has it
    ItemFilter(department="zzz"),
    ItemFilter(responsible="अधिशासी"),
    ItemFilter(responsible="तहसील", tracked=True),
    ItemFilter(responsible="कोई नहीं"),  # no such officer
    ItemFilter(department="जल", status=["open", "done"], review_state=["confirmed", "rejected"]),
    ItemFilter(department="कृषि", responsible="अधिशासी", status=["in_progress"], tracked=False),
    ItemFilter(status=["open"], priority="high"),  # another filter: not this path
]
# frequent, inside three words, mixed case, LIKE's metacharacters, a whole word, none, spaced forms
SOME_NEEDLES = [*NEEDLES[:12], " road", "road हैंडपंपों नाली"]


def _check(s: Any, needles: list[str] = SOME_NEEDLES) -> None:
    for needle in needles:
        for base in FILTERS:
            f = ItemFilter(**{**base.__dict__, "q": needle})
            exact = list(s.scalars(_plain(f)))
            assert count_items(s, f, TODAY, None) == len(exact), (needle, base)
            for cap in {0, max(len(exact) - 1, 0), len(exact)}:
                assert count_items(s, f, TODAY, cap) == min(len(exact), cap + 1), (needle, base, cap)
            items, total = list_items(s, f, today=TODAY, limit=500, count_cap=10_000)
            assert (total, [i.id for i in items]) == (len(exact), exact), (needle, base)
            items, total = list_items(s, f, today=TODAY, limit=4, offset=1, count_cap=2)
            assert (total, [i.id for i in items]) == (min(len(exact), 3), exact[1:5]), (needle, base)
            # the officer's rows walked by date (migration 0024) either way, and the pages read by id
            for sort in ("created_at", "-created_at", "-due_date"):
                want = list(s.scalars(_plain(f, sort).limit(3).offset(2)))
                page, total = list_items(s, f, today=TODAY, sort=sort, limit=3, offset=2, count_cap=10_000)
                assert (total, [i.id for i in page]) == (len(exact), want), (needle, base, sort)


def _check_people_dates(s: Any) -> None:
    """Every people row carries its item's ``created_at`` (migration 0024, PostgreSQL)."""
    if s.get_bind().dialect.name != "postgresql":
        return
    wrong = s.execute(
        text("""SELECT r.item_id FROM item_responsibles r JOIN action_items a ON a.id = r.item_id
                WHERE r.created_at IS DISTINCT FROM a.created_at""")
    ).all()
    assert wrong == []


def _check_filter_ids(s: Any) -> None:
    """Every item's filter word ids are exactly its status, review state, department and responsibles'."""
    if s.get_bind().dialect.name != "postgresql":
        return
    wrong = s.execute(
        text("""SELECT a.id FROM action_items a JOIN documents d ON d.id = a.document_id
                JOIN item_words i ON i.item_id = a.id
                WHERE i.filter_ids IS DISTINCT FROM ARRAY(
                  SELECT f.id FROM filter_words f WHERE (f.kind = 'status' AND f.value = a.status)
                     OR (f.kind = 'review' AND f.value = a.review_state) OR (f.kind = 'dept' AND f.value = d.department)
                     OR (f.kind = 'resp' AND f.value IN (SELECT r.search FROM item_responsibles r WHERE r.item_id = a.id))
                  ORDER BY 1)""")
    ).all()
    assert wrong == []
    pairs = s.execute(
        text("""SELECT coalesce(c.word_id, r.w), coalesce(c.filter_id, r.f), c.items, r.n
                FROM (SELECT word_id, filter_id, items FROM word_filter_counts WHERE items <> 0) c
                FULL JOIN (SELECT w, f, count(*) AS n FROM item_words, unnest(word_ids) w, unnest(filter_ids) f
                           GROUP BY w, f) r ON r.w = c.word_id AND r.f = c.filter_id
                WHERE c.items IS DISTINCT FROM r.n""")
    ).all()
    assert pairs == []  # every (word, filter word) count is a recount
    missing = s.scalar(
        text("SELECT count(*) FROM action_items a WHERE NOT EXISTS (SELECT 1 FROM item_words i WHERE i.item_id = a.id)")
    )
    assert missing == 0


@pytest.mark.parametrize(
    ("page_ids", "walk", "officer_min", "officer_rows"),
    [(3, 5_000, 1_000, 4), (10_000, 5_000, 1_000, 4), (10_000, 0, 1_000, 4), (10_000, 5_000, 1, 4), (3, 5_000, 1, 1)],
)
def test_q_with_word_filters_equals_the_plain_query_after_every_write(
    db: Database, monkeypatch: pytest.MonkeyPatch, page_ids: int, walk: int, officer_min: int, officer_rows: int
) -> None:
    # PAGE_IDS 3: the needles' candidates pass it, so the count is q_filter_word_rows'; 10,000: the
    # candidates (with the filters' words) are read and the page is read by id
    monkeypatch.setattr(text_words, "PAGE_IDS", page_ids)
    monkeypatch.setattr(repository, "WALK_MATCHES", walk)  # 0: one word + one filter's page always walks
    # OFFICER_WALK_MIN 1: q= + one officer sorted by date walks the officer's rows (0024) whenever it can;
    # OFFICER_WALK_ROWS 1: its row budget is often too small, and the page falls back to the ids
    monkeypatch.setattr(repository, "OFFICER_WALK_MIN", officer_min)
    monkeypatch.setattr(repository, "OFFICER_WALK_ROWS", officer_rows)
    walked: list[list[int] | None] = []
    officer_page = repository.officer_page

    def spy(*args: Any, **kwargs: Any) -> list[int] | None:
        walked.append(officer_page(*args, **kwargs))
        return walked[-1]

    monkeypatch.setattr(repository, "officer_page", spy)
    with db.session() as s:
        _fill(s)
    with db.session() as s:
        pg = s.get_bind().dialect.name == "postgresql"
        f = ItemFilter(q="हैंडपंपों", status=["open"])
        assert (q_filter_word_rows(s, f) is not None) == pg
        assert q_filter_word_rows(s, ItemFilter(q="हैंडपंपों", priority="high")) is None
        assert q_filter_word_rows(s, ItemFilter(q="हैंडपंपों जांच", status=["open"])) is None  # spaced: the join
        assert q_filter_word_rows(s, ItemFilter(q="हैंडपंपों")) is None  # q= alone: its own path
        # one word and one filter: counted from word_filter_counts; not for two filters or a needle in
        # several words
        assert (q_filter_word_total(s, f) is not None) == pg
        assert (q_filter_word_total(s, ItemFilter(q="हैंडपंपों", department="विभाग")) is not None) == pg
        assert q_filter_word_total(s, ItemFilter(q="हैंडपंपों", status=["open"], tracked=True)) is None
        assert q_filter_word_total(s, ItemFilter(q="पंप", status=["open"])) is None
        _check_filter_ids(s)
        _check_people_dates(s)
        _check(s, NEEDLES)
        # the officer's walk ran and filled pages on PostgreSQL when allowed to (and fell back when not)
        assert any(ids is not None for ids in walked) == (pg and officer_min == 1)
    with db.session() as s:  # status and review changes (Core), a text edit, an ORM status change
        s.execute(update(ActionItem).where(ActionItem.id.in_([1, 2, 3, 4, 10])).values(status="open"))
        s.execute(update(ActionItem).where(ActionItem.id.in_([5, 6])).values(review_state="confirmed", status="done"))
        s.execute(update(ActionItem).where(ActionItem.id == 11).values(text="नाली ROAD हैंडपंपों  जांच"))
        item = s.get(ActionItem, 12)
        assert item is not None
        item.status, item.review_state = "in_progress", "rejected"
    with db.session() as s:
        _check_filter_ids(s)
        _check(s)
    with db.session() as s:  # responsibles changed (the ORM rewrites item_responsibles), one emptied
        for item_id, people in (
            (13, [{"name": None, "designation": "अधिशासी अभियंता"}, {"name": None, "designation": "तहसीलदार"}]),
            (14, []),
            (15, [{"name": None, "designation": "नया अधिकारी"}]),
            (16, [{"name": None, "designation": "अधिशासी अभियंता"}, {"name": None, "designation": "अधिशासी अभियंता"}]),
        ):
            item = s.get(ActionItem, item_id)
            assert item is not None
            item.responsible = people
    with db.session() as s:
        _check_filter_ids(s)
        _check_people_dates(s)
        _check(s)
    with db.session() as s:  # items' created_at changed (Core: the order the officer's rows are walked in)
        s.execute(update(ActionItem).where(ActionItem.id.in_([3, 6, 16])).values(created_at=AT + timedelta(hours=1)))
        s.execute(update(ActionItem).where(ActionItem.id == 9).values(created_at=AT - timedelta(days=1)))
        if s.get_bind().dialect.name == "postgresql":  # a people row moved to another item
            s.execute(text("UPDATE item_responsibles SET item_id = 20, position = 90 WHERE item_id = 21"))
    with db.session() as s:
        _check_filter_ids(s)
        _check_people_dates(s)
        _check(s)
    with db.session() as s:  # a meeting's department changes (Core), another's by the ORM; deletes
        s.execute(update(Document).where(Document.id == 1).values(department="नया विभाग"))
        doc = s.get(Document, 2)
        assert doc is not None
        doc.department = "कृषि एवं जल"
        s.execute(delete(ActionItem).where(ActionItem.id.in_([7, 8, 9])))
    with db.session() as s:
        _check_filter_ids(s)
        _check(s)
    with db.session() as s:
        s.execute(update(Document).where(Document.id == 1).values(department=None))
        s.execute(delete(Document).where(Document.id == 2))
    with db.session() as s:
        _check_filter_ids(s)
        _check_people_dates(s)
        _check(s)


def test_the_migration_fills_the_people_dates_of_existing_items(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("0024 is PostgreSQL only")
    monkeypatch.setattr(repository, "OFFICER_WALK_MIN", 1)
    with db.session() as s:
        _fill(s)
    run_alembic(db.engine, command.downgrade, "0023_workload_officer_keys")
    with db.session() as s:  # written without 0024: no column, no triggers
        assert "created_at" not in {c["name"] for c in inspect(s.get_bind()).get_columns("item_responsibles")}
        s.execute(update(ActionItem).where(ActionItem.id.in_([3, 6])).values(created_at=AT + timedelta(hours=2)))
    run_alembic(db.engine, command.upgrade, "heads")
    with db.session() as s:
        _check_people_dates(s)
        _check_filter_ids(s)
        _check(s, ["हैंडपंपों", "पंप", "zzz"])


def test_the_migration_fills_the_filter_words_of_existing_items(db: Database) -> None:
    if db.engine.dialect.name != "postgresql":
        pytest.skip("0022 is PostgreSQL only")
    with db.session() as s:
        _fill(s)
    run_alembic(db.engine, command.downgrade, "0021_undotted_keys")
    with db.session() as s:  # written without 0022: its tables and triggers gone
        assert s.scalar(text("SELECT to_regclass('filter_words')")) is None
        s.execute(update(ActionItem).where(ActionItem.id.in_([1, 2])).values(status="dropped"))
        s.execute(update(Document).where(Document.id == 2).values(department="जल संस्थान"))
    run_alembic(db.engine, command.upgrade, "heads")
    with db.session() as s:
        _check_filter_ids(s)
        assert s.scalar(text("SELECT count(*) FROM item_words WHERE filter_ids = '{}'")) == 0
        _check(s, ["हैंडपंपों", "पंप", "zzz"])
