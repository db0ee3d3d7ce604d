"""Where a list call's time goes, in process (PostgreSQL or SQLite, a database ``bench/scale.py`` loaded):
the capped count alone, the item JSON of the page alone, and the whole call (session, count, page query,
ORM loading, JSON); the rest is the page query with its ORM loading and the session. Medians of
``--runs`` calls, for newest-50 and the lists that were over 2x (``responsible + tracked``, ``q``, an
office's items). The office count is what ``store.offices.office_items`` runs without a status filter:
the rollup sum when the tree has ``store.scorecard_rollup.confirmed_links``, else the capped count of
the links (so the same script times an older checkout too).

    PYTHONPATH=. /work/main/.venv/bin/python bench/list_profile.py --db-url postgresql+psycopg://… [--runs 60]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import sqlalchemy as sa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from api.schemas import COUNT_CAP, item_out_of  # noqa: E402
from bench.common import load_text  # noqa: E402
from bench.scale import filters  # noqa: E402
from bench.scale_load import TODAY  # noqa: E402
from core.states import ReviewState  # noqa: E402
from store import scorecard_rollup  # noqa: E402
from store.db import Database  # noqa: E402
from store.models import ActionItem, ItemOffice  # noqa: E402
from store.offices import office_items  # noqa: E402
from store.repository import count_items, count_of, list_items  # noqa: E402

LISTS = ("newest 50 (baseline)", "responsible + tracked", "q (substring)")


def median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def as_json(items: list[ActionItem]) -> list[Any]:
    return [item_out_of(i, TODAY) for i in items]


def office_count(s: Any) -> int:
    rollup_sum = getattr(scorecard_rollup, "confirmed_links", None)
    if rollup_sum is not None:
        return int(rollup_sum(s, 1, TODAY, None))
    ids = (
        sa.select(ItemOffice.item_id)
        .join(ActionItem, ItemOffice.item_id == ActionItem.id)
        .where(ItemOffice.office_id == 1, ActionItem.review_state == ReviewState.CONFIRMED)
    )
    return int(s.scalar(count_of(ids, COUNT_CAP)) or 0)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True)
    ap.add_argument("--runs", type=int, default=60)
    ns = ap.parse_args()
    load = load_text()
    print(f"load average before: {load}; office count: {getattr(scorecard_rollup, 'confirmed_links', 'links')}")
    db = Database(ns.db_url, run_migrations=False)
    print(f"{'list (median ms)':28s} {'count':>7s} {'JSON':>6s} {'whole call':>10s} {'rest: page, ORM, session':>25s}")
    fs = filters()
    for name in (*LISTS, "office 1 items"):
        with db.session() as s:
            if name == "office 1 items":
                count = median_ms(partial(office_count, s), ns.runs)
                items, _ = office_items(s, 1, today=TODAY, limit=50, count_cap=COUNT_CAP)
            else:
                f, sort = fs[name]
                count = median_ms(partial(count_items, s, f, TODAY, COUNT_CAP), ns.runs)
                items, _ = list_items(s, f, today=TODAY, sort=sort, limit=50, count_cap=COUNT_CAP)
            json_ms = median_ms(partial(as_json, items), ns.runs)

        def whole(name: str = name) -> object:
            with db.session() as s:
                if name == "office 1 items":
                    page, _ = office_items(s, 1, today=TODAY, limit=50, count_cap=COUNT_CAP)
                else:
                    f, sort = fs[name]
                    page, _ = list_items(s, f, today=TODAY, sort=sort, limit=50, count_cap=COUNT_CAP)
                return as_json(page)

        total = median_ms(whole, ns.runs)
        print(f"{name:28s} {count:7.1f} {json_ms:6.1f} {total:10.1f} {total - count - json_ms:25.1f}")
    print(f"load average after: {load_text()}")
    db.dispose()


if __name__ == "__main__":
    main()
