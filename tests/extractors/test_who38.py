"""Forms of who must act and who issued a directive across the real notes (issue 15, who38), each in sentences
written for these tests.

A subject that opens its clause may carry a genitive (``कि अस्पतालों की प्रबंधन समिति … करे``, ``टास्क फोर्स की
टीमें … रखें``) when its clause ends in a subjunctive or future that bids it; a team (an addressable body) after
a genitive is the team of the body named before it, and is written with it. What was said may follow कहा with
its कि left out (``डीसी ने कहा अस्पतालों की …``). The constables of a force (``जवान``) are a post's head. A body
that issues a note may be written solid (``महानगरपालिका``), with two heads side by side (``नगरपालिका परिषद्``) or
with its Latin abbreviation before ने (``NDMC ने``), bracketed or not."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("who38/responsible.tsv", 3))
def test_responsible_forms_who38(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("who38/issuers.tsv", 3))
def test_issuer_forms_who38(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("designation", "") == expected, items[-1]["issued_by"]
