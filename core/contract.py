"""The extraction result: typed inside the program, the JSON contract at its edges.

The JSON keys follow ../shared/eval/GUIDELINES.md and score.py (``meeting`` and ``action_items``).
Inside, a result travels as these frozen dataclasses; ``to_json`` writes the contract (same keys, same
order, so the CLI's ``--json`` output is stable) and ``from_json`` reads it back, checking its shape
once: an ill-formed result raises :class:`ContractError` there, and no later layer re-checks it.

``ExtractedItem`` is one extracted directive; the stored, reviewable row is ``store.models.ActionItem``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

from core.states import DeadlineKind, Recurrence

SCHEMA_ID = "nirdesh.extraction/1"

JSON = dict[str, Any]
_E = TypeVar("_E", bound=StrEnum)


class ContractError(ValueError):
    """A result that does not have the contract's shape; the message says where."""


# --- reading JSON, with the place of a bad value in the message ---------------------------------------


def _obj(data: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(data, Mapping):
        raise ContractError(f"{where}: expected an object, got {type(data).__name__}")
    return data


def _list(data: Mapping[str, Any], key: str, where: str) -> list[Any]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise ContractError(f"{where}.{key}: expected a list, got {type(value).__name__}")
    return list(value)


def _str(data: Mapping[str, Any], key: str, where: str) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise ContractError(f"{where}.{key}: expected a string, got {type(value).__name__}")
    return value


def _opt_str(data: Mapping[str, Any], key: str, where: str) -> str | None:
    value = data.get(key)
    return None if value is None else _str(data, key, where)


def _int(data: Mapping[str, Any], key: str, where: str) -> int:
    value = data.get(key)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ContractError(f"{where}.{key}: expected an integer, got {type(value).__name__}")
    return value


def _opt_num(data: Mapping[str, Any], key: str, where: str) -> float | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise ContractError(f"{where}.{key}: expected a number, got {type(value).__name__}")
    return value


def _opt_enum(enum: type[_E], data: Mapping[str, Any], key: str, where: str) -> _E | None:
    value = data.get(key)
    if value is None:
        return None
    try:
        return enum(value)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ContractError(f"{where}.{key}: {value!r} is not one of {allowed}") from None


def _opt(cls: Any, data: Mapping[str, Any], key: str, where: str) -> Any:
    value = data.get(key)
    return None if value is None else cls.from_json(value, f"{where}.{key}")


# --- the contract -------------------------------------------------------------------------------------


def _is_number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


@dataclass(frozen=True, slots=True)
class Person:
    name: str | None = None
    designation: str | None = None

    def to_json(self) -> JSON:
        return {"name": self.name, "designation": self.designation}

    @classmethod
    def from_json(cls, data: Any, where: str = "person") -> Person:
        d = _obj(data, where)
        return cls(_opt_str(d, "name", where), _opt_str(d, "designation", where))


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str
    date: str | None  # ISO yyyy-mm-dd, resolved against the meeting date
    kind: DeadlineKind

    def to_json(self) -> JSON:
        return {"text": self.text, "date": self.date, "kind": self.kind.value}

    @classmethod
    def from_json(cls, data: Any, where: str = "deadline") -> Deadline:
        d = _obj(data, where)
        kind = _opt_enum(DeadlineKind, d, "kind", where)
        if kind is None:
            raise ContractError(f"{where}.kind: missing")
        return cls(_str(d, "text", where), _opt_str(d, "date", where), kind)


@dataclass(frozen=True, slots=True)
class Target:
    text: str
    value: float | None = None
    unit: str | None = None

    def to_json(self) -> JSON:
        return {"text": self.text, "value": self.value, "unit": self.unit}

    @classmethod
    def from_json(cls, data: Any, where: str = "target") -> Target:
        d = _obj(data, where)
        return cls(_str(d, "text", where), _opt_num(d, "value", where), _opt_str(d, "unit", where))


@dataclass(frozen=True, slots=True)
class Evidence:
    page: int
    start: int  # character offsets into that page's text
    end: int
    # The table cell's box on the page (x0, top, x1, bottom in PDF points), when the item is a table row.
    box: tuple[float, float, float, float] | None = None

    def to_json(self) -> JSON:
        out: JSON = {"page": self.page, "start": self.start, "end": self.end}
        if self.box is not None:
            out["box"] = list(self.box)
        return out

    @classmethod
    def from_json(cls, data: Any, where: str = "evidence") -> Evidence:
        d = _obj(data, where)
        box = d.get("box")
        if box is not None:
            if not (isinstance(box, list | tuple) and len(box) == 4 and all(_is_number(v) for v in box)):
                raise ContractError(f"{where}.box: expected four numbers")
            box = tuple(float(v) for v in box)
        return cls(_int(d, "page", where), _int(d, "start", where), _int(d, "end", where), box)


@dataclass(frozen=True, slots=True)
class ExtractedItem:
    id: str  # stable within one document: "ai-001", ...
    text: str
    action: str
    issued_by: Person | None = None
    responsible: tuple[Person, ...] = ()
    deadline: Deadline | None = None
    recurrence: Recurrence | None = None
    targets: tuple[Target, ...] = ()
    evidence: Evidence | None = None  # None only for items not read from a document (search evaluation)
    confidence: float = 1.0

    def to_json(self) -> JSON:
        return {
            "id": self.id,
            "text": self.text,
            "action": self.action,
            "issued_by": self.issued_by.to_json() if self.issued_by else None,
            "responsible": [p.to_json() for p in self.responsible],
            "deadline": self.deadline.to_json() if self.deadline else None,
            "recurrence": self.recurrence.value if self.recurrence else None,
            "targets": [t.to_json() for t in self.targets],
            "evidence": self.evidence.to_json() if self.evidence else None,
            "confidence": self.confidence,
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "item") -> ExtractedItem:
        d = _obj(data, where)
        confidence = _opt_num(d, "confidence", where)
        return cls(
            id=_str(d, "id", where),
            text=_str(d, "text", where),
            action=_opt_str(d, "action", where) or "",
            issued_by=_opt(Person, d, "issued_by", where),
            responsible=tuple(
                Person.from_json(p, f"{where}.responsible[{n}]") for n, p in enumerate(_list(d, "responsible", where))
            ),
            deadline=_opt(Deadline, d, "deadline", where),
            recurrence=_opt_enum(Recurrence, d, "recurrence", where),
            targets=tuple(
                Target.from_json(t, f"{where}.targets[{n}]") for n, t in enumerate(_list(d, "targets", where))
            ),
            evidence=_opt(Evidence, d, "evidence", where),
            confidence=1.0 if confidence is None else confidence,
        )


@dataclass(frozen=True, slots=True)
class Meeting:
    date: str | None = None
    place: str | None = None
    chair: Person | None = None
    department: str | None = None
    attendees: tuple[Person, ...] = ()
    title: str | None = None

    def to_json(self) -> JSON:
        return {
            "date": self.date,
            "place": self.place,
            "chair": self.chair.to_json() if self.chair else None,
            "department": self.department,
            "attendees": [p.to_json() for p in self.attendees],
            "title": self.title,
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "meeting") -> Meeting:
        d = _obj(data, where)
        return cls(
            date=_opt_str(d, "date", where),
            place=_opt_str(d, "place", where),
            chair=_opt(Person, d, "chair", where),
            department=_opt_str(d, "department", where),
            attendees=tuple(
                Person.from_json(p, f"{where}.attendees[{n}]") for n, p in enumerate(_list(d, "attendees", where))
            ),
            title=_opt_str(d, "title", where),
        )


@dataclass(frozen=True, slots=True)
class PageInfo:
    number: int
    route: str
    ocr_confidence: float | None
    garble_score: float | None
    text: str

    def to_json(self) -> JSON:
        return {
            "number": self.number,
            "route": self.route,
            "ocr_confidence": self.ocr_confidence,
            "garble_score": self.garble_score,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "page") -> PageInfo:
        d = _obj(data, where)
        return cls(
            number=_int(d, "number", where),
            route=_opt_str(d, "route", where) or "unknown",
            ocr_confidence=_opt_num(d, "ocr_confidence", where),
            garble_score=_opt_num(d, "garble_score", where),
            text=_opt_str(d, "text", where) or "",
        )


@dataclass(frozen=True, slots=True)
class Extraction:
    source: str
    extractor_version: str | None
    meeting: Meeting = field(default_factory=Meeting)
    action_items: tuple[ExtractedItem, ...] = ()
    pages: tuple[PageInfo, ...] = ()
    warnings: tuple[str, ...] = ()
    schema: str = SCHEMA_ID

    def to_json(self) -> JSON:
        return {
            "schema": self.schema,
            "source": self.source,
            "extractor_version": self.extractor_version,
            "meeting": self.meeting.to_json(),
            "action_items": [it.to_json() for it in self.action_items],
            "pages": [p.to_json() for p in self.pages],
            "warnings": list(self.warnings),
        }

    @classmethod
    def from_json(cls, data: Any, where: str = "extraction") -> Extraction:
        d = _obj(data, where)
        if not isinstance(d.get("action_items"), list | tuple):
            raise ContractError(f"{where}: no action_items list")
        warnings = _list(d, "warnings", where)
        if not all(isinstance(w, str) for w in warnings):
            raise ContractError(f"{where}.warnings: expected a list of strings")
        return cls(
            schema=_opt_str(d, "schema", where) or SCHEMA_ID,
            source=_opt_str(d, "source", where) or "",
            extractor_version=_opt_str(d, "extractor_version", where),
            meeting=Meeting.from_json(d.get("meeting") or {}, f"{where}.meeting"),
            action_items=tuple(
                ExtractedItem.from_json(it, f"{where}.action_items[{n}]")
                for n, it in enumerate(_list(d, "action_items", where))
            ),
            pages=tuple(PageInfo.from_json(p, f"{where}.pages[{n}]") for n, p in enumerate(_list(d, "pages", where))),
            warnings=tuple(warnings),
        )
