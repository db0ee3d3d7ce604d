"""scripts/meeting_facts.py scores meeting facts per prediction folder and lists the errors."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("meeting_facts", ROOT / "scripts" / "meeting_facts.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["meeting_facts"] = module
    spec.loader.exec_module(module)
    return module


mf = _load()


def _write(path: Path, data: dict[str, object]) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_place_and_department_compared_after_folding() -> None:
    assert mf.same_text("महिला एवं बाल विकास विभाग", "महिला एवं बाल विकास विभाग।")
    assert not mf.same_text("महिला एवं बाल विकास विभाग", "विकास")
    assert mf.same_person({"name": "नीलिमा", "designation": "डीसी"}, {"name": "नीलिमा", "designation": "जिलाधीश"})
    assert not mf.same_person({"name": None, "designation": "डीएम"}, {"name": None, "designation": "जिलाधिकारी"})


def test_counts_right_scored_and_spurious(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = tmp_path / "gold", tmp_path / "pred"
    gold.mkdir()
    pred.mkdir()
    meeting = {"date": "2025-05-04", "place": "अलवर", "chair": {"name": "अमर सेन", "designation": "कलेक्टर"}}
    _write(gold / "a.gold.json", {"meeting": {**meeting, "department": None}, "items": []})
    _write(pred / "a.json", {"meeting": {**meeting, "place": "सभागार", "department": "कृषि विभाग"}})
    counts, errors = mf.compare(gold, pred)
    assert counts["date"] == [1, 1, 0] and counts["chair"] == [1, 1, 0]
    assert counts["place"] == [0, 1, 0] and counts["department"] == [0, 0, 1]
    assert len(errors) == 2
    assert mf.main([str(gold), "--pred", f"run={pred}", "--errors", "run"]) == 0
    out = capsys.readouterr().out
    assert "place" in out and "expected अलवर" in out
