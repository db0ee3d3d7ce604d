"""A headline line that names the meeting (``… सभागार में की गई बैठक``) ends there: the next line of similar width
is a sentence of its own, unless it carries the line on with a postposition (nlp/sentences.py, ``_opens_anew``)."""

from __future__ import annotations

import pytest

from nlp.sentences import split_sentences

HEAD = "गोंडा जिलाधिकारी व पुलिस अधीक्षक की अध्यक्षता में त्योहारों को लेकर तहसील सभागार में की गई बैठक"
NEXT = "शांति व्यवस्था बनाए रखने को लेकर सभी थानाध्यक्षों व उपजिलाधिकारियों को दिये आवश्यक दिशा निर्देश।"
TAIL = ["मेलों में भीड़ नियंत्रण के लिए अतिरिक्त पुलिस बल की तैनाती की समीक्षा की गई।"] * 3


@pytest.mark.parametrize("ending", ["की गई बैठक", "हुई बैठक", "आयोजित समीक्षा बैठक"])
def test_a_line_naming_the_meeting_ends_its_sentence(ending: str) -> None:
    head = HEAD.removesuffix("की गई बैठक") + ending
    sentences = [s.text for s in split_sentences("\n".join([head, NEXT, *TAIL]))]
    assert head in sentences and NEXT in sentences


def test_a_postposition_carries_the_meeting_line_on() -> None:
    nxt = "में शांति व्यवस्था बनाए रखने को लेकर सभी थानाध्यक्षों व उपजिलाधिकारियों को निर्देश दिए गए।"
    sentences = [s.text for s in split_sentences("\n".join([HEAD, nxt, *TAIL]))]
    assert f"{HEAD} {nxt}" in sentences
