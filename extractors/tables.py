"""Action tables: rows with a directive column, an owner column and a deadline column.

Tables come from the ingest layer (PDF and DOCX tables) or from pipe-separated
rows in plain text (typed minutes, OCR of ruled tables).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from models.designations import find_phrases
from models.gazetteer import load_gazetteer
from nlp.sentences import is_table_row
from nlp.vocab import alternation, column, is_in

_DIRECTIVE_HEAD = re.compile(r"निर्देश|निर्णय|कार्यवाही|कार्य\s*बि(?:ं|न्)दु|अपेक्षित|action|decision|directive", re.I)
# "कार्य", "कार्य का विवरण": a column of works, the directive column only beside a time limit (a table of works and
# their time limits under its owner's heading); alone it may list works done
_WORK_HEAD = re.compile(r"^\s*(?:कार्य|करणीय\s+कार्य)(?:\s+(?:का\s+)?विवरण)?\s*$")
# "पिछला निर्णय", "गत बैठक के निर्देश": a column of past decisions, whose table reports their compliance
_PAST_HEAD = re.compile(r"पिछल|(?<![\u0900-\u097f])(?:गत|पूर्व|विगत)\s+(?:बैठक|निर्णय|निर्देश)|previous|last\s+meeting", re.I)
# "क. पिछली बैठक के निर्णयों की अनुपालन स्थिति": the heading of a table that reports how past decisions were met
_COMPLIANCE_HEADING = re.compile(
    r"(?:पिछली|पिछले|गत|विगत|पूर्व|पूर्ववर्ती)\s+(?:बैठक|बैठकों)\s[^।\n]{0,60}?(?:अनुपालन|कृत\s+कार्यवाही|की\s+गई\s+कार्यवाही|प्रगति)"
)
# "मंडलीय प्रबंधक, सिलीगुड़ी मंडल द्वारा की जाने वाली कार्यवाही:", "उत्तरदायी अधिकारी: जिला कृषि अधिकारी": a table whose
# owner stands in its heading, not in a column
_OWNER_HEADING = re.compile(
    r"^\s*(?:[क-ह]\.\s*|[0-9०-९]{1,2}[.)]\s*)?(?P<by>[^:|।]{3,80}?)\s+द्वारा\s+(?:की|किए|किये|किया)\s+जाने\s+(?:वाली|वाले|वाला)\s+"
    r"(?:कार्यवाही|कार्रवाई|कार्य|कार्यवाहियां|कार्यवाहियाँ)\s*[:\-–]?\s*$"
    r"|^\s*(?:उत्तरदायी|जिम्मेदार|ज़िम्मेदार|उत्तरदायित्व)(?:\s+अधिकारी)?\s*[:\-–]\s*(?P<named>[^|।]{3,80}?)\s*$"
    # "स्टेशन अधिकारी, मीनचंदा अग्निशमन केंद्र का उत्तरदायित्व:", "ख. जिला कृषि अधिकारी के दायित्व"
    r"|^\s*(?:[क-ह]\.\s*|[0-9०-९]{1,2}[.)]\s*)?(?P<of>[^:|।]{3,80}?)\s+(?:का|की|के)\s+"
    r"(?:उत्तरदायित्व|दायित्व|जिम्मेदारी|ज़िम्मेदारी|जिम्मेदारियां|जिम्मेदारियाँ)\s*[:\-–]?\s*$"
)
_SUBJECT_HEAD = re.compile(r"बिंदु|विषय|मद|एजेंडा|subject|item|agenda", re.I)
_OWNER_HEAD = re.compile(r"उत्तरदायी|उत्तरदायित्व|जिम्मेदार|ज़िम्मेदार|दायित्व|अधिकारी|विभाग|owner|responsible", re.I)
# "कार्यवाही हेतु", "कार्यवाही करने वाला अधिकारी", "क्रियान्वयन एजेंसी", "किसके द्वारा": a column naming who acts, the
# owner's column whatever its place (before the task's), though it says "कार्यवाही"
_ACTOR_HEAD = re.compile(
    r"(?:कार्यवाही|कार्रवाई|अनुपालन)\s*(?:(?:हेतु|के\s+लिए|के\s+लिये)\s*(?:अधिकारी|विभाग|उत्तरदायी)?\s*$|कर्ता|करने\s+वाल[ाेी])"
    r"|(?:क्रियान्वयन|कार्यान्वयन|कार्यकारी|निष्पादन)\s+(?:एजेंसी|संस्था|अधिकारी|विभाग)|किसके\s+द्वारा|^\s*द्वारा\s*$"
)
# "उत्तरदायी", "जिम्मेदार": a header word that names the owner and nothing else; in a directive column's header
# ("निर्णय एवं उत्तरदायी अधिकारी") the cell holds the task and its owner after it
_STRONG_OWNER_HEAD = re.compile(r"उत्तरदायी|उत्तरदायित्व|जिम्मेदार|ज़िम्मेदार|responsible|owner", re.I)
_DEADLINE_HEAD = re.compile(r"समय\s*-?\s*सीमा|समयसीमा|तिथि|दिनांक|अवधि|कब\s*तक|deadline|due|target date|timeline", re.I)


@dataclass(frozen=True)
class ActionRow:
    directive: str
    owner: str | None
    deadline: str | None
    subject: str | None
    row_offset: int  # offset of the directive cell in the text it came from, -1 if unknown
    box: tuple[float, float, float, float] | None = None  # the directive cell on its page (fractions), if known


@dataclass(frozen=True)
class Columns:
    directive: int
    owner: int | None
    deadline: int | None
    subject: int | None
    merged: bool = False  # does the directive cell also name its owner at its end ("निर्णय एवं उत्तरदायी अधिकारी")?


def columns_for(header: list[str]) -> Columns | None:
    """Which column holds what; None when the header is not an action table's."""

    def find(rx: re.Pattern[str], exclude: set[int]) -> int | None:
        return next((i for i, h in enumerate(header) if i not in exclude and rx.search(h or "")), None)

    actor = find(_ACTOR_HEAD, set())
    beside = {actor} if actor is not None else set()
    directive = find(_DIRECTIVE_HEAD, beside)
    work = directive is None and (directive := find(_WORK_HEAD, beside)) is not None
    deadline = find(_DEADLINE_HEAD, beside | ({directive} if directive is not None else set()))
    if (
        directive is None
        and deadline is not None
        and (actor is not None or find(_STRONG_OWNER_HEAD, set()) is not None)
    ):
        # "कार्यवाही हेतु | बिंदु | समय-सीमा": beside an owner's and a time limit's column, the point is the task
        directive = find(_SUBJECT_HEAD, beside | {deadline})
    if directive is None or _PAST_HEAD.search(header[directive] or ""):
        return None
    if work and deadline is None:
        return None
    owner = actor
    if owner is None:
        owner = find(_OWNER_HEAD, {directive} | ({deadline} if deadline is not None else set()))
    taken = {directive} | {i for i in (owner, deadline) if i is not None}
    subject = find(_SUBJECT_HEAD, taken)
    merged = owner is None and bool(_STRONG_OWNER_HEAD.search(header[directive] or ""))
    return Columns(directive, owner, deadline, subject, merged)


