"""Sentence splitting for Hindi minutes and press notes, with character offsets.

Officialese breaks the usual rules: dotted abbreviations (डी.पी., आई.टी., डॉ.)
use the full stop, numbered points start with ``1.``, PDF text wraps lines in
the middle of sentences, and headlines carry no punctuation at all. The splitter
works on lines first (joining lines that were wrapped), then on terminators.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.patterns import MAX_SENTENCE
from nlp.vocab import alternation, column, is_in

TERMINATORS = "।॥?!"
_DEVANAGARI = re.compile("[\u0900-\u097f]")
_CONSONANT = re.compile("[\u0915-\u0939\u0958-\u095f]")
_VOWEL_AFTER_CONSONANT = re.compile("[\u0915-\u0939\u0958-\u095f].*[\u0905-\u0914]")
# The endings of a finite verb that may close a sentence: करें, दिए, दिया, गई, करेगा, है, थे.
_FINITE_END = re.compile("(?:ें|ए|ये|या|ई|यी|गा|गी|गे|है|हैं|था|थी|थे)$")
# "उन्होंने …", "साथ ही …": a sentence that points back at the one before (anaphoric_openers.tsv).
ANAPHORIC_OPENER = re.compile(rf"^\s*(?:{alternation(column('anaphoric_openers'))})\s")
# A line closed by a perfective passive ("… निर्देश दिए गए", "… की गई") ends its clause; a wrapped sentence goes on
# with a continuation word (कि, तथा) instead.
_CLOSED_PASSIVE = re.compile(r"(?:दिया|दिए|दिये|किया|किए|की|लिया|लिए)\s+(?:गया|गए|गये|गई|गयी)\s*$")
# "… की अध्यक्षता में कलेक्ट्रेट सभागार में की गई बैठक": a headline that names the meeting ends with it; a wrapped
# sentence goes on with a postposition (… हुई बैठक / में …) instead.
_MEETING_NAMED = re.compile(r"(?:की\s+गई|की\s+गयी|हुई|आयोजित|संपन्न|सम्पन्न)\s+(?:समीक्षा\s+)?(?:बैठक|मीटिंग)\s*$")
# "… के द्वारा निम्न दिशा निर्देश दिए गए", "समीक्षा के उपरांत निम्नानुसार निर्णय लिए गए:-": a line that opens a list.
_IMPERATIVE_END = re.compile("(?:करें|कराएं|करायें|रखें|दें|लें|जाएं|जायें)$")
_LIST_INTRO_LINE = re.compile(r"(?:निम्नलिखित|निम्नानुसार|निम्नांकित|निम्न)\s+(?:दिशा-?\s*)?(?:निर्देश|निर्णय)|[:ः]\s*-?\s*$")
_LIST_MARKER = re.compile(r"^\s*(?:\(?[0-9०-९]{1,3}[.)]|\(?[क-ह][.)]|[•\-–*]|\(?[ivx]{1,4}[.)])\s")
_TABLE_ROW = re.compile(r"\|.*\|")
_RULE_LINE = re.compile(r"[\s|:\-+=]+")
# A subjunctive, polite imperative or future closing a sentence: करें, बनाएं, जाएँ, होगी, करेंगे, जाएगा.
_VERB_END = re.compile("(?:ें|एं|एँ|ेगा|ेगी|ेंगे|ोगा|ोगी|ोंगे|एगा|एगी|एंगे)$")


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets into the text that was split
    end: int
    text: str


def is_table_row(line: str) -> bool:
    """A pipe-separated row (two or more separators), as typed tables and OCR of grids give; not a line of
    prose that writes its danda as ``|`` (``is_danda_line``)."""
    return line.count("|") >= 2 and bool(_TABLE_ROW.search(line)) and not is_danda_line(line)


def _closes_sentence(segment: str) -> bool:
    """Does ``segment`` (the words between two pipes) end like a sentence: a finite verb (``… बैठक ली``,
    ``… किया जाए``, ``… उपस्थित रहे``) after at least one other word?"""
    words = segment.strip(" \t.,;:-–—\"'”’").split()
    return len(words) >= 2 and (is_in(words[-1], "finite_verbs") or bool(_VERB_END.search(words[-1])))


def is_danda_line(line: str) -> bool:
    """Is ``line`` prose whose sentences end with ``|`` (an ASCII pipe typed or read for the danda) rather
    than a table row? More than half of its pipe-cut segments close like sentences; a table row has short
    cells (a serial number, an owner, a date) beside its one directive cell. A line that opens with a pipe
    (a ruled grid) or a rule line (``|---|``) is always a table's."""
    if "|" not in line or line.lstrip().startswith("|") or _RULE_LINE.fullmatch(line):
        return False
    segments = [s for s in line.split("|") if s.strip()]
    closed = sum(1 for s in segments if _closes_sentence(s))
    return len(segments) >= 2 and 2 * closed > len(segments)


