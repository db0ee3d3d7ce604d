"""Validity checks for the hand-written evaluation corpus in corpus/.

Each corpus/NNN_slug.txt has a corpus/NNN_slug.gold.json annotated as in the shared GUIDELINES.md.
These tests check the gold files themselves (not the extractor): every annotated sentence is copied
verbatim from its document, dates are ISO, slots have the right types.
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
RECURRENCES = {None, "weekly", "fortnightly", "monthly", "quarterly"}
YEAR = re.compile(r"[12][0-9]{3}|[१२][०-९]{3}")

TEXTS = sorted(CORPUS.glob("*.txt"))
GOLDS = sorted(CORPUS.glob("*.gold.json"))


def load(gold_path):
    return json.loads(gold_path.read_text(encoding="utf-8"))


def doc_text(gold_path):
    return (CORPUS / (gold_path.name[: -len(".gold.json")] + ".txt")).read_text(encoding="utf-8")


def iso(value):
    if value is None:
        return None
    assert isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value), value
    return dt.date.fromisoformat(value)  # raises on an impossible date


def table_rows(text):
    """pipe-separated table rows: list of (line, [cells])"""
    return [(ln, [c.strip() for c in ln.split("|")]) for ln in text.splitlines() if ln.count("|") >= 2]


def context_of(sentence, text):
    """the stretch of text in which the item's slots must appear: the table row if the sentence is
    a table cell, else the sentence itself"""
    for line, cells in table_rows(text):
        if sentence in cells:
            return line
    assert sentence in text, f"sentence not found verbatim: {sentence[:60]}"
    return sentence


def test_enough_documents():
    assert len(TEXTS) >= 12


def test_every_document_has_gold_and_vice_versa():
    names_txt = {p.name[: -len(".txt")] for p in TEXTS}
    names_gold = {p.name[: -len(".gold.json")] for p in GOLDS}
    assert names_txt == names_gold


@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.name)
def test_gold_file_is_valid(gold_path):
    gold = load(gold_path)
    text = doc_text(gold_path)
    assert gold["doc"] == gold_path.name[: -len(".gold.json")] + ".txt"

    meeting = gold["meeting"]
    for key in ("date", "place", "chair", "department"):
        assert key in meeting
    mdate = iso(meeting["date"])
    chair = meeting["chair"]
    assert chair and (chair.get("name") or chair.get("designation"))
    if chair.get("name"):
        assert chair["name"] in text
    if meeting["place"]:
        assert meeting["place"] in text
    for person in meeting.get("attendees", []):
        assert set(person) == {"name", "designation"}

    items = gold["items"]
    assert items, "every corpus document has at least one directive"
    sentences = [it["sentence"] for it in items]
    assert len(sentences) == len(set(sentences)), "duplicate gold sentence"
    for it in items:
        assert set(it) >= {"sentence", "issued_by", "responsible", "deadline", "recurrence", "targets"}
        sentence = it["sentence"]
        assert sentence == sentence.strip() and sentence
        ctx = context_of(sentence, text)

        issuer = it["issued_by"]
        assert issuer and issuer.get("designation"), sentence[:60]
        if issuer.get("name"):
            assert issuer["name"] in text

        assert isinstance(it["responsible"], list)
        assert all(isinstance(r, str) and r.strip() for r in it["responsible"])

        dl = it["deadline"]
        if dl is not None:
            assert set(dl) == {"text", "date"}
            assert dl["text"] and dl["text"] in ctx, f"deadline text not in sentence/row: {dl['text']}"
            ddate = iso(dl["date"])
            if mdate is None and ddate is not None:
                assert YEAR.search(dl["text"]), "without a meeting date only dates with a year resolve"
            if mdate is not None and ddate is not None:
                assert ddate >= mdate, "deadline before the meeting"

        assert it["recurrence"] in RECURRENCES

        assert isinstance(it["targets"], list)
        for t in it["targets"]:
            assert isinstance(t, str) and t in ctx, f"target not in sentence/row: {t}"
