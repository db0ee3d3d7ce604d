"""A full stop after a verb that ends in a vowel letter (जाए, हुई, हुए) or a bare दे/ले ends the sentence; a letter's
initial (डी., वाई.) does not (nlp/sentences.py, short_sentence_ends.tsv)."""

from __future__ import annotations

import pytest

from nlp.sentences import split_sentences


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("उपायुक्त ने कहा कि रुके हुए काम तेजी से पूरे किए जाए.", "लोगों को कोई परेशानी न हो।"),
        ("बैठक में नहरों की सफाई पर चर्चा हुई.", "यह निर्णय लिया गया कि काम जून तक पूरा होगा।"),
        ("सभी सचिव अपने पंचायत भवन में सप्ताह में तीन दिन समय दे.", "ताकि ग्रामीणों के काम समय पर हों।"),
        ("उन्होंने कहा कि शिविर के लिए जगह अभी से चुन ले.", "इसकी सूचना तहसील को भेजी जाए।"),
        ("शिक्षा विभाग की योजनाओं पर विस्तार से बात हुए.", "इसके बाद उपायुक्त ने निरीक्षण किया।"),
    ],
)
def test_a_full_stop_after_a_vowel_ending_verb_ends_the_sentence(first: str, second: str) -> None:
    assert [s.text for s in split_sentences(f"{first} {second}")] == [first, second]


@pytest.mark.parametrize("name", ["डी. पी. वर्मा", "वाई. के. शर्मा", "ए. के. सिंह"])
def test_initials_do_not_end_the_sentence(name: str) -> None:
    assert len(split_sentences(f"बैठक में {name} ने कहा कि रिपोर्ट भेजी जाए।")) == 1
