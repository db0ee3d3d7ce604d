"""Migration 0021 (undotted keys) at scale on PostgreSQL: its time and the rows it changes.

    PYTHONPATH=. python bench/undotted_keys.py --db-url postgresql+psycopg://... --items 100000

The database is built by bench/scale_load.py's generator (migrated to 0020 only), then a share of it is
rewritten in SQL as extractor 0.13.0 reports posts written letter by letter, with the keys the code
before 0021 wrote (folded, marks kept): the first responsible of every tenth item (``id % 10 = 3``)
becomes ``एस.डी.एम.`` / ``एस0डी0एम0`` / ``बी.डी.ओ.`` / ``बी0डी0ओ0``, the issuer of every tenth (``id % 10 =
7``) ``डी.एम.`` / ``सी0डी0ओ0``; two offices are added, ``एसडीएम`` (alias as the word) and ``बी.डी.ओ.``
(alias dotted, so its key changes too), and the links are those the old keys made. Then 0021 is
timed, up and down and up again, and the scorecard rollup is compared with ``scorecards_scan``.
``--reuse`` takes the items already loaded (at 0020; the dotted share is written once).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import load_text  # noqa: E402
from bench.scale_load import build  # noqa: E402
from store.db import MIGRATIONS_DIR, Database, make_engine  # noqa: E402
from store.offices import scorecards, scorecards_scan  # noqa: E402
from store.repository import ItemFilter, list_items  # noqa: E402

BEFORE = "0020_text_words"
AFTER = "0021_undotted_keys"  # this bench times 0021 alone (0022 and 0023 follow it)
DOTTED = """
INSERT INTO offices (id, designation, created_at) VALUES (901, 'एसडीएम', now()), (902, 'बी.डी.ओ.', now());
INSERT INTO office_aliases (office_id, alias, key) VALUES (901, 'एसडीएम', 'एसडीएम'), (902, 'बी.डी.ओ.', 'बी.डी.ओ.');
UPDATE item_responsibles SET
    designation = (ARRAY['एस.डी.एम.', 'एस0डी0एम0', 'बी.डी.ओ.', 'बी0डी0ओ0'])[(item_id / 10) % 4 + 1],
    key = (ARRAY['एस.डी.एम.', 'एस0डी0एम0', 'बी.डी.ओ.', 'बी0डी0ओ0'])[(item_id / 10) % 4 + 1],
    search = (ARRAY['एस.डी.एम.', 'एस0डी0एम0', 'बी.डी.ओ.', 'बी0डी0ओ0'])[(item_id / 10) % 4 + 1],
    office_id = CASE WHEN (item_id / 10) % 4 = 2 THEN 902 END
    WHERE item_id % 10 = 3 AND position = 0;
UPDATE action_items a SET responsible = (SELECT json_agg(json_build_object('name', r.name, 'designation', r.designation)
    ORDER BY r.position) FROM item_responsibles r WHERE r.item_id = a.id) WHERE a.id % 10 = 3;
DELETE FROM item_offices o WHERE o.item_id % 10 = 3
    AND NOT EXISTS (SELECT 1 FROM item_responsibles r WHERE r.item_id = o.item_id AND r.office_id = o.office_id);
INSERT INTO item_offices (item_id, office_id, source, assigned_on)
    SELECT DISTINCT r.item_id, r.office_id, 'alias', d.meeting_date
    FROM item_responsibles r JOIN action_items a ON a.id = r.item_id JOIN documents d ON d.id = a.document_id
    WHERE r.office_id = 902 AND a.review_state <> 'rejected';
UPDATE action_items SET issuer_designation = (ARRAY['डी.एम.', 'सी0डी0ओ0'])[(id / 10) % 2 + 1],
    issuer_key = (ARRAY['डी.एम.', 'सी0डी0ओ0'])[(id / 10) % 2 + 1] WHERE id % 10 = 7;
INSERT INTO search_terms (kind, term) SELECT 'responsible', t FROM unnest(ARRAY['एस.डी.एम.', 'एस0डी0एम0',
    'बी.डी.ओ.', 'बी0डी0ओ0']) t ON CONFLICT DO NOTHING;
INSERT INTO search_terms (kind, term) SELECT 'issuer', t FROM unnest(ARRAY['डी.एम.', 'सी0डी0ओ0']) t
    ON CONFLICT DO NOTHING;
ANALYZE
"""
COUNTS = {
    "dotted responsible rows": "SELECT count(*) FROM item_responsibles WHERE designation ~ '[.0]'",
    "dotted issuers": "SELECT count(*) FROM action_items WHERE issuer_designation ~ '[.0]'",
    "links of office एसडीएम": "SELECT count(*) FROM item_offices WHERE office_id = 901",
    "links of office बी.डी.ओ.": "SELECT count(*) FROM item_offices WHERE office_id = 902",
    "responsible terms": "SELECT count(*) FROM search_terms WHERE kind = 'responsible'",
    "issuer terms": "SELECT count(*) FROM search_terms WHERE kind = 'issuer'",
}


def run_alembic(engine: sa.Engine, action: Any, revision: str) -> None:
    """``action`` (``command.upgrade`` / ``command.downgrade``) to ``revision`` in one transaction."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        action(cfg, revision)


def counts(engine: sa.Engine) -> str:
    with engine.connect() as c:
        return ", ".join(f"{k} {c.exec_driver_sql(q).scalar():,}" for k, q in COUNTS.items())


def timed(engine: sa.Engine, action: Any, revision: str) -> float:
    t0 = time.perf_counter()
    run_alembic(engine, action, revision)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db-url", required=True, help="an empty PostgreSQL database (or one --reuse prepared)")
    ap.add_argument("--items", type=int, default=100_000)
    ap.add_argument("--reuse", action="store_true")
    ns = ap.parse_args()
    logging.basicConfig(format="%(asctime)s %(message)s")
    logging.getLogger("alembic.runtime.migration").setLevel(logging.INFO)  # 0021's row counts
    print(f"load average before: {load_text()}")
    engine = make_engine(ns.db_url)
    if not ns.reuse:
        run_alembic(engine, command.upgrade, BEFORE)
        print(f"build {ns.items:,} items: {build(Database(ns.db_url, run_migrations=False), ns.items):.1f}s")
    with engine.begin() as c:
        if not c.exec_driver_sql("SELECT count(*) FROM offices WHERE id = 901").scalar():
            for statement in DOTTED.split(";\n"):
                c.execute(sa.text(statement))
    print("before 0021:", counts(engine))
    print(f"upgrade 0021: {timed(engine, command.upgrade, AFTER):.2f}s;", counts(engine))
    print(f"downgrade to 0020: {timed(engine, command.downgrade, BEFORE):.2f}s;", counts(engine))
    print(f"upgrade 0021 again: {timed(engine, command.upgrade, AFTER):.2f}s;", counts(engine))
    db = Database(ns.db_url, run_migrations=False)
    today = date(2026, 12, 5)
    with db.read() as s:
        assert scorecards(s, today) == scorecards_scan(s, today), "the rollup differs from the scan"
        for needle in ("एसडीएम", "बीडीओ", "एस.डी.एम."):
            print(f"responsible={needle}: {list_items(s, ItemFilter(responsible=needle), today=today, limit=1)[1]:,}")
        print(f"issuer=डीएम: {list_items(s, ItemFilter(issuer='डीएम'), today=today, limit=1)[1]:,}")
    print("scorecards == scorecards_scan after the migration")
    print(f"load average after: {load_text()}")


if __name__ == "__main__":
    main()
