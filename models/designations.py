"""Open-class designation phrases: any post or body named by modifiers before a known head noun.

The gazetteer (``models/data/designations.tsv``) lists the posts it knows; real minutes name hundreds
more (``जिला खाद्य विपणन अधिकारी``, ``पीएचसी प्रभारी``, ``मंडी सचिव``, ``निर्माण एजेंसियां``). A phrase here is
up to four modifier words before a head from ``models/data/hi/designation_heads.tsv`` or
``body_heads.tsv``, read as written and kept whole; the head is put in its direct singular form.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from nlp.normalize import fold, vowel_length_slips
from nlp.patterns import LETTERS, WORD_END, WORD_START
from nlp.vocab import alternation, column, is_in, rows

_MAX_MODIFIERS = 4
_WORD = re.compile(rf"[\u0904-\u0939\u0958-\u0961\u0972-\u097f]{LETTERS}+$")  # opens with a letter, not a sign
_JOINER = {"एवं", "व"}  # "खंड विकास एवं पंचायत अधिकारी": a joined modifier, not a list
# "सभी विभागों को", "सम्बन्धित विभाग … करे": a bare body head after a quantifier names the bodies meant.
# "संबंधित अन्य विभागों के अधिकारियों को": अन्य (other) before a bare body head names bodies like a quantifier
_QUANTIFIERS = {"सभी", "समस्त", "संबंधित", "सम्बन्धित", "प्रत्येक", "हर", "जिन", "विभिन्न", "अन्य"}
_GENITIVES = {"का", "की", "के"}
_OWNER_GENITIVE = re.compile(r"\s+(का|की|के)\s+")
_ADDRESSED = re.compile(r"\s+(?:को|से|द्वारा)\s")  # told, asked, or the agent of what is to be done
# "यह दल …", "…, ये टीमें …", "कि यह समिति …": a demonstrative that opens its clause (demonstratives.tsv)
_OPENS_WITH_DEMONSTRATIVE = re.compile(
    rf"(?:^|[,।:;]|\s(?:कि|तथा|और|एवं))\s*(?:{alternation(column('demonstratives'))})\s+$"
)
_POSTPOSITION_AFTER = re.compile(r"\s*(?:को|से|द्वारा|ने|का|की|के|में|पर)(?![\u0900-\u097f])")
_AFTER_PURPOSE = re.compile(r"\s(?:के\s+लिए|के\s+लिये|हेतु),?\s+$")


def _bare_body_named(text: str, m: re.Match[str], head: str) -> bool:
    """Does a body head with no modifier name bodies: after a quantifier, or a plural addressed with को/से?"""
    before = text[max(0, m.start() - 20) : m.start()].split()
    if before and before[-1] in _QUANTIFIERS:
        return True
    if (
        before
        and is_in(before[-1], "demonstratives")
        and _OPENS_WITH_DEMONSTRATIVE.search(text, 0, m.start())
        and not _POSTPOSITION_AFTER.match(text, m.end())
    ):
        return True  # "यह दल … प्रस्तुत करेगा", "ये टीमें … करें": the body named before, subject of this clause
    if m.group(0) != head and _ADDRESSED.match(text, m.end()):
        return True
    if before and before[-1] in _GENITIVES and is_in(head, "addressable_bodies"):
        return True  # "टास्क फोर्स की टीमें … रखें", "खनन विभाग की टीम को …": the team of the body named before
    # "मुख्यमंत्री ने टीम को … करने को कहा", "… रोकने के लिए प्रशासन पूरी तैयारी रखे": a body that can only be the one
    # meant here, addressed or the subject after a purpose phrase
    return is_in(head, "addressable_bodies") and bool(
        _ADDRESSED.match(text, m.end()) or _AFTER_PURPOSE.search(text, 0, m.start())
    )


_HYPHENATED = re.compile(rf"{WORD_START}({LETTERS}{{2,}})-$")


@dataclass(frozen=True)
class Phrase:
    start: int
    end: int
    written: str  # as written, the head in direct singular form
    body: bool  # a body (विभाग, एजेंसी) rather than a post


def plural_forms(word: str) -> list[str]:
    """Oblique and direct plural forms of a head noun."""
    if word.endswith("ी"):
        # "पदाधिकारियो": the oblique plural with its anusvara lost in typing
        # "पदाधिकारीयों": the long vowel kept before the plural ending, a common typing slip
        return [
            *(word[:-1] + end for end in ("ियों", "ियां", "ियाँ", "ियो")),
            *(word + end for end in ("गण", "यों", "यो")),  # "अधिकारीयो": both slips at once
        ]
    if word.endswith("ि"):
        return [word + "यों", word + "यां"]
    if word.endswith("ई"):
        # "इकाई" → "इकाइयां" / "इकाइयों": the independent vowel shortens before the plural ending as the sign does
        return [word[:-1] + end for end in ("इयों", "इयां", "इयाँ", "इयो")]
    if word.endswith("ा"):
        return [word + "ओं", word + "एं", word + "एँ"]
    if re.search("[\u093e-\u094c]$", word):
        return []
    # "बैंकर्स", "कलेक्टर्स": an English head keeps the English plural -s
    # "बैंको को", "विभागो से": the oblique plural with its anusvara lost in typing
    # "एयरलाइंस": the English plural after न written with the anusvara
    nasal = [word[:-1] + "ंस"] if word.endswith("न") else []
    return [word + "ों", word + "ें", word + "गण", word + "्स", word + "ो", *nasal]


@lru_cache(maxsize=1)
def _heads() -> tuple[re.Pattern[str], dict[str, tuple[str, bool]]]:
    singular: dict[str, tuple[str, bool]] = {}
    for name, body in (("designation_heads", False), ("body_heads", True)):
        # a masculine head in -ा ("दस्ता") is "दस्ते" / "दस्तों" in the plural, not "दस्ताओं"
        masculine = {r[0] for r in rows(name) if r[1:2] == ("masculine",)}
        for head in column(name):
            last = head.rpartition(" ")[2]
            forms = plural_forms(last) + ([last[:-1] + "े", last[:-1] + "ों"] if head in masculine else [])
            for form in [head, *(head[: len(head) - len(last)] + p for p in forms)]:
                singular.setdefault(" ".join(form.split()), (head, body))
    for head in column("fuzzy_heads"):
        # "निरिक्षक", "अधीकारियों": a stem vowel sign at the other length in a long head is the head
        for variant in vowel_length_slips(head):
            for form in [variant, *plural_forms(variant)]:
                singular.setdefault(form, singular.get(head, (head, False)))
    suffixes = [f for sfx in column("head_suffixes") for f in [sfx, *plural_forms(sfx)]]
    pattern = re.compile(
        rf"{WORD_START}(?:{alternation(list(singular))}|{LETTERS}+(?:{alternation(suffixes)})){WORD_END}"
    )
    return pattern, singular


@lru_cache(maxsize=1)
def _fuzzy_heads() -> dict[str, str]:
    """Heads whose misspellings are read as the post (``fuzzy_heads.tsv``), as written and folded."""
    out: dict[str, str] = {}
    for head in column("fuzzy_heads"):
        for form in (head, fold(head)):
            out.setdefault(form, head)
    return out


def fuzzy_head(word: str, cutoff: float = 85.0) -> str | None:
    """The head a misspelt singular head word stands for (``अधकारी`` → ``अधिकारी``), or None when it is a head
    already or near none (rapidfuzz edit similarity as written or folded, the same last letter)."""
    heads = _fuzzy_heads()
    forms = {word, fold(word)}
    if len(word) < 5 or forms & heads.keys():
        return None
    scored = [
        # "अधकिरी": two letters swapped score low on similarity, but are two edits away
        (
            max(fuzz.ratio(form, key), cutoff if Levenshtein.distance(form, key) <= 2 and len(form) >= 6 else 0.0),
            -rank,
            head,
        )
        for form in forms
        for rank, (key, head) in enumerate(heads.items())
        # a slip of a letter or two; "प्रबंध", "व्यवस्था": the noun a post is named after, not a slip for the post
        if key[-1] == form[-1] and abs(len(key) - len(form)) <= 1 and not key.startswith(form)
    ]
    best = max(scored, default=(0.0, 0, ""))
    return best[2] if best[0] >= cutoff else None


@lru_cache(maxsize=4096)
def _head_of(surface: str) -> tuple[str, bool]:
    """The direct singular head of a matched head word (a listed head or a solid compound)."""
    singular = _heads()[1]
    key = " ".join(surface.split())
    if key in singular:
        return singular[key]
    for sfx in column("head_suffixes"):
        for plural in plural_forms(sfx):
            if key.endswith(plural):
                return key[: -len(plural)] + sfx, False
    return key, False


def _stops(word: str) -> bool:
    return (
        not _WORD.match(word)
        or is_in(word, "phrase_stop")
        or is_in(word, "np_stop")
        or is_in(word, "drop_words")
        or word[0].isdigit()
        or verbal_noun(word)
        or finite_or_participle(word)
    )


# "… मर्यादा बनाए रखें और नगर निगम …", "… पालन सुनिश्चित करके सदस्य …": a verb of a stem (imperative_stems.tsv) in its
# imperative, subjunctive, future or conjunctive participle ends the clause before a phrase, never a modifier in it.
_VERB_FORM = re.compile(rf"(?:{alternation(column('imperative_stems'))})(?:ें|एं|एँ|ाएं|ाएँ|ाए|ेंगे|ेंगी|ेगा|ेगी|कर|के)")


def finite_or_participle(word: str) -> bool:
    """Is ``word`` a verb form of a listed stem (``रखें``, ``भेजेंगे``, ``करके``, ``बनाकर``), never a post's modifier?"""
    return bool(_VERB_FORM.fullmatch(word))


