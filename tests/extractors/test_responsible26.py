"""Who must act: general forms of round 26 (direction words right after the addressee, obligations and duties,
people served a notice, hyphenated initialisms, heads of staff and divisions). Sentences written for these
tests; table rows in tests/data/responsible26.tsv."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import extract, rows


@pytest.mark.parametrize(("document", "expected", "form"), rows("responsible26.tsv", 3))
def test_responsible_forms_26(document: str, expected: str, form: str) -> None:
    items = extract("\n".join(s.strip() for s in document.split(" / ")) + "\n")["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


def _person(expected: str, got: dict[str, str | None] | None) -> None:
    if expected == "-":
        assert got is None, got
        return
    designation, _, name = expected.partition("/")  # "post/name" checks the name too, "post/-" that there is none
    assert got is not None and got["designation"] == designation, got
    if name:
        assert got["name"] == (None if name == "-" else name), got


@pytest.mark.parametrize(("document", "issuer", "chair", "form"), rows("issuers26.tsv", 4))
def test_issuer_and_chair_forms_26(document: str, issuer: str, chair: str, form: str) -> None:
    out = extract("\n".join(s.strip() for s in document.split(" / ")) + "\n")
    assert out["action_items"], f"no directive read: {document}"
    _person(issuer, out["action_items"][-1]["issued_by"])
    _person(chair, out["meeting"]["chair"])
