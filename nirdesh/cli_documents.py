"""``nirdesh purge-originals``: remove the stored originals of deleted documents (an explicit step)."""

from __future__ import annotations

import argparse
import json
from typing import Any


def cmd_purge_originals(ns: argparse.Namespace) -> int:
    from core.settings import get_settings
    from store.db import Database
    from store.document_edit import pending_purge, purge_originals
    from store.files import make_file_store

    settings = get_settings()
    db = Database(settings.database_url)
    try:
        with db.session() as s:
            if ns.dry_run:
                print(json.dumps({"pending": pending_purge(s)}))
                return 0
            removed = purge_originals(s, make_file_store(settings), "cli")
        print(json.dumps({"purged": removed, "count": len(removed)}, ensure_ascii=False))
    finally:
        db.dispose()
    return 0


def add_commands(sub: Any) -> None:
    p = sub.add_parser("purge-originals", help="delete the stored originals of deleted documents")
    p.add_argument("--dry-run", action="store_true", help="only say how many deletions still have an original")
    p.set_defaults(func=cmd_purge_originals)
