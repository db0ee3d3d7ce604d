"""``/v1/stats`` counts one officer however the post is written (migration 0023): ``एस.डी.एम.``,
``एस0डी0एम0`` and ``एसडीएम`` are one row, as ``अधिशासी अभियन्ता`` and ``अधिशासी अभियंता`` are, while
``अपर जिलाधिकारी`` stays apart from ``जिलाधिकारी``; the rollup equals the GROUP BY after writes, and the
migration regroups a store written before it (and its downgrade the other way)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import command
from sqlalchemy import select

from store.db import Database
from store.models import ActionItem, ItemResponsible
from store.stats import workload, workload_scan
from tests.helpers.builders import store_confirmed_items
from tests.helpers.migrations import run_alembic

TODAY = date(2026, 6, 1)
WRITTEN = (
    "एस.डी.एम.",
    "एस0डी0एम0",
    "एसडीएम",
    "अधिशासी अभियन्ता",
    "अधिशासी अभियंता",
    "जिलाधिकारी",
    "अपर जिलाधिकारी",
)


def _officers(db: Database) -> dict[str, int]:
    with db.read() as s:
        figures = workload(s, today=TODAY)
        assert figures == workload_scan(s, today=TODAY)
    return {row["officer"]: row["open"] for row in figures["by_officer"]}


def test_one_post_written_several_ways_is_one_officer(db: Database) -> None:
    store_confirmed_items(db, [[who] for who in WRITTEN])
    assert _officers(db) == {
        "एसडीएम": 3,
        "अधिशासी अभियंता": 2,
        "जिलाधिकारी": 1,
        "अपर जिलाधिकारी": 1,
    }


def test_a_corrected_designation_moves_the_item_to_the_new_officer(db: Database) -> None:
    store_confirmed_items(db, [[who] for who in WRITTEN])
    with db.session() as s:
        item = s.scalars(select(ActionItem).order_by(ActionItem.id)).first()
        assert item is not None
        item.responsible = [{"name": None, "designation": "तहसीलदार"}]
    counts = _officers(db)
    assert counts["एसडीएम"] == 2
    assert counts["तहसीलदार"] == 1
    with db.session() as s:  # a Core write of the key alone (as a re-keying migration does)
        s.execute(sa.update(ItemResponsible).where(ItemResponsible.key == "तहसीलदार").values(key="नायब तहसीलदार"))
    counts = _officers(db)
    assert "तहसीलदार" not in counts
    assert counts["नायब तहसीलदार"] == 1


def _rows(db: Database) -> dict[str, Any]:
    with db.read() as s:
        return {r["officer"]: r["open"] for r in workload(s, today=TODAY)["by_officer"]}


def test_the_migration_regroups_a_store_written_before_it(db: Database) -> None:
    store_confirmed_items(db, [[who] for who in WRITTEN])
    run_alembic(db.engine, command.downgrade, "0022_filter_words")
    before = _rows(db)
    assert before["एस.डी.एम."] == 1 and before["एसडीएम"] == 1 and before["अधिशासी अभियन्ता"] == 1
    run_alembic(db.engine, command.upgrade, "heads")
    assert _officers(db)["एसडीएम"] == 3
    assert _officers(db)["अधिशासी अभियंता"] == 2
