"""Jira and GitHub Issues: create-issue payloads from action items, and a pusher that creates each
item once (``pushed_items`` records the remote key and URL; a second push skips recorded items).

GitHub issues have no due date: the deadline goes into the body and into a label ``due:YYYY-MM-DD``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from exporters.csv_xlsx import description, labels
from exporters.mapping import user_for
from exporters.rows import ExportRow, load_rows
from store.db import Database
from store.models import PushedItem
from store.repository import ItemFilter

TRACKERS = ("jira", "github")


class TrackerConfigError(ValueError):
    pass


@dataclass(frozen=True)
class TrackerConfig:
    kind: str  # jira | github
    base_url: str
    token: str
    project: str  # Jira project key | GitHub "owner/repo"

    def check(self) -> None:
        missing = [n for n, v in (("URL", self.base_url), ("TOKEN", self.token), ("project", self.project)) if not v]
        if missing:
            names = {
                "jira": ("NIRDESH_JIRA_URL", "NIRDESH_JIRA_TOKEN", "NIRDESH_JIRA_PROJECT"),
                "github": ("NIRDESH_GITHUB_URL", "NIRDESH_GITHUB_TOKEN", "NIRDESH_GITHUB_REPO"),
            }[self.kind]
            need = [names[("URL", "TOKEN", "project").index(m)] for m in missing]
            raise TrackerConfigError(f"{self.kind} push needs {', '.join(need)}")
        if self.kind == "github" and self.project.count("/") != 1:
            raise TrackerConfigError("NIRDESH_GITHUB_REPO must be owner/name")


def config_from_settings(kind: str, settings: Any) -> TrackerConfig:
    if kind == "jira":
        return TrackerConfig("jira", settings.jira_url.rstrip("/"), settings.jira_token, settings.jira_project)
    if kind == "github":
        return TrackerConfig("github", settings.github_url.rstrip("/"), settings.github_token, settings.github_repo)
    raise TrackerConfigError(f"unknown tracker {kind!r}; use one of {list(TRACKERS)}")


# --- payloads -------------------------------------------------------------------------------------------


def jira_payload(row: ExportRow, project: str, mapping: dict[str, Any]) -> dict[str, Any]:
    m = mapping["jira"]
    fields: dict[str, Any] = {
        "project": {"key": project},
        "issuetype": {"name": m["issue_type"]},
        "summary": row.summary[:250],
        "description": description(row),
        "labels": labels(row, m.get("labels") or []),
        "priority": {"name": m["priority"].get(row.priority, row.priority)},
    }
    if row.due_date:
        fields["duedate"] = row.due_date.isoformat()
    user = user_for(m, row.officers)
    if user:  # Jira Data Center takes {"name": …}; for Cloud map the officer to {"accountId": …}
        fields["assignee"] = user if isinstance(user, dict) else {"name": user}
    fields.update(m.get("extra_fields") or {})
    return {"fields": fields}


def github_payload(row: ExportRow, mapping: dict[str, Any]) -> dict[str, Any]:
    m = mapping["github"]
    names = labels(row, m.get("labels") or [])
    if row.due_date:
        names.append(f"{m.get('due_label_prefix') or 'due:'}{row.due_date.isoformat()}")
    prio = (m.get("priority_labels") or {}).get(row.priority)
    if prio:
        names.append(prio)
    body = description(row)
    if row.due_date:
        body = f"**देय तिथि / Due: {row.due_date.isoformat()}**\n\n{body}"
    payload: dict[str, Any] = {"title": row.summary[:250], "body": body, "labels": names}
    users = m.get("users") or {}
    assignees = list(dict.fromkeys(users[o] for o in row.officers if o in users))
    if assignees:
        payload["assignees"] = assignees
    return payload


@dataclass(frozen=True)
class PlannedIssue:
    item_id: int
    method: str
    url: str
    body: dict[str, Any]


def plan(rows: list[ExportRow], cfg: TrackerConfig, mapping: dict[str, Any]) -> list[PlannedIssue]:
    if cfg.kind == "jira":
        url = f"{cfg.base_url}/rest/api/2/issue"
        return [PlannedIssue(r.id, "POST", url, jira_payload(r, cfg.project, mapping)) for r in rows]
    url = f"{cfg.base_url}/repos/{cfg.project}/issues"
    return [PlannedIssue(r.id, "POST", url, github_payload(r, mapping)) for r in rows]


def auth_headers(cfg: TrackerConfig) -> dict[str, str]:
    """Jira: "user:api-token" → Basic (Jira Cloud), anything else → Bearer (a personal access token)."""
    if cfg.kind == "jira":
        if ":" in cfg.token:
            return {"Authorization": "Basic " + base64.b64encode(cfg.token.encode()).decode("ascii")}
        return {"Authorization": f"Bearer {cfg.token}"}
    return {
        "Authorization": f"Bearer {cfg.token}",
        "Accept": "application/vnd.github+json",
        "X-GitHub-Api-Version": "2022-11-28",
    }


def remote_ref(cfg: TrackerConfig, data: dict[str, Any]) -> tuple[str, str | None]:
    """(key, browser URL) from the create-issue response."""
    if cfg.kind == "jira":
        key = str(data.get("key") or data.get("id") or "")
        return key, f"{cfg.base_url}/browse/{key}" if key else None
    return str(data.get("number") or ""), data.get("html_url")


# --- pushing --------------------------------------------------------------------------------------------


@dataclass
class PushResult:
    planned: list[PlannedIssue] = field(default_factory=list)
    created: list[tuple[int, str, str | None]] = field(default_factory=list)  # (item id, key, url)
    skipped: list[int] = field(default_factory=list)  # pushed before
    failed: list[tuple[int, str]] = field(default_factory=list)  # (item id, error)


def already_pushed(session: Session, tracker: str, item_ids: list[int]) -> set[int]:
    if not item_ids:
        return set()
    rows = session.scalars(
        select(PushedItem.item_id).where(PushedItem.tracker == tracker, PushedItem.item_id.in_(item_ids))
    )
    return set(rows)


def push(
    db: Database,
    cfg: TrackerConfig,
    f: ItemFilter,
    *,
    mapping: dict[str, Any],
    today: date,
    base_url: str,
    dry_run: bool = False,
    actor: str = "cli",
    client: httpx.Client | None = None,
    on_progress: Callable[[str], None] | None = None,
) -> PushResult:
    """Create one issue per matching item not yet pushed to ``cfg.kind``. A dry run sends nothing.

    Each created issue is recorded in its own transaction right after the response, so a failure
    half-way leaves the earlier ones recorded and a re-run continues where it stopped.
    """
    cfg.check()
    with db.session() as s:
        rows = load_rows(s, f, today=today, base_url=base_url, sort="id")
        done = already_pushed(s, cfg.kind, [r.id for r in rows])
    result = PushResult(skipped=[r.id for r in rows if r.id in done])
    result.planned = plan([r for r in rows if r.id not in done], cfg, mapping)
    if dry_run or not result.planned:
        return result
    own_client = client is None
    http = client or httpx.Client(timeout=30.0)
    try:
        for p in result.planned:
            try:
                resp = http.request(p.method, p.url, json=p.body, headers=auth_headers(cfg))
                if resp.status_code >= 300:
                    raise RuntimeError(f"HTTP {resp.status_code}: {resp.text[:300]}")
                key, url = remote_ref(cfg, resp.json())
                if not key:
                    raise RuntimeError("the response carries no issue key")
            except (httpx.HTTPError, RuntimeError, ValueError) as e:
                result.failed.append((p.item_id, str(e)))
                if on_progress:
                    on_progress(f"item {p.item_id}: failed: {e}")
                continue
            with db.session() as s:
                s.add(PushedItem(item_id=p.item_id, tracker=cfg.kind, remote_key=key, remote_url=url, pushed_by=actor))
            result.created.append((p.item_id, key, url))
            if on_progress:
                on_progress(f"item {p.item_id} → {url or key}")
    finally:
        if own_client:
            http.close()
    return result
