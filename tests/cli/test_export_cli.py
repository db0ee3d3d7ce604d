"""`nirdesh export`, `nirdesh export --push`, `nirdesh remind` and `nirdesh report`."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from nirdesh.cli import main
from nirdesh.cli_export import REVIEW_STATES, STATUSES
from store import models
from store.db import Database
from tests.helpers.export_http import Recorder, Seen
from tests.helpers.export_seed import seed


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("NIRDESH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NIRDESH_PUBLIC_URL", "https://nirdesh.example.org")
    db = Database(f"sqlite:///{tmp_path / 'nirdesh.db'}")
    ids = seed(db)
    db.dispose()
    return ids


def test_cli_choices_match_the_store() -> None:
    assert STATUSES == models.STATUSES and REVIEW_STATES == models.REVIEW_STATES


def test_export_to_file_and_stdout_with_filters(env, tmp_path, capsysbinary) -> None:
    out = tmp_path / "x.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--department", "कृषि"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 1 and "बीज वितरण" in rows[0]["Summary"]
    assert rows[0]["URL"].startswith("https://nirdesh.example.org/#/documents/")
    capsysbinary.readouterr()
    assert main(["export", "--format", "json", "--status", "open", "--due-after", "2026-02-01"]) == 0
    doc = json.loads(capsysbinary.readouterr().out)
    assert doc["count"] == 1 and doc["items"][0]["due_date"] == "2026-02-28"
    assert doc["filters"] == {"status": ["open"], "due_after": "2026-02-01", "review_state": ["confirmed"]}
    with pytest.raises(SystemExit):
        main(["export", "--status", "finished"])


def test_push_dry_run_then_push_once(env, monkeypatch, capsys) -> None:
    def respond(seen: Seen) -> tuple[int, dict]:
        return 201, {"number": len(srv.requests), "html_url": f"https://gh.example/o/r/issues/{len(srv.requests)}"}

    with Recorder(respond) as srv:
        monkeypatch.setenv("NIRDESH_GITHUB_URL", srv.url)
        monkeypatch.setenv("NIRDESH_GITHUB_TOKEN", "tok")
        monkeypatch.setenv("NIRDESH_GITHUB_REPO", "o/r")
        assert main(["export", "--push", "github", "--dry-run", "--department", "कृषि"]) == 0
        printed = capsys.readouterr().out
        planned = json.loads(printed)
        assert planned["url"] == f"{srv.url}/repos/o/r/issues" and "due:2026-01-20" in planned["json"]["labels"]
        assert srv.requests == []
        assert main(["export", "--push", "github", "--department", "कृषि"]) == 0
        assert main(["export", "--push", "github", "--department", "कृषि"]) == 0
        assert len(srv.requests) == 1 and srv.requests[0].headers["authorization"] == "Bearer tok"
    monkeypatch.delenv("NIRDESH_JIRA_URL", raising=False)
    assert main(["export", "--push", "jira"]) == 2  # clear message, no traceback
    assert "NIRDESH_JIRA_URL" in capsys.readouterr().err


def test_remind_run_and_status(env, monkeypatch, capsys) -> None:
    got: list[Seen] = []
    with Recorder(lambda s: (got.append(s), (204, {}))[1]) as srv:
        monkeypatch.setenv("NIRDESH_WEBHOOK_URLS", f"{srv.url}/a")
        monkeypatch.setenv("NIRDESH_WEBHOOK_SECRET", "k")
        assert main(["remind", "run"]) == 0
        assert main(["remind", "run"]) == 0
    due = [date(2026, 1, 10), date(2026, 2, 28), date(2026, 1, 20)]  # the seeded deadlines
    assert len(got) == 4 + sum(d < date.today() for d in due)  # four created, the overdue ones once each
    capsys.readouterr()
    assert main(["remind", "status"]) == 0
    status = json.loads(capsys.readouterr().out)
    assert status["delivered"] == len(got) and status["pending"] == 0 and status["failed"] == 0


def test_report_command(env, tmp_path, monkeypatch, capsys) -> None:
    out = tmp_path / "r.pdf"
    assert main(["report", "--document", str(env["a"]), "--format", "pdf", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert main(["report", "--document", "999", "--out", str(out)]) == 2
    monkeypatch.setenv("NIRDESH_REPORT_FONT", str(tmp_path / "missing.ttf"))
    assert main(["report", "--document", str(env["a"]), "--out", str(out)]) == 2
    assert "fonts-lohit-deva" in capsys.readouterr().err
