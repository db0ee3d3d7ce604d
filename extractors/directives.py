"""Is a sentence a directive? Cue patterns of Hindi officialese, with a confidence.

See ../shared/eval/GUIDELINES.md: a directive is a sentence in which an
authority directs someone to do something in future. Discussion, progress
reports, opinions and expected benefits are not directives.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_B = r"(?<![\u0900-\u0963\u0966-\u097f])"  # word start

# Explicit speech acts of directing: strong cues.
_DIRECT = re.compile(
    rf"{_B}(?:निर्देश(?:ित)?\s+(?:भी\s+)?(?:दिए|दिये|दिया|दी|किया|किए|किये|करते|देते|दिए\s+गए|दिये\s+गये)|निर्देशित\s+(?:किया|किए|करते)"
    rf"|(?:हिदायत|आदेश)\s+(?:भी\s+)?(?:दी|दिए|दिये|दिया|देते)|आह्वान\s+किया|अपेक्षा\s+(?:की|व्यक्त\s+की|जताई)"
    rf"|(?:आग्रह|अनुरोध|अपील)\s+(?:भी\s+)?(?:किया|की)|निर्णय\s+(?:लिया\s+गया|हुआ|लिए\s+गए)|तय\s+(?:किया\s+गया|हुआ)"
    rf"|(?:ने|नें)\s+(?:के\s+लिए\s+|को\s+)(?:भी\s+)?कहा|सहमति\s+(?:बनी|हुई)|(?:सुनिश्चित|सुनिश्चत)\s+(?:करें|करे|किया\s+जाए|की\s+जाए|कराएं|कराया\s+जाए|करने|करना))"
)
# Generic directions that carry no content: "आवश्यक दिशा-निर्देश दिए".
_EMPTY_DIRECTION = re.compile(
    r"(?:आवश्यक|जरूरी|उचित|विस्तृत|महत्वपूर्ण|कई|अनेक)\s+(?:दिशा-?\s*)?निर्देश\s+(?:भी\s+)?(?:दिए|दिये|दिया)\s*(?:गए|गये)?\s*[।.]?$"
)
# Subjunctive passive and imperative verbs at the end of a clause: "… किया जाए", "… करें".
_CLAUSE_END = r"(?=\s*(?:[।,;:!?.|]|$|तथा|और|एवं|ताकि|जिससे|जिसमें|ताकी|अन्यथा|वरना|व\s))"
_SUBJUNCTIVE = re.compile(rf"{_B}(?:जाए|जाये|जाएं|जायें|जाएँ|जावे|जावें|जाय){_CLAUSE_END}")
_IMPERATIVE_STEMS = (
    "कर|करा|करवा|दे|दिला|ले|रख|भेज|बना|बनवा|पहुंचा|पहुँचा|बढ़ा|चला|जोड़|निभा|अपना|लगा|लगवा|हटा|उठा|"
    "जुटा|दिखा|सुधार|निपटा|निस्तार|पूर्ण\\s+कर|रह|हो|ला|बुला|जा|समझा|बता|सुन|देख|पढ़|लिख|खोल|बैठ|पहुंच|पहुँच|"
    "बचा|रोक|मिला|सौंप|भर|गिन|छोड़|चुका|बांट|बाँट|सुलझा|निकाल|कराय|अपनाय|बनाय|चलाय|बढ़ाय|"
    "दौड़|ढूंढ|ढूँढ|जांच|जाँच|सजा|सँवार|संवार|सम्हाल|संभाल|खरीद|बेच|उतार|चढ़ा|सिखा|पिला|खिला"
)
_IMPERATIVE = re.compile(rf"{_B}(?:{_IMPERATIVE_STEMS})(?:ें|ें|ाएं|ाएँ|ायें|ाये|ाए|ावें|एं|एँ|यें){_CLAUSE_END}")
# A decision in formal minutes: "… किया जाएगा" after "निर्णय लिया गया कि".
_FUTURE_PASSIVE = re.compile(rf"{_B}(?:जाएगा|जाएगी|जाएंगे|जाएँगे|जायेगा|जायेगी|जायेंगे){_CLAUSE_END}")
_FUTURE_ACTIVE = re.compile(rf"{_B}(?:करेंगे|करेगा|करेगी|करेंगी|रखेंगे|भेजेंगे|कराएंगे|देंगे){_CLAUSE_END}")
# "कहा कि … लाभ पात्र किसानों तक पहुंचे।": a third-person subjunctive ending the sentence.
_SUBJUNCTIVE_3SG = re.compile(rf"{_B}कि\s.*{_B}(?:पहुंचे|पहुँचे|मिले|हो|बने|रहे|जुड़े|बढ़े|सुधरे|लगे|आए|आये)\s*[।!]\s*$")
_NEGATED_WARNING = re.compile(r"(?:बर्दाश्त|सहन|क्षम्य)\s+नहीं")
_REPORTED = re.compile(
    rf"{_B}(?:चर्चा\s+(?:की\s+गई|हुई|की)|अवगत\s+कराया|बताया\s+(?:कि|गया)|जानकारी\s+दी|प्रस्तुतीकरण|उपस्थित\s+(?:रहे|थे|रहीं))"
)
_THAT_CLAUSE = re.compile(rf"{_B}(?:कहा|बल\s+दिया|जोर\s+दिया|ज़ोर\s+दिया|स्पष्ट\s+किया|दोहराया|निर्देश|हिदायत)")


@dataclass(frozen=True)
class DirectiveCue:
    kind: str  # direct | subjunctive | imperative | decision | future
    start: int
    end: int
    confidence: float


def directive_cue(sentence: str, *, minutes_context: bool = False) -> DirectiveCue | None:
    """The strongest directive cue in ``sentence``, or None if it is not a directive.

    ``minutes_context`` is true inside formal minutes, where numbered decisions in
    the future tense ("… किया जाएगा") are directives too.
    """
    if _EMPTY_DIRECTION.search(sentence):
        return None
    m = _DIRECT.search(sentence)
    if m:
        return DirectiveCue("direct", m.start(), m.end(), 0.95)
    if _NEGATED_WARNING.search(sentence) and not (_SUBJUNCTIVE.search(sentence) or _IMPERATIVE.search(sentence)):
        return None
    for kind, rx, conf in (("subjunctive", _SUBJUNCTIVE, 0.85), ("imperative", _IMPERATIVE, 0.8)):
        m = rx.search(sentence)
        if m:
            if _REPORTED.search(sentence) and not _THAT_CLAUSE.search(sentence):
                return None
            return DirectiveCue(kind, m.start(), m.end(), conf)
    m = _SUBJUNCTIVE_3SG.search(sentence)
    if m and _THAT_CLAUSE.search(sentence) and not _REPORTED.search(sentence):
        return DirectiveCue("subjunctive", m.start(), m.end(), 0.65)
    if minutes_context:
        m = _FUTURE_PASSIVE.search(sentence) or _FUTURE_ACTIVE.search(sentence)
        if m:
            return DirectiveCue("decision", m.start(), m.end(), 0.7)
    m = _FUTURE_ACTIVE.search(sentence)
    if m and _THAT_CLAUSE.search(sentence):
        return DirectiveCue("future", m.start(), m.end(), 0.6)
    return None
