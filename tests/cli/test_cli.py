"""The `nirdesh extract` command: tables, JSON, batches with bad files."""

import json
import subprocess
import sys
from pathlib import Path

from nirdesh.cli import main, output_name

NOTE = "लखनऊ, 5 मई 2025। जिलाधिकारी ने निर्देश दिए कि सभी तहसीलदार 20 मई 2025 तक सत्यापन पूरा करें।\n"


def test_output_name_drops_route_suffixes():
    assert output_name(Path("000_abc.text.pdf")) == "000_abc"
    assert output_name(Path("000_abc.scan.pdf")) == "000_abc"
    assert output_name(Path("000_abc.chromium.pdf")) == "000_abc"
    assert output_name(Path("minutes.final.docx")) == "minutes.final"


def test_extract_json_to_stdout(tmp_path, capsys):
    f = tmp_path / "note.txt"
    f.write_text(NOTE, encoding="utf-8")
    assert main(["extract", str(f), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["meeting"]["date"] == "2025-05-05"
    assert doc["action_items"][0]["deadline"]["date"] == "2025-05-20"


def test_extract_prints_a_table(tmp_path, capsys):
    f = tmp_path / "note.txt"
    f.write_text(NOTE, encoding="utf-8")
    assert main(["extract", str(f)]) == 0
    out = capsys.readouterr().out
    assert "1 action items" in out and "तहसीलदार" in out


def test_batch_goes_on_past_bad_files_and_fails_at_the_end(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text(NOTE, encoding="utf-8")
    (src / "empty.txt").write_bytes(b"")
    (src / "broken.pdf").write_bytes(b"%PDF-1.7\n this is not a pdf at all")
    (src / "notes.xyz").write_text("ignored", encoding="utf-8")
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "nirdesh.cli", "extract", str(src), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]
    errors = [line for line in done.stderr.splitlines() if line.startswith("error")]
    assert len(errors) == 2
    assert any("empty.txt" in e for e in errors) and any("broken.pdf" in e for e in errors)
    assert "1 skipped" in done.stderr


def test_no_supported_files(tmp_path, capsys):
    (tmp_path / "a.xyz").write_text("x", encoding="utf-8")
    assert main(["extract", str(tmp_path)]) == 2


def test_token_create_stores_only_a_hash(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NIRDESH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert main(["token", "create", "--role", "viewer", "--label", "ci"]) == 0
    token = capsys.readouterr().out.strip()
    assert token.startswith("nd_")
    from store.db import Database
    from store.tokens import verify_token

    db = Database(f"sqlite:///{tmp_path / 'nirdesh.db'}")
    with db.session() as session:
        found = verify_token(session, token)
        assert found is not None and found.role == "viewer"
    assert token.encode() not in (tmp_path / "nirdesh.db").read_bytes()


def test_corrections_export_writes_gold_files(tmp_path, monkeypatch):
    monkeypatch.setenv("NIRDESH_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    out = tmp_path / "gold"
    assert main(["corrections", "export", "--out", str(out)]) == 0
    assert out.is_dir() and list(out.iterdir()) == []  # nothing reviewed yet
