"""A whole document: sentences in reading order, speakers tracked, items built."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from core import contract
from core.contract import Deadline, Evidence, ExtractedItem, Extraction, Meeting, PageInfo, Target
from core.states import DeadlineKind, Recurrence
from extractors.directives import directive_cue
from extractors.meeting import (
    chair_from,
    meeting_date,
    meeting_department,
    meeting_place,
    meeting_title,
)
from extractors.people import Person, PersonMention, PersonRegistry, pronoun_agent
from extractors.recurrence import find_recurrence
from extractors.responsible import find_responsible
from extractors.tables import ActionRow, pipe_tables, rows_from_table
from extractors.targets import find_targets
from ingest.document import IngestedDocument
from models.gazetteer import Gazetteer, load_gazetteer
from nlp.dates import TimeExpression, find_time_expressions
from nlp.normalize import clean_text, fold
from nlp.sentences import TERMINATORS, Sentence, split_sentences

EXTRACTOR_VERSION = "0.2.0"
# A directive whose subject is a bare third-person pronoun, at the start or right after कि.
_PRONOUN_SUBJECT = re.compile(r"(?:^|\sकि\s+)(?:वह|वे)\s")

_MINUTES = re.compile(r"कार्यवृत्त|निर्णय\s+लिया\s+गया|कार्यवाही\s*[:\-–]|उपस्थित\s+(?:सदस्य|अधिकारी)\s*[:\-–]")
_ACTION_BY = re.compile(r"^\s*\(?\s*(?:कार्यवाही|कार्रवाई|उत्तरदायी|उत्तरदायित्व|जिम्मेदारी|अनुपालन)(?:\s+हेतु)?\s*[:\-–]\s*")
_DUE_LINE = re.compile(r"^\s*\(?\s*(?:समय\s*-?\s*सीमा|समयसीमा|लक्ष्य\s+तिथि)\s*[:\-–]\s*")
_LIST_MARKER = re.compile(r"^\s*\(?[0-9०-९]{1,3}[.)]\s|^\s*\(?[क-ह][.)]\s|^\s*[•\-–*]\s")
_ATTENDANCE = re.compile(r"उपस्थित|उपस्थिति|मौजूद")
_THAT = re.compile(r"(?<![\u0900-\u0963\u0966-\u097f])कि\s+")
# When a sentence holds several time expressions, the deadline is the one that binds the action.
_DEADLINE_PREFERENCE = {"by": 0, "within": 1, "from": 2, "immediate": 3, "on": 4, "before_next_meeting": 5, "soon": 6}


@dataclass
class _Unit:
    page: int
    sentence: Sentence


_DEVANAGARI_END = re.compile(r"[\u0900-\u0963\u0966-\u097f,]$")


def _join_across_pages(pages: list[list[_Unit]]) -> list[_Unit]:
    """Sentences in reading order, a sentence cut by a page break read as one.

    The last sentence of a page continues on the next when it ends in the middle of Hindi prose
    (no sentence mark, not a numbered point) and the next page's first sentence closes with one.
    The joined sentence keeps its evidence on the page where it starts.
    """
    units: list[_Unit] = []
    carried: _Unit | None = None
    for page in pages:
        page = list(page)
        if carried is not None and page and page[0].sentence.text.rstrip()[-1:] in TERMINATORS:
            head, tail = carried.sentence, page.pop(0).sentence
            units[-1] = _Unit(
                carried.page, Sentence(head.start, head.end, f"{head.text.rstrip()} {tail.text.lstrip()}")
            )
        units.extend(page)
        last = page[-1] if page else None
        carried = None
        if last is not None:
            text = last.sentence.text.rstrip()
            if len(text) > 40 and _DEVANAGARI_END.search(text) and text[-1:] not in TERMINATORS:
                carried = last
    return units


def _choose_deadline(expressions: list[TimeExpression]) -> TimeExpression | None:
    if not expressions:
        return None
    return min(expressions, key=lambda e: (_DEADLINE_PREFERENCE.get(e.kind, 9), e.start))


def _action_clause(sentence: str, cue_end: int) -> str:
    """The thing to do: the clause after कि when there is one, else the sentence."""
    m = _THAT.search(sentence)
    clause = sentence[m.end() :] if m and m.start() < max(cue_end, 1) + 200 else sentence
    return clause.strip().rstrip(TERMINATORS + ". ").strip()


def _deadline(e: TimeExpression | None) -> Deadline | None:
    if e is None:
        return None
    return Deadline(e.text, e.date, DeadlineKind(e.kind))


def _person(p: Person) -> contract.Person:
    return contract.Person(p.name, p.designation)


def _people(found: Iterable[Mapping[str, Any]]) -> list[contract.Person]:
    """The rules' {name, designation} pairs as contract people."""
    return [contract.Person.from_json(p) for p in found]


