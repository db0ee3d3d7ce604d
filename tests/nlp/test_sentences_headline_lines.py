"""Lines of similar width are joined as one hard-wrapped sentence, unless a line closes with an order
(``… करें``, ``… जाएं``) and the next opens a sentence of its own (nlp/sentences.py, ``_opens_anew``)."""

from __future__ import annotations

from nlp.sentences import split_sentences

LINES = [
    "उपायुक्त ने बाढ़ नियंत्रण की तैयारियों की समीक्षा बैठक ली",
    "सभी तटबंधों की मरम्मत का काम पंद्रह जून तक पूरा करें",
    "निचले इलाकों के गांवों में नावों की सूची अभी से तैयार",
    "रखी जाए और राहत शिविरों में पानी की व्यवस्था हो",
]


def test_a_line_closed_by_an_order_ends_its_sentence() -> None:
    sentences = [s.text for s in split_sentences("\n".join(LINES))]
    assert LINES[1] in [s.removeprefix(LINES[0] + " ") for s in sentences]


def test_a_line_that_the_next_carries_on_is_still_joined() -> None:
    sentences = [s.text for s in split_sentences("\n".join(LINES))]
    assert f"{LINES[2]} {LINES[3]}" in sentences  # "… तैयार / रखी जाए …": one wrapped sentence


def test_an_order_before_a_continuation_word_is_joined() -> None:
    lines = [*LINES[:1], "सभी तटबंधों की मरम्मत का काम पंद्रह जून तक पूरा करें", "तथा इसकी रिपोर्ट जिला मुख्यालय को भेजें", LINES[3]]
    sentences = [s.text for s in split_sentences("\n".join(lines))]
    assert any(f"{lines[1]} {lines[2]}" in s for s in sentences)
