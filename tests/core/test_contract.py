"""The extraction contract: typed inside, the same JSON at the edges, one check of a result's shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from core.contract import (
    ContractError,
    Deadline,
    Evidence,
    ExtractedItem,
    Extraction,
    Meeting,
    PageInfo,
    Person,
    Target,
)
from core.states import DeadlineKind, Recurrence
from extractors.pipeline import process_path
from tests.helpers.builders import FakeExtractor

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def corpus_extractions() -> list[Extraction]:
    files = sorted(CORPUS.glob("*.txt"))
    assert len(files) >= 10
    return [process_path(f) for f in files]


def _through_text(data: dict) -> dict:
    """What a reader of the written JSON gets back."""
    return json.loads(json.dumps(data, ensure_ascii=False))


def test_every_contract_class_round_trips_on_the_corpus(corpus_extractions: list[Extraction]) -> None:
    seen: set[type] = set()
    for ext in corpus_extractions:
        assert Extraction.from_json(_through_text(ext.to_json())) == ext
        assert Meeting.from_json(_through_text(ext.meeting.to_json())) == ext.meeting
        seen.update({Extraction, Meeting})
        for page in ext.pages:
            assert PageInfo.from_json(_through_text(page.to_json())) == page
            seen.add(PageInfo)
        for person in (ext.meeting.chair, *ext.meeting.attendees):
            if person is not None:
                assert Person.from_json(_through_text(person.to_json())) == person
                seen.add(Person)
        for item in ext.action_items:
            assert ExtractedItem.from_json(_through_text(item.to_json())) == item
            seen.add(ExtractedItem)
            for person in (item.issued_by, *item.responsible):
                if person is not None:
                    assert Person.from_json(_through_text(person.to_json())) == person
            if item.deadline is not None:
                assert Deadline.from_json(_through_text(item.deadline.to_json())) == item.deadline
                seen.add(Deadline)
            for target in item.targets:
                assert Target.from_json(_through_text(target.to_json())) == target
                seen.add(Target)
            if item.evidence is not None:
                assert Evidence.from_json(_through_text(item.evidence.to_json())) == item.evidence
                seen.add(Evidence)
    assert seen == {Extraction, Meeting, PageInfo, Person, ExtractedItem, Deadline, Target, Evidence}


def test_json_keys_and_order_are_the_contract(corpus_extractions: list[Extraction]) -> None:
    data = next(e for e in corpus_extractions if e.action_items).to_json()
    assert list(data) == ["schema", "source", "extractor_version", "meeting", "action_items", "pages", "warnings"]
    assert list(data["meeting"]) == ["date", "place", "chair", "department", "attendees", "title"]
    assert list(data["action_items"][0]) == [
        "id",
        "text",
        "action",
        "issued_by",
        "responsible",
        "deadline",
        "recurrence",
        "targets",
        "evidence",
        "confidence",
    ]
    assert list(data["pages"][0]) == ["number", "route", "ocr_confidence", "garble_score", "text"]
    assert data["schema"] == "nirdesh.extraction/1"


def test_enums_are_written_as_their_plain_strings() -> None:
    item = ExtractedItem(
        id="ai-001",
        text="x",
        action="x",
        deadline=Deadline("एक सप्ताह में", "2025-09-23", DeadlineKind.WITHIN),
        recurrence=Recurrence.WEEKLY,
        evidence=Evidence(1, 0, 1),
    )
    text = json.dumps(item.to_json())
    assert '"kind": "within"' in text and '"recurrence": "weekly"' in text
    back = ExtractedItem.from_json(json.loads(text))
    assert back.deadline is not None and back.deadline.kind is DeadlineKind.WITHIN
    assert back.recurrence is Recurrence.WEEKLY


def test_the_fake_extractors_json_parses() -> None:
    raw = FakeExtractor()("बैठक में निर्देश दिए गए कि तहसीलदार 2025-10-01 तक सूची दें।".encode(), "a.txt")
    ext = Extraction.from_json(raw)
    assert ext.action_items[0].responsible == (Person(None, "तहसीलदार"),)
    assert ext.to_json() == raw


@pytest.mark.parametrize(
    ("bad", "where"),
    [
        ([], "extraction: expected an object"),
        ({"meeting": {}}, "no action_items list"),
        ({"action_items": "ai-001"}, "no action_items list"),
        ({"action_items": [{"text": "x"}]}, "action_items[0].id"),
        ({"action_items": [{"id": "a", "text": "x", "responsible": "सचिव"}]}, "action_items[0].responsible"),
        (
            {"action_items": [{"id": "a", "text": "x", "deadline": {"text": "कल", "kind": "someday"}}]},
            "action_items[0].deadline.kind: 'someday' is not one of",
        ),
        ({"action_items": [{"id": "a", "text": "x", "recurrence": "daily"}]}, "action_items[0].recurrence"),
        ({"action_items": [{"id": "a", "text": "x", "evidence": {"page": "1"}}]}, "action_items[0].evidence.page"),
        ({"action_items": [], "pages": [{"route": "txt"}]}, "pages[0].number"),
        ({"action_items": [], "warnings": [1]}, "warnings"),
    ],
)
def test_a_malformed_result_says_where(bad: object, where: str) -> None:
    with pytest.raises(ContractError) as e:
        Extraction.from_json(bad)
    assert where in str(e.value)
