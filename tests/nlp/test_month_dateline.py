"""A dateline with a month and a year but no day: deadlines that any day of that month dates alike."""

from __future__ import annotations

import pytest

from nlp.dates import find_time_expressions_in_month, month_and_year


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("इंदौर, मार्च 2019/ जिले में पेयजल की स्थिति", (2019, 3)),
        ("Raipur, August 2021: review of works", (2021, 8)),
        ("रायपुर, 12 अगस्त 2021। कलेक्टर ने …", None),  # a full date is the meeting's, not a month
        ("बैठक में 2021 के लक्ष्य तय हुए", None),
    ],
)
def test_month_and_year_of_a_dateline(line: str, expected: tuple[int, int] | None) -> None:
    assert month_and_year(line) == expected


@pytest.mark.parametrize(
    ("sentence", "text", "when"),
    [
        ("इस वर्ष सभी विद्यालयों में शौचालय बनाए जाएं।", "इस वर्ष", "2019-12-31"),
        ("सड़कों की मरम्मत दिसंबर तक पूरी की जाए।", "दिसंबर तक", "2019-12-31"),
        ("सर्वे 15 दिन में पूरा किया जाए।", "15 दिन में", None),  # depends on the day: unknown
        ("अगले सप्ताह तक सूची भेजी जाए।", "अगले सप्ताह तक", None),
    ],
)
def test_only_what_every_day_of_the_month_dates_alike_is_dated(sentence: str, text: str, when: str | None) -> None:
    (found,) = find_time_expressions_in_month(sentence, 2019, 3)
    assert (found.text, found.date) == (text, when)
