"""Reminders: outbox events in the item's transaction, signed webhooks with retries, overdue sweep,
and the per-officer e-mail digest through a local SMTP server (aiosmtpd)."""

from __future__ import annotations

import email
import email.policy
import socket
from datetime import UTC, datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from exporters.notify import SIGNATURE_HEADER, Dispatcher, NotifyConfig, SmtpConfig, enqueue_digests, verify
from store import outbox
from store.db import Database
from store.items import update_item
from store.models import ActionItem, Delivery, OutboxEvent
from tests.helpers.export_http import Recorder, Seen
from tests.helpers.export_seed import TODAY, seed

SECRET = "s3cret-for-tests"
BASE = "https://nirdesh.example.org"


def events(db: Database, name: str | None = None) -> list[OutboxEvent]:
    with db.session() as s:
        stmt = select(OutboxEvent).order_by(OutboxEvent.id)
        if name:
            stmt = stmt.where(OutboxEvent.event == name)
        return list(s.scalars(stmt))


def test_events_are_written_with_the_change_and_rolled_back_with_it(db: Database) -> None:
    seed(db)
    created = events(db, "item.created")
    assert len(created) == 4 and {e.event_key for e in created} == {f"item.created:{e.item_id}" for e in created}
    with db.session() as s:
        item = s.scalars(select(ActionItem).order_by(ActionItem.id)).first()
        update_item(s, item, {"status": "in_progress", "note": "काम शुरू"}, "tester")
        item_id = item.id
    changed = events(db, "item.status_changed")
    assert len(changed) == 1 and changed[0].item_id == item_id
    assert changed[0].payload["status"] == "in_progress" and changed[0].payload["old_status"] == "open"
    with db.session() as s:  # a note alone is no status change
        update_item(s, s.get(ActionItem, item_id), {"note": "दूसरी टिप्पणी"}, "tester")
    assert len(events(db, "item.status_changed")) == 1
    with pytest.raises(RuntimeError), db.session() as s:
        update_item(s, s.get(ActionItem, item_id), {"status": "done"}, "tester")
        s.flush()
        raise RuntimeError("the request fails after the change")
    assert len(events(db, "item.status_changed")) == 1  # the event went with the rolled-back change


def test_overdue_sweep_enqueues_each_item_once(db: Database) -> None:
    seed(db)
    with db.session() as s:
        assert outbox.sweep_overdue(s, TODAY) == 1  # आवास सर्वे, due 2026-01-10
    with db.session() as s:
        assert outbox.sweep_overdue(s, TODAY) == 0
        assert outbox.sweep_overdue(s, TODAY + timedelta(days=10)) == 1  # बीज वितरण (2026-01-20) now too
    keys = [e.event_key for e in events(db, "item.overdue")]
    assert len(keys) == 2 and all(k.startswith("item.overdue:") for k in keys)


def test_webhooks_are_signed_retried_after_failure_and_sent_once(db: Database) -> None:
    seed(db)
    answers = {"fail_first": 1}
    seen_ok: list[Seen] = []

    def respond(seen: Seen) -> tuple[int, dict]:
        if not verify(seen.body, SECRET, seen.headers.get(SIGNATURE_HEADER.lower())):
            return 401, {"error": "bad signature"}
        if answers["fail_first"]:
            answers["fail_first"] -= 1
            return 500, {"error": "receiver down"}
        seen_ok.append(seen)
        return 200, {"ok": True}

    with Recorder(respond) as srv:
        cfg = NotifyConfig(
            base_url=BASE, webhook_urls=(f"{srv.url}/hook",), webhook_secret=SECRET, backoff_base=timedelta(seconds=30)
        )
        disp = Dispatcher(db, cfg, today=lambda: TODAY)
        t0 = datetime.now(UTC)
        first = disp.run_once(now=t0)
        # 4 created + 1 overdue event → 5 deliveries; the first attempt failed
        assert first["fanned_out"] == 5 and first["sent"] == 4 and first["failed"] == 1
        with db.session() as s:
            failed = s.scalars(select(Delivery).where(Delivery.delivered_at.is_(None))).one()
            assert failed.attempts == 1 and "HTTP 500" in failed.last_error
            assert failed.next_attempt_at >= t0 + timedelta(seconds=29)
        assert disp.run_once(now=t0 + timedelta(seconds=5))["sent"] == 0  # not yet due
        retry = disp.run_once(now=t0 + timedelta(seconds=31))
        assert retry["sent"] == 1
        assert disp.run_once(now=t0 + timedelta(hours=1))["sent"] == 0  # nothing twice
        disp.stop()
    assert len(seen_ok) == 5 and len({s.headers["x-nirdesh-event-key"] for s in seen_ok}) == 5
    body = seen_ok[0].json()
    assert body["event"] in ("item.created", "item.overdue") and body["url"].startswith(BASE)
    assert "text" in body["item"] and seen_ok[0].path == "/hook"
    with db.session() as s:
        rows = s.scalars(select(Delivery)).all()
        assert all(r.delivered_at is not None and r.last_error is None for r in rows)
        assert sorted(r.attempts for r in rows) == [1, 1, 1, 1, 2]
    # a tampered body fails verification
    assert not verify(seen_ok[0].body + b" ", SECRET, seen_ok[0].headers[SIGNATURE_HEADER.lower()])


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, _server, _session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.messages.append(email.message_from_bytes(envelope.content, policy=email.policy.default))
        return "250 OK"


