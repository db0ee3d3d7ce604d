"""Who must act: the addressees of a directive.

Three places hold them: the object of the directing verb (``सचिवों को
निर्देशित किया``, ``अधिकारियों से अपेक्षा की``), the subject of the clause after
``कि`` (``कि संयुक्त आयुक्त … बैठकें आयोजित करें``), and action-table columns.
Designations are found with the gazetteer; other addressees (``राज्यों``,
``नगर निगम``) are taken as the noun phrase before ``को``/``से``.
"""

from __future__ import annotations

import re

from extractors.people import PersonMention
from models.gazetteer import Gazetteer
from nlp.vocab import is_in

_ADDRESSEE = re.compile(
    r"(?P<np>(?:[\u0900-\u097f.]+\s+){0,3}?[\u0900-\u097f]+)\s+(?:को|से)\s+(?:भी\s+)?(?:स्पष्ट\s+|सख्त\s+|कड़े\s+|कड़ी\s+|"
    r"आवश्यक\s+|विशेष\s+)?(?:निर्देश|निर्देशित|हिदायत|आदेश|अपेक्षा|आह्वान|आग्रह|अनुरोध|अपील|कहा)"
)
_SPLIT = re.compile(r"\s*(?:,|एवं|तथा|और|व)\s+")
# A designation followed by a genitive, or by को/से/तक without a directing verb, names a
# beneficiary or a possessor (कर्मचारियों की उपलब्धता, कर्मचारियों को प्रशिक्षण), not who must act.
_NOT_ACTOR_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:का|की|के|तक|से|को)(?![\u0900-\u0963\u0966-\u097f])")
# "X को … करने के निर्देश दिए" / "X को … भेजने को कहा": the directing verb closes the same clause.
_DIRECTED_LATER = re.compile(
    r"^\s*(?:\([^)]*\)\s*)?को\s+(?:(?!\sकि\s)[^,।])*?(?:के|का|की|को)\s+(?:भी\s+)?(?:(?:स्पष्ट|सख्त|कड़े|कड़ी)\s+)?"
    r"(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा)"
)
_DIRECTED_AFTER = re.compile(
    r"^\s*(?:को|से)\s+(?:भी\s+)?(?:(?:स्पष्ट|सख्त|कड़े|कड़ी|आवश्यक|विशेष)\s+)?(?:निर्देश|निर्देशित|हिदायत|आदेश|अपेक्षा|आह्वान|"
    r"आग्रह|अनुरोध|अपील|कहा|चाहिए|जिम्मेदारी|दायित्व)"
)


# "मंत्री ने राज्यों और केंद्र शासित प्रदेशों से … साझा करने का आग्रह किया": the addressees of a request
# stand right after the agent, and the request verb closes the clause many words later.
_ASKED_OF = re.compile(
    r"(?:^|\s)(?:ने|उन्होंने|इन्होंने)\s+(?P<np>(?:[\u0900-\u097f.]+\s+){0,5}?[\u0900-\u097f]+)\s+से\s+"
    r"[^।]{0,200}?(?:का|की|के)\s+(?:भी\s+)?(?:आग्रह|अनुरोध|अपील|आह्वान)"
)
# Bodies that act: "आई.टी. सेल", "जिला स्तरीय समिति", "टास्क फोर्स".
_BODY_NOUN = r"(?:सेल|प्रकोष्ठ|समिति|समितियों|समितियां|समितियाँ|टीम|टीमों|कमेटी|इकाई|इकाइयों|टास्क\s+फोर्स)"
_BODY = re.compile(
    r"(?P<body>(?:[\u0900-\u097f]+\.)+\s*[\u0900-\u097f]*|[\u0900-\u097f]+)\s+(?P<noun>"
    + _BODY_NOUN
    + r")(?![\u0900-\u097f])"
)
# "… सेल के गठन को लेकर निर्देश दिये कि ये सभी विशेष प्रकोष्ठ …": a demonstrative subject after कि
# that points back at the bodies named earlier in the sentence.
_BODIES_REFERRED = re.compile(r"\sकि\s+(?:ये|यह|वे|इन)\s+(?:सभी\s+|सब\s+|समस्त\s+)?(?:[\u0900-\u097f]+\s+)?" + _BODY_NOUN)


def _bodies_referred_back(sentence: str) -> list[tuple[int, str]]:
    """Bodies named before ``कि`` when the clause after it opens with "these (bodies)"."""
    m = _BODIES_REFERRED.search(sentence)
    if not m:
        return []
    found = []
    for b in _BODY.finditer(sentence[: m.start()]):
        head = b.group("body").strip()
        if is_in(head, "np_stop") or is_in(head, "drop_words"):
            continue
        found.append((b.start(), f"{head} {_singular(b.group('noun'))}"))
    return found


def _singular(word: str) -> str:
    for suffix, repl in (("ियों", "ी"), ("ियां", "ी"), ("ियाँ", "ी"), ("ाओं", "ा"), ("ओं", ""), ("ों", "")):
        if word.endswith(suffix) and len(word) > len(suffix) + 1:
            return word[: -len(suffix)] + repl
    return word


def _clean_np(np: str) -> str | None:
    words = np.split()
    # keep the tail after the last stop word
    for i in range(len(words) - 1, -1, -1):
        if is_in(words[i], "np_stop"):
            words = words[i + 1 :]
            break
    words = [w for w in words if not is_in(w, "drop_words")]
    if not words or len(words) > 4:
        return None
    words[-1] = _singular(words[-1])
    return " ".join(words)


def find_responsible(
    sentence: str,
    gazetteer: Gazetteer,
    mentions: list[PersonMention],
    issuer_span: tuple[int, int] | None,
) -> list[dict[str, str | None]]:
    """Addressees of the directive in ``sentence``, as [{name, designation}], in order."""
    found: list[tuple[int, dict[str, str | None]]] = []

    def add(pos: int, designation: str, name: str | None = None) -> None:
        key = designation.strip()
        if not key or any(d["designation"] == key for _, d in found):
            return
        found.append((pos, {"name": name, "designation": key}))

    for pm in mentions:
        if pm.ergative or (issuer_span and issuer_span[0] <= pm.start < issuer_span[1]):
            continue
        after = sentence[pm.end :]
        if _NOT_ACTOR_AFTER.match(after) and not (_DIRECTED_AFTER.match(after) or _DIRECTED_LATER.match(after)):
            continue
        designation = pm.written or pm.person.designation  # as written: "सीएमओ" stays, "सचिवों" → "सचिव"
        if designation:
            add(pm.start, designation, pm.person.name if pm.person.name and pm.end - pm.start > 0 else None)

    for pos, body in _bodies_referred_back(sentence):
        add(pos, body)
    addressees = [(m.start("np"), m.group("np")) for m in _ADDRESSEE.finditer(sentence)]
    addressees += [(m.start("np"), m.group("np")) for m in _ASKED_OF.finditer(sentence)]
    for start, np in addressees:
        if gazetteer.find(np):
            continue  # already taken from the gazetteer
        for part in _SPLIT.split(np):
            cleaned = _clean_np(part)
            if cleaned and is_in(cleaned.split()[-1], "manner"):
                continue
            if cleaned and len(cleaned) > 2:
                add(start, cleaned)
    found.sort(key=lambda x: x[0])
    return [d for _, d in found]
