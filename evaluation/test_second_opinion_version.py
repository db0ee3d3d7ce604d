"""The shipped second opinion and confidence calibration were fitted on the rules that run.

``models/data/second_opinion.json`` records the ``EXTRACTOR_VERSION`` it was fitted on. When the rules move
(a new version), the calibrated confidence of every item and the review threshold describe rules that no
longer run: this check (``make eval``, not ``make test``, so that a rule change does not turn the unit
tests red) says so and names the one command that refits it.
"""

from __future__ import annotations

from extractors import EXTRACTOR_VERSION
from extractors import second_opinion as so


def test_the_second_opinion_was_fitted_on_the_running_rules() -> None:
    so.load_model.cache_clear()
    model = so.load_model()
    assert so.staleness(model) is None, so.staleness(model)
    assert model.extractor_version == EXTRACTOR_VERSION