def _ends_unit(line: str) -> bool:
    """Does ``line`` close its paragraph: a sentence mark, a full stop, a colon, a pipe, or an ellipsis (bulleted
    lines of a news page each closed by "…": "… के दिए निर्देश…" / "… कार्रवाई करें…")?"""
    stripped = line.rstrip()
    return bool(stripped) and (stripped[-1] in TERMINATORS or stripped.endswith((".", ":", ":-", "|", "…")))


def _continues(line: str) -> bool:
    """Does ``line`` open with a word that cannot start a sentence (a postposition or conjunction)?"""
    first = line.split(maxsplit=1)[0] if line.strip() else ""
    return is_in(first, "continuation_words")


# Words of finite_verbs.tsv that also end a phrase in the middle of a sentence (the genitive की, के लिए, हो of
# a conditional): a wrapped line may stop on them.
_PHRASE_WORDS = frozenset({"की", "लिए", "हो", "हों"})
# "… उपलब्ध कराने के दिए निर्देश", "… को 30 दिसंबर तक मुख्यालय ना छोड़ने के आदेश", "… दिये आवश्यक दिशा निर्देश": a
# headline closed by the direction it reports (its verb before it, or none).
_DIRECTION_END = re.compile(r"(?:^|\s)(?:के|का|की|दिए|दिये|दिया|दी|आवश्यक|सख्त|कड़े|विशेष)\s+(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s*$")
# "… सर्वोच्च प्राथमिकता - कलेक्टर", "… सुनिश्चित करें : जिला कलेक्टर", "… का उपयोग :-उपायुक्त": a headline signed
# by the one it quotes, after a spaced dash or a colon (a dash glued between words joins a compound: साफ-सफाई).
_SIGNED_END = re.compile(r"\S\s*(?:\s[-–—]|[:ः]-?)\s*[^\s\d:ः\-–—]+(?:\s+[^\s\d:ः\-–—]+){0,2}\s*$")


# A future closing a line (करेंगे, होगी, जाएगा; not the -ें of a plural noun: योजनाएं, सड़कें, nor में).
_FUTURE_END = re.compile("(?:ेगा|ेगी|ेंगे|ेगें|ोगा|ोगी|ोंगे|एगा|एगी|एंगे)$")
# A shorter line after a headline is its stamp (a place, a time, a byline: "31-Aug-2024 11:05 PM"), read with it.
_STAMP_WORDS = 4


def _closes_line(line: str) -> bool:
    """Does ``line`` close like a headline or a sentence without its mark: a finite verb (``… बैठक ली``,
    ``… अध्यक्षता करेंगे``, ``… विरोध हुआ था``), a reported direction (``… के दिए निर्देश``) or a signature
    (``… - कलेक्टर``)?"""
    words = line.split()
    if len(words) < 3:
        return False
    last = words[-1].strip("\"'”’‘“")
    verb = (is_in(last, "finite_verbs") and last not in _PHRASE_WORDS) or bool(_FUTURE_END.search(last))
    return verb or bool(_DIRECTION_END.search(line)) or bool(_SIGNED_END.search(line))


def _opens_anew(line: str, nxt: str) -> bool:
    """Does ``nxt`` open a sentence of its own after ``line``? A pronoun agent or connective that points
    back (``उन्होंने``, ``साथ ही``) after a line that ends in a finite verb (``… करें``, ``… दिए``), not in a
    postposition or participle (``… के गठन को लेकर / उन्होंने …`` is one wrapped sentence)."""
    words = line.split()
    if (_CLOSED_PASSIVE.search(line) or _MEETING_NAMED.search(line)) and not _continues(nxt):
        return True
    if (
        words
        and _IMPERATIVE_END.search(words[-1])
        and not is_in(words[-1], "continuation_words")
        and not _continues(nxt)
    ):
        return True  # "… शिकायतों का तुरंत निपटान करें / गुरुग्राम सहित …": a headline closed by its order  # "… निम्न दिशा निर्देश दिए गए / … बनाने का निर्देश दिया गया": lines of a list, each closed
    first = nxt.split(maxsplit=1)[0] if nxt.strip() else ""
    if (
        _closes_line(line)
        and len(nxt.split()) >= _STAMP_WORDS
        and not _continues(nxt)
        and not is_in(first, "verb_auxiliaries")
    ):
        return True  # "… अध्यक्षता करेंगे / मुख्य सचिव ने …", "… के दिए निर्देश / नारायणपुर, 01 मार्च …": lines of headlines
    return (
        bool(words)
        and bool(_FINITE_END.search(words[-1]))
        and not is_in(words[-1], "continuation_words")
        and bool(ANAPHORIC_OPENER.match(nxt))
    )


