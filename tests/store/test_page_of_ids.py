"""``page_of_ids`` probed by key (``probe_ids``) gives the page the walk of the sort index gives."""

from __future__ import annotations

import random

import pytest
import sqlalchemy as sa

from store import keyset, repository
from store.db import Database
from store.models import ActionItem
from store.repository import page_of_ids, probe_ids
from tests.store.test_keyset import _seed


def _expected(rows: list[tuple[int, object]], ids: set[int], desc: bool) -> list[int]:
    chosen = sorted(((created, item_id) for item_id, created in rows if item_id in ids), reverse=desc)
    return [item_id for _created, item_id in chosen]


@pytest.mark.parametrize("sort", ["-created_at", "created_at"])
def test_probed_pages_equal_walked_pages(db: Database, sort: str, monkeypatch: pytest.MonkeyPatch) -> None:
    _seed(db)  # 27 items, created_at in three ties
    postgresql = db.engine.dialect.name == "postgresql"
    if postgresql:  # the statistics probe_ids reads: 27 items, none inserted since the last vacuum
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM (ANALYZE) action_items")
    with db.engine.begin() as c:
        rows = [(int(i), created) for i, created in c.execute(sa.select(ActionItem.id, ActionItem.created_at))]
    rnd = random.Random(7)
    with db.session() as s:
        # the estimate decides: 3 ids among 27 items probed (3 * 16 < 50 * 27 / 3 / 4), 5 or 27 walked;
        # SQLite never probes (page_of_ids serves PostgreSQL's paths only: its ids come from item_words /
        # item_pairs)
        assert probe_ids(s, 3, sort, 50) is postgresql and not probe_ids(s, 5, sort, 50)
        assert not probe_ids(s, 27, sort, 50)
        assert not probe_ids(s, 3, "-due_date", 50)
        if not postgresql:
            return
        for n in (1, 5, 12, 27):
            ids = rnd.sample([i for i, _c in rows], n)
            expected = _expected(rows, set(ids), sort.startswith("-"))
            for offset, limit in ((0, 50), (0, 4), (3, 4), (26, 4)):
                pages = {}
                for probed in (False, True):
                    monkeypatch.setattr(repository, "probe_ids", lambda *_a, p=probed: p)
                    pages[probed] = page_of_ids(s, ids, sort, limit=limit, offset=offset)
                assert pages[True] == pages[False] == expected[offset : offset + limit]
            # after a cursor (keyset): the items after the third, both ways
            third = s.get(ActionItem, expected[min(2, n - 1)])
            after = keyset.after_condition(sort, *keyset.decode(keyset.encode(sort, third), sort))
            for probed in (False, True):
                monkeypatch.setattr(repository, "probe_ids", lambda *_a, p=probed: p)
                assert page_of_ids(s, ids, sort, limit=4, after=after) == expected[min(3, n) : min(3, n) + 4]


@pytest.mark.parametrize(
    ("unvacuumed", "sort", "probed"),
    [
        (115_000, "-created_at", True),
        (0, "-created_at", False),
        (115_000, "created_at", False),
        (10_000, "-created_at", False),
    ],
)
def test_probe_ids_weighs_the_unvacuumed_newest_items(
    db: Database, unvacuumed: int, sort: str, probed: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Round 39's case: 1,417 ids among a million items, 37,723 entries walked: probed while the newest
    115,000 items are not vacuumed (the walk visits the heap for each), walked after a vacuum, walked in
    ascending order (the oldest first), walked when only 10,000 are unvacuumed (the rest of the walk is cheap)."""
    if db.engine.dialect.name != "postgresql":
        with db.session() as s:
            assert not probe_ids(s, 1_417, sort, 50)
        return
    monkeypatch.setattr(repository, "ITEMS_ESTIMATE", sa.text(f"SELECT 1000000::real, {unvacuumed}::bigint"))
    with db.session() as s:
        assert probe_ids(s, 1_417, sort, 50) is probed
