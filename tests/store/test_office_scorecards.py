"""Every office's scorecard at once (the dashboard panel) equals each office's own scorecard: counts of
on-time, late, overdue and open items over confirmed items only, and the median days to close (odd and
even counts, none closed, no items at all)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import insert

from core.states import ItemStatus, ReviewState
from store.models import ActionItem, Document, ItemOffice, Office
from store.offices import scorecard, scorecard_scan, scorecards, scorecards_scan

TODAY = date(2026, 6, 1)
# (office, due in days from today or None, closed after days or None, review state)
ROWS = [
    (1, -10, 4, ReviewState.CONFIRMED),  # closed on time (before its due date)
    (1, -30, 80, ReviewState.CONFIRMED),  # closed late (due on day 70)
    (1, -5, None, ReviewState.CONFIRMED),  # overdue
    (1, 20, None, ReviewState.CONFIRMED),  # open, not yet due
    (1, -5, None, ReviewState.PROPOSED),  # not counted: unreviewed
    (2, None, 7, ReviewState.CONFIRMED),  # closed, no due date: on time
    (2, 10, 3, ReviewState.CONFIRMED),
    (2, 10, 9, ReviewState.CONFIRMED),
    (3, -1, None, ReviewState.CONFIRMED),
]


def _fill(db: Any) -> None:
    start = TODAY - timedelta(days=100)
    with db.session() as s:
        s.execute(insert(Office), [{"id": i, "designation": f"कार्यालय {i}"} for i in (1, 2, 3, 4)])
        s.execute(
            insert(Document),
            [{"id": 1, "sha256": "0" * 64, "filename": "d.txt", "content_type": "text/plain", "kind": "txt",
              "size": 1, "stored_path": "d", "meeting_date": start, "status": "processed"}],
        )  # fmt: skip
        for n, (office, due, closed_after, review) in enumerate(ROWS, start=1):
            s.execute(
                insert(ActionItem),
                [{"id": n, "document_id": 1, "seq": n, "text": f"निर्देश {n}", "norm_text": f"निर्देश {n}",
                  "review_state": review, "due_date": None if due is None else TODAY + timedelta(days=due),
                  "status": ItemStatus.OPEN if closed_after is None else ItemStatus.DONE}],
            )  # fmt: skip
            closed = None if closed_after is None else start + timedelta(days=closed_after)
            s.execute(
                insert(ItemOffice),
                [{"item_id": n, "office_id": office, "source": "alias", "assigned_on": start, "closed_on": closed,
                  "days_to_close": closed_after}],
            )  # fmt: skip


def test_all_scorecards_at_once_equal_each_offices_own(db: Any) -> None:
    _fill(db)
    with db.session() as s:
        together = scorecards(s, TODAY)
        one_by_one = [scorecard(s, i, TODAY) for i in (1, 2, 3, 4)]
        assert together == one_by_one
        assert together == scorecards_scan(s, TODAY) == [scorecard_scan(s, i, TODAY) for i in (1, 2, 3, 4)]
    by_id = {c.office_id: c for c in together}
    one = by_id[1]
    assert (one.assigned, one.closed_on_time, one.closed_late, one.overdue, one.open) == (4, 1, 1, 1, 2)
    assert one.median_days_to_close == 42.0  # (4 + 80) / 2
    two = by_id[2]
    assert (two.assigned, two.closed_on_time, two.closed_late, two.overdue, two.open) == (3, 3, 0, 0, 0)
    assert two.median_days_to_close == 7.0
    assert (by_id[3].overdue, by_id[3].median_days_to_close) == (1, None)
    assert (by_id[4].assigned, by_id[4].median_days_to_close) == (0, None)