def _units(text: str) -> list[tuple[int, int]]:
    """Spans of text that can hold sentences: paragraphs with wrapped lines joined."""
    lines: list[tuple[int, int]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, pos + len(raw)))
        pos += len(raw) + 1
    units: list[tuple[int, int]] = []
    block: list[tuple[int, int]] = []
    full_width = _typical_width([e - s for s, e in lines if not is_table_row(text[s:e])])  # rows are not prose

    def flush() -> None:
        if not block:
            return
        cur_start, cur_end = block[0]
        listing = False  # after a line that opens a list ("निम्न निर्देश दिए गए:"), each line is a point
        for (s, e), nxt in zip(block, [*block[1:], None], strict=True):
            line = text[s:e]
            listing = (listing or bool(_LIST_INTRO_LINE.search(line))) and line.rstrip()[-1:] not in TERMINATORS
            wrapped = (
                not listing
                and nxt is not None
                and full_width is not None
                and 0.75 * full_width <= (e - s)
                # far longer than the width: a paragraph of its own, unless the next line carries on the
                # sentence (it opens with a postposition or conjunction: "… अनुपालन आख्या / के साथ …")
                and ((e - s) <= 1.5 * full_width or _continues(text[nxt[0] : nxt[1]]))
                and not _ends_unit(line)
                and not is_table_row(line)
                and not _LIST_MARKER.match(text[nxt[0] : nxt[1]])
                and not is_table_row(text[nxt[0] : nxt[1]])
                and not _opens_anew(line, text[nxt[0] : nxt[1]])
            )
            cur_end = e
            if not wrapped:
                units.append((cur_start, cur_end))
                if nxt is not None:
                    cur_start = nxt[0]
        block.clear()

    for s, e in lines:
        if text[s:e].strip():
            block.append((s, e))
        else:
            flush()
    flush()
    return units


def _typical_width(lengths: list[int]) -> int | None:
    """Length of a full line when the text was wrapped to a width, else None.

    Wrapped text (PDF layers, OCR) has most lines near one width; text typed one
    paragraph per line has long, uneven lines and nothing to join.
    """
    body = sorted(n for n in lengths if n >= 20)
    if len(body) < 3:
        return None
    width = body[int(0.75 * (len(body) - 1))]
    return width if width <= 220 else None


def _token_before(text: str, i: int) -> str:
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in ".,(":
        j -= 1
    return text[j:i]


def _is_full_stop(text: str, i: int, unit_start: int) -> bool:
    """Is the '.' at text[i] the end of a sentence?"""
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if nxt == ".":  # an ellipsis ends on its last dot
        return False
    if not (nxt.isspace() or nxt in "\"'”’)"):
        return False  # डी.पी.आहूजा, 15.08.2025, e.g.
    word = _token_before(text, i)
    if not word:
        return text[i - 1] == "." if i > 0 else False
    if is_in(word, "abbreviations"):
        return False
    if word.isdigit() or word.translate(str.maketrans("०१२३४५६७८९", "0123456789")).isdigit():
        return text[unit_start:i].strip() != word  # "1." opening a point is a list marker
    if is_in(word, "short_sentence_ends"):
        return True  # "निर्देश दिए.", "बैठक ली.": a short verb, not an initial
    if _DEVANAGARI.search(word):
        # one akshara before a dot is an initial: डी. पी. आहूजा; but a vowel letter after a consonant (जाए, हुए)
        # makes two syllables, a verb ending ("… किया जाए. जनता …"), unless it names a Latin letter (वाई)
        if _VOWEL_AFTER_CONSONANT.search(word) and not is_in(word, "letter_names"):
            return True
        return len(_CONSONANT.findall(word)) > 1 or len(word) > 3
    return not (len(word) == 1 and word.isalpha())


def split_sentences(text: str) -> list[Sentence]:
    """Split ``text`` into sentences; offsets index ``text`` itself."""
    out: list[Sentence] = []
    for ustart, uend in _units(text):
        if is_table_row(text[ustart:uend]):
            continue  # tables are read as tables, not as prose
        start = ustart
        i = ustart
        while i < uend:
            ch = text[i]
            end_here = ch in TERMINATORS or (ch == "." and _is_full_stop(text, i, ustart))
            if ch == "|" and i > ustart:
                end_here = True  # a pipe in prose (not a table row) is a danda, as OCR and some typists write it
            if end_here:
                j = i + 1
                while j < uend and text[j] in TERMINATORS + ".\"'”’)":
                    j += 1
                _emit(text, start, j, out)
                start = j
                i = j
                continue
            i += 1
        _emit(text, start, uend, out)
    return out


def _emit(text: str, start: int, end: int, out: list[Sentence]) -> None:
    """Append the sentence ``text[start:end]``; a run longer than ``MAX_SENTENCE`` goes in pieces.

    No real sentence is that long; a run without sentence marks (a hostile or garbled text) is cut at
    the last space before the limit, so that every later rule reads bounded pieces in linear total time.
    """
    while start < end:
        while start < end and text[start].isspace():
            start += 1
        stop = end
        if stop - start > MAX_SENTENCE:
            space = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
            stop = space if space > start else start + MAX_SENTENCE
        piece_end = stop
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start and any(c.isalnum() for c in text[start:piece_end]):
            out.append(Sentence(start, piece_end, text[start:piece_end].replace("\n", " ")))
        start = stop
