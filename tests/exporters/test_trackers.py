"""Jira and GitHub push against a local HTTP server: payloads, auth, dry run, nothing pushed twice."""

from __future__ import annotations

import base64
import itertools
import json

import pytest
from sqlalchemy import select

from exporters.mapping import MappingError, load_mapping
from exporters.trackers import TrackerConfig, TrackerConfigError, push
from store.db import Database
from store.models import PushedItem
from store.repository import ItemFilter
from tests.helpers.export_http import Recorder, Seen
from tests.helpers.export_seed import TODAY, seed

BASE = "https://nirdesh.example.org"


def jira_server() -> Recorder:
    counter = itertools.count(1)

    def respond(seen: Seen) -> tuple[int, dict]:
        if seen.method != "POST" or seen.path != "/rest/api/2/issue":
            return 404, {"errorMessages": ["no such endpoint"]}
        if seen.headers.get("authorization") != "Bearer jira-secret":
            return 401, {"errorMessages": ["bad auth"]}
        fields = seen.json()["fields"]
        if not fields.get("summary") or fields["project"] != {"key": "DM"}:
            return 400, {"errors": {"summary": "required"}}
        n = next(counter)
        return 201, {"id": str(10000 + n), "key": f"DM-{n}", "self": f"/rest/api/2/issue/{10000 + n}"}

    return Recorder(respond)


def test_jira_dry_run_sends_nothing_and_push_twice_sends_once(db: Database) -> None:
    seed(db)
    mapping = load_mapping()
    with jira_server() as srv:
        cfg = TrackerConfig("jira", srv.url, "jira-secret", "DM")
        dry = push(db, cfg, ItemFilter(), mapping=mapping, today=TODAY, base_url=BASE, dry_run=True)
        assert len(dry.planned) == 4 and srv.requests == []
        road = next(p for p in dry.planned if "सड़क मरम्मत" in p.body["fields"]["summary"])
        assert road.url == f"{srv.url}/rest/api/2/issue"
        assert road.body["fields"]["duedate"] == "2026-02-28"
        assert road.body["fields"]["priority"] == {"name": "Medium"}
        assert road.body["fields"]["issuetype"] == {"name": "Task"}

        first = push(db, cfg, ItemFilter(), mapping=mapping, today=TODAY, base_url=BASE)
        assert len(first.created) == 4 and not first.failed
        assert len(srv.requests) == 4
        assert all(r.method == "POST" and r.path == "/rest/api/2/issue" for r in srv.requests)
        assert all(r.headers["content-type"].startswith("application/json") for r in srv.requests)

        second = push(db, cfg, ItemFilter(), mapping=mapping, today=TODAY, base_url=BASE)
        assert second.created == [] and sorted(second.skipped) == sorted(i for i, _, _ in first.created)
        assert len(srv.requests) == 4  # nothing sent again
    with db.session() as s:
        rows = s.scalars(select(PushedItem).order_by(PushedItem.remote_key)).all()
        assert [r.remote_key for r in rows] == ["DM-1", "DM-2", "DM-3", "DM-4"]
        assert rows[0].remote_url == f"{srv.url}/browse/DM-1" and rows[0].tracker == "jira"


def test_jira_basic_auth_for_user_token_and_failures_are_retried_next_run(db: Database) -> None:
    seed(db)
    calls = {"n": 0}

    def respond(seen: Seen) -> tuple[int, dict]:
        calls["n"] += 1
        expected = "Basic " + base64.b64encode(b"me@example.org:tok").decode()
        if seen.headers.get("authorization") != expected:
            return 401, {}
        if calls["n"] == 2:
            return 500, {"errorMessages": ["boom"]}
        return 201, {"key": f"DM-{calls['n']}"}

    with Recorder(respond) as srv:
        cfg = TrackerConfig("jira", srv.url, "me@example.org:tok", "DM")
        first = push(db, cfg, ItemFilter(), mapping=load_mapping(), today=TODAY, base_url=BASE)
        assert len(first.created) == 3 and len(first.failed) == 1 and "HTTP 500" in first.failed[0][1]
        again = push(db, cfg, ItemFilter(), mapping=load_mapping(), today=TODAY, base_url=BASE)
        assert [i for i, _, _ in again.created] == [first.failed[0][0]]  # only the failed one
        assert len(srv.requests) == 5


def test_github_issue_payload_due_label_and_auth(db: Database, tmp_path) -> None:
    seed(db)
    mapping_file = tmp_path / "map.toml"
    mapping_file.write_text(
        '[github]\nlabels = ["nirdesh", "dm-review"]\n[github.users]\n"अधिशासी अभियंता" = "ee-pwd"\n', encoding="utf-8"
    )
    counter = itertools.count(1)

    def respond(seen: Seen) -> tuple[int, dict]:
        if seen.path != "/repos/dm-office/actions/issues" or seen.headers.get("authorization") != "Bearer gh-tok":
            return 404, {"message": "Not Found"}
        n = next(counter)
        return 201, {"number": n, "html_url": f"https://github.example/dm-office/actions/issues/{n}"}

    with Recorder(respond) as srv:
        cfg = TrackerConfig("github", srv.url, "gh-tok", "dm-office/actions")
        result = push(
            db, cfg, ItemFilter(department="ग्राम्य"), mapping=load_mapping(mapping_file), today=TODAY, base_url=BASE
        )
        assert len(result.created) == 3 and not result.failed
        bodies = [r.json() for r in srv.requests]
        assert all(r.headers["accept"] == "application/vnd.github+json" for r in srv.requests)
    road = next(b for b in bodies if "सड़क मरम्मत" in b["title"])
    assert "due:2026-02-28" in road["labels"] and "dm-review" in road["labels"]
    assert "2026-02-28" in road["body"] and road["assignees"] == ["ee-pwd"]
    undated = next(b for b in bodies if "साप्ताहिक" in b["title"])
    assert not any(lbl.startswith("due:") for lbl in undated["labels"]) and "assignees" not in undated
    with db.session() as s:
        urls = set(s.scalars(select(PushedItem.remote_url)))
    assert "https://github.example/dm-office/actions/issues/1" in urls


def test_config_and_mapping_errors_are_clear(tmp_path) -> None:
    with pytest.raises(TrackerConfigError, match="NIRDESH_JIRA_TOKEN"):
        TrackerConfig("jira", "http://x", "", "DM").check()
    with pytest.raises(TrackerConfigError, match="owner/name"):
        TrackerConfig("github", "http://x", "t", "no-slash").check()
    bad = tmp_path / "m.json"
    bad.write_text(json.dumps({"trello": {}}))
    with pytest.raises(MappingError, match="top-level keys"):
        load_mapping(bad)
    with pytest.raises(MappingError, match="not valid"):
        bad.write_text("{nope")
        load_mapping(bad)