def heading_owner(heading: str | None) -> str | None:
    """The owner a table's heading names (``X द्वारा की जाने वाली कार्यवाही:``, ``उत्तरदायी अधिकारी: X``), or None."""
    found = _OWNER_HEADING.match(heading or "")
    if not found:
        return None
    if found["of"] and _ends_in_head(found["of"].strip(" ,")) is None:
        return None  # "निर्णयों का उत्तरदायित्व": whose duty only a post or a body names
    return (found["by"] or found["named"] or found["of"]).strip(" ,")


def reports_compliance(heading: str | None) -> bool:
    """Is ``heading`` that of a table reporting how the last meeting's decisions were met (no new directive)?"""
    return bool(heading) and len(heading or "") <= 120 and bool(_COMPLIANCE_HEADING.search(heading or ""))


def rows_from_table(
    header: list[str],
    rows: list[list[str]],
    cell_offsets: list[list[int]] | None = None,
    cell_boxes: list[list[tuple[float, float, float, float]]] | None = None,
    heading: str | None = None,
) -> list[ActionRow]:
    """Action rows of a table; ``cell_offsets`` (per row, per cell) locate each directive cell in its text,
    ``cell_boxes`` on its page; ``heading`` is the line above the table, which may name the owner of a table with
    no owner column, or say that the table reports the compliance of past decisions."""
    cols = columns_for(header)
    if cols is None or reports_compliance(heading):
        return []
    owner = heading_owner(heading) if cols.owner is None else None
    out = []
    for r, row in enumerate(rows):

        def cell(i: int | None, row: list[str] = row) -> str | None:
            if i is None or i >= len(row):
                return None
            value = " ".join((row[i] or "").split())
            return value or None

        directive = cell(cols.directive)
        if directive and cols.merged:
            owner = closing_owner(directive) or heading_owner(heading)
        if directive:
            offsets = cell_offsets[r] if cell_offsets and r < len(cell_offsets) else []
            offset = offsets[cols.directive] if cols.directive < len(offsets) else -1
            boxes = cell_boxes[r] if cell_boxes and r < len(cell_boxes) else []
            box = tuple(boxes[cols.directive]) if cols.directive < len(boxes) else None
            out.append(
                ActionRow(directive, cell(cols.owner) or owner, cell(cols.deadline), cell(cols.subject), offset, box)  # type: ignore[arg-type]
            )
    return out


