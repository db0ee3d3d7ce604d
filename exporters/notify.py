"""Reminders: deliver outbox events as signed webhooks and per-officer daily e-mail digests.

The store writes events (store.outbox) in the transaction that changes an item; this dispatcher
(``run_once``, called by a background thread in the API and by ``nirdesh remind run`` for cron):

1. sweeps for overdue items (``item.overdue`` once per item and due date) and, after the digest hour,
   enqueues one ``digest`` event per officer with an e-mail address and open items, per day;
2. fans new events out to deliveries: item events to every webhook URL, a digest to its officer;
3. sends due deliveries, recording attempts, the last error and the next retry time (exponential
   backoff); a delivery is claimed with a lease first, so the thread and a cron run never both send.

Webhook body: JSON ``{"event", "key", "created_at", "item", "url"}``; header
``X-Nirdesh-Signature: sha256=<hex HMAC-SHA256 of the raw body with NIRDESH_WEBHOOK_SECRET>``,
``X-Nirdesh-Event-Key`` for de-duplication on the receiver (delivery is at least once).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import threading
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from core.states import CLOSED_STATUSES
from exporters.office_reminders import EVENT as OFFICE_EVENT
from exporters.office_reminders import reminder_message
from exporters.office_reminders import sweep as sweep_office_reminders
from exporters.rows import item_url, officer_keys
from store import outbox
from store.db import Database
from store.models import ActionItem, Delivery, OutboxEvent
from store.responsibles import folded_key
from store.review_scope import scope_states

log = logging.getLogger("nirdesh.notify")
SIGNATURE_HEADER = "X-Nirdesh-Signature"
LEASE = timedelta(minutes=5)


def sign(body: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def verify(body: bytes, secret: str, header: str | None) -> bool:
    """What a receiver does: recompute the HMAC over the raw body and compare in constant time."""
    return bool(header) and hmac.compare_digest(sign(body, secret), header or "")


def load_officer_emails(path: str | Path | None) -> dict[str, str]:
    """Officer (designation or name as in the items) → e-mail address, from a TOML or JSON file."""
    if not path:
        return {}
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
        data = tomllib.loads(raw) if p.suffix.lower() == ".toml" else json.loads(raw)
    except (OSError, ValueError) as e:
        raise ValueError(f"officer e-mail file {p}: {e}") from e
    if not isinstance(data, dict) or not all(isinstance(v, str) and "@" in v for v in data.values()):
        raise ValueError(f"officer e-mail file {p}: expected {{officer: address}}")
    return {str(k).strip(): v.strip() for k, v in data.items()}


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int = 25
    user: str = ""
    password: str = ""
    starttls: bool = False
    sender: str = "nirdesh@localhost"


@dataclass(frozen=True)
class NotifyConfig:
    base_url: str
    webhook_urls: tuple[str, ...] = ()
    webhook_secret: str = ""
    smtp: SmtpConfig | None = None
    officer_emails: dict[str, str] = field(default_factory=dict)
    digest_hour: int = 7
    review: str = "confirmed"  # review scope of overdue reminders and digests (store.review_scope)
    backoff_base: timedelta = timedelta(seconds=30)
    backoff_max: timedelta = timedelta(hours=6)
    max_attempts: int = outbox.MAX_ATTEMPTS

    @property
    def enabled(self) -> bool:
        return bool(self.webhook_urls) or self.smtp is not None

    @classmethod
    def from_settings(cls, settings: Any, base_url: str) -> NotifyConfig:
        urls = tuple(u.strip() for u in settings.webhook_urls.split(",") if u.strip())
        if urls and not settings.webhook_secret:
            raise ValueError("NIRDESH_WEBHOOK_URLS is set but NIRDESH_WEBHOOK_SECRET is not: webhooks are signed")
        smtp = None
        if settings.smtp_host:
            smtp = SmtpConfig(
                settings.smtp_host,
                settings.smtp_port,
                settings.smtp_user,
                settings.smtp_password,
                settings.smtp_starttls,
                settings.smtp_from,
            )
        return cls(
            base_url=base_url,
            webhook_urls=urls,
            webhook_secret=settings.webhook_secret,
            smtp=smtp,
            officer_emails=load_officer_emails(settings.officer_emails),
            digest_hour=settings.digest_hour,
            review=settings.remind_review,
        )


# --- the digest ---------------------------------------------------------------------------------------


def _digest_line(item: ActionItem, today: date, base_url: str) -> dict[str, Any]:
    return {
        "id": item.id,
        "text": item.text,
        "due_date": item.due_date.isoformat() if item.due_date else None,
        "days_overdue": (today - item.due_date).days if item.due_date and item.due_date < today else 0,
        "status": item.status,
        "url": item_url(base_url, item.document_id, item.id),
    }


def enqueue_digests(db: Database, cfg: NotifyConfig, today: date) -> int:
    """One digest event per officer with an address and open items, keyed by officer and day."""
    if cfg.smtp is None or not cfg.officer_emails:
        return 0
    by_fold = {folded_key(k): (k, v) for k, v in cfg.officer_emails.items()}  # बी.डी.ओ. is बीडीओ
    new = 0
    with db.session() as s:
        items = s.scalars(
            select(ActionItem)
            .where(ActionItem.status.not_in(CLOSED_STATUSES), ActionItem.review_state.in_(scope_states(cfg.review)))
            .order_by(ActionItem.due_date.asc().nulls_last(), ActionItem.id)
        ).all()
        per_officer: dict[str, list[ActionItem]] = {}
        for item in items:
            for officer in officer_keys(item.responsible):
                hit = by_fold.get(folded_key(officer))
                if hit:
                    per_officer.setdefault(hit[0], []).append(item)
        conn = s.connection()
        for officer, its in per_officer.items():
            payload = {
                "officer": officer,
                "email": cfg.officer_emails[officer],
                "date": today.isoformat(),
                "items": [_digest_line(i, today, cfg.base_url) for i in its],
            }
            new += outbox.insert_event(conn, f"digest:{officer}:{today.isoformat()}", outbox.DIGEST, None, payload)
    return new


def digest_message(payload: dict[str, Any], sender: str) -> EmailMessage:
    items = payload["items"]
    overdue = [i for i in items if i["days_overdue"] > 0]
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = payload["email"]
    msg["Subject"] = f"निर्देश: {payload['officer']} — {len(items)} लंबित कार्य-बिंदु ({payload['date']})"
    lines = [
        f"{payload['officer']},",
        "",
        f"आपके {len(items)} कार्य-बिंदु लंबित हैं, जिनमें {len(overdue)} अतिदेय हैं।",
        f"{len(items)} open action items, {len(overdue)} overdue, as of {payload['date']}.",
        "",
    ]
    for i in items:
        due = i["due_date"] or "—"
        late = f" — {i['days_overdue']} दिन अतिदेय / days overdue" if i["days_overdue"] else ""
        lines += [f"• [{i['id']}] {i['text']}", f"  देय तिथि / due: {due}{late}", f"  {i['url']}", ""]
    msg.set_content("\n".join(lines))
    return msg


# --- the dispatcher ------------------------------------------------------------------------------------


def webhook_body(ev: OutboxEvent, base_url: str) -> bytes:
    item = ev.payload
    url = f"{base_url.rstrip('/')}/#/documents/{item.get('document_id')}?item={ev.item_id}"
    doc = {"event": ev.event, "key": ev.event_key, "created_at": ev.created_at.isoformat(), "item": item, "url": url}
    return json.dumps(doc, ensure_ascii=False, sort_keys=True).encode("utf-8")


class Dispatcher:
    def __init__(
        self,
        db: Database,
        cfg: NotifyConfig,
        *,
        today: Callable[[], date] = date.today,
        http: httpx.Client | None = None,
        smtp_factory: Callable[[SmtpConfig], smtplib.SMTP] | None = None,
    ) -> None:
        self.db = db
        self.cfg = cfg
        self.today = today
        self.http = http or httpx.Client(timeout=10.0)
        self.smtp_factory = smtp_factory or _open_smtp
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # one round ------------------------------------------------------------------------------------------

    def run_once(self, *, now: datetime | None = None) -> dict[str, int]:
        now = now or datetime.now(UTC)
        today = self.today()
        with self.db.session() as s:
            overdue = outbox.sweep_overdue(s, today, self.cfg.review)
        with self.db.session() as s:
            office_reminders = sweep_office_reminders(s, today)
        digests = enqueue_digests(self.db, self.cfg, today) if now.astimezone().hour >= self.cfg.digest_hour else 0
        fanned = self.fan_out(now)
        sent, failed = self.deliver(now)
        return {
            "overdue_enqueued": overdue,
            "office_reminders_enqueued": office_reminders,
            "digests_enqueued": digests,
            "fanned_out": fanned,
            "sent": sent,
            "failed": failed,
        }

    def fan_out(self, now: datetime) -> int:
        n = 0
        with self.db.session() as s:
            for ev in outbox.unfanned_events(s):
                if ev.event == outbox.DIGEST:
                    if self.cfg.smtp is not None:
                        outbox.add_delivery(s, ev, "email", ev.payload["email"], now)
                        n += 1
                else:
                    for url in self.cfg.webhook_urls:
                        outbox.add_delivery(s, ev, "webhook", url, now)
                        n += 1
                    if ev.event == OFFICE_EVENT and self.cfg.smtp is not None and ev.payload.get("email"):
                        outbox.add_delivery(s, ev, "email", ev.payload["email"], now)
                        n += 1
                ev.fanned_out_at = now
        return n

    def deliver(self, now: datetime) -> tuple[int, int]:
        sent = failed = 0
        with self.db.session() as s:
            candidates = [d.id for d in outbox.due_deliveries(s, now)]
        for delivery_id in candidates:
            with self.db.session() as s:
                d = s.get(Delivery, delivery_id)
                if d is None or d.delivered_at is not None or not outbox.claim(s, d, LEASE, now):
                    continue
                channel, target, attempts = d.channel, d.target, d.attempts
                ev = d.event
                work = (ev.event, ev.event_key, webhook_body(ev, self.cfg.base_url), dict(ev.payload))
            error = self._send(channel, target, *work)
            backoff = min(self.cfg.backoff_base * (2**attempts), self.cfg.backoff_max)
            with self.db.session() as s:
                outbox.record_result(s, delivery_id, error, now + backoff, self.cfg.max_attempts)
            if error is None:
                sent += 1
            else:
                failed += 1
                log.warning("delivery %s to %s failed (attempt %s): %s", delivery_id, target, attempts + 1, error)
        return sent, failed

    def _send(
        self, channel: str, target: str, event: str, key: str, body: bytes, payload: dict[str, Any]
    ) -> str | None:
        try:
            if channel == "webhook":
                headers = {
                    "Content-Type": "application/json; charset=utf-8",
                    SIGNATURE_HEADER: sign(body, self.cfg.webhook_secret),
                    "X-Nirdesh-Event": event,
                    "X-Nirdesh-Event-Key": key,
                }
                resp = self.http.post(target, content=body, headers=headers)
                return None if 200 <= resp.status_code < 300 else f"HTTP {resp.status_code}: {resp.text[:200]}"
            if channel == "email" and self.cfg.smtp is not None:
                if event == OFFICE_EVENT:
                    url = item_url(self.cfg.base_url, payload["document_id"], payload["id"])
                    msg = reminder_message(payload, self.cfg.smtp.sender, url)
                else:
                    msg = digest_message(payload, self.cfg.smtp.sender)
                with self.smtp_factory(self.cfg.smtp) as smtp:
                    smtp.send_message(msg)
                return None
            return f"channel {channel} is not configured"
        except (httpx.HTTPError, smtplib.SMTPException, OSError) as e:
            return f"{type(e).__name__}: {e}"

    # background thread ----------------------------------------------------------------------------------

    def start(self, interval_s: float) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                try:
                    self.run_once()
                except Exception:  # noqa: BLE001 - keep the thread alive; the next round retries
                    log.exception("reminder dispatcher round failed")
                self._stop.wait(interval_s)

        self._thread = threading.Thread(target=loop, name="nirdesh-reminders", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=15)
        self.http.close()


def _open_smtp(cfg: SmtpConfig) -> smtplib.SMTP:
    smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=30)
    if cfg.starttls:
        smtp.starttls()
    if cfg.user:
        smtp.login(cfg.user, cfg.password)
    return smtp


def status_counts(db: Database) -> dict[str, int]:
    """Outbox health for ``nirdesh remind status``: events and deliveries by state."""
    from sqlalchemy import func

    with db.session() as s:

        def count(*conds: Any) -> int:
            return s.scalar(select(func.count(Delivery.id)).where(*conds)) or 0

        return {
            "events": s.scalar(select(func.count(OutboxEvent.id))) or 0,
            "delivered": count(Delivery.delivered_at.is_not(None)),
            "pending": count(Delivery.delivered_at.is_(None), Delivery.failed.is_(False)),
            "failed": count(Delivery.failed.is_(True)),
        }
