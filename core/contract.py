"""The extraction result: the JSON contract shared by the CLI, the store and the API.

Keys follow ../shared/eval/GUIDELINES.md and score.py: ``meeting`` and ``action_items``.
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

SCHEMA_ID = "nirdesh.extraction/1"


class Person(TypedDict):
    name: str | None
    designation: str | None


class Deadline(TypedDict):
    text: str
    date: str | None  # ISO yyyy-mm-dd, resolved against the meeting date
    kind: str  # by | on | within | from | immediate | soon | before_next_meeting | unresolved


class Target(TypedDict):
    text: str
    value: float | None
    unit: str | None


class Evidence(TypedDict):
    page: int
    start: int  # character offsets into that page's text
    end: int
    box: NotRequired[list[float]]  # a table cell's box on the page: left, top, right, bottom as fractions


class ActionItem(TypedDict):
    id: str  # stable within one document: "ai-001", ...
    text: str
    action: str
    issued_by: Person | None
    responsible: list[Person]
    deadline: Deadline | None
    recurrence: str | None  # weekly | fortnightly | monthly | quarterly | None
    targets: list[Target]
    evidence: Evidence
    confidence: float


class Meeting(TypedDict):
    date: str | None
    place: str | None
    chair: Person | None
    department: str | None
    attendees: list[Person]
    title: str | None


class PageInfo(TypedDict):
    number: int
    route: str
    ocr_confidence: float | None
    garble_score: float | None
    text: str


class Extraction(TypedDict):
    schema: str
    source: str
    extractor_version: str
    meeting: Meeting
    action_items: list[ActionItem]
    pages: list[PageInfo]
    warnings: list[str]


def empty_extraction(source: str) -> dict[str, Any]:
    return {"schema": SCHEMA_ID, "source": source, "meeting": {}, "action_items": [], "pages": [], "warnings": []}
