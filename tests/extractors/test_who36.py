"""Forms of who must act and who issued a directive across the real notes (issue 15, who36), each in sentences
written for these tests.

A designation or body phrase never takes as a modifier a verb of a listed stem (``… बनाए रखें और नगर निगम …``,
``… पूरी करके सहायक अभियंता …``), a pronoun's oblique or a relative (``इसके``, ``जिसमें``), an interrogative
(``कहां``) or a postposition noun (``अलावा``, ``प्रति``): each ends the clause before the phrase. A connective that
adds a direction to the last (``इसके अलावा``, ``साथ ही``) opens a clause whose nominative post is its subject. Two posts side by side before ने (``… के निर्देश आईजी एसएसपी ने
दिए``) direct jointly, the first named issuing (corpus/README.md: the first named of joint officers); a rank
(``सहायक``) before a post opens its title instead."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("who36/responsible.tsv", 3))
def test_responsible_forms_who36(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("who36/issuers.tsv", 3))
def test_issuer_forms_who36(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("designation", "").split(",")[0] == expected, items[-1]["issued_by"]


@pytest.mark.parametrize(("document", "expected", "form"), rows("who36/issuer_names.tsv", 3))
def test_issuer_names_who36(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("name") == expected, items[-1]["issued_by"]
