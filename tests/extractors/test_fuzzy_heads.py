"""A misspelt head of a post (``अधकारियों``) is read as the post; the nouns posts are named after are not."""

from __future__ import annotations

import pytest

from models.designations import fuzzy_head


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("अधकारी", "अधिकारी"),  # a vowel sign left out
        ("अभियांता", "अभियंता"),  # a long vowel typed for the short one
        ("पर्यवेक्षिक", "पर्यवेक्षक"),
        ("अधकिरी", "अधिकारी"),  # two letters swapped
        ("अधिकारी", None),  # a head already
        ("प्रबंध", None),  # the noun प्रबंधक is named after
        ("व्यवस्था", None),
        ("रजिस्ट्रर", None),  # a register, not a registrar
        ("सचिव", None),  # too short to guess
    ],
)
def test_fuzzy_head(word: str, expected: str | None) -> None:
    assert fuzzy_head(word) == expected
