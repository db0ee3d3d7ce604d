"""Text analysis shared by the search index and search queries.

Every word goes through the same steps at index and query time: ``fold`` (spelling variants, digits,
case), then ``stem`` (light Hindi suffix stripping). Devanagari words also get a *roman key*: a coarse
consonant skeleton of their transliteration (``indic_transliteration``), so a Latin-script query
such as ``kisan``, ``manrega`` or ``pacs`` finds किसान, मनरेगा or पैक्स. Vowels, aspiration,
retroflexion and nasal spellings are dropped from the key because people romanise them
inconsistently. Officialese that transliteration cannot reach (``DM`` → जिलाधिकारी, ``godown`` → गोदाम)
comes from a lexicon the caller passes in (``search.lexicon``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.normalize import fold
from nlp.stem import is_devanagari, stem
from nlp.vocab import words as word_list

# Letters, digits, Devanagari letters and signs (not the dandas), ZWJ/ZWNJ inside words.
_WORD = re.compile(r"(?:[^\W_]|[\u0900-\u0963\u0966-\u097f\u200c\u200d])+")

# Function words and the boilerplate of every directive (models/data/hi/stopwords.tsv): they would match
# nearly every item.
STOPWORDS = word_list("stopwords")
_MIN_ROMAN_KEY = 2


@dataclass(frozen=True)
class Token:
    """One word of the original text with its span and its index term."""

    start: int
    end: int
    term: str  # folded + stemmed
    romans: tuple[str, ...]  # roman keys of a Devanagari word (of the word and of its stem), else ()


def words(text: str) -> Iterator[tuple[int, int, str]]:
    for m in _WORD.finditer(text):
        yield m.start(), m.end(), m.group()


@lru_cache(maxsize=200_000)
def term_of(word: str) -> str:
    return stem(fold(word))


def _skeleton(s: str) -> str:
    """Consonant skeleton of lower-case ASCII: the part both romanisation routes agree on."""
    s = s.replace("ph", "f").replace("sh", "s").replace("x", "ks").replace("q", "k").replace("z", "j")
    s = re.sub(r"([bcdgjklmnprstv])h", r"\1", s)  # aspiration
    s = s.replace("w", "b").replace("v", "b")  # व/ब and w/v are written either way
    s = re.sub(r"m(?=[pb])", "n", s)
    s = re.sub(r"[aeiouy]", "", s)
    return re.sub(r"(.)\1+", r"\1", s)


@lru_cache(maxsize=200_000)
def roman_key_devanagari(term: str) -> str | None:
    """Roman key of a folded Devanagari term (Harvard-Kyoto transliteration, then the skeleton)."""
    from indic_transliteration import sanscript

    hk = sanscript.transliterate(term, sanscript.DEVANAGARI, sanscript.HK)
    # HK capitals: retroflex T D N S, anusvara M, nasals G J, vocalic R, visarga H, palatal z (श).
    hk = hk.translate(
        str.maketrans(
            {
                "T": "t",
                "D": "d",
                "N": "n",
                "S": "s",
                "M": "n",
                "G": "n",
                "J": "n",
                "R": "r",
                "H": None,
                "z": "s",
                "A": "a",
                "I": "i",
                "U": "u",
            }
        )
    )
    hk = re.sub(r"[^a-z]", "", hk.lower())
    key = _skeleton(hk)
    return key if len(key) >= _MIN_ROMAN_KEY else None


@lru_cache(maxsize=50_000)
def roman_key_latin(word: str) -> str | None:
    """Roman key of a Latin-script word: c is k unless in ch (च/छ)."""
    w = re.sub(r"[^a-z]", "", word.lower()).replace("ch", "C").replace("c", "k").replace("C", "c")
    key = _skeleton(w)
    return key if len(key) >= _MIN_ROMAN_KEY else None


@lru_cache(maxsize=200_000)
def romans_of(word: str) -> tuple[str, ...]:
    """Roman keys of a Devanagari word: of the whole folded word (a Latin query is not stemmed:
    ``manrega`` must not lose its ending the way मनरेगा does to the stemmer) and of its stem."""
    folded = fold(word)
    if not is_devanagari(folded):
        return ()
    keys = dict.fromkeys(k for k in (roman_key_devanagari(folded), roman_key_devanagari(stem(folded))) if k)
    return tuple(keys)


def tokens(text: str) -> list[Token]:
    return [Token(start, end, term_of(w), romans_of(w)) for start, end, w in words(text)]


def index_fields(text: str) -> tuple[str, str]:
    """(terms, roman keys) of a text, space-separated, for the full-text index."""
    toks = tokens(text)
    return " ".join(t.term for t in toks), " ".join(k for t in toks for k in t.romans)


@dataclass
class QueryTerms:
    """What a query asks for: per query word, alternatives that may match it.

    ``groups`` has one entry per meaningful query word; each is a list of alternatives, an alternative
    being ("term", [terms...]) — a phrase of index terms, usually one — or ("roman", [key]).
    """

    groups: list[list[tuple[str, list[str]]]] = field(default_factory=list)

    def highlight_terms(self) -> tuple[set[str], set[str], list[list[str]]]:
        """(single terms, roman keys, multi-word phrases) to mark in a hit."""
        alts = [(kind, ts) for g in self.groups for kind, ts in g]
        terms = {ts[0] for kind, ts in alts if kind == "term" and len(ts) == 1}
        romans = {ts[0] for kind, ts in alts if kind == "roman"}
        phrases = [ts for kind, ts in alts if kind == "term" and len(ts) > 1]
        return terms, romans, phrases

    def is_empty(self) -> bool:
        return not self.groups


def lexicon_key(phrase: str) -> str:
    """How lexicon keys are compared: folded words joined by one space (``e-PACS`` → ``e pacs``)."""
    return " ".join(fold(w) for _, _, w in words(phrase))


def parse_query(q: str, lexicon: Mapping[str, Sequence[str]] | None = None) -> QueryTerms:
    """Analyse a query: every word by its term and the lexicon's expansions; Latin words also by their
    roman key. Lexicon keys are ``lexicon_key`` forms, single words or phrases of up to three."""
    lexicon = lexicon or {}
    raw = list(words(q))
    groups: list[list[tuple[str, list[str]]]] = []
    consumed: set[int] = set()
    lowered = [fold(w) for _, _, w in raw]
    # Multi-word lexicon entries first ("district magistrate"), longest first.
    for n in (3, 2):
        for i in range(len(raw) - n + 1):
            if any(j in consumed for j in range(i, i + n)):
                continue
            phrase = " ".join(lowered[i : i + n])
            if phrase in lexicon:
                as_written = [term_of(w) for _, _, w in raw[i : i + n]]
                groups.append([("term", as_written), *_expansions(lexicon[phrase])])
                consumed.update(range(i, i + n))
    for i, (_, _, w) in enumerate(raw):
        if i in consumed:
            continue
        term = term_of(w)
        if term in STOPWORDS or fold(w) in STOPWORDS or (not is_devanagari(term) and len(term) < 2):
            continue
        alts: list[tuple[str, list[str]]] = [("term", [term])]
        if not is_devanagari(term) and not term.isdigit():
            key = roman_key_latin(w)
            if key:
                alts.append(("roman", [key]))
        alts.extend(_expansions(lexicon.get(lowered[i], ())))
        groups.append(alts)
    return QueryTerms(groups)


def _expansions(phrases: Sequence[str]) -> list[tuple[str, list[str]]]:
    out = []
    for p in phrases:
        terms = [term_of(w) for _, _, w in words(p)]
        if terms:
            out.append(("term", terms))
    return out


def highlight_spans(text: str, query: QueryTerms) -> list[tuple[int, int]]:
    """Character spans of ``text`` whose words match the query: a term, a roman key (Latin queries),
    or every word of a multi-word expansion in sequence."""
    terms, romans, phrases = query.highlight_terms()
    toks = tokens(text)
    marked = [t.term in terms or bool(romans.intersection(t.romans)) for t in toks]
    for phrase in phrases:
        n = len(phrase)
        for i in range(len(toks) - n + 1):
            if [t.term for t in toks[i : i + n]] == phrase:
                marked[i : i + n] = [True] * n
    return [(t.start, t.end) for t, m in zip(toks, marked, strict=True) if m]