def pipe_tables(text: str) -> list[tuple[list[str], list[tuple[list[str], list[int]]]]]:
    """Pipe-separated tables in ``text``: header cells and rows (cells with their offsets)."""
    return [(header, body) for _, header, body in headed_pipe_tables(text)]


def headed_pipe_tables(text: str) -> list[tuple[str | None, list[str], list[tuple[list[str], list[int]]]]]:
    """Pipe-separated tables in ``text``, each with the last line of text above its header (its heading, if any)."""
    tables: list[tuple[str | None, list[str], list[tuple[list[str], list[int]]]]] = []
    header: list[str] | None = None
    heading: str | None = None
    above: str | None = None  # the last line of text outside a table
    body: list[tuple[list[str], list[int]]] = []
    bordered = True  # does the header open with a pipe ("| क्र. | …")? If not, a row that does has an empty first cell
    pos = 0
    for line in text.split("\n"):
        if is_table_row(line) and not re.fullmatch(r"[\s|:\-+=]+", line):
            cells, offsets = [], []
            col_start = 0
            parts = line.split("|")
            for k, part in enumerate(parts):
                stripped = part.strip()
                lead = len(part) - len(part.lstrip())
                border = (k == 0 and (header is None or bordered)) or k == len(parts) - 1
                if not (border and not stripped):
                    cells.append(stripped)
                    offsets.append(pos + col_start + lead)
                col_start += len(part) + 1
            if header is None:
                header, heading = cells, above
                bordered = line.lstrip().startswith("|")
            elif body and _continues_row(header, cells):
                body[-1] = (_joined_cells(body[-1][0], cells), body[-1][1])
            else:
                body.append((cells, offsets))
        elif not re.fullmatch(r"[\s|:\-+=]*", line) or not line.strip():
            if header is not None:
                tables.append((heading, header, body))
            header, body = None, []
            if line.strip():
                above = line.strip()
        pos += len(line) + 1
    if header is not None:
        tables.append((heading, header, body))
    return tables


# "क्र.सं.", "क्रम", "सं.", "S.No.": a serial-number column, which every row of the table fills but a wrapped one
_SERIAL_HEAD = re.compile(r"^\s*(?:क्र|क्रम|सं\.|संख्या|s\.?\s*no|sr\.?|sl\.?|#)", re.I)


