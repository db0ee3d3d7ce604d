"""How Nirdesh values map onto a tracker's: priorities, statuses, users, labels, extra fields.

Defaults suit a stock Jira project and GitHub repository; a TOML or JSON file (setting
NIRDESH_TRACKER_MAPPING) overrides any part, e.g.::

    [jira]
    issue_type = "Task"
    labels = ["nirdesh", "review-meeting"]
    [jira.priority]
    high = "Highest"
    [jira.users]            # officer (designation or name) -> Jira user
    "तहसीलदार" = "tehsildar.sadar"
    [jira.extra_fields]     # copied into "fields" as they are
    customfield_10010 = "DM office"
    [github.users]          # officer -> GitHub login
    "तहसीलदार" = "tehsildar-sadar"
"""

from __future__ import annotations

import copy
import json
import tomllib
from pathlib import Path
from typing import Any

DEFAULTS: dict[str, dict[str, Any]] = {
    "jira": {
        "issue_type": "Task",
        "labels": ["nirdesh"],
        "priority": {"high": "High", "normal": "Medium", "low": "Low"},
        "status": {"open": "To Do", "in_progress": "In Progress", "done": "Done", "dropped": "Won't Do"},
        "users": {},
        "extra_fields": {},
    },
    "github": {
        "labels": ["nirdesh"],
        "priority_labels": {"high": "priority:high", "normal": None, "low": "priority:low"},
        "due_label_prefix": "due:",
        "users": {},
    },
}


class MappingError(ValueError):
    pass


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(base)
    for k, v in override.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def load_mapping(path: str | Path | None = None) -> dict[str, dict[str, Any]]:
    """The defaults, overridden by ``path`` (.toml or .json) when given."""
    if not path:
        return copy.deepcopy(DEFAULTS)
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise MappingError(f"tracker mapping file {p}: {e.strerror or e}") from e
    try:
        data = tomllib.loads(raw.decode("utf-8")) if p.suffix.lower() == ".toml" else json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise MappingError(f"tracker mapping file {p} is not valid {p.suffix.lstrip('.') or 'JSON'}: {e}") from e
    if not isinstance(data, dict) or set(data) - set(DEFAULTS):
        raise MappingError(f"tracker mapping file {p}: top-level keys must be among {sorted(DEFAULTS)}")
    return _merge(DEFAULTS, data)


def user_for(section: dict[str, Any], officers: list[str]) -> str | None:
    """The first officer with a configured tracker user."""
    users = section.get("users") or {}
    return next((users[o] for o in officers if o in users), None)


def label_safe(value: str) -> str:
    """Jira and GitHub labels cannot hold spaces or commas."""
    return "_".join(value.replace(",", " ").split())
