"""A whole document: sentences in reading order, speakers tracked, items built."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from core.contract import SCHEMA_ID, Extraction
from extractors import second_opinion
from extractors.departments import department_phrase, meeting_department
from extractors.directives import DirectiveCue, continued_obligation, cut_cue, line_cue
from extractors.furniture_facts import furniture_facts
from extractors.headlines import body_directs_little, cut_before_action, cut_short, headline_cue
from extractors.meeting import (
    chair_from,
    dateline_month,
    meeting_date,
    meeting_place,
    meeting_title,
)
from extractors.people import (
    Person,
    PersonMention,
    PersonRegistry,
    body_agent,
    body_order_maker,
    directs,
    letter_signatory,
    pronoun_agent,
    source_body,
    speaker_of_words_above,
    speaker_says,
    subject_authority,
)
from extractors.recurrence import find_recurrence, names_a_frequency
from extractors.responsible import INITIALISM, find_responsible, without_issuer
from extractors.steps import ItemDraft, choose_deadline, deadline_dict, run_steps
from extractors.tables import ActionRow, dashed_owner, headed_pipe_tables, owner_members, rows_from_table
from ingest.cells import locate
from ingest.document import IngestedDocument
from models.designations import find_phrases
from models.gazetteer import Gazetteer, load_gazetteer
from nlp.dates import TimeExpression, find_time_expressions, find_time_expressions_in_month
from nlp.normalize import clean_text, fold
from nlp.sentences import ANAPHORIC_OPENER, TERMINATORS, Sentence, split_sentences
from nlp.vocab import is_in

EXTRACTOR_VERSION = "0.19.0"

_MINUTES = re.compile(
    r"कार्यवृत्त|निर्णय\s+(?:लिया\s+गया|लिए\s+गए)|कार्यवाही\s*[:\-–]|बैठक\s+की\s+कार्यवाही|उपस्थित\s+(?:सदस्य|अधिकारी)\s*[:\-–]"
    r"|उपस्थिति\s*[:\-–]"
    # "… समीक्षा बैठक – कार्यवाही विवरण", "… बैठक की कार्यवाही का विवरण": the minutes' other title
    r"|कार्यवाही\s+(?:का\s+)?विवरण"
)
# A page's title cut short by its site (dots or an ellipsis ending it): still a headline, not a body sentence.
_TITLE_CUT = re.compile(r"(?:\.{2,}|…)\s*$")
_ACTION_BY = re.compile(r"^\s*\(?\s*(?:कार्यवाही|कार्रवाई|उत्तरदायी|उत्तरदायित्व|जिम्मेदारी|अनुपालन)(?:\s+हेतु)?\s*[:\-–]\s*")
_INLINE_ACTION_BY = re.compile(
    r"\(\s*(?:कार्यवाही|कार्रवाई|उत्तरदायी|उत्तरदायित्व|जिम्मेदारी)\s*[:\-–]\s*(?P<owner>[^()]{2,120}?)\s*\)\s*[।.]?\s*$"
)
_DUE_LINE = re.compile(r"^\s*\(?\s*(?:समय\s*-?\s*सीमा|समयसीमा|लक्ष्य\s+तिथि)\s*[:\-–]\s*")
# "… पूरा हो सके।’’": a sentence closed inside a quotation is terminated.
_CLOSING_QUOTES = " \"'”’»"
_LIST_MARKER = re.compile(r"^\s*\(?[0-9०-९]{1,3}[.)]\s|^\s*\(?[क-ह][.)]\s|^\s*[•\-–*]\s")
_ATTENDANCE = re.compile(r"उपस्थित|उपस्थिति|मौजूद")
# "तहसीलदार ने आंकड़े रखे", "… ने प्रगति पेश की", "… ने कार्यवृत्त पढ़कर सुनाया": an officer reporting, not directing
_REPORT = re.compile(
    r"बताया|अवगत\s+कराया|जानकारी\s+दी|प्रस्तुतीकरण|प्रस्तुत\s+(?:की|किया|किए|किये)|पेश\s+(?:की|किया|किए|किये)"
    r"|(?<![\u0900-\u097f])(?:रखे|रखा|रखी)(?:\s+गए|\s+गये)?\s*[।.]|पढ़कर\s+सुनाया"
)
# "उन्होंने बताया कि मुख्य सचिव द्वारा … के निर्देश दिए गए": the directions reported are the named agent's.
_REPORTED_THAT = re.compile(r"[^।]{0,40}?(?:बताया|अवगत\s+कराया|जानकारी\s+दी)\s+कि\s")
_THAT_DIRECTS = re.compile(r"निर्देश|निर्देशित|हिदायत|आदेश|कहा")
# "उन्होंने यह भी कहा कि …": the speaker of the directions goes on speaking.
_PURPOSE_OPENER = re.compile(r"\s*(?:इससे\s+कि|जिससे\s+कि|ताकि|ताकी|जिससे)\s")
_SPEAKS_ON = re.compile(r"(?:^|\s)(?:उन्होंने|उन्होने|उन्हें|उन्हे)\s+(?:(?:यह|ये)\s+)?(?:भी\s+)?कहा\s+(?:कि|की)\s")


@dataclass
class _Unit:
    page: int
    sentence: Sentence


_LIST_GAP = re.compile(r"\s*(?:,|(?:एवं|तथा|और|व)(?![\u0900-\u097f]))\s*(?:(?:सभी|समस्त)\s+)?")
# "निम्न दिशा निर्देश दिए गए", "निम्नानुसार निर्णय लिए गए:-": a line that opens a list of points.
_LIST_INTRO = re.compile(r"(?:निम्नलिखित|निम्नानुसार|निम्नांकित|निम्न)\s|[:ः]\s*-?\s*$")
# "ये भी दिये निर्देश", "बैठक में लिए गए अहम निर्णय:", "प्रमुख निर्देश:": a subhead over the points that follow;
# a marked point under it is a decision even in the future (… की जाएगी।), as in formal minutes.
_DECISIONS_HEADING = re.compile(
    r"^\s*(?:[^\s।.!?]+\s+){0,4}?(?:(?:दिए|दिये|लिए|लिये|हुए|हुये)\s+(?:गए\s+|गये\s+)?)?(?:(?:अहम|प्रमुख|मुख्य|अन्य|महत्वपूर्ण)\s+)?"
    r"(?:दिशा-?\s*)?(?:निर्देश|निर्णय|फैसले|फ़ैसले)\s*[:ः]?\s*-?\s*$"
)
# "… सुरक्षा हेतु निम्नानुसार आदेश दिए जाते हैं:", "अतः निम्नलिखित निर्देश जारी किए जाते हैं:-": an order's sentence
# that opens its numbered points; each point under it is an order even in the future (… कराएगा, … किया जाएगा).
_ORDERS_INTRO = re.compile(
    r"(?:निम्नानुसार|निम्नलिखित|निम्नांकित|निम्न)\s+(?:दिशा-?\s*)?(?:आदेश|निर्देश|निर्णय)\s+"
    r"(?:(?:जारी|पारित)\s+)?(?:दिए|दिये|किए|किये|लिए|लिये)\s+(?:जाते\s+हैं|जा\s+रहे\s+हैं|गए\s+हैं|गये\s+हैं|गए|गये)\s*[:ः]\s*-?\s*$"
)
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


# "उक्त बातें X ने … कहीं", "ये निर्देश X ने … दिए / जारी किए", "यह हिदायत X ने … दी": a sentence that attributes what was quoted above it.
_SAID_ABOVE = re.compile(
    r"^\s*(?:उक्त|उपरोक्त|ये|यह|यही)\s+(?:बातें|बात|(?:दिशा-?\s?)?निर्देश|आदेश|हिदायतें|हिदायत)\s[^।]*(?:ने|द्वारा)\s[^।]*"
    r"(?:कही|कहीं|कहा|दिए|दिये|दी|जारी\s+कि)"
)
# "X को निम्नलिखित दिशा-निर्देश दिए—": a line that opens the points it addresses (a bare "… कहा कि:-" does not).
_POINTS_INTRO = re.compile(r"(?:निम्नलिखित|निम्नानुसार|निम्नांकित|निम्न)\s")
_ON_ORDERS = re.compile(r"\s*के\s+(?:निर्देश(?:ों)?\s+(?:पर|से|के\s+क्रम\s+में)|आदेश\s+पर|निर्देशानुसार|आदेशानुसार)")
# "निगरानी विभाग की ओर से जारी पत्र में … निर्देश दिया गया है": an office issues the letter's directions.
_BODY_LETTER = re.compile(
    r"(?<![\u0900-\u097f])(?P<head>विभाग|मंत्रालय|निदेशालय|आयोग)\s+(?:की\s+ओर\s+से|द्वारा)\s+(?:जारी|प्रेषित)\s+"
    r"(?:पत्र|आदेश|परिपत्र|अधिसूचना|एडवाइजरी)\s+(?:में|के\s+माध्यम\s+से|द्वारा)(?![\u0900-\u097f])"
)  # "… विभाग द्वारा जारी दिशा-निर्देशों का पालन करें" cites an office's orders: the speaker still issues
# What makes the first officer directing in a sentence the one who held the meeting: a review, a meeting, taking stock,
# a crime meeting (गोष्ठी) or a video conference (spelt कॉन्फ्रेंस, काॅन्फ्रेंस, कान्फ्रेंस, कांफ्रेंस, कॉफ्रेंस)
_REVIEW_WORDS = re.compile(r"समीक्षा|बैठक|जायजा|मीटिंग|गोष्ठी|क(?:ॉ|ाॅ|ा|ां)न?्?फ्रें")
# "X ने … Y की अध्यक्षता में आयोजित बैठक में भाग लिया": X took part in a meeting someone else chaired.
_TOOK_PART = re.compile(r"भाग\s+लिया|शामिल\s+हु|सम्मिलित\s+हु|प्रतिभाग\s+किया")
# The document's opening (title, dateline, lead) names the meeting's subject: the context of abbreviations.
_CONTEXT_CHARS = 600
_BODY_LOOK = 3000  # where a note with nobody named names the office it comes from


_JOINT_GAP = re.compile(r"\s*(?:,|और|एवं|व|तथा)\s*")
_CHAIRED_BY = re.compile(r"\s*(?:जी\s+)?(?:की|के)\s+(?:संयुक्त\s+)?(?:अध्यक्षता|नेतृत्व)")


def _joint_chair(text: str, mentions: list[PersonMention], chair: PersonMention) -> bool:
    """Is ``chair`` the first of two officers chairing together (``जिलाधिकारी और पुलिस अधीक्षक की अध्यक्षता में``)?"""
    return any(
        pm.start >= chair.end
        and pm.person is not chair.person
        and _JOINT_GAP.fullmatch(text, chair.end, pm.start)
        and _CHAIRED_BY.match(text, pm.end)
        for pm in mentions
    )


def _letter_body(text: str) -> Person | None:
    """The office whose letter or order the sentence reports (``… विभाग की ओर से जारी पत्र में``), if any."""
    m = _BODY_LETTER.search(text)
    phrase = department_phrase(text, m.start("head")) if m else None
    return Person(None, phrase) if phrase else None


def _local_office(text: str, agent: PersonMention) -> str | None:
    """The whole title of a local office whose generic head is ``agent`` (``जिला योजना अधिकारी ने``: the phrase
    opens with a word of ``office_levels.tsv``), or None (``वरिष्ठ अधिकारियों ने`` are officers in general)."""
    phrases = find_phrases(text[: agent.end])
    for ph in phrases:
        if not ph.body and ph.start < agent.start and ph.end >= agent.end - 1:
            first = ph.written.split()[0]
            if is_in(first, "office_levels") and len(ph.written.split()) >= 3:
                return ph.written
            # "जिला परिषद के लेखा अधिकारी ने": an office of a body named before it, one officer
            owner = next((b for b in phrases if b.body and _OF_BODY.fullmatch(text, b.end, ph.start)), None)
            return f"{owner.written} के {ph.written}" if owner and len(ph.written.split()) >= 2 else None
    return None


_OF_BODY = re.compile(r"\s+के\s+")


class DocumentExtractor:
    """Runs over one document; holds the per-document state (people, speaker)."""

    def __init__(self, doc: IngestedDocument, meeting: date | None, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.gazetteer = gazetteer
        self.pages = [clean_text(p.text) for p in doc.pages]
        self.full_text = "\n\n".join(self.pages)
        self.registry = PersonRegistry(gazetteer, self.full_text[:_CONTEXT_CHARS])
        self.furniture = furniture_facts(doc)  # banners and repeated letterheads: the last resort
        self.meeting_date = meeting or meeting_date(self.full_text) or self.furniture.published_on
        self.month = None if self.meeting_date else dateline_month(self.full_text)  # "भोपाल, जून 2015/"
        self.minutes = bool(_MINUTES.search(self.full_text))
        self.speaker: Person | None = None
        # A reporter named in full (``X ने बताया कि …``): "उन्होंने" in the sentences right after means them,
        # while a passive or a bare direction stays the speaking authority's.
        self.reporter: Person | None = None
        self.chair: Person | None = None
        self.joint_chair = False  # "जिलाधिकारी और पुलिस अधीक्षक की अध्यक्षता में …": two officers chair, the first named
        self.first_agent_in_review: Person | None = None
        self.attendees: list[Person] = []
        self.items: list[dict[str, Any]] = []
        self.issuer_of: dict[str, Person] = {}  # item id → the person issuing it, named perhaps only later
        self.last_unit: _Unit | None = None
        # Officers mentioned (not as agents) in the sentence before: "वह …" in the next one may mean them.
        self.previous_addressees: list[PersonMention] = []
        self.previous_text = ""
        # Who must act on the directive read from the sentence before (empty when it held none).
        self.previous_responsible: list[dict[str, Any]] = []
        self.unit_texts: list[str] = []  # every sentence of the document, in reading order
        self.cut_short = False  # the text stops in the middle of its prose (a page's cut beginning)
        self.headlines_stand = False  # a headline may stand alone: a cut page, or a body that directs little
        self.previous_item = False  # the sentence before was read as an item
        # Who the line that opened a list of points addressed ("X को निम्नलिखित दिशा-निर्देश दिए—"): the points after it
        # that name nobody are theirs, while the points go on.
        self.list_addressees: list[dict[str, Any]] = []
        self.list_open = False  # the line before opened a list (निम्न निर्देश दिए गए:) or was a line of one
        self.decisions_open = False  # a subhead of directions (ये भी दिये निर्देश) over the marked points since
        self.bodies: dict[str, Person] = {}  # offices that gave directions, by their abbreviation ("FSSAI")
        self.last_body: Person | None = None  # the office that directed last: "विभाग ने …" means it
        self.opinion = second_opinion.active()  # None unless NIRDESH_SECOND_OPINION is on

    # -- prose -------------------------------------------------------------
    def run(self) -> Extraction:
        table_rows = self._table_rows()
        table_keys = [fold(r.directive) for _, r in table_rows]
        units = _join_across_pages(
            [[_Unit(i + 1, s) for s in split_sentences(text)] for i, text in enumerate(self.pages)]
        )
        self.last_unit = units[-1] if units else None
        self.unit_texts = [u.sentence.text for u in units]
        self.cut_short = cut_short(self.unit_texts)
        self.headlines_stand = self.cut_short or body_directs_little(self.unit_texts)
        first = True
        for unit in units:
            self._sentence(unit, table_keys, is_title=first)
            first = False
        for page, row in table_rows:
            self._table_item(page, row)
        if self.opinion is not None:
            self.items = self.opinion.review(self.items, table_keys, self.minutes, [len(p) for p in self.pages])
        self._date_in_month()
        return self._result()

    def _date_in_month(self) -> None:
        """With only the meeting's month known, date the deadlines that any day of it dates alike (``इस वर्ष``)."""
        if self.month is None:
            return
        for item in self.items:
            deadline = item.get("deadline")
            if deadline and deadline.get("text") and not deadline.get("date"):
                found = find_time_expressions_in_month(deadline["text"], *self.month)
                if len(found) == 1 and found[0].date and found[0].text == deadline["text"]:
                    deadline["date"] = found[0].date

    def _issuer_for(self, text: str, mentions: list[PersonMention]) -> tuple[Person | None, tuple[int, int] | None]:
        agents = [pm for pm in mentions if pm.ergative and directs(text, pm)]
        pron = pronoun_agent(text)
        local = _local_office(text, agents[0]) if agents and agents[0].person.generic() else None
        if local is not None:  # "जिला योजना अधिकारी ने …": one officer, not officers in general
            return self.registry.add(Person(None, local, local)), (agents[0].start, agents[0].end)
        if agents and agents[0].person.generic() and self.speaker is not None:
            # "इन दोनों वरिष्ठ अधिकारियों ने … करने को कहा": the authority the note is about
            return self.speaker, (agents[0].start, agents[0].end)
        if agents and pron and pron.start() < agents[0].start and _REPORTED_THAT.match(text, pron.end()):
            return agents[0].person, (agents[0].start, agents[0].end)
        if agents and not (pron and pron.start() < agents[0].start):
            person = agents[0].person
            if person.canonical == "अध्यक्ष" and not person.name and self.chair is not None:
                person = self.chair  # "अध्यक्ष द्वारा निर्देश दिए गए": the meeting's chair
            return person, (agents[0].start, agents[0].end)
        if pron:
            return self.reporter or self.speaker, (pron.start(), pron.end())
        by_office = self._office_agent(text)
        if by_office is not None:
            return by_office
        body = _letter_body(text)
        if body is not None:
            return body, None
        ordered = [pm for pm in mentions if _ON_ORDERS.match(text, pm.end) and not pm.person.generic()]
        if ordered:  # "डीएम के निर्देश पर … शिविर लगाए जाएंगे": the one whose orders these are
            return ordered[0].person, (ordered[0].start, ordered[0].end)
        return self.speaker, None

    def _office_agent(self, text: str) -> tuple[Person, tuple[int, int]] | None:
        """A body that directs with no person as agent (``परिवहन विभाग के द्वारा … निर्देश दिए``); its bare head
        (``विभाग ने …``) or abbreviation (``FSSAI ने``) later means the office named before."""
        found = body_agent(text, frozenset(self.bodies))
        if found is None:
            return None
        person = self.bodies.get(found.alias or "") if found.alias else None
        if person is None and found.name is None:
            person = self.last_body or Person(None, text[found.start : found.end].split()[0])
        if person is None:
            person = Person(None, found.name)
            if found.alias:
                self.bodies[found.alias] = person
        self.last_body = person
        return person, (found.start, found.end)

    def _sentence(self, unit: _Unit, table_keys: list[str], *, is_title: bool) -> None:
        mentions = self.registry.find_mentions(unit.sentence.text)
        count = len(self.items)
        intro = self.list_addressees
        try:
            self._read_sentence(unit, table_keys, mentions, is_title=is_title)
        finally:
            if len(self.items) == count and self.list_addressees is intro:
                self.list_addressees = []  # the points ended
            self.previous_responsible = list(self.items[-1]["responsible"]) if len(self.items) > count else []
            # a remark the speaker goes on with ("उन्होंने यह भी कहा कि …") or the purpose of the directive before it
            # ("इससे कि … परेशानी न हो।") keeps the directions going on after it
            self.previous_item = len(self.items) > count or (
                self.previous_item
                and bool(_SPEAKS_ON.search(unit.sentence.text) or _PURPOSE_OPENER.match(unit.sentence.text))
                and not _REPORT.search(unit.sentence.text)
            )
            self.previous_text = unit.sentence.text
            # "तहसीलदार ने बताया कि … लंबित हैं। कलेक्टर ने उन्हें … निपटाने के निर्देश दिए": the officer who reported
            # is whom "उन्हें" means next, like one only mentioned
            reported = bool(_REPORT.search(unit.sentence.text)) and not _THAT_DIRECTS.search(unit.sentence.text)
            self.previous_addressees = [
                pm
                for pm in mentions
                if (not pm.ergative or (reported and not pm.person.generic())) and (pm.written or pm.person.designation)
            ]

    def _read_sentence(
        self, unit: _Unit, table_keys: list[str], mentions: list[PersonMention], *, is_title: bool
    ) -> None:
        text = unit.sentence.text
        chair = chair_from(text, mentions)
        if chair and (self.chair is None or self._names_the_chair(chair.person)):
            self.chair = chair.person
            self.joint_chair = _joint_chair(text, mentions, chair)
        if _ATTENDANCE.search(text) and not any(pm.ergative for pm in mentions):
            for pm in mentions:
                if pm.person not in self.attendees and pm.person.name:
                    self.attendees.append(pm.person)
        if self._attach_to_previous(text):
            return
        issuer, issuer_span = self._issuer_for(text, mentions)
        agents = [pm for pm in mentions if pm.ergative and directs(text, pm)]
        self._follow_reporter(text, agents)
        if agents and _SAID_ABOVE.search(text):
            self._attribute_back(agents[0].person)
        elif (quoted := speaker_of_words_above(text, mentions)) is not None:
            self._attribute_back(quoted)  # "ये शब्द थे मंत्री X के": the directives above are X's
            self.speaker = self.speaker or quoted
        if _POINTS_INTRO.search(text):
            opened = find_responsible(text, self.gazetteer, mentions, issuer_span)
            self.list_addressees = (
                without_issuer(opened, issuer.as_dict() if issuer else None, issuer_span, text) or self.list_addressees
            )
        if agents and issuer is not None and agents[0].person.canonical == "अध्यक्ष":
            self.speaker = issuer
        elif agents and chair is not None and chair.person is not agents[0].person and _TOOK_PART.search(text):
            self.speaker = chair.person  # "DM ने … मुख्य सचिव की अध्यक्षता में … बैठक में भाग लिया": the chair speaks
        elif agents and _REPORT.search(text) and not _THAT_DIRECTS.search(text):
            # "उप निदेशक ने बताया कि …": a report; the authority speaking stays the speaker. A report that
            # opens the document has no authority before it: its speaker is the one "उन्होंने" means next.
            if self.speaker is None and self.chair is None:
                self.speaker = agents[0].person
        elif agents and agents[0].person.generic() and self.speaker is not None:
            pass  # "अधिकारियों ने …": the speaker stays
        elif agents and agents[0].person.generic() and chair is not None and not chair.person.generic():
            self.speaker = chair.person  # "अधिकारियों ने … X के नेतृत्व में बैठक की": X speaks
        elif agents:
            first = agents[0].person
            # "… सचिव ने हालात / तैयारियों का जायजा लिया": taking stock is a review too
            # ("… ने सभी कलेक्टरों से वीडियो कॉन्फ्रेंसिंग की": a video conference is a meeting too)
            if self.first_agent_in_review is None and _REVIEW_WORDS.search(text) and not first.generic():
                self.first_agent_in_review = first
            self.speaker = agents[0].person
        elif issuer is not None and issuer is not self.speaker and issuer.canonical is None and issuer.name is None:
            self.speaker = issuer  # an office's letter or direction: its directions go on in the sentences after
        elif (says := speaker_says(text, mentions)) is not None:
            self.speaker = says.person  # "अध्यक्ष X का कहना है कि …": the one whose words the note reports
        elif chair and (self.speaker is None or (self.speaker.generic() and not chair.person.generic())):
            # "विभाग के अधिकारियों ने … बैठक की" (a headline), then "X के नेतृत्व में बैठक": X speaks
            self.speaker = chair.person
        elif self.speaker is None and (subject := subject_authority(text, mentions)) is not None:
            self.speaker = subject.person  # "मुख्यमंत्री X … गंभीर हैं", "कलेक्टर द्वारा … समीक्षा की गई"
        elif self.speaker is None and self.chair is None and (maker := body_order_maker(text)) is not None:
            self.speaker = maker  # "खाद्य विभाग द्वारा … स्थगित कर दिया गया है": an office's order, no officer named
        if issuer is None:
            issuer = self.speaker
        if (self.minutes or self.joint_chair) and issuer_span is None and self.chair is not None:
            # formal minutes: a decision with no named authority is the chair's; so is a direction given with no agent
            # in a meeting two officers chair jointly (the first named: corpus/README.md)
            issuer = self.chair
        # A line with no sentence mark is a headline, unless it is a line of a list that an intro line opened
        # ("… के द्वारा निम्न दिशा निर्देश दिए गए" / "… का निर्देश दिया गया" / …): read as a numbered point.
        unmarked = (not self._terminated(unit) and (is_title or not _LIST_MARKER.match(text))) or (
            is_title and bool(_TITLE_CUT.search(text))  # "… सुनिश्चित करें- पंचायती राज मंत्री...": a title cut short
        )
        no_mark = text.rstrip(_CLOSING_QUOTES).rstrip()[-1:] not in TERMINATORS + ".|,"
        in_list = no_mark and not is_title and self.list_open and not _LIST_MARKER.match(text)
        self.list_open = bool(_LIST_INTRO.search(text)) or in_list
        marked = bool(_LIST_MARKER.match(text))
        decided = self.decisions_open and marked
        if (_DECISIONS_HEADING.match(text) and not self._terminated(unit)) or _ORDERS_INTRO.search(text):
            self.decisions_open = True
        elif not marked and self._starts_line(unit):
            self.decisions_open = False  # a line of prose ends the points
        cue = second_opinion.cue(text, self.minutes or decided, self.opinion)
        if cue is None and in_list:
            cue = line_cue(text)  # "… पेंडिंग काम निपटाने के निर्देश": a verbless list line
        owned = dashed_owner(text) if cue is None and marked and (self.minutes or decided) else None
        if owned is not None:  # "1. … की मरम्मत 15 दिन में — लोक निर्माण विभाग": a verbless decision and its owner
            cue = DirectiveCue("verbless", 0, owned[0], 0.55)
        if cue is None and self.previous_item and not unmarked:
            cue = continued_obligation(text)  # "… होना चाहिए।" right after a directive goes on with the directions
        if cue is None and unit is self.last_unit and self.cut_short:
            cue = cut_cue(text)  # "… निरस्त करने के निर्द": the page cut the cue after the action
        if unmarked and not in_list:
            # a headline: an item only when it is the only statement of its directive
            # (on a cut page, or a whole one whose body directs little: a body that directs restates its
            # headlines; never a line that opens a list)
            headline = self.headlines_stand and not _LIST_INTRO.search(text)
            cue = headline_cue(text, [t for t in self.unit_texts if t is not text], cue) if headline else None
        if cue is None or (unit is self.last_unit and self.cut_short and cut_before_action(text)):
            return  # no cue, or a frame the page cut before its action (… निर्देश दिए कि सभी स्कूलों के पि)
        key = fold(text)
        if any(key in k or k in key for k in table_keys if len(k) > 10):
            return  # the same directive is read from its table row
        if any(
            item["evidence"]["page"] == unit.page and "".join(key.split()) == "".join(fold(item["text"]).split())
            for item in self.items
        ):
            return  # a headline printed twice (the page's title and its heading): one directive; the same
            # words on two pages (each page's own "… एक सप्ताह में पूरा कराएं") are two items
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
            responsible=self._owners(owned[1]) if owned is not None else self._inline_owners(text),
        )

    def _owners(self, members: list[str]) -> list[dict[str, Any]]:
        """Who an owner cell or a point's owner after a dash names: a post the gazetteer reads whole ("डीएम",
        "अधिशासी अभियंता, लोनिवि") keeps its reading; any other is kept whole with its modifiers and branch
        ("विकास खंड अधिकारी", "सहायक आबकारी एवं कराधान आयुक्त, जालंधर")."""
        responsible: list[dict[str, Any]] = []
        for member in members:
            post = member.split(",")[0].strip()
            found = self.gazetteer.find(post)
            whole = len(found) == 1 and found[0].start == 0 and found[0].end == len(post)
            responsible.append({"name": None, "designation": found[0].designation if whole else member})
        return responsible

    def _follow_reporter(self, text: str, agents: list[PersonMention]) -> None:
        """Who "उन्होंने" means after a report: the reporter named in full, until another agent or a
        sentence without the pronoun."""
        if agents and _REPORT.search(text) and not _THAT_DIRECTS.search(text) and agents[0].person.name:
            self.reporter = agents[0].person
        elif agents or not pronoun_agent(text):
            self.reporter = None

    def _starts_line(self, unit: _Unit) -> bool:
        """Does the sentence begin a line of its page (not follow another sentence on the same line)?"""
        before = self.pages[unit.page - 1][: unit.sentence.start].rstrip(" \t")
        return not before or before.endswith("\n")

    def _terminated(self, unit: _Unit) -> bool:
        """Does the sentence end with a mark (or a comma, or close the document), or point back (``उन्होंने
        निर्देश दिये … करें`` ending a paragraph with no danda is a body sentence, never a headline)?"""
        text = unit.sentence.text
        return (
            text.rstrip(_CLOSING_QUOTES).rstrip()[-1:] in TERMINATORS + ".|,"
            or unit is self.last_unit
            or bool(ANAPHORIC_OPENER.match(text))
        )

    def _attribute_back(self, person: Person) -> None:
        """ "उक्त बातें निगम कमिश्नर … ने बैठक में कहीं": the directives quoted above, with no issuer yet, are his."""
        for item in reversed(self.items):
            if item.get("issued_by"):
                break
            item["issued_by"] = person.as_dict()

    def _names_the_chair(self, person: Person) -> bool:
        """A later header line names the chair that an earlier one gave by post only."""
        chair = self.chair
        return (
            chair is not None
            and chair.name is None
            and person.name is not None
            and person.canonical is not None
            and person.canonical == chair.canonical
        )

    def _pronoun_addressee(self, issuer: Person | None) -> list[dict[str, Any]]:
        """ "वह/वे … करें" with nobody named: who must act on the directive just before, else the officer the
        sentence before was about, if it named one."""
        if self.previous_responsible:
            return [dict(r) for r in self.previous_responsible]
        named = [pm for pm in self.previous_addressees if issuer is None or pm.person != issuer]
        if not named:
            return []
        # the last officer named, with those listed before it ("… अधिकारियों एवं पर्यवेक्षिकाओं से")
        listed = [named[-1]]
        for pm in reversed(named[:-1]):
            if not _LIST_GAP.fullmatch(self.previous_text[pm.end : listed[0].start]):
                break
            listed.insert(0, pm)
        return [{"name": pm.person.name, "designation": pm.written or pm.person.designation} for pm in listed]

    def _inline_owners(self, text: str) -> list[dict[str, Any]] | None:
        """Who an inline ``(कार्यवाही: X)`` closing the sentence names (``… भेजी जाएगी (कार्यवाही: एसएसपी यातायात)।``):
        the decision's owners, as a ``कार्यवाही: X`` line under it would; None when there is none."""
        m = _INLINE_ACTION_BY.search(text)
        return (self._owners(owner_members(m["owner"])) or None) if m else None

    def _attach_to_previous(self, text: str) -> bool:
        """``कार्यवाही: अधिशासी अभियंता`` / ``समय-सीमा: 15 दिवस`` lines belong to the item above."""
        if not self.items:
            return False
        m = _ACTION_BY.match(text)
        if m:
            rest = text[m.end() :].strip(" ।.")
            if text.lstrip().startswith("(") and rest.endswith(")"):
                rest = rest[:-1].strip(" ।.")  # "(कार्यवाही: मुख्य अभियंता / प्रबंध निदेशक, सीटीयू)"
            item = self.items[-1]
            # read as an owner cell is: "कार्यपालक अभियंता, RWSS, छत्रपुर एवं बरहमपुर" one post with its offices,
            # "… / संबंधित चीनी कारखाने" one more owner
            people = self._owners(owner_members(rest))
            if people:  # the line names the decision's owners, as an owner column does: not those the text named
                item["responsible"] = []
            for p in people:
                if p not in item["responsible"]:
                    item["responsible"].append(p)
            return True
        m = _DUE_LINE.match(text)
        if m:
            expr = choose_deadline(find_time_expressions(text, self.meeting_date))
            if expr is not None:
                self.items[-1]["deadline"] = deadline_dict(expr)
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
        responsible: list[dict[str, Any]] | None = None,
        deadline: TimeExpression | None = None,
        box: tuple[float, float, float, float] | None = None,
        recurrence: str | None = None,
    ) -> None:
        draft = ItemDraft(
            item_id=f"ai-{len(self.items) + 1:03d}",
            page=page,
            start=start,
            end=end,
            text=text,
            issuer=issuer,
            issuer_span=issuer_span,
            mentions=mentions,
            cue_end=cue_end,
            cue_confidence=confidence,
            meeting_date=self.meeting_date,
            gazetteer=self.gazetteer,
            pronoun_addressee=self._pronoun_addressee,
        )
        preset: dict[str, Any] = {}
        if responsible is not None:
            preset["responsible"] = responsible
        if deadline is not None:
            preset["deadline"] = deadline_dict(deadline)
        if recurrence is not None:
            preset["recurrence"] = recurrence
        item = run_steps(draft, preset)
        if not item["responsible"] and self.list_addressees:
            item["responsible"] = [dict(r) for r in self.list_addressees]  # a point of the list its intro addressed
            item["confidence"] = second_opinion.calibrated(confidence, issuer is not None, True)
        if issuer is not None:
            self.issuer_of[item["id"]] = issuer
        if box is not None:
            item["evidence"]["box"] = [round(v, 4) for v in box]
        self.items.append(item)

    # -- tables ------------------------------------------------------------
    def _table_rows(self) -> list[tuple[int, ActionRow]]:
        rows: list[tuple[int, ActionRow]] = []
        for number, page in enumerate(self.doc.pages, start=1):
            read: set[str] = set()
            for table in page.tables:
                found = rows_from_table(table.header, table.rows, table.row_spans or None, table.row_boxes or None)
                read |= {fold(r.directive) for r in found}
                rows += [(number, r) for r in found]
            for heading, header, body in headed_pipe_tables(self.pages[number - 1]):
                cells, offsets = [c for c, _ in body], [o for _, o in body]
                # A reader that hands on a table may also write it into the page text as pipe rows (DOCX, scans).
                found = rows_from_table(header, cells, offsets, heading=heading)
                rows += [(number, r) for r in found if fold(r.directive) not in read]
        return rows

    def _table_item(self, page: int, row: ActionRow) -> None:
        page_text = self.pages[page - 1]
        # The reader's offset when the row's words stand there, else wherever they stand on the page.
        start = max(locate(page_text, row.directive, max(row.row_offset, 0)), 0)
        responsible = self._owners(owner_members(row.owner)) if row.owner else []
        deadline = None
        if row.deadline:
            deadline = choose_deadline(find_time_expressions(row.deadline, self.meeting_date))
            if deadline is None:  # a bare period in a time-limit column: "15 दिवस" means within 15 days
                within = choose_deadline(find_time_expressions(row.deadline + " में", self.meeting_date))
                if within is not None and within.end <= len(row.deadline) + 4:
                    deadline = TimeExpression(0, len(row.deadline), row.deadline, within.date, within.kind)
            recurs = find_recurrence(row.deadline) if deadline is None else None
            if deadline is None and recurs is None and not names_a_frequency(row.deadline):
                deadline = TimeExpression(0, len(row.deadline), row.deadline, None, "unresolved")
        else:
            recurs = None
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
            recurrence=recurs,  # "साप्ताहिक" in a time-limit column: how often, never a due date
            box=row.box,
        )

    def _named_later(self) -> None:
        """ "पुलिस अधीक्षक ने कहा …", later "एसपी अमित वर्मा ने …": the items before carry the name too."""
        for item in self.items:
            person = self.issuer_of.get(item["id"])
            issued = item.get("issued_by")
            if person is not None and person.name and issued and not issued.get("name"):
                issued["name"] = person.name

    def _titled_later(self) -> None:
        """ "आईजी ने ली बैठक" (a headline), later "पुलिस महानिरीक्षक अविनाश शर्मा ने …": the items before carry the
        title in the fullest form the document gives it (once the issuer's own post is out of their addressees)."""
        for item in self.items:
            person = self.issuer_of.get(item["id"])
            issued = item.get("issued_by")
            if person is None or not issued or not person.designation:
                continue
            written, fuller = issued.get("designation") or "", person.designation
            if len(fuller.split()) > len(written.split()) or (
                INITIALISM.fullmatch(written) and not INITIALISM.fullmatch(fuller)
            ):
                issued["designation"] = fuller

    def _issuer_named_late(self, chair: dict[str, str | None] | None) -> None:
        """Directives read before anyone was named (a note opening with ``उन्होंने`` or with the orders, the
        speaker named in a later sentence) are the chair's: the authority the note is about."""
        if chair is None:
            return
        for item in self.items:
            if not item.get("issued_by"):
                item["issued_by"] = dict(chair)

    # -- result ------------------------------------------------------------
    def _result(self) -> Extraction:
        chair = self.chair or self.first_agent_in_review
        if chair is None:
            issuers = [it["issued_by"] for it in self.items if it["issued_by"]]
            named = [p for p in issuers if not Person(p["name"], p["designation"]).generic()]
            chair_dict = (named or issuers or [None])[0]
            if (
                chair_dict is None
                and self.items
                and (signed := letter_signatory(self.full_text, self.registry.find_mentions))
            ):
                chair_dict = signed.as_dict()  # a letter with nobody named in its sentences: the post that signs it
            if chair_dict is None and self.items and (body := source_body(self.full_text[:_BODY_LOOK])) is not None:
                chair_dict = body.as_dict()  # a note with nobody named: the office it comes from
        else:
            chair_dict = chair.as_dict()
        self._named_later()
        self._issuer_named_late(chair_dict)
        for item in self.items:  # issuers given after the sentence was read (attributions, the chair)
            item["responsible"] = without_issuer(item["responsible"], item["issued_by"], None, item["text"])
        self._titled_later()
        # The steps fill JSON-shaped drafts; the result is typed here, once (core.contract checks it).
        return Extraction.from_json(
            {
                "schema": SCHEMA_ID,
                "source": self.doc.source,
                "extractor_version": EXTRACTOR_VERSION,
                "meeting": {
                    "date": self.meeting_date.isoformat() if self.meeting_date else None,
                    "place": meeting_place(self.full_text),
                    "chair": chair_dict,
                    "department": meeting_department(self.full_text) or self.furniture.department,
                    "attendees": [p.as_dict() for p in self.attendees],
                    "title": meeting_title(self.full_text),
                },
                "action_items": self.items,
                "pages": [
                    {
                        "number": i + 1,
                        "route": p.route,
                        "ocr_confidence": p.ocr_confidence,
                        "garble_score": p.garble_score,
                        "text": self.pages[i],
                    }
                    for i, p in enumerate(self.doc.pages)
                ],
                "warnings": list(self.doc.metadata.get("warnings", [])),
            }
        )


def extract_document(doc: IngestedDocument, meeting_date: date | None = None) -> Extraction:
    """Meeting facts and action items of one ingested document (the JSON contract: ``.to_json()``)."""
    return DocumentExtractor(doc, meeting_date, load_gazetteer()).run()
