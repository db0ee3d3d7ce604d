"""Gazetteer of Indian administrative designations and their abbreviations.

The data lives in ``models/data/designations.tsv`` (canonical form, then
variants). ``Gazetteer.find`` finds every mention in a text, including the
oblique plural forms that Hindi puts before postpositions
(``अधिकारियों को``, ``सचिवों से``), longest match first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from rapidfuzz import fuzz, process

from nlp.normalize import fold, vowel_length_slips
from nlp.vocab import LETTER_MARK, alternation, is_in, rows, undotted

_WORD_END = r"(?![\u0900-\u0963\u0966-\u097f\w])"
_WORD_START = r"(?<![\u0900-\u0963\u0966-\u097f\w])"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    surface: str  # as written
    designation: str  # as written in direct singular form (सचिवों → सचिव); an abbreviation spelt out
    canonical: str  # the gazetteer's canonical form (डीएम → जिलाधिकारी)
    abbreviation: bool
    written: str  # as written in direct singular form, abbreviations kept (सीएमओ)


# "मुख्य विकास अधिकारी-सह-कार्यकारी अधिकारी", "सचिव-सह-परिवहन सचिव": one officer holding two posts ("-cum-")
_CUM_GAP = re.compile(r"(?:\s+[\u0900-\u097f]+){0,2}\s*-\s*सह\s*-\s*(?:[\u0900-\u097f]+\s+){0,2}")


def _cum_joined(text: str, found: list[Mention]) -> list[Mention]:
    """Two posts joined by "-सह-" read as one mention, the first post's (its canonical form), written whole: the
    second is no officer of its own (its name is the first's)."""
    out: list[Mention] = []
    for m in found:
        prev = out[-1] if out else None
        if prev is not None and not prev.abbreviation and _CUM_GAP.fullmatch(text, prev.end, m.start):
            whole = " ".join(text[prev.start : m.end].split())
            out[-1] = Mention(
                prev.start,
                m.end,
                whole,
                f"{prev.designation}{whole[len(prev.surface) :]}",
                prev.canonical,
                False,
                whole,
            )
            continue
        out.append(m)
    return out


def _plural_forms(word: str) -> list[str]:
    """Oblique and direct plural forms of a designation's last word."""
    if word.endswith("ी"):
        return [word[:-1] + "ियों", word[:-1] + "ियां", word[:-1] + "ियाँ", word + "गण"]
    if word.endswith("ि"):
        return [word + "यों", word + "यां"]
    if word.endswith("ा"):
        return [word + "ओं"]
    if re.search("[\u093e-\u094c]$", word):
        return []
    return [word + "ों"]


class Gazetteer:
    def __init__(self, rows: list[tuple[str, list[str], list[str]]]) -> None:
        self.surface_to_canonical: dict[str, str] = {}
        self.singular: dict[str, str] = {}
        self.abbreviations: set[str] = set()
        for canonical, variants, abbreviations in rows:
            self.abbreviations.update(abbreviations)
            variants = variants + abbreviations
            for form in [canonical, *variants]:
                if form in self.surface_to_canonical:
                    continue
                self.surface_to_canonical[form] = canonical
                self.singular[form] = form
                head, _, last = form.rpartition(" ")
                for plural in _plural_forms(last):
                    full = f"{head} {plural}".strip()
                    self.surface_to_canonical.setdefault(full, canonical)
                    self.singular.setdefault(full, form)
                # "मुख्यसचिव विकास शील ने", "उपजिलाधिकारी": a rank (post_ranks.tsv) written solid with the post after it
                first, _, rest = form.partition(" ")
                if rest and " " not in rest and is_in(first, "post_ranks") and form not in abbreviations:
                    solid = first + rest
                    self.surface_to_canonical.setdefault(solid, canonical)
                    self.singular.setdefault(solid, solid)
                    for plural in _plural_forms(rest):
                        self.surface_to_canonical.setdefault(first + plural, canonical)
                        self.singular.setdefault(first + plural, solid)
        for form, canonical in list(self.surface_to_canonical.items()):
            # "सफाई निरिक्षक", "अधीकारियों": a short vowel written long or a long one short in the post's last word
            if form in self.abbreviations:
                continue
            head, _, last = form.rpartition(" ")
            for variant in vowel_length_slips(last):
                full = f"{head} {variant}".strip()
                self.surface_to_canonical.setdefault(full, canonical)
                self.singular.setdefault(full, self.singular[form])
        self._single_words: dict[str, str] = {
            fold(form): canonical
            for form, canonical in self.surface_to_canonical.items()
            if " " not in form and len(fold(form)) >= 5 and form not in self.abbreviations
        }
        forms = sorted(self.surface_to_canonical, key=len, reverse=True)
        self._pattern = re.compile(
            _WORD_START + "(" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + ")" + _WORD_END
        )
        self._dotted = _dotted_pattern(self.abbreviations)

    def fuzzy(self, word: str, cutoff: float = 88.0) -> str | None:
        """The canonical designation a misspelt one-word designation stands for (``जिलाधिकरी``), or None.

        Compared after folding, by edit similarity (rapidfuzz); only words of five letters or more, so that
        short words never pass for a post.
        """
        folded = fold(word)
        if len(folded) < 5:
            return None
        # the folded forms are the choices (a dict would be compared by its values, the canonicals, some of
        # which are two words: `मुख्यसचिव` then matched `मुख्य सचिव`, which is no key)
        hit = process.extractOne(folded, list(self._single_words), scorer=fuzz.ratio, score_cutoff=cutoff)
        return self._single_words[hit[0]] if hit else None

    def find(self, text: str, context: str = "") -> list[Mention]:
        """Mentions in ``text``; ``context`` (the document's opening) picks the post an abbreviation
        stands for where it depends on the meeting (``context_abbreviations.tsv``)."""
        out = []
        for m in self._pattern.finditer(text):
            surface = " ".join(m.group(1).split())
            singular = self.singular[surface]
            canonical = self.surface_to_canonical[surface]
            abbreviation = singular in self.abbreviations
            if abbreviation:
                canonical = in_context(singular, text, context) or canonical
            out.append(
                Mention(
                    m.start(),
                    m.end(),
                    m.group(1),
                    canonical if abbreviation else singular,
                    canonical,
                    abbreviation,
                    singular,
                )
            )
        out = self._with_dotted(text, context, out)
        for m in _solid_posts().finditer(text):
            if not any(x.start < m.end() and m.start() < x.end for x in out):
                word = m.group(0)
                out.append(Mention(m.start(), m.end(), word, word, _solid_canonical(m["end"]), False, word))
        return _cum_joined(text, [self._ranked(text, x, out) for x in sorted(out, key=lambda x: x.start)])

    def _ranked(self, text: str, m: Mention, found: list[Mention]) -> Mention:
        """``m`` with the rank written right before it (``अतिरिक्त जिला कलेक्टर``, ``प्रभारी जिलाधिकारी``,
        ``एडिशनल एसपी``): another post, the gazetteer's own when it lists it under a rank of the same meaning
        (``अपर जिलाधिकारी``), else the rank and the post's canonical form."""
        rank = _RANK_BEFORE.search(text, max(0, m.start - 20), m.start)
        if rank is not None and _BESIDES.search(text, max(0, rank.start() - 12), rank.start()):
            return m  # "इसके अतिरिक्त मुख्य सचिव ने …": besides this, not a rank
        if rank is None or any(x.start < rank.end() and rank.start() < x.end for x in found if x is not m):
            return m
        word = rank["rank"]
        canonical = f"{word} {m.canonical}"
        for same in (word, *_rank_prefixes()[word]):
            listed = self.surface_to_canonical.get(f"{same} {m.canonical}") or self.surface_to_canonical.get(
                f"{same} {m.designation}"
            )
            if listed:
                canonical = listed
                break
        return Mention(
            rank.start(),
            m.end,
            text[rank.start() : m.end],
            f"{word} {m.designation}",
            canonical,
            m.abbreviation,
            f"{word} {m.written}",
        )

    def _with_dotted(self, text: str, context: str, out: list[Mention]) -> list[Mention]:
        """Add the abbreviations written letter by letter with a dot or a zero after each letter
        (``एस.डी.एम.``, ``एस0डी0एम0``, ``बी. डी. ओ.``), as written; a mention inside one is dropped."""
        if self._dotted is None:
            return out
        for m in self._dotted.finditer(text):
            written = " ".join(m.group(1).split())
            key = undotted(written)
            if key not in self.surface_to_canonical:
                continue
            canonical = in_context(key, text, context) or self.surface_to_canonical[key]
            out = [x for x in out if x.end <= m.start() or m.end() <= x.start]
            out.append(Mention(m.start(), m.end(), m.group(1), canonical, canonical, True, written))
        return out


@lru_cache(maxsize=1)
def _rank_prefixes() -> dict[str, tuple[str, ...]]:
    """Ranks that make the post after them another post, with the ranks of the same meaning (rank_prefixes.tsv)."""
    return {r[0]: tuple(r[1].split("|")) if len(r) > 1 and r[1] else () for r in rows("rank_prefixes")}


_RANK_BEFORE = re.compile(_WORD_START + "(?P<rank>" + alternation(tuple(_rank_prefixes())) + r")\s+$")


# "इसके अतिरिक्त", "उनके सहायक": a pronoun's genitive before the rank word makes it a postposition (besides) or
# a noun (their assistant), no rank of the post after it
_BESIDES = re.compile(_WORD_START + r"(?:इसके|उसके|इनके|उनके|जिसके|आपके)\s+$")


def letter_spelling(abbreviation: str, letters: tuple[str, ...]) -> list[str] | None:
    """``abbreviation`` cut into the Hindi names of Latin letters (एसडीएम → एस, डी, एम), or None."""
    if not abbreviation:
        return []
    for letter in letters:
        if abbreviation.startswith(letter):
            rest = letter_spelling(abbreviation[len(letter) :], letters)
            if rest is not None:
                return [letter, *rest]
    return None


def _dotted_pattern(abbreviations: set[str]) -> re.Pattern[str] | None:
    """Every Devanagari abbreviation of the gazetteer written with a mark after each letter."""
    letters = tuple(sorted({r[0] for r in rows("letter_names") if r and r[0]}, key=len, reverse=True))
    spelt = [
        letters_of
        for form in abbreviations
        if " " not in form and (letters_of := letter_spelling(form, letters)) and len(letters_of) >= 2
    ]
    if not spelt:
        return None
    alternatives = sorted(
        {(LETTER_MARK + r"\s?").join(re.escape(x) for x in parts) + LETTER_MARK + "?" for parts in spelt},
        key=len,
        reverse=True,
    )
    return re.compile(_WORD_START + "((?:" + "|".join(alternatives) + "))" + _WORD_END)


@lru_cache(maxsize=1)
def _solid_posts() -> re.Pattern[str]:
    """One solid word ending in a post (``रेलमंत्री``): ``solid_posts.tsv``."""
    ends = alternation(list(_solid_canonicals()))
    return re.compile(_WORD_START + r"[\u0900-\u0963\u0971-\u097f]{2,}(?P<end>" + ends + ")" + _WORD_END)


@lru_cache(maxsize=1)
def _solid_canonicals() -> dict[str, str]:
    """Each ending of ``solid_posts.tsv`` and its canonical post (the ending itself when none is given)."""
    return {r[0]: r[1] if len(r) > 1 and r[1] else r[0] for r in rows("solid_posts") if r and r[0]}


def _solid_canonical(end: str) -> str:
    return _solid_canonicals().get(end, end)


@lru_cache(maxsize=1)
def _context_rows() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    out = []
    for row in rows("context_abbreviations"):
        if len(row) >= 3:
            out.append((fold(row[0]), row[1], tuple(fold(w) for w in row[2].split("|") if w.strip())))
    return tuple(out)


def in_context(abbreviation: str, sentence: str, context: str) -> str | None:
    """The post ``abbreviation`` stands for given the words of its sentence, then of the document's
    opening: "एसडीओ" in a meeting on electricity supply is the electricity board's sub-divisional officer."""
    key = fold(abbreviation)
    matching = [r for r in _context_rows() if r[0] == key]
    for scope in (sentence, context):
        folded = fold(scope)
        for _abbr, post, words in matching:
            if any(w in folded for w in words):
                return post
    return None


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _read_rows() -> list[tuple[str, list[str], list[str]]]:
    text = resources.files("models").joinpath("data/designations.tsv").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        canonical, variants, abbreviations = ([*line.split("\t"), "", ""])[:3]
        rows.append((canonical.strip(), _split(variants), _split(abbreviations)))
    return rows


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    return Gazetteer(_read_rows())
