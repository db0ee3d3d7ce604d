"""Forms of who must act and who issued a directive from the freshest real notes (issue 15, who35), each in sentences
written for these tests.

A body formed in one sentence is often told to act in the next by a demonstrative alone (``यह दल … रिपोर्ट देगा``,
``ये टीमें … करें``): the bare head after ``यह``/``ये`` opening the clause is that body. ``वह``/``वे`` are left out (as
often a pronoun subject before another noun), and so is a head with a postposition after it. A clause of a directive
closing on the singular ``रहे`` (``… सक्रिय रहे और …``, ``… ड्यूटी पर न रहे``) is a subjunctive duty of its subject, not
a copula stating a fact about it. A post right before a department and ने (``प्रमुख सचिव परिवहन विभाग ने``, ``आयुक्त
नगर निगम ने``) directs: the department is its office, neither the issuer nor an addressee."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("who35/responsible.tsv", 3))
def test_responsible_forms_who35(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("who35/issuers.tsv", 3))
def test_issuer_forms_who35(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("designation", "").split(",")[0] == expected, items[-1]["issued_by"]
