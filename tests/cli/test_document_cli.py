"""`nirdesh export --review` and `nirdesh purge-originals`."""

from __future__ import annotations

import json

from nirdesh.cli import main
from store.db import Database
from store.document_edit import delete_document
from store.files import FileStore
from store.models import ActionItem, Document
from tests.helpers.export_seed import seed


def test_export_review_scope_and_purge_of_deleted_originals(tmp_path, monkeypatch, capsysbinary) -> None:
    monkeypatch.setenv("NIRDESH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    db = Database(f"sqlite:///{tmp_path / 'nirdesh.db'}")
    seed(db, review="proposed")
    files = FileStore(tmp_path)
    with db.session() as s:
        first = s.get(ActionItem, 1)
        first.review_state = "confirmed"
        doc = s.get(Document, first.document_id)
        _sha, doc.stored_path = files.put(b"the original of A")
    db.dispose()

    assert main(["export", "--format", "json"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["count"] == 1
    assert main(["export", "--format", "json", "--review", "all"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["count"] == 4

    db = Database(f"sqlite:///{tmp_path / 'nirdesh.db'}")
    with db.session() as s:
        delete_document(s, s.get(Document, doc.id), "tester")
    db.dispose()
    original = tmp_path / doc.stored_path
    assert original.is_file()
    assert main(["purge-originals", "--dry-run"]) == 0
    assert json.loads(capsysbinary.readouterr().out) == {"pending": 1}
    assert original.is_file()
    assert main(["purge-originals"]) == 0
    assert json.loads(capsysbinary.readouterr().out)["count"] == 1 and not original.exists()