def _continues_row(header: list[str], cells: list[str]) -> bool:
    """Is a row with an empty serial cell the wrapped rest of the row above (its cells' text run on one line down)?
    Not when it has a time limit of its own: a row that only lacks its number."""
    if not (header and _SERIAL_HEAD.match(header[0]) and cells and not cells[0] and any(cells[1:])):
        return False
    cols = columns_for(header)
    return cols is None or cols.deadline is None or cols.deadline >= len(cells) or not cells[cols.deadline]


def _joined_cells(row: list[str], rest: list[str]) -> list[str]:
    """The row above with each cell's wrapped rest appended: "… हेतु प्राक्कलन" + "तैयार करना"."""
    width = max(len(row), len(rest))
    padded = [*row, *[""] * (width - len(row))]
    return [" ".join(p for p in (a, rest[i] if i < len(rest) else "") if p) for i, a in enumerate(padded)]


# "(नागरिक)", "(रेशम)": a branch in brackets after a post
_BRACKETED = re.compile(r"\s*\([^()]*\)")
# what separates an owner cell's pieces: a list conjunction (list_conjunctions.tsv) or a slash
_OWNER_SEPARATOR = re.compile(rf"\s+(?:{alternation(column('list_conjunctions'))})\s+|\s*/\s*")


def _ends_in_head(part: str) -> bool | None:
    """Does ``part`` end in a post's head (True), a body's (False), or neither (None)? A branch after a comma
    (", मनाली") and one in brackets are set aside first."""
    core = _BRACKETED.sub("", part.split(",")[0]).strip()
    if any(m.end == len(core) for m in load_gazetteer().find(core)):
        return True  # "डीएम", "एसडीएम": a listed post or its abbreviation
    phrases = find_phrases(core)
    if not phrases or phrases[-1].end < len(core):
        return None
    return not phrases[-1].body


# "BDO खलत्से", "SDM": a post written as a Latin initialism, perhaps with its town after it
_LATIN_POST = re.compile(r"^\s*[A-Z]{2,6}(?![A-Za-z])")
# "1. … की मरम्मत 15 दिन में — लोक निर्माण विभाग": a decision's owner after a dash closing the point
_DASHED_OWNER = re.compile(
    r"\s+[—–]\s*(?P<owner>[^—–।|]{2,80}?)\s*[।.]?\s*$|\s+-{1,2}\s+(?P<hyphen>[^—–\-।|]{2,80}?)\s*[।.]?\s*$"
)


# "… का अंशांकन: विधिक माप विज्ञान निरीक्षक, निजामाबाद", "… की तैनाती (सहायक पुलिस आयुक्त, यातायात)": the owner
# closing a merged decision-and-owner cell after a colon or in brackets
_COLON_OWNER = re.compile(r":\s*(?P<owner>[^:—–|।]{2,80}?)\s*[।.]?\s*$")
_BRACKET_OWNER = re.compile(r"\s*\((?P<owner>[^()]{2,80})\)\s*[।.]?\s*$")


def _named_members(owner: str) -> list[str] | None:
    """Who ``owner`` names, None unless each one opens with a post or a body (or a post in Latin capitals)."""
    members = owner_members(owner)
    if not members:
        return None
    for member in members:
        first = member.split(",")[0].strip()
        if not (_LATIN_POST.match(first) or _ends_in_head(first) is not None or load_gazetteer().find(first)):
            return None
    return members


def dashed_owner(point: str) -> tuple[int, list[str]] | None:
    """Where a point's owner after a closing dash begins, and who it names (``… 20 मार्च तक — AEE, PHE लेह``):
    None unless each one named opens with a post or a body (or a post in Latin capitals)."""
    m = _DASHED_OWNER.search(point)
    if m is None or not point[: m.start()].strip():
        return None
    members = _named_members(m["owner"] or m["hyphen"])
    return None if members is None else (m.start(), members)


