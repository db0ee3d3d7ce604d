"""Hindi word lists kept as data: ``models/data/hi/NAME.tsv``, one entry a line, loaded once.

Lines starting with ``#`` are comments; columns are separated by tabs. ``words`` folds each entry with
``nlp.normalize.fold`` so that a list holds one spelling per word and lookups fold the word they check;
``rows`` returns the columns as written (for lists that build regular expressions, whose alternatives
must match the text as written).

The files are data of the ``models`` package (they ship with its other data); reading them imports no
code of a higher layer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from nlp.normalize import fold


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The non-comment lines of ``models/data/hi/{name}.tsv`` split on tabs, cells stripped."""
    text = resources.files("models").joinpath("data", "hi", f"{name}.tsv").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(tuple(cell.strip() for cell in line.split("\t")))
    return tuple(out)


@cache
def words(name: str) -> frozenset[str]:
    """The first column of ``name``, folded."""
    return frozenset(fold(r[0]) for r in rows(name) if r and r[0])


# After each letter of a word written letter by letter: a dot or a zero (typed for the dot in UP's offices),
# perhaps spaced ("एस.डी.एम.", "बी0डी0ओ0", "डी. एम.").
LETTER_MARK = r"\s?[.0\u0966]"
_DOTTED = re.compile(
    rf"(?:[\u0900-\u0963\u0971-\u097f]{{1,4}}{LETTER_MARK}\s?){{2,}}[\u0900-\u0963\u0971-\u097f]{{0,4}}"
)
_LETTER_MARKS = re.compile(r"[\s.0\u0966]")


def undotted(word: str) -> str:
    """``word`` without the marks between its letters when it is written letter by letter
    (``एस.डी.एम.`` → ``एसडीएम``, ``उ0प्र0`` → ``उप्र``); any other word unchanged."""
    return _LETTER_MARKS.sub("", word) if _DOTTED.fullmatch(word.strip()) else word


@lru_cache(maxsize=8192)
def _folded(word: str) -> str:
    return fold(undotted(word))


def is_in(word: str, name: str) -> bool:
    """Is ``word`` (any spelling) in the list ``name``?"""
    return _folded(word) in words(name)


def alternation(entries: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    """A regex alternation of ``entries`` (longest first; spaces match any whitespace). With no entries it is
    ``(?!)``, which matches nothing: an empty alternation would match everywhere."""
    forms = sorted({e for e in entries if e}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) or "(?!)"


@cache
def column(name: str, index: int = 0) -> tuple[str, ...]:
    """One column of ``name``, as written, with the folded spelling added where it differs."""
    out: list[str] = []
    for r in rows(name):
        if len(r) > index and r[index]:
            written = r[index]
            out += [
                written,
                unicodedata.normalize("NFC", written),
                unicodedata.normalize("NFD", written),
                fold(written),
            ]
    return tuple(dict.fromkeys(out))


@cache
def _spellings() -> tuple[tuple[str, str], ...]:
    """(canonical, regex of its spellings) from ``cue_spellings.tsv``."""
    variants: dict[str, list[str]] = {}
    for r in rows("cue_spellings"):
        if len(r) < 2:
            continue
        guard = f"(?![{re.escape(r[2])}])" if len(r) > 2 and r[2] else ""
        variants.setdefault(r[0], [re.escape(r[0])]).append(re.escape(r[1]) + guard)
    return tuple((canon, "(?:" + "|".join(forms) + ")") for canon, forms in variants.items())


def with_spellings(pattern: str) -> str:
    """``pattern`` with each cue word of ``cue_spellings.tsv`` widened to its misspellings."""
    for canon, alternatives in _spellings():
        pattern = pattern.replace(canon, alternatives)
    return pattern


def spelled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile`` of ``pattern`` widened by ``with_spellings``."""
    return re.compile(with_spellings(pattern), flags)
