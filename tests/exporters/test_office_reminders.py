"""Reminders per office: due in 7 days, overdue (weekly), no report for 30 days; once per period,
recorded as outbox events, sent to the office's e-mail address and to the webhooks."""

from __future__ import annotations

from datetime import date
from email.message import EmailMessage
from typing import Any

from sqlalchemy import select

from core.states import ReviewState
from exporters.notify import Dispatcher, NotifyConfig, SmtpConfig
from exporters.office_reminders import EVENT, sweep
from store.db import Database
from store.models import ActionItem, OutboxEvent
from store.offices import create_office
from store.reports import submit_report
from tests.helpers.builders import store_text

TEXT = "जिलाधिकारी ने तहसीलदार को 2026-03-10 तक भूमि सत्यापन के निर्देश दिए।\n"


def _setup(db: Database) -> int:
    store_text(db, TEXT, "a", meeting_date=date(2026, 1, 5))
    with db.session() as s:
        for item in s.scalars(select(ActionItem)):
            item.review_state = ReviewState.CONFIRMED
        office = create_office(s, designation="तहसीलदार", email="tehsildar@dm.example")
        return office.id


def _kinds(db: Database) -> list[str]:
    with db.session() as s:
        rows = s.scalars(select(OutboxEvent).where(OutboxEvent.event == EVENT).order_by(OutboxEvent.id))
        return [r.payload["kind"] for r in rows]


def _sweep(db: Database, day: date) -> int:
    with db.session() as s:
        return sweep(s, day)


def test_each_reminder_once_per_period(db: Database) -> None:
    _setup(db)
    assert _sweep(db, date(2026, 1, 20)) == 0  # assigned 2026-01-05: 15 days, nothing due
    assert _sweep(db, date(2026, 2, 4)) == 1 and _kinds(db) == ["no_report"]  # 30 days without a report
    assert _sweep(db, date(2026, 2, 5)) == 0  # the same 30-day period
    assert _sweep(db, date(2026, 3, 4)) == 1  # due in 6 days; 58 days silent is still the first period
    assert _kinds(db)[-1] == "due_soon"
    assert _sweep(db, date(2026, 3, 5)) == 0  # due soon only once per due date
    assert _sweep(db, date(2026, 3, 11)) == 2  # overdue, and 65 days silent: the second period
    assert sorted(_kinds(db)[-2:]) == ["no_report", "overdue"]
    assert _sweep(db, date(2026, 3, 13)) == 0  # same ISO week
    assert _sweep(db, date(2026, 3, 16)) == 1  # next week, overdue again


def test_a_report_resets_the_silence_and_closed_items_are_quiet(db: Database) -> None:
    oid = _setup(db)
    with db.session() as s:
        item = s.scalars(select(ActionItem)).one()
        submit_report(
            s,
            item,
            oid,
            status="in_progress",
            text="जारी",
            report_date=date(2026, 1, 25),
            actor="t",
            today=date(2026, 1, 25),
        )
    assert _sweep(db, date(2026, 2, 10)) == 0  # 16 days since the report
    with db.session() as s:
        s.scalars(select(ActionItem)).one().status = "done"
    assert _sweep(db, date(2026, 4, 1)) == 0


class _Smtp:
    def __init__(self, sent: list[EmailMessage]) -> None:
        self.sent = sent

    def __enter__(self) -> _Smtp:
        return self

    def __exit__(self, *exc: Any) -> None:
        return None

    def send_message(self, msg: EmailMessage) -> None:
        self.sent.append(msg)


def test_dispatcher_mails_the_office(db: Database) -> None:
    _setup(db)
    sent: list[EmailMessage] = []
    cfg = NotifyConfig(base_url="https://n.example", smtp=SmtpConfig("smtp.invalid"), digest_hour=25)
    disp = Dispatcher(db, cfg, today=lambda: date(2026, 3, 11), smtp_factory=lambda _c: _Smtp(sent))  # type: ignore[arg-type, return-value]
    stats = disp.run_once()
    disp.stop()
    assert stats["office_reminders_enqueued"] == 2  # overdue, and 65 days without a report
    assert stats["sent"] == 2 and {m["To"] for m in sent} == {"tehsildar@dm.example"}
    assert any("अतिदेय" in m["Subject"] for m in sent) and "कृत कार्यवाही" in sent[0].get_content()