def test_daily_digest_per_officer_by_smtp_once(db: Database, tmp_path) -> None:
    seed(db)
    inbox = _Inbox()
    with socket.socket() as probe:  # a free port (aiosmtpd's controller cannot use port 0)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        cfg = NotifyConfig(
            base_url=BASE,
            smtp=SmtpConfig("127.0.0.1", port, sender="nirdesh@dm.example"),
            officer_emails={
                "खंड विकास अधिकारी": "bdo@dm.example",
                "जिला कृषि अधिकारी": "dao@dm.example",
                "उप जिलाधिकारी": "sdm@dm.example",
            },
            digest_hour=0,
        )
        disp = Dispatcher(db, cfg, today=lambda: TODAY)
        stats = disp.run_once()
        assert stats["digests_enqueued"] == 2 and stats["sent"] == 2  # no items for उप जिलाधिकारी: no mail
        assert disp.run_once()["sent"] == 0  # once per day
        disp.stop()
    finally:
        controller.stop()
    by_to = {m["To"]: m for m in inbox.messages}
    assert set(by_to) == {"bdo@dm.example", "dao@dm.example"}
    bdo = by_to["bdo@dm.example"]
    assert "खंड विकास अधिकारी" in bdo["Subject"] and bdo["From"] == "nirdesh@dm.example"
    text = bdo.get_content()
    assert "आवास सर्वे" in text and "5 दिन अतिदेय" in text  # due 2026-01-10, today 2026-01-15
    assert "बीज वितरण" not in text and "बीज वितरण" in by_to["dao@dm.example"].get_content()


def test_config_from_settings_requires_a_secret_for_webhooks(settings) -> None:
    import dataclasses

    s = dataclasses.replace(settings, webhook_urls="http://127.0.0.1:9/hook", webhook_secret="")
    with pytest.raises(ValueError, match="NIRDESH_WEBHOOK_SECRET"):
        NotifyConfig.from_settings(s, BASE)
    assert not NotifyConfig.from_settings(settings, BASE).enabled


def test_digest_finds_an_officer_written_letter_by_letter(db: Database) -> None:
    """The officers' addresses are matched by the store's keys: `बी.डी.ओ.` / `बी0डी0ओ0` is `बीडीओ`."""
    seed(db)
    with db.session() as s:
        first, second = s.scalars(select(ActionItem).order_by(ActionItem.id).limit(2)).all()
        first.responsible = [{"name": None, "designation": "बी.डी.ओ."}]
        second.responsible = [{"name": None, "designation": "बी0डी0ओ0"}]
    cfg = NotifyConfig(
        base_url=BASE,
        smtp=SmtpConfig("127.0.0.1", 9, sender="nirdesh@dm.example"),
        officer_emails={"बीडीओ": "bdo@dm.example"},
    )
    assert enqueue_digests(db, cfg, TODAY) == 1
    with db.session() as s:
        payload = s.scalars(select(OutboxEvent).where(OutboxEvent.event == outbox.DIGEST)).one().payload
    assert payload["officer"] == "बीडीओ" and payload["email"] == "bdo@dm.example" and len(payload["items"]) == 2