def closing_owner(cell: str) -> str | None:
    """The owner a merged decision-and-owner cell names at its end, after a dash, a colon or in brackets (``… की
    व्यवस्था – सचिव, कृषि बाजार समिति``), or None when what closes it names no post or body."""
    dashed = dashed_owner(cell)
    if dashed is not None:
        return cell[dashed[0] :].strip(" —–-।.")
    for rx in (_COLON_OWNER, _BRACKET_OWNER):
        m = rx.search(cell)
        if m is not None and cell[: m.start()].strip() and _named_members(m["owner"]) is not None:
            return m["owner"].strip()
    return None


def _inside_one(before: str, piece: str) -> bool:
    """Does a conjunction between ``before`` and ``piece`` join words of one owner: two departments in one post's
    title ("सहायक आबकारी एवं कराधान आयुक्त": the words before it end in no head), or two places or offices in the
    branch after a post's comma ("कार्यपालक अभियंता, RWSS, छत्रपुर एवं बरहमपुर", "…, ग्रामीण जल आपूर्ति एवं स्वच्छता")?"""
    if _LATIN_POST.match(before):
        return False
    if _ends_in_head(before) is None:
        return True
    branch = before.rsplit(",", 1)[-1].strip() if "," in before else ""
    return bool(branch) and _ends_in_head(branch) is None and _ends_in_head(piece.split(",")[0].strip()) is None


def owner_members(cell: str) -> list[str]:
    """Who a responsible-column cell names, each whole with its modifiers and branch: "अग्रणी जिला प्रबंधक, विकास
    खंड अधिकारी" is two posts, "प्रबंध निदेशक, केंद्रीय सहकारी बैंक" and "तहसीलदार, पुरी सदर" one post with its office
    or town, "सहायक आबकारी एवं कराधान आयुक्त" one post (its एवं joins two departments: the words before it end in no
    head), "नगर पालिकाएं एवं श्रम निरीक्षक" a body and a post. Quantifiers and honorifics are dropped."""
    # each piece with the separator before it (" एवं ", " / "; "" for the first)
    split = re.split(f"({_OWNER_SEPARATOR.pattern})", cell)
    pieces = [
        (split[i - 1].strip() if i else "", split[i].strip()) for i in range(0, len(split), 2) if split[i].strip()
    ]
    joined: list[tuple[str, str]] = []  # "सहायक आबकारी" + "कराधान आयुक्त": a conjunction inside one post's title
    for sep, piece in pieces:
        bracketed = bool(joined) and joined[-1][1].count("(") > joined[-1][1].count(")")  # "(गढ़वाल / कुमाऊं)"
        if bracketed or (joined and sep != "/" and not _LATIN_POST.match(piece) and _inside_one(joined[-1][1], piece)):
            joined[-1] = (joined[-1][0], f"{joined[-1][1]} {sep or 'एवं'} {piece}")
        else:
            joined.append((sep, piece))
    members: list[str] = []
    for sep, piece in joined:
        for k, part in enumerate(p.strip() for p in piece.split(",")):
            words = [w for w in part.split() if not is_in(w, "drop_words")]
            part = " ".join(words)
            if not part or part in {"-", "—"}:
                continue
            if k == 0 and sep == "/":
                members.append(part)  # "… , बेळगावी / संबंधित चीनी कारखाने": after a slash, one more owner
                continue
            head = _ends_in_head(part)
            previous = _ends_in_head(members[-1]) if members else None
            # a post, or a body after a body, is one more member; anything else is the branch of the one before
            # (a Latin initialism after a conjunction, "… एवं BDO नुब्रा", is one more post; after a comma, "AEE,
            # PHE लेह", the office of the one before)
            latin_post = k == 0 and bool(_LATIN_POST.match(part))
            if members and not latin_post and (head is None or (head is False and previous is True)):
                members[-1] = f"{members[-1]}, {part}"
            else:
                members.append(part)
    return members
