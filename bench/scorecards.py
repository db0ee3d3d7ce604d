"""The dashboard's scorecard of every office (GET /v1/offices/scorecards) with 100,000 items and 500
offices in the store: one grouped read of the scorecard rollup (``store.offices.scorecards``, migration
0018; the medians from its days-to-close counts) beside the baseline in the same run, each office's own
scorecard one after another. ``bench/stats_scale.py`` prints the same beside the old grouped queries.

    python -m bench.scorecards [--items 100000] [--offices 500] [--repeat 5] [--url DB_URL]

The store is filled as bench.office_list fills it; a third of the items are then closed (done, with
closing figures) so that the medians have work to do.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sqlalchemy import update

from bench.common import latency, timed
from bench.office_list import TODAY, fill
from core.states import ItemStatus
from store.db import Database
from store.models import ActionItem, ItemOffice
from store.offices import list_offices, scorecard, scorecards


def close_some(db: Database) -> None:
    with db.session() as s:
        s.execute(update(ActionItem).where(ActionItem.id % 3 == 0).values(status=ItemStatus.DONE))
        s.execute(
            update(ItemOffice)
            .where(ItemOffice.item_id % 3 == 0)
            .values(closed_on=TODAY, days_to_close=ItemOffice.item_id % 97)
        )


def measure(db: Database, repeat: int) -> dict[str, dict[str, float]]:
    grouped, one_by_one = [], []
    with db.session() as s:
        ids = [o.id for o, _n in list_offices(s)]
        assert scorecards(s, TODAY) == [scorecard(s, i, TODAY) for i in ids]
    for _ in range(repeat):
        with db.session() as s:
            grouped.append(timed(lambda: scorecards(s, TODAY)))
        with db.session() as s:
            one_by_one.append(timed(lambda: [scorecard(s, i, TODAY) for i in ids]))
    return {"scorecards_grouped": latency(grouped), "per_office_baseline": latency(one_by_one)}


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--items", type=int, default=100_000)
    p.add_argument("--offices", type=int, default=500)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--url", help="database URL (default: a fresh SQLite file)")
    ns = p.parse_args()
    url = ns.url or f"sqlite:///{Path(tempfile.mkdtemp(prefix='nirdesh-bench-')) / 'bench.db'}"
    db = Database(url)
    t = time.perf_counter()
    fill(db, ns.items, ns.offices)
    close_some(db)
    print(f"filled {ns.items} items, {ns.offices} offices in {time.perf_counter() - t:.1f}s ({db.engine.dialect.name})")
    for name, figs in measure(db, ns.repeat).items():
        print(f"{name:20s} " + "  ".join(f"{k}={v:.2f}" for k, v in figs.items()))
    db.dispose()


if __name__ == "__main__":
    main()
