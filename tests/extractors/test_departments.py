"""The meeting's department or committee, one row per form (tests/data/departments.tsv)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from extractors.departments import department_phrase, meeting_department, portfolio_before

DATA = Path(__file__).resolve().parents[1] / "data" / "departments.tsv"


def _rows() -> list[Any]:
    out = []
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        document, expected, form = (line.split("\t") + ["", ""])[:3]
        out.append(pytest.param(document, expected.strip(), id=form))
    return out


@pytest.mark.parametrize(("document", "expected"), _rows())
def test_department_forms(document: str, expected: str) -> None:
    text = "\n".join(part.strip() for part in document.split(" / "))
    assert meeting_department(text) == (expected or None)


def test_an_unknown_name_keeps_its_last_word_only() -> None:
    text = "इस दौरान जुड़े तकनीकी विभाग"
    assert department_phrase(text, text.index("विभाग")) == "तकनीकी विभाग"


def test_no_name_before_the_head_is_none() -> None:
    text = "सभी विभाग"
    assert department_phrase(text, text.index("विभाग")) is None


def test_a_portfolio_is_a_known_department_name_only() -> None:
    text = "प्रदेश के ऊर्जा मंत्री"
    assert portfolio_before(text, text.index("मंत्री")) == "ऊर्जा"
    text = "इस दौरान मंत्री"
    assert portfolio_before(text, text.index("मंत्री")) is None


def test_a_portfolio_is_all_the_words_before_the_post() -> None:
    text = "उत्तर प्रदेश के वन, पर्यावरण, उद्यान, जन्तु उद्यान मंत्री"
    assert portfolio_before(text, text.index("मंत्री")) is None
