"""scripts/train_second_opinion.py trains on a tiny synthetic set (a stand-in embedder, no model load)."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from extractors import second_opinion as so

ROOT = Path(__file__).resolve().parents[2]
DIRECTIVES = (
    "जिलाधिकारी ने निर्देश दिए कि सभी तहसीलदार सर्वे 10 दिन में पूरा करें।",
    "उन्होंने कहा कि लंबित भुगतान शीघ्र किए जाएं।",
    "मुख्य विकास अधिकारी ने सड़क की मरम्मत 15 दिन में कराने के निर्देश दिए।",
)
OTHERS = (
    "बैठक में पेयजल योजना की प्रगति पर चर्चा की गई।",
    "उन्होंने कहा कि जिले में खरीद अच्छी चल रही है।",
    "अधिशासी अभियंता ने बताया कि कार्य पूर्ण हो गया है।",
)


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("train_second_opinion", ROOT / "scripts" / "train_second_opinion.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_second_opinion"] = module
    spec.loader.exec_module(module)
    return module


def _fake_embed(texts: list[str]) -> np.ndarray:
    """Eight numbers from each text's hash: enough to exercise the pipeline, no model loaded."""
    rows = [[b / 255.0 for b in hashlib.sha256(t.encode("utf-8")).digest()[:8]] for t in texts]
    return np.array(rows, dtype=np.float32)


def test_training_runs_on_a_tiny_synthetic_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = _load_script()
    docs = []
    for n in range(6):
        gold = [DIRECTIVES[n % 3], DIRECTIVES[(n + 1) % 3]]
        text = "\n".join([OTHERS[n % 3], *gold, OTHERS[(n + 2) % 3]]) + "\n"
        path = tmp_path / f"d{n}.txt"
        path.write_text(text, encoding="utf-8")
        docs.append(script.Doc(f"synthetic/d{n}", path, gold))
    out = tmp_path / "model.json"
    monkeypatch.delenv(so.MODE_ENV, raising=False)
    model = script.train(docs, _fake_embed, out, folds=3)
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written == json.loads(json.dumps(model))
    assert written["training"]["documents"] == [d.id for d in docs]
    assert written["training"]["gold_items"] == 12
    assert written["training"]["positives"] >= 12  # every gold sentence is a rule candidate
    assert len(written["features"]) == len(written["coef"]) == 8 + len(so.feature_names())
    assert written["thresholds"]["drop_below"] in script.DROP_GRID
    assert written["thresholds"]["add_above"] in script.ADD_GRID
    for platt in written["calibration"].values():
        assert all(c >= 0 for c in platt["coef"])
    text = out.read_text(encoding="utf-8")
    assert not any(s.rstrip("।") in text for s in DIRECTIVES + OTHERS)  # no sentence is shipped
    assert so.mode() == so.DEFAULT_MODE  # the script set the mode back


def test_gold_matching_follows_the_scorer() -> None:
    script = _load_script()
    gold = list(DIRECTIVES)
    assert script.gold_index(DIRECTIVES[1], gold) == 1
    assert script.gold_index("1. " + DIRECTIVES[2], gold) == 2
    assert script.gold_index(OTHERS[0], gold) is None


def test_review_threshold_catches_most_errors_within_the_review_budget() -> None:
    script = _load_script()
    # 100 items: 10 errors spread over the confidence range, the rest confident and right.
    conf = np.concatenate([np.linspace(0.35, 0.98, 10), np.full(90, 0.985)])
    label = np.concatenate([np.zeros(10, dtype=int), np.ones(90, dtype=int)])
    t, caught, flagged = script.review_threshold(conf, label)
    assert caught >= script.ERRORS_UNDER_REVIEW
    assert flagged <= script.REVIEW_BUDGET
    # When most errors sit among confident items, the budget wins over the share of errors.
    conf = np.concatenate([np.full(10, 0.97), np.linspace(0.3, 0.99, 90)])
    t, caught, flagged = script.review_threshold(conf, label)
    assert flagged <= script.REVIEW_BUDGET
    assert caught < script.ERRORS_UNDER_REVIEW


def test_an_earlier_off_calibration_can_be_kept_and_its_rules_are_recorded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script = _load_script()
    docs = []
    for n in range(4):
        gold = [DIRECTIVES[n % 3]]
        path = tmp_path / f"d{n}.txt"
        path.write_text("\n".join([OTHERS[n % 3], *gold]) + "\n", encoding="utf-8")
        docs.append(script.Doc(f"synthetic/d{n}", path, gold))
    earlier: dict[str, Any] = {
        "extractor_version": "0.0.9",
        "calibration": {
            "off": {"inputs": ["cue", "issuer", "responsible"], "coef": [1.0, 0.5, 0.25], "intercept": 0.1}
        },
    }
    monkeypatch.delenv(so.MODE_ENV, raising=False)
    model = script.train(docs, _fake_embed, tmp_path / "m.json", folds=2, keep_off=earlier)
    assert model["calibration"]["off"] == earlier["calibration"]["off"]
    assert model["calibration_fitted_on"] == {"off": "0.0.9", "on": so.running_extractor_version()}
    assert model["extractor_version"] == so.running_extractor_version()
    assert 0.3 <= model["review_below"]["off"] < 1.0
