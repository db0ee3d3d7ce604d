"""The readers' one text clean-up: markdown emphasis around names goes, bullets and arithmetic stay."""

from __future__ import annotations

import pytest

from ingest.text import clean_text


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("**जिलाधिकारी अनिल कुमार** ने निर्देश दिए", "जिलाधिकारी अनिल कुमार ने निर्देश दिए"),
        ("*उपायुक्त* ने कहा", "उपायुक्त ने कहा"),
        ("***मुख्य*** बात", "मुख्य बात"),
        ("__सूचना__ पढ़ें", "सूचना पढ़ें"),
        ("* पहला बिंदु\n* दूसरा बिंदु", "* पहला बिंदु\n* दूसरा बिंदु"),  # bullets
        ("दर 5*2 है", "दर 5*2 है"),
        ("क्रम * एक * दो", "क्रम * एक * दो"),
        ("**अधूरा बोल्ड", "**अधूरा बोल्ड"),
    ],
)
def test_markdown_emphasis_is_dropped(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
