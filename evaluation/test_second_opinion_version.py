"""The shipped second opinion and confidence calibration were fitted on the rules that run.

``models/data/second_opinion.json`` records the ``EXTRACTOR_VERSION`` it was fitted on. When the rules move
(a new version), the calibrated confidence of every item and the review threshold describe rules that no
longer run: this check (``make eval``, not ``make test``, so that a rule change does not turn the unit
tests red) says so and names the one command that refits it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from extractors import EXTRACTOR_VERSION
from extractors import second_opinion as so
from extractors.pipeline import process_path

ROOT = Path(__file__).resolve().parents[1]


def test_the_second_opinion_was_fitted_on_the_running_rules() -> None:
    so.load_model.cache_clear()
    model = so.load_model()
    assert so.staleness(model) is None, so.staleness(model)
    assert model.extractor_version == EXTRACTOR_VERSION


def test_the_readme_example_shows_the_confidence_the_code_gives() -> None:
    """README's example output (corpus/101) carries one item's confidence: after a retrain it must be refreshed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme[readme.index("## Example") :]
    text = re.search(r'"text": "([^"]+)"', example)
    shown = re.search(r'"confidence": ([0-9.]+)', example)
    assert text and shown, "README's example lost its item text or confidence"
    result = process_path(ROOT / "corpus" / "101_swasthya_samiti_lucknow.txt").to_json()
    (item,) = [it for it in result["action_items"] if it["text"] == text.group(1)]
    assert json.dumps(item["confidence"]) == shown.group(1), (
        f"README shows {shown.group(1)}, the code gives {item['confidence']}"
    )
