"""Pages that write the danda as an ASCII pipe are prose; pipe tables stay tables."""

from __future__ import annotations

import pytest

from nlp.sentences import is_danda_line, is_table_row, split_sentences

DANDA_LINES = [
    # every segment closes with a finite verb
    "तहसीलदार ने राजस्व वसूली की समीक्षा की | उन्होंने बकाया वसूली तेज करने को कहा | सभी कानूनगो उपस्थित रहे |",
    # a dateline segment beside two sentences
    "ग्वालियर | नगर आयुक्त ने जलभराव वाले इलाकों का दौरा किया | पंप चालू रखने के निर्देश दिए |",
    # a pipe glued to the verb, a subjunctive segment
    "बैठक में पेंशन प्रकरणों की जानकारी ली गई| लंबित प्रकरण इसी माह निपटाएं |",
]

TABLE_LINES = [
    "क्र.सं. | निर्देश | उत्तरदायी अधिकारी | समय-सीमा",
    "1 | सभी हैंडपंपों की मरम्मत कराई जाए | अधिशासी अभियंता, जल निगम | 15.06.2025",
    "आंगनबाड़ी भवनों का निर्माण पूर्ण करें | जिला कार्यक्रम अधिकारी",
    "| 2 | नाली निर्माण का भुगतान किया जाए | अवर अभियंता |",
    "|---|---|---|",
]


@pytest.mark.parametrize("line", DANDA_LINES)
def test_a_line_of_sentences_cut_by_pipes_is_prose(line: str) -> None:
    assert is_danda_line(line)
    assert not is_table_row(line)


@pytest.mark.parametrize("line", TABLE_LINES)
def test_a_row_with_short_cells_stays_a_table_row(line: str) -> None:
    assert not is_danda_line(line)


def test_each_pipe_of_a_danda_line_ends_a_sentence() -> None:
    got = [s.text for s in split_sentences(DANDA_LINES[0])]
    assert got == [
        "तहसीलदार ने राजस्व वसूली की समीक्षा की |",
        "उन्होंने बकाया वसूली तेज करने को कहा |",
        "सभी कानूनगो उपस्थित रहे |",
    ]


def test_a_pipe_glued_to_the_word_before_ends_the_sentence() -> None:
    got = [s.text for s in split_sentences(DANDA_LINES[2])]
    assert got == ["बैठक में पेंशन प्रकरणों की जानकारी ली गई|", "लंबित प्रकरण इसी माह निपटाएं |"]


def test_table_rows_give_no_sentences() -> None:
    assert split_sentences("\n".join(TABLE_LINES[:2])) == []
