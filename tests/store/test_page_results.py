"""Issue 17, finding 13: save_page says True for the delivery that stored the page, False for a redelivery
(on PostgreSQL every first store said False, and the worker logged it as double work)."""

from __future__ import annotations

from store import page_results
from store.db import Database


def test_first_store_is_reported_as_stored_and_a_redelivery_is_not(db: Database) -> None:
    args = {"sha256": "d" * 64, "extractor_version": "v1", "number": 1, "page": {"text": "x"}, "job_id": None}
    with db.session() as s:
        first = page_results.save_page(s, worker="w1", **args)
    with db.session() as s:
        again = page_results.save_page(s, worker="w2", **args)
    assert (first, again) == (True, False)
    with db.session() as s:
        assert page_results.stored_numbers(s, "d" * 64, "v1") == {1}
