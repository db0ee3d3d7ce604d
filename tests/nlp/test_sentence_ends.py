"""Sentence ends the real press notes write: a full stop after a short verb, a long paragraph line."""

from __future__ import annotations

import pytest

from nlp.sentences import split_sentences


@pytest.mark.parametrize("verb", ["दिए", "ली", "गई", "है", "की"])
def test_a_full_stop_after_a_short_verb_ends_the_sentence(verb: str) -> None:
    text = f"उपायुक्त ने सभी खंड अधिकारियों को निरीक्षण के निर्देश {verb}. साथ ही रिपोर्ट भेजने को कहा।"
    assert len(split_sentences(text)) == 2


def test_an_initial_still_does_not_end_a_sentence() -> None:
    assert len(split_sentences("बैठक में डी. पी. वर्मा ने कहा कि रिपोर्ट भेजी जाए।")) == 1


def test_a_paragraph_line_far_longer_than_the_wrap_width_is_not_wrapped() -> None:
    short = "जिलाधिकारी की अध्यक्षता में विकास कार्यों की समीक्षा बैठक आयोजित की गई"
    long_line = "उन्होंने कहा कि " + "सभी विभाग अपने लक्ष्य समय पर पूरे करें " * 8 + "तथा प्रगति भेजें,"
    text = "\n".join([short + "।", long_line, "अतः सभी अधिकारी कार्रवाई सुनिश्चित करेंगे।", short + "।"])
    sents = [s.text for s in split_sentences(text)]
    assert long_line in sents


def test_a_long_line_is_joined_to_a_next_line_that_carries_on_its_sentence() -> None:
    # Short table-cell lines set the wrap width low; the closing prose line is far longer than it, but the
    # line after it opens with a postposition, so the two are one sentence.
    cells = "\n".join(["मजदूरी भुगतान में विलंब के प्रकरणों"] * 8)
    prose = "अध्यक्ष ने निर्देश दिए कि आगामी बैठक में सभी खंड विकास अधिकारी अनुपालन आख्या"
    text = f"{cells}\n\n{prose}\nके साथ स्वयं उपस्थित रहें। बैठक समाप्त हुई।"
    found = [s.text for s in split_sentences(text)]
    assert prose + " के साथ स्वयं उपस्थित रहें।" in [" ".join(s.split()) for s in found]


def test_a_line_that_points_back_opens_a_sentence_of_its_own() -> None:
    # Lines of one width make the text look wrapped; the second opens with a pronoun agent, which no
    # wrapped sentence carries on with, so it is a sentence of its own.
    headline = "कलेक्टर की समीक्षा बैठक में विभागों को विशेष निर्देश, लंबित आवेदनों का निराकरण समय पर करें"
    body = "उन्होंने निर्देश दिए जो विभाग बैठक में नहीं आए वे अगली बैठक में अवश्य उपस्थित रहें"
    filler = ["जिले में चल रहे निर्माण कार्यों की प्रगति की भी विस्तार से समीक्षा की गई।"] * 4
    found = [s.text for s in split_sentences(f"{headline}\n{body}\n\n" + "\n".join(filler))]
    assert body in found


def test_a_line_that_ends_in_a_postposition_still_carries_on() -> None:
    first = "जिलाधिकारी की अध्यक्षता में आयोजित विकास कार्यों की समीक्षा बैठक में"
    text = "\n".join([first, "उन्होंने कहा कि सभी कार्य समय पर पूरे किए जाएं।", *["प्रगति की समीक्षा की गई।" * 3] * 4])
    found = [" ".join(s.text.split()) for s in split_sentences(text)]
    assert first + " उन्होंने कहा कि सभी कार्य समय पर पूरे किए जाएं।" in found


def test_a_wrapped_line_that_ends_in_a_participle_carries_on_past_a_pronoun() -> None:
    first = "जिले में सेवा केंद्र, सहायता केंद्र एवं निगरानी प्रकोष्ठ के गठन को लेकर"
    second = "उन्होंने निर्देश दिए कि ये सभी प्रकोष्ठ सक्रिय रहें।"
    filler = ["जिले में चल रहे निर्माण कार्यों की प्रगति की समीक्षा की गई।"] * 4
    found = [" ".join(s.text.split()) for s in split_sentences("\n".join([first, second, *filler]))]
    assert f"{first} {second}" in found


def test_lines_closed_by_a_perfective_passive_are_lines_of_a_list() -> None:
    # Lines of one width look wrapped, but each closes with "… दिया गया" and the next does not carry on.
    intro = "बैठक में नगर निगम की जलापूर्ति योजनाओं की समीक्षा के बाद निम्न दिशा निर्देश दिए गए"
    first = "जल शोधन संयंत्र के जर्जर पाइपों को बदलने के लिए कार्य योजना बनाने का निर्देश दिया गया"
    second = "टंकियों की सफाई का कार्य जल बोर्ड एवं नगर निगम द्वारा संयुक्त रूप से करने का निर्देश दिया गया"
    filler = ["जिले में चल रहे निर्माण कार्यों की प्रगति की समीक्षा भी की गई।"] * 4
    found = [s.text for s in split_sentences("\n".join([intro, first, second, "", *filler]))]
    assert [intro, first, second] == found[:3]


def test_a_line_closed_by_a_passive_still_carries_on_into_a_that_clause() -> None:
    first = "बैठक में जिलाधिकारी द्वारा सभी खंड विकास अधिकारियों को निर्देश दिए गए"
    second = "कि आवास योजना की किश्तें समय पर जारी हों और प्रगति प्रतिदिन भेजी जाए।"
    filler = ["जिले में चल रहे निर्माण कार्यों की प्रगति की समीक्षा भी की गई।"] * 4
    found = [" ".join(s.text.split()) for s in split_sentences("\n".join([first, second, *filler]))]
    assert f"{first} {second}" in found
