"""The gazetteer's fuzzy fallback compares a misspelt word with the folded one-word posts, and a post
written without its space (`मुख्यसचिव`) never crashes the extraction."""

from __future__ import annotations

import pytest

from models.gazetteer import load_gazetteer
from tests.extractors.test_forms import extract


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("जिलाधिकरी", "जिलाधिकारी"),  # a letter's sign dropped
        ("मुख्यसचिव", "मुख्य सचिव"),  # a rank run together with its post: the post (gazetteer solid forms, who36)
        ("विकास", None),  # an ordinary word
    ],
)
def test_fuzzy_matches_folded_one_word_posts(word: str, expected: str | None) -> None:
    assert load_gazetteer().fuzzy(word) == expected


def test_a_post_run_together_does_not_crash_extraction() -> None:
    text = (
        "रायपुर, 4 मार्च 2025। मुख्यसचिव अमित कुमार ने मंत्रालय में विभागाध्यक्षों की बैठक ली।\n"
        "उन्होंने सभी विभागों को निर्देश दिए कि कैबिनेट के प्रस्ताव 15 मार्च तक भेजें।\n"
    )
    items = extract(text)["action_items"]
    assert any("कैबिनेट" in item["text"] for item in items)