class DocumentExtractor:
    """Runs over one document; holds the per-document state (people, speaker)."""

    def __init__(self, doc: IngestedDocument, meeting: date | None, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.registry = PersonRegistry(gazetteer)
        self.pages = [clean_text(p.text) for p in doc.pages]
        self.full_text = "\n\n".join(self.pages)
        self.meeting_date = meeting or meeting_date(self.full_text)
        self.minutes = bool(_MINUTES.search(self.full_text))
        self.speaker: Person | None = None
        self.chair: Person | None = None
        self.first_agent_in_review: Person | None = None
        self.attendees: list[Person] = []
        self.items: list[ExtractedItem] = []
        # Officers mentioned (not as agents) in the sentence before: "वह …" in the next one may mean them.
        self.previous_addressees: list[PersonMention] = []

    # -- prose -------------------------------------------------------------
    def run(self) -> Extraction:
        table_rows = self._table_rows()
        table_keys = [fold(r.directive) for _, r in table_rows]
        units = _join_across_pages(
            [[_Unit(i + 1, s) for s in split_sentences(text)] for i, text in enumerate(self.pages)]
        )
        first = True
        for unit in units:
            self._sentence(unit, table_keys, is_title=first)
            first = False
        for page, row in table_rows:
            self._table_item(page, row)
        return self._result()

    def _issuer_for(self, text: str, mentions: list[PersonMention]) -> tuple[Person | None, tuple[int, int] | None]:
        agents = [pm for pm in mentions if pm.ergative]
        pron = pronoun_agent(text)
        if agents and not (pron and pron.start() < agents[0].start):
            person = agents[0].person
            if person.canonical == "अध्यक्ष" and not person.name and self.chair is not None:
                person = self.chair  # "अध्यक्ष द्वारा निर्देश दिए गए": the meeting's chair
            return person, (agents[0].start, agents[0].end)
        if pron:
            return self.speaker, (pron.start(), pron.end())
        return self.speaker, None

    def _sentence(self, unit: _Unit, table_keys: list[str], *, is_title: bool) -> None:
        mentions = self.registry.find_mentions(unit.sentence.text)
        try:
            self._read_sentence(unit, table_keys, mentions, is_title=is_title)
        finally:
            self.previous_addressees = [
                pm for pm in mentions if not pm.ergative and (pm.written or pm.person.designation)
            ]

    def _read_sentence(
        self, unit: _Unit, table_keys: list[str], mentions: list[PersonMention], *, is_title: bool
    ) -> None:
        text = unit.sentence.text
        chair = chair_from(text, mentions)
        if chair and self.chair is None:
            self.chair = chair.person
        if _ATTENDANCE.search(text) and not any(pm.ergative for pm in mentions):
            for pm in mentions:
                if pm.person not in self.attendees and pm.person.name:
                    self.attendees.append(pm.person)
        if self._attach_to_previous(text):
            return
        issuer, issuer_span = self._issuer_for(text, mentions)
        agents = [pm for pm in mentions if pm.ergative]
        if agents and issuer is not None and agents[0].person.canonical == "अध्यक्ष":
            self.speaker = issuer
        elif agents:
            if self.first_agent_in_review is None and re.search("समीक्षा|बैठक", text):
                self.first_agent_in_review = agents[0].person
            self.speaker = agents[0].person
        elif chair and self.speaker is None:
            self.speaker = chair.person
        if issuer is None:
            issuer = self.speaker
        cue = directive_cue(text, minutes_context=self.minutes)
        if cue is None:
            return
        terminated = text.rstrip()[-1:] in TERMINATORS + "."
        if not terminated and (is_title or not _LIST_MARKER.match(text)):
            return  # a headline, not a sentence
        key = fold(text)
        if any(key in k or k in key for k in table_keys if len(k) > 10):
            return  # the same directive is read from its table row
        self._add_item(
            unit.page,
            unit.sentence.start,
            unit.sentence.end,
            text,
            issuer,
            issuer_span,
            mentions,
            cue.end,
            cue.confidence,
        )

    def _pronoun_addressee(self, issuer: Person | None) -> list[contract.Person]:
        """ "वह/वे … करें" with nobody named: the officer the sentence before was about, if it named one."""
        for pm in reversed(self.previous_addressees):
            if issuer is not None and pm.person == issuer:
                continue
            return [contract.Person(pm.person.name, pm.written or pm.person.designation)]
        return []

    def _attach_to_previous(self, text: str) -> bool:
        """``कार्यवाही: अधिशासी अभियंता`` / ``समय-सीमा: 15 दिवस`` lines belong to the item above."""
        if not self.items:
            return False
        m = _ACTION_BY.match(text)
        if m:
            rest = text[m.end() :]
            found = self.gazetteer.find(rest)
            people = [contract.Person(None, f.designation) for f in found] or [
                contract.Person(None, part.strip(" ।.")) for part in re.split(r",|एवं|तथा|/", rest) if part.strip(" ।.")
            ]
            responsible = list(self.items[-1].responsible)
            for p in people:
                if p not in responsible:
                    responsible.append(p)
            self.items[-1] = replace(self.items[-1], responsible=tuple(responsible))
            return True
        m = _DUE_LINE.match(text)
        if m:
            expr = _choose_deadline(find_time_expressions(text, self.meeting_date))
            if expr is not None:
                self.items[-1] = replace(self.items[-1], deadline=_deadline(expr))
            return True
        return False

    def _add_item(
        self,
        page: int,
        start: int,
        end: int,
        text: str,
        issuer: Person | None,
        issuer_span: tuple[int, int] | None,
        mentions: list[PersonMention],
        cue_end: int,
        confidence: float,
        responsible: list[contract.Person] | None = None,
        deadline: TimeExpression | None = None,
    ) -> None:
        expressions = find_time_expressions(text, self.meeting_date)
        deadline = deadline or _choose_deadline(expressions)
        if responsible is None:
            responsible = _people(find_responsible(text, self.gazetteer, mentions, issuer_span))
            if issuer is not None:
                responsible = [
                    r for r in responsible if not (r.designation == issuer.designation and issuer_span is not None)
                ]
            if not responsible and _PRONOUN_SUBJECT.search(text):
                responsible = self._pronoun_addressee(issuer)
        if issuer is None:
            confidence -= 0.2
        recurrence = find_recurrence(text)
        self.items.append(
            ExtractedItem(
                id=f"ai-{len(self.items) + 1:03d}",
                text=text,
                action=_action_clause(text, cue_end),
                issued_by=_person(issuer) if issuer else None,
                responsible=tuple(responsible),
                deadline=_deadline(deadline),
                recurrence=Recurrence(recurrence) if recurrence else None,
                targets=tuple(Target.from_json(t) for t in find_targets(text, [(e.start, e.end) for e in expressions])),
                evidence=Evidence(page, start, end),
                confidence=round(max(0.05, min(confidence, 0.99)), 2),
            )
        )

    # -- tables ------------------------------------------------------------
    def _table_rows(self) -> list[tuple[int, ActionRow]]:
        rows: list[tuple[int, ActionRow]] = []
        for number, page in enumerate(self.doc.pages, start=1):
            for table in page.tables:
                rows += [(number, r) for r in rows_from_table(table.header, table.rows)]
            for header, body in pipe_tables(self.pages[number - 1]):
                cells, offsets = [c for c, _ in body], [o for _, o in body]
                rows += [(number, r) for r in rows_from_table(header, cells, offsets)]
        return rows

    def _table_item(self, page: int, row: ActionRow) -> None:
        page_text = self.pages[page - 1]
        start = row.row_offset if row.row_offset >= 0 else page_text.find(row.directive)
        start = max(start, 0)
        responsible: list[contract.Person] = []
        if row.owner:
            found = self.gazetteer.find(row.owner)
            responsible = [contract.Person(None, f.designation) for f in found] or [
                contract.Person(None, part.strip())
                for part in re.split(r",|एवं|तथा|/", row.owner)
                if part.strip() and part.strip() not in {"-", "—"}
            ]
        deadline = None
        if row.deadline:
            deadline = _choose_deadline(find_time_expressions(row.deadline, self.meeting_date))
            if deadline is None:  # a bare period in a time-limit column: "15 दिवस" means within 15 days
                within = _choose_deadline(find_time_expressions(row.deadline + " में", self.meeting_date))
                if within is not None and within.end <= len(row.deadline) + 4:
                    deadline = TimeExpression(0, len(row.deadline), row.deadline, within.date, within.kind)
            if deadline is None:
                deadline = TimeExpression(0, len(row.deadline), row.deadline, None, "unresolved")
        issuer = self.chair or self.speaker
        mentions = self.registry.find_mentions(row.directive)
        self._add_item(
            page,
            start,
            start + len(row.directive),
            row.directive,
            issuer,
            None,
            mentions,
            0,
            0.9,
            responsible=responsible,
            deadline=deadline,
        )

    # -- result ------------------------------------------------------------
    def _result(self) -> Extraction:
        chair = self.chair or self.first_agent_in_review
        if chair is None:
            issuers = [it.issued_by for it in self.items if it.issued_by]
            chair_out = issuers[0] if issuers else None
        else:
            chair_out = _person(chair)
        return Extraction(
            source=self.doc.source,
            extractor_version=EXTRACTOR_VERSION,
            meeting=Meeting(
                date=self.meeting_date.isoformat() if self.meeting_date else None,
                place=meeting_place(self.full_text),
                chair=chair_out,
                department=meeting_department(self.full_text),
                attendees=tuple(_person(p) for p in self.attendees),
                title=meeting_title(self.full_text),
            ),
            action_items=tuple(self.items),
            pages=tuple(
                PageInfo(i + 1, p.route, p.ocr_confidence, p.garble_score, self.pages[i])
                for i, p in enumerate(self.doc.pages)
            ),
            warnings=tuple(self.doc.metadata.get("warnings", [])),
        )


def extract_document(doc: IngestedDocument, meeting_date: date | None = None) -> Extraction:
    """Meeting facts and action items of one ingested document (the JSON contract: ``.to_json()``)."""
    return DocumentExtractor(doc, meeting_date, load_gazetteer()).run()