def verbal_noun(word: str) -> bool:
    """Is ``word`` an oblique verbal noun (``हटाने``, ``करनें``)? In "मलबा हटाने व जल संस्थान को" it ends the
    action before the post and is never a modifier of it."""
    return len(word) > 3 and word.endswith(("ने", "नें"))


def find_phrases(text: str) -> list[Phrase]:
    """Designation and body phrases in ``text``, left to right, longest reading of each."""
    pattern = _heads()[0]
    out: list[Phrase] = []
    for m in pattern.finditer(text):
        head, body = _head_of(m.group(0))
        start = m.start()
        joined = _HYPHENATED.search(text, 0, m.start())
        if joined and body and not pattern.fullmatch(joined.group(1)):
            # "मंत्रि-परिषद", "नगर-निगम": a word joined by a hyphen is part of a body's head (never a second post,
            # as in "अधिकारी-कर्मचारी")
            head, start = f"{joined.group(1)}-{head}", joined.start(1)
        words = text[max(0, start - 80) : start].split()
        modifiers: list[str] = []
        while words and len(modifiers) < _MAX_MODIFIERS:
            word = words[-1]
            if word in _JOINER and modifiers and len(words) > 1 and not _stops(words[-2]):
                before = words[-2]
                if before.endswith(("ों", "यों")) or pattern.fullmatch(before):
                    break  # "तहसीलदारों एवं थाना प्रभारियों": a list, not one post
            elif _stops(word) or word.endswith(("ों", "यों")):
                break
            modifiers.insert(0, word)
            words.pop()
        if modifiers and modifiers[0] in _JOINER:
            modifiers.pop(0)
        if modifiers:
            start = text.rfind(modifiers[0], max(0, start - 80), start)
        if body and not modifiers and not re.search("[ -]", head) and not _bare_body_named(text, m, head):
            continue  # a bare "केंद्र" or "विभाग" names no one
        prev = out[-1] if out else None
        if prev is not None and prev.body and body and not text[prev.end : m.start()].strip() and prev.end > start:
            # "नगरपालिका परिषद्", "महानगरपालिका बोर्ड": a body's head right after a body names one body
            out[-1] = Phrase(prev.start, m.end(), f"{prev.written} {head}", True)
            continue
        if prev is not None and prev.body and not body and not text[prev.end : m.start()].strip():
            # "समिति व्यवस्थापक", "ग्राम पंचायत सचिव": a post of the body named right before it
            out[-1] = Phrase(prev.start, m.end(), f"{prev.written} {head}", False)
            continue
        if out and out[-1].end > start:
            if out[-1].end > m.start():
                continue  # a head inside the previous phrase's span
            # "अधिशाषी अभियंता लोक निर्माण विभाग": the modifiers after the previous phrase are this one's
            modifiers = text[out[-1].end : m.start()].split()
            prev = out[-1]
            if (
                not prev.body
                and " " not in prev.written
                and is_in(prev.written, "post_ranks")
                and modifiers
                and modifiers[0] not in _JOINER
                and not any(_stops(w) and w not in _JOINER for w in modifiers)
            ):
                # "सहायक मत्स्य अधिकारी": a rank that is a head of its own (सहायक) opens this post's title
                out[-1] = Phrase(prev.start, m.end(), " ".join([prev.written, *modifiers, head]), body)
                continue
            start = m.start() - len(text[out[-1].end : m.start()].lstrip())
            if modifiers and modifiers[0] in _JOINER:
                # "यातायात पुलिस  व पुलिस विभाग के …": a joiner after the previous phrase lists the next, no modifier
                modifiers.pop(0)
                start = text.rfind(modifiers[0], out[-1].end, m.start()) if modifiers else m.start()
            if body and not modifiers and " " not in head:
                continue
        written = " ".join([*modifiers, head])
        if body and not modifiers and out and (owner := _OWNER_GENITIVE.fullmatch(text, out[-1].end, m.start())):
            written = f"{out[-1].written} {owner[1]} {head}"  # "टास्क फोर्स की टीम": the team named with its owner
        out.append(Phrase(start, m.end(), written, body))
    return out
