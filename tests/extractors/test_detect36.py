"""Directive detection forms of detect36 (issue 15), each in sentences written for these tests.

A prohibition's particle written ``ना`` (``… कूड़ा ना फेंके``, ``… लंबित ना रहे``) is the particle ``न``; a sentence
opening on its result word (``इससे …``, ``जिससे …``) goes on with the directive before it and forbids nothing itself. A
headline may put a duty before its last word (``… रहना होगा अलर्ट``) as it puts an order (``… दें बेहतर परिणाम``)."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("detect36/items_or_not.tsv", 3))
def test_items_or_not_detect36(document: str, expected: str, form: str) -> None:
    last = document.split(" / ")[-1].strip()
    items = extract(slash_lines(document))["action_items"]
    is_item = any(last.startswith(item["text"][:30]) or item["text"] in last for item in items)
    assert is_item == (expected == "yes"), items


@pytest.mark.parametrize(("document", "expected", "form"), rows("detect36/headlines.tsv", 3))
def test_headline_duty_detect36(document: str, expected: str, form: str) -> None:
    headline = document.split(" / ")[0].strip()
    items = extract(slash_lines(document))["action_items"]
    is_item = any(item["text"].startswith(headline[:30]) for item in items)
    assert is_item == (expected == "yes"), items
