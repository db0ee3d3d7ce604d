"""Written amounts (nlp/numbers.py): scales, number words, fractions, repeated numbers and ranges."""

from __future__ import annotations

import re

import pytest

from nlp.numbers import AMOUNT, has_scale, parse_amount

_AMOUNT = re.compile(AMOUNT)


@pytest.mark.parametrize(
    ("text", "amount", "value"),
    [
        ("कुल 4 लाख 18 हजार 205 लाभार्थी", "4 लाख 18 हजार 205", 418205.0),
        ("तीन सौ किसानों को", "तीन सौ", 300.0),
        ("डेढ़ करोड़ रुपये", "डेढ़ करोड़", 15_000_000.0),
        ("ढाई सौ मीटर", "ढाई सौ", 250.0),
        ("चार-चार लाख रुपये", "चार-चार लाख", 400_000.0),
        ("20-25 प्रतिशत", "20-25", 25.0),
        ("1,25,000 रुपये", "1,25,000", 125_000.0),
        ("७५ प्रतिशत", "७५", 75.0),
        ("सौ प्रतिशत", "सौ", 100.0),
    ],
)
def test_amounts_and_their_values(text: str, amount: str, value: float) -> None:
    m = _AMOUNT.search(text)
    assert m is not None and m.group(0) == amount
    assert parse_amount(m.group(0)) == value


@pytest.mark.parametrize(
    "text",
    ["24×7 सेवा", "सेक्टर-9 में", "31वां स्थापना दिवस", "दोनों विभाग", "डेढ़ घंटे"],
)
def test_no_amount(text: str) -> None:
    assert _AMOUNT.search(text) is None


def test_a_number_before_a_date_is_not_part_of_the_amount() -> None:
    m = _AMOUNT.search("2 करोड़ 15 जून तक")
    assert m is not None and m.group(0) == "2 करोड़"


def test_scale_words() -> None:
    assert has_scale("5 लाख") and has_scale("दो सौ")
    assert not has_scale("सौ") and not has_scale("500")


def test_a_dozen_is_a_scale() -> None:
    m = _AMOUNT.search("दो दर्जन गांवों में")
    assert m is not None and parse_amount(m.group(0)) == 24.0
