"""Uploaded names and text never reach a path outside the file store, a response header raw, or a shell."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from store.models import Document
from tests.helpers.builders import upload, wait_job
from tests.helpers.hostile import text_pdf

ROOT = Path(__file__).resolve().parents[2]
TRAVERSAL = "../../x.pdf"
SCRIPT_NAME = '<script>alert("x")</script>\r\nX-Evil: 1.txt'
SCRIPT_TEXT = "<script>alert(1)</script> जिलाधिकारी ने निर्देश दिए कि तहसीलदार <img src=x onerror=alert(2)> सर्वे करें।\n"


def _stored(client, document_id: int) -> str:
    with client.app.state.ctx.db.session() as s:
        return s.get(Document, document_id).stored_path


@pytest.mark.parametrize("name", [TRAVERSAL, "..\\..\\x.pdf", "/etc/x.pdf", "x.pdf\x00.txt"])
def test_path_in_the_name_never_becomes_a_path(client, settings, tmp_path, name) -> None:
    r = upload(client, name, text_pdf())
    assert r.status_code == 202, r.text
    job = wait_job(client, r.json()["id"])
    doc = client.get(f"/v1/documents/{job['document_id']}").json()
    shown = doc["filename"]
    assert "/" not in shown and "\\" not in shown and "\x00" not in shown and not shown.startswith(".")
    assert shown.endswith((".pdf", ".txt"))
    data_dir = settings.data_dir.resolve()
    stored = (data_dir / _stored(client, doc["id"])).resolve()
    assert stored.is_relative_to(data_dir / "files") and stored.read_bytes() == text_pdf()
    # No file took the uploaded name, anywhere in or above the data directory.
    assert not [p for p in tmp_path.rglob("*x.pdf*")]
    assert not (settings.data_dir.parent.parent / "x.pdf").exists()


def test_markup_in_name_and_text_comes_back_as_data(client) -> None:
    r = upload(client, SCRIPT_NAME, SCRIPT_TEXT)
    assert r.status_code == 201, r.text
    doc = r.json()
    # The name is cleaned for display: no tag brackets, quotes, slashes or line breaks survive.
    assert not set(doc["filename"]) & set('<>"/\\\r\n')
    assert "script" in doc["filename"]
    # The text is stored and returned exactly (JSON is not HTML; the UI inserts it as text).
    assert SCRIPT_TEXT.strip() in doc["pages"][0]["text"]
    assert "<img src=x onerror=alert(2)>" in doc["items"][0]["text"]
    got = client.get(f"/v1/documents/{doc['id']}/file")
    assert got.headers["content-type"].startswith("text/plain")  # never served as HTML
    assert got.headers["x-content-type-options"] == "nosniff"
    disposition = got.headers["content-disposition"]
    assert "\r" not in disposition and "\n" not in disposition and "<" not in disposition
    assert "x-evil" not in {k.lower() for k in got.headers}


def test_html_upload_is_refused(client) -> None:
    r = upload(client, "page.html", "<html><script>alert(1)</script></html>")
    assert r.status_code == 415 and r.json()["error"]["code"] == "unsupported"


_SHELL_CALLS = {("os", "system"), ("os", "popen"), ("subprocess", "getoutput"), ("subprocess", "getstatusoutput")}


def test_no_code_runs_a_shell() -> None:
    """No module calls os.system/os.popen/getoutput or passes shell=True; subprocesses get argument lists."""
    offenders = []
    scanned = [p for p in ROOT.glob("[!.]*/**/*.py") if ".venv" not in p.parts]
    assert {"cli.py", "ocr.py", "evaluate.py"} <= {p.name for p in scanned}  # the modules that run programs
    for path in scanned:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            named = isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name)
            if named and (func.value.id, func.attr) in _SHELL_CALLS:
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {func.value.id}.{func.attr}")
            for kw in node.keywords:
                if kw.arg == "shell" and not (isinstance(kw.value, ast.Constant) and kw.value.value is False):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} shell=")
    assert not offenders, offenders
