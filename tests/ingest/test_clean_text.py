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


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        # a cut markdown image: its path and the closing bracket go
        ("/news/media/uploads/WhatsApp-Image-2025-11-03-at-6.12.40-PM.jpeg)\nकलेक्टर ने निर्देश दिए।", "कलेक्टर ने निर्देश दिए।"),
        # a markdown image keeps its caption
        ("![उपायुक्त ने बैठक ली](https://example.in/h-upload/2024/02/11/123-dc.webp)\nx", "उपायुक्त ने बैठक ली\nx"),
        ("विवरण [यहां](https://example.in/a/b) देखें", "विवरण यहां देखें"),
        ("www.examplenews.in | प्रकाशित: सोमवार", "प्रकाशित: सोमवार"),
        ("| क्रम | www.examplenews.in |", "| क्रम | |"),
        ("स्रोत: https://example.in/2019/03/45_12.html.", "स्रोत: ."),
        ("फोटो: IMG_20250917_104512.jpg", "फोटो:"),
        # the note's own words stay: Devanagari abbreviations, versions, rates, dates
        ("अ.जा./अ.ज.जा. के छात्र", "अ.जा./अ.ज.जा. के छात्र"),
        ("ओरुनोडोई 2.0 योजना में 5.5% वृद्धि", "ओरुनोडोई 2.0 योजना में 5.5% वृद्धि"),
        ("दिनांक 12/10/2025 को बैठक", "दिनांक 12/10/2025 को बैठक"),
    ],
)
def test_page_noise_is_dropped(raw: str, clean: str) -> None:
    assert clean_text(raw) == clean
