"""Entity tags for action items, so two editors cannot overwrite each other's change unseen.

An item's ETag is a hash of everything the API shows of it except ``overdue`` (which turns with the
date, not with an edit). ``GET`` answers it in the ``ETag`` header and every item (also in lists) carries
it as ``etag``; a ``PATCH`` or review that sends ``If-Match`` with another value answers 412 and changes
nothing. A request without ``If-Match`` is applied as before (scripts and the CLI); the web UI sends it.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from api.errors import ApiError

VOLATILE = {"overdue", "etag"}


def etag_of(fields: dict[str, Any]) -> str:
    """A strong ETag (quoted) for an item's JSON fields."""
    stable = {k: v for k, v in fields.items() if k not in VOLATILE}
    digest = hashlib.sha256(json.dumps(stable, sort_keys=True, default=str).encode()).hexdigest()
    return f'"{digest[:20]}"'


def check_if_match(if_match: str | None, current: str) -> None:
    """412 when ``If-Match`` is given and names neither ``current`` nor ``*`` (RFC 9110 13.1.1)."""
    if if_match is None:
        return
    tags = [t.strip() for t in if_match.split(",") if t.strip()]
    if "*" in tags or current in tags:  # weak tags (W/"...") never match: this is a strong comparison
        return
    raise ApiError(
        412,
        "precondition_failed",
        "the item was changed by someone else since you read it; reload it and apply your change again",
        {"ETag": current},
    )
