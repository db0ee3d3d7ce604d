"""The declared extraction steps (extractors/steps.py) cover the action-item contract exactly once."""

from __future__ import annotations

from collections import Counter
from typing import get_type_hints

from core.contract import ExtractedItem
from extractors.steps import STEPS, needs_review
from tests.extractors.test_forms import extract


def test_every_contract_field_has_exactly_one_filler() -> None:
    fillers = Counter(f for _, fills, _ in STEPS for f in fills)
    assert set(fillers) == set(get_type_hints(ExtractedItem))
    assert all(n == 1 for n in fillers.values()), fillers


def test_step_names_are_unique_and_confidence_comes_last() -> None:
    names = [name for name, _, _ in STEPS]
    assert len(names) == len(set(names))
    assert names[-1] == "confidence"


def test_items_have_exactly_the_contract_fields() -> None:
    (item,) = extract("जिलाधिकारी ने निर्देश दिए कि सभी तहसीलदार सर्वे 10 दिन में पूरा करें।\n")["action_items"]
    assert set(item) == set(get_type_hints(ExtractedItem))


def test_confidence_follows_the_cue_and_weak_items_go_to_review() -> None:
    strong = extract("जिलाधिकारी ने तहसीलदारों को निर्देश दिए कि वसूली तेज करें।\n")["action_items"][0]
    weak = extract("• पुल की मरम्मत 15 मार्च तक।\n")["action_items"][0]
    assert strong["confidence"] > weak["confidence"]
    assert not needs_review(strong["confidence"])
    assert needs_review(weak["confidence"])
