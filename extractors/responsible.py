"""Who must act: the addressees of a directive.

Three places hold them: the object of the directing verb (``सचिवों को
निर्देशित किया``, ``अधिकारियों से अपेक्षा की``), the subject of the clause after
``कि`` (``कि संयुक्त आयुक्त … बैठकें आयोजित करें``), and action-table columns.
Designations are found with the gazetteer; other addressees (``राज्यों``,
``नगर निगम``) are taken as the noun phrase before ``को``/``से``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from extractors.people import PersonMention
from models.designations import find_phrases, finite_or_participle, fuzzy_head, plural_forms, verbal_noun
from models.gazetteer import Gazetteer
from nlp.normalize import fold
from nlp.patterns import LETTERS, WORD_END, WORD_START
from nlp.vocab import alternation, column, is_in, rows, spelled

# "पटवारियों को पाबंद किया गया कि …": the words of a direction right after its addressee (addressee_directions.tsv).
_DIRECTION_WORDS = alternation(column("addressee_directions"))
_ADDRESSEE = spelled(
    r"(?<![\u0900-\u0963\u0966-\u097f.])(?P<np>(?:[\u0900-\u097f.]+\s+){0,3}?[\u0900-\u097f]+)\s+(?:को|से)\s+(?:भी\s+)?"
    r"(?:स्पष्ट\s+|सख्त\s+|कड़े\s+|कड़ी\s+|आवश्यक\s+|विशेष\s+|जरूरी\s+|ज़रूरी\s+|उचित\s+|निम्नलिखित\s+|निम्नांकित\s+|निम्न\s+)?"
    r"(?:दिशा-?\s*)?"
    rf"(?:{_DIRECTION_WORDS})"
)
# "जिले के …", "प्रदेश की …": the area the addressees serve, before them.
_AREA_OF = r"(?:जिले|जिला|जनपद|ज़िले|प्रदेश|राज्य|मंडल|संभाग|प्रखंड|ब्लॉक|विकासखंड|तहसील|शहर|नगर)\s+(?:के|की)\s+"
_AREA_OPENING = spelled("^" + _AREA_OF)
# A list goes on after this member.
_CONJUNCTION = rf"(?:{alternation(column('list_conjunctions'))})"  # the words that join a list's members
_LIST_NEXT = re.compile(rf"\s*(?:[,/]|{_CONJUNCTION}\s)")
_SPLIT = spelled(rf"\s*[,/]\s*|\s+{_CONJUNCTION}\s+")  # a list's separators, whole words only
# A designation followed by a genitive, or by को/से/तक without a directing verb, names a
# beneficiary or a possessor (कर्मचारियों की उपलब्धता, कर्मचारियों को प्रशिक्षण), not who must act.
_NOT_ACTOR_AFTER = spelled(r"^\s*(?:\)\s*)?(?:का|की|के|तक|से|को)(?![\u0900-\u0963\u0966-\u097f])")
# "X को … करने के निर्देश दिए" / "X को … भेजने को कहा": the directing verb closes the same clause.
_EMPTY_ADJ = alternation(column("empty_direction_adjectives"))
# What may stand between an addressee and its directing verb: no कि, no second addressee of a new clause, and
# commas only inside a list of objects ("… कॉलोनी, मंजगाम, कुलगाम और … में आपूर्ति सुनिश्चित करने का
# निर्देश"), never after a finite verb that closes a clause of its own.
_FINITE_BEFORE_COMMA = "".join(
    rf"(?<!\s{verb})"
    for verb in ("है", "हैं", "था", "थे", "गया", "गई", "गए", "किया", "दिया", "दिए", "दिये", "करें", "जाए", "जाएं")
)
_OBJECT_STRETCH = (
    # nor a finite verb and a conjunction that close a clause of its own ("X को अलर्ट पर रखा गया है और …")
    r"(?:(?!\sकि\s|\s(?:और|तथा|एवं)\s+\S+\s+को\s|\s(?:है|हैं|था|थे|गया|गई|गए|गये)\s+(?:और|तथा|एवं|व)\s)"
    rf"(?:[^,।]|{_FINITE_BEFORE_COMMA}(?<!\sने)(?<!न्होंने)(?<!न्होने),))*?"
)
_DIRECTED_LATER = spelled(
    rf"^\s*(?:\([^)]*\)\s*)?(?:को|से)\s+(?:{_OBJECT_STRETCH}\s)?"
    r"(?:के\s+लिए|हेतु|के|का|की|को|[\u0900-\u097f]*ने)\s+(?:भी\s+)?"
    # "अधिकारियों को तेजी लाने के दिए निर्देश": a headline puts the verb before the noun
    r"(?:(?:दिए|दिये|दी|दिया)\s+)?"
    rf"(?:(?:{_EMPTY_ADJ}|पूरी|पूर्ण|संपूर्ण)\s+){{0,2}}(?:दिशा-?\s*)?(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा|जिम्मा|जिम्मेदारी|दायित्व|पाबंद|ताकीद|चेतावनी|सलाह"
    # "कर्मचारियों को … के लिए प्रेरित किया" (they were urged), not "किसानों को … प्रेरित किया जाए" (they are to be urged)
    r"|प्रेरित(?!\s+(?:किया|किए|किये)\s+(?:जाए|जाएं|जाये|जायें|जाएगा|जाएंगे)|\s+करें|\s+करने)"
    r"|लक्ष्य\s+(?:भी\s+)?(?:दिया|दिए)"
    # "डीटीओ को … जांच करने, … जागरूक करने की बात कही": what they were told to do (not what is to be done for them:
    # "किसानों को बारदाना उपलब्ध करवाए जाने की बात कही")
    r"|(?<!जाने\sकी\s)बात\s+(?:भी\s+)?(?:कही|कहीं))"
    # "बीएलओ को विधानसभा चुनावों को लेकर जरूरी दिशा निर्देश जारी किए": the topic of the directions, no action
    # (verbal noun) in between whose object the dative could be
    # ("… को दौरे को लेकर विभिन्न दिशा निर्देश जारी किए गए": various directions on the topic, given to them)
    r"|^\s*को\s+(?:(?![\u0900-\u097f]+ने\s)[^,।]){0,80}?\s(?:को\s+लेकर|के\s+(?:संबंध|सम्बन्ध|बारे|संदर्भ)\s+में)\s+"
    rf"(?:भी\s+)?(?:(?:{_EMPTY_ADJ}|विभिन्न)\s+){{0,2}}(?:दिशा-?\s*)?(?:निर्देश|निर्देशित)"
    # "सेविकाओं को पोषण ट्रैकर पर कार्य करने को लेकर निर्देशित किया": the action itself is the topic
    rf"|^\s*को\s+(?:{_OBJECT_STRETCH}\s)?[\u0900-\u097f]+(?:ने|नें)\s+को\s+लेकर\s+"
    rf"(?:भी\s+)?(?:(?:{_EMPTY_ADJ})\s+){{0,2}}(?:दिशा-?\s*)?(?:निर्देश|निर्देशित)"
    # "पंचायत सचिवों को भवनों की सफाई पर भी जोर दिया", "… को संबोधित करते हुए … पर बल दिया": emphasis laid on them
    r"|^\s*को\s+(?:(?!\sकि\s)[^,।])*?\sपर\s+(?:भी\s+)?(?:विशेष\s+)?(?:जोर|ज़ोर|बल)\s+(?:भी\s+)?दिया"
    # "कि सभी सचिवों को सत्र में उपस्थित रहना चाहिए": the dative subject of an obligation, not one whose own clause
    # ends first ("किसानों को कोई परेशानी न हो इसका ध्यान रखा जाना चाहिए": who must not be troubled)
    r"|^\s*को\s+(?:(?!\sकि\s|\s(?:न|ना|नहीं)\s+हो\s)[^,।]){0,160}?(?:ना|नी|ने)\s+(?:ही\s+|भी\s+)?"
    # "… अधिकारियों को यह सुनिश्चित करना है कि …": the present of the obligation (करना है) binds them too
    r"(?:चाहिए|चाहिये|होगा|होगी|होंगे|होंगी|पड़ेगा|पड़ेगी|पड़ेंगे|है|हैं"
    # "RTO और DTO को … सड़क पर जाना अनिवार्य है", "सभी डीलरों को स्टॉक रजिस्टर रखना अनिवार्य है", "… दुकानदारों को
    # ई-केवाईसी कराना आवश्यक है": an order's rule binds its dative like the obligation in चाहिए / होगा
    r"|(?:अनिवार्य|आवश्यक|जरूरी|ज़रूरी)\s+(?:है|हैं|होगा|होगी|होंगे|रहेगा|रहेगी))"
    # "प्रधानाचार्यों को … पर ध्यान देने की जरूरत है": the need of an action, said of its dative, binds it (not one
    # that befalls them: "किसानों को लाभ मिलने की जरूरत है")
    r"|^\s*को\s+(?:(?!\sकि\s|\s(?:न|ना|नहीं)\s+हो\s)[^,।]){0,160}?(?<!मिलने)(?<!होने)\sकी\s+"
    r"(?:जरूरत|ज़रूरत|आवश्यकता)\s+(?:है|हैं|होगी)"
)
# "अधिकारियों को … बैठक में उपस्थित होने का आग्रह किया": a request made to a dative binds it as a direction does,
# unless a से before it names whom the request is made of ("केंद्र से किसानों को मुआवजा देने का आग्रह")
_REQUESTED_LATER = spelled(
    rf"^\s*को\s+(?:{_OBJECT_STRETCH}\s)?(?:का|की|के)\s+(?:भी\s+)?(?:आग्रह|अनुरोध|अपील)\s+(?:भी\s+)?(?:किया|की|किए|किये)"
)
_ASKED_OF_BEFORE = spelled(r"\sसे\s")
# "… के बाद आर्थिक अपराध इकाई को रिपोर्ट भेजनी है": a body or office in the dative of a verb of sending is where the
# report goes, no subject (a post there sends it: "सभी थाना प्रभारियों को … रिपोर्ट भेजनी होंगी")
_SENT_TO = spelled(
    r"^\s*को\s+(?:(?!\sकि\s)[^,।]){0,160}?(?:भेज|सौंप|सौप)(?:ना|नी|ने)\s+(?:ही\s+|भी\s+)?"
    r"(?:चाहिए|चाहिये|होगा|होगी|होंगे|होंगी|पड़ेगा|पड़ेगी|पड़ेंगे|है|हैं)"
)
_DIRECTED_LATER_LOOSE = spelled(
    r"\s*(?:\([^)]*\)\s*)?(?:को|से)\s+(?:(?:(?!\sकि\s)[^,।])*?\s)?(?:के\s+लिए|हेतु|के|का|की|को|[\u0900-\u097f]+ने)\s+(?:भी\s+)?"
    r"(?:(?:स्पष्ट|सख्त|कड़े|कड़ी)\s+)?(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा)"
)
_SPOKEN = alternation(column("address_manners"))
_DIRECTED_AFTER = spelled(
    # "अधिशासी अभियंता के निर्देश दिए कि …", "… अधिकारियों के निर्देशित किया": के written for को before a
    # directing verb that opens a कि-clause or is निर्देशित (never "X के निर्देश पर", on X's orders)
    r"^\s*के\s+(?:निर्देशित\s+(?:भी\s+)?(?:किया|किए|किये|करते)|(?:दिशा-?\s*)?निर्देश\s+(?:भी\s+)?(?:दिए|दिये|दिया)"
    r"(?:\s+(?:गए|गये|गया))?\s*,?\s*कि\s)"
    # "संबंधित अधिकारियों को यह भी निर्देशित किया कि …": the direction announced by a demonstrative
    # "… अधिकारी राजस्व को इस संबंध में निर्देशित किया": the topic pointed back at before the verb
    r"|^\s*(?:\([^()]{0,60}\)\s*)?(?:(?:को|से)\s+(?:(?:यह|ये)\s+)?(?:भी\s+)?"
    r"(?:इस\s+(?:संबंध|सम्बन्ध|सम्बंध|बारे|विषय)\s+में\s+(?:भी\s+)?)?"
    # "… पुलिस अधीक्षक, कछार को एतद्द्वारा निर्देशित किया जाता है कि …": an order's formal "hereby"
    r"(?:(?:एतद्द्वारा|एतदद्वारा|एतद्वारा)\s+)?"
    # "पटवारियों को किया पाबंद", "सचिवों को दी हिदायत": a headline puts the verb first
    r"(?:(?:किया|किए|किये|दी|दिए|दिये|दिया)\s+)?"
    # "अधिकारियों को दो टूक कहा", "… को संबोधित करते हुए कहा कि": the manner of speaking (address_manners.tsv)
    rf"(?:(?:{_SPOKEN})\s+)?|का\s+(?:भी\s+)?(?=आह्वान))"
    # "पदाधिकारियों को इससे संबंधित आवश्यक दिशा-निर्देश दिये": the topic pointed back at
    rf"(?:(?:इससे|इनसे|उससे|उनसे)\s+(?:संबंधित|सम्बन्धित|सम्बंधित|संबंधी)\s+)?(?:(?:स्पष्ट|सख्त|कड़े|कड़ी|आवश्यक|विशेष|जरूरी|ज़रूरी|उचित|निम्नलिखित|निम्नांकित|निम्न)\s+)?(?:दिशा-?\s*)?(?:{_DIRECTION_WORDS}|"
    r"चाहिए|जिम्मेदारी|दायित्व|बताया\s+कि)"
)


# "मंत्री ने राज्यों और केंद्र शासित प्रदेशों से … साझा करने का आग्रह किया": the addressees of a request
# stand right after the agent, and the request verb closes the clause many words later.
_ASKED_OF = spelled(
    r"(?:^|\s)(?:ने|उन्होंने|इन्होंने|उन्होने|इन्होने)\s+(?P<np>(?:[\u0900-\u097f.]+\s+){0,5}?[\u0900-\u097f]+)\s+से\s+"
    r"[^।]{0,200}?(?:का|की|के)\s+(?:भी\s+)?(?:आग्रह|अनुरोध|अपील|आह्वान)"
)
# "राज्यों को … पर ध्यान देने की सलाह दी गई": the dative that opens the clause (or follows the agent) is
# advised, however many words the advice takes.
_ADVISED = spelled(
    r"(?:^\s*|(?:^|\s)(?:ने|उन्होंने|इन्होंने|उन्होने|इन्होने)\s+)(?P<np>(?:[\u0900-\u097f.]+\s+){0,3}?[\u0900-\u097f]+)\s+को\s+"
    r"[^।]{0,200}?(?:का|की|के)\s+(?:भी\s+)?सलाह\s+(?:भी\s+)?(?:दी|दिया|दिए|दिये)"
)
# "कहा कि कम वसूली वाले प्रखंड अगले माह तक स्थिति सुधारें": a "… वाले X" phrase opening the clause after कि
# is the subject of its subjunctive.
_WALE_SUBJECT = spelled(
    # ("कि थाने पर आने वाले हर व्यक्ति से …": a quantifier after वाले is read with its noun, here an oblique one)
    r"\sकि\s+(?P<np>(?:[\u0900-\u097f]+\s+){1,3}?वाले\s+(?:(?:हर|सभी|प्रत्येक|समस्त)\s+)?(?!(?:हर|सभी|प्रत्येक|समस्त)\s)[\u0900-\u097f]+)\s+"
    r"(?!(?:का|की|के|को|से|में|पर|ने|तक)(?![\u0900-\u0963\u0966-\u097f]))[^,।]{0,120}?(?:ें|एं|ाएँ)(?:\s*[,।.]|\s*$|\s+(?:वरना|अन्यथा|और|तथा))"
)
# "कहा कि समिति हर माह … समीक्षा करेगी", "समिति … एक माह में अपनी रिपोर्ट … उपलब्ध करायेगी": a committee named bare at
# the head of the clause is the one the note speaks of, bidden to act in the future or the subjunctive (not passive)
_BARE_COMMITTEE = spelled(
    r"(?:^\s*|\sकि\s+)(?P<np>समिति|कमेटी|समितियां|समितियाँ)\s+"
    r"(?!(?:का|की|के|को|से|में|पर|ने|तक|द्वारा|सदस्य|सदस्यों|अध्यक्ष|सचिव)(?![\u0900-\u0963\u0966-\u097f]))"
    r"[^।]{0,250}?(?:ेगी|ेंगी|एगी|एंगी|ें|एं)(?:\s*[,।.]|\s*$)"
)
# "अपेक्षा की कि कारखाना प्रबंधन … देरी नहीं होने देगा", "कहा कि अस्पताल प्रबंधन … व्यवस्था करे": the management of an
# institution, bare at the head of the clause, bidden to act (not "कि कचरा प्रबंधन में …", nor a passive)
_MANAGEMENT_SUBJECT = spelled(
    r"\sकि\s+(?:(?:सभी|संबंधित|सम्बन्धित|समस्त)\s+)?(?P<np>[\u0900-\u097f]+\s+(?:प्रबंधन|प्रबन्धन|प्रबंधक\s+मंडल))\s+"
    r"(?!(?:का|की|के|को|से|में|पर|ने|तक|द्वारा|हेतु|व्यवस्था)(?![\u0900-\u0963\u0966-\u097f]))"
    r"[^।]{0,250}?(?:ेगा|ेगी|एगा|एगी|ेंगे|एंगे|रे|दे|ें|एं)(?:\s*[,।.]|\s*$)"
)
_PASSIVE_FUTURE = spelled(r"\sजा(?:एगी|येगी|एंगी|येंगी|एगा|येगा)(?![\u0900-\u0963\u0966-\u097f])")
_PASSIVE_VERB = spelled(r"\sजा(?:एं|एँ|यें|ये|ए)(?![\u0900-\u0963\u0966-\u097f])")
# "निर्देश दिए जो विभाग बैठक में नहीं आए हैं वे … भेजें": the noun of a relative clause its correlative binds.
_RELATIVE_NP = spelled(
    r"(?:^|[,।]|\s(?:दिए|दिये|दिया|दी|कहा|कि))\s*(?:जो|जिन)\s+(?:भी\s+)?"
    # "जो जहां पदस्थापित हैं वे …": a relative adverb (where, when, as) after जो names no one
    r"(?!(?:जहां|जहाँ|जब|जैसे|जितना|जितने|जितनी|जिधर|जिस\s+तरह)(?![\u0900-\u0963\u0966-\u097f]))"
    r"(?P<np>[\u0900-\u0963\u0966-\u097f]+)\s+"
    # "जिन परियोजनाओं की प्रगति … नीचे है, वे … सुधार लाएं": a genitive after the noun still leaves it the subject
    r"(?!(?:को|से|में|पर|ने|तक)(?![\u0900-\u0963\u0966-\u097f]))"
    r"[^,।]{0,120}?(?:,\s*|\s(?:हैं|है|हो|हों)\s+)(?:वे|वह|वो)\s"
)
# Bodies that act: "आई.टी. सेल", "जिला स्तरीय समिति", "टास्क फोर्स".
_BODY_NOUN = r"(?:सेल|प्रकोष्ठ|समिति|समितियों|समितियां|समितियाँ|टीम|टीमों|कमेटी|इकाई|इकाइयों|टास्क\s+फोर्स)"
_BODY = spelled(
    r"(?P<body>(?:[\u0900-\u097f]+\.)+\s*[\u0900-\u097f]*|[\u0900-\u097f]+)\s+(?P<noun>"
    + _BODY_NOUN
    + r")(?![\u0900-\u097f])"
)
# "… सेल के गठन को लेकर निर्देश दिये कि ये सभी विशेष प्रकोष्ठ …": a demonstrative subject after कि
# that points back at the bodies named earlier in the sentence.
_BODIES_REFERRED = spelled(r"\sकि\s+(?:ये|यह|वे|इन)\s+(?:सभी\s+|सब\s+|समस्त\s+)?(?:[\u0900-\u097f]+\s+)?" + _BODY_NOUN)


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
    # "अधिकारियोें", "दरोगाओें" (a vowel sign typed twice), "अधिकारियो", "विभागो" (the nasal left out): the same plurals
    for suffix, repl in (
        ("ियोें", "ी"),
        ("ाओें", "ा"),
        ("ोें", ""),
        ("ियों", "ी"),
        ("ीयों", "ी"),
        ("ियां", "ी"),
        ("ियाँ", "ी"),
        ("ाओं", "ा"),
        ("ओं", ""),
        ("ों", ""),
        ("ियो", "ी"),
        ("ीयो", "ी"),
        ("ो", ""),
    ):
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
    # "जिले के विभागों के प्रमुखों से", "उपायुक्त ने जिला के बागवानों से": the area is no part of the post
    words = _AREA_OPENING.sub("", " ".join(words)).split()
    words = [w for w in words if not is_in(w, "drop_words")]
    # "… व्यवस्था करने का सरकारी अस्पतालों को निर्देश": the action and its genitive stand before the addressee
    for i in range(len(words) - 1, -1, -1):
        if verbal_noun(words[i]):
            words = words[i + 1 :]
            if words and words[0] in ("का", "की", "के"):
                words = words[1:]
            break
    if not words or len(words) > 4 or words[-1].endswith(("ने", "नें")):
        return None  # "… करा लेने को कहा": a verbal noun, not an addressee
    if is_in(words[-1], "weekdays") or is_in(words[-1], "months"):
        return None  # "… कार्रवाई करने का शुक्रवार को निर्देश दिया": the day it was said, not an addressee
    words[-1] = _singular(words[-1])
    words[-1] = fuzzy_head(words[-1]) or words[-1]  # "अधकारियों से": a misspelt head is the head it stands for
    return " ".join(words)


# "पर्यवेक्षक से सलाह और सहयोग लें", "वैज्ञानिकों से परामर्श लेकर …": the one consulted is a source (consultation_nouns.tsv)
_CONSULTATION = alternation(column("consultation_nouns"))
_CONSULTED = spelled(
    rf"\s*से\s+(?:भी\s+)?(?:(?:आवश्यक|उचित|तकनीकी|जरूरी)\s+)?(?:{_CONSULTATION})"
    rf"(?:\s+(?:और|एवं|तथा|व)\s+(?:{_CONSULTATION}))?\s+(?:(?:भी|जरूर|ज़रूर|अवश्य)\s+)?"
    r"(?:लें|लेकर|ले\s+कर|लेते|लेना|लिया\s+जाए|ली\s+जाए|प्राप्त\s+(?:करें|कर|करते|करना))(?![\u0900-\u0963\u0966-\u097f])"
)
# "X द्वारा … के निर्देश दिए गए": X directs; "X द्वारा … किया जाएगा": X acts.
# "पशुपालन मंत्री द्वारा … पशुपालकों से … कराने की अपील की": a request too
_DIRECTING_VERB = spelled(r"[^।]{0,200}?(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा\s|कहा$|अपेक्षा|अपील|आग्रह|अनुरोध|आह्वान)")
# "X से … करने को कहा", "X से … का अनुरोध किया": the request binds X many words later.
_ASKED_LATER = spelled(
    r"\s*(?:\([^()]{0,60}\)\s*)?से\s+(?:भी\s+)?[^,।]{0,200}?(?:(?:ने|नें)\s+(?:(?:को|के\s+लिए)\s+)?(?:भी\s+)?कहा|"
    r"(?:का|की|के)\s+(?:भी\s+)?(?:आग्रह|अनुरोध|अपील|अपेक्षा)"
    # "प्रबंधकों से … लक्ष्य पूरा करने की बात कही": what they were told to do
    r"|(?:का|की|के)\s+(?:भी\s+)?बात\s+(?:भी\s+)?(?:कही|कहीं)"
    # "अधिकारियों से समाधान के सुझाव मांगे", "… से रिपोर्ट तलब की": asked to give something
    r"|\s(?:मांगी|मांगे|मांगा|माँगी|माँगे|माँगा|तलब))(?![\u0900-\u0963\u0966-\u097f])"
)
# "नौ डिप्टी कमिश्नरों को नोटिस जारी कर … जवाब मांगा": the one served a notice must answer it (never "… को नोटिस
# जारी करने के निर्देश", where the notice is the action directed: patient_words.tsv).
_SERVED_NOTICE = spelled(
    r"\s*(?:\([^()]{0,60}\)\s*)?को\s+(?:भी\s+)?(?:(?:कारण\s+बताओ|शो\s*-?\s*कॉज|शोकॉज)\s+)?नोटिस\s+(?:भी\s+)?"
    r"(?:जारी\s+(?:कर|करके|किया|किए|किये|की|हुआ)|भेज(?:कर|ा|े|ी)|दिया|दिए|दिये|दी|थमा(?:या|ए|कर|ई))"
    + WORD_END
    # (not "… को कारण बताओ नोटिस जारी किया जाए": a passive directs the notice, its addressee is acted on)
    + r"(?!\s+(?:जाए|जाएं|जाये|जायें|जाएँ|जाएगा|जाएगी|जाएंगे|जाने|जाना))"
)
# "…, वहां के पंचायत सचिवों से स्पष्टीकरण मांगा जाए", "… शिक्षकों से जवाब लेने के निर्देश": whom an explanation is
# to be sought from is called to account, not bidden (as the addressee of a notice to be issued is; an
# explanation they were asked for, "… से जवाब मांगा", stays a reply they owe)
_EXPLANATION_SOUGHT = spelled(
    r"\s*(?:\([^()]{0,60}\)\s*)?से\s+(?:भी\s+)?(?:स्पष्टीकरण|स्पष्टिकरण|जवाब|जबाब)\s+(?:भी\s+)?"
    r"(?:(?:मांगा|माँगा|मांगे|माँगे|मांगी|माँगी|प्राप्त\s+किया|लिया|तलब\s+किया)\s+"
    r"(?:जाए|जाएं|जाये|जायें|जाएगा|जाएगी|जाएंगे)|मांगने|माँगने|लेने|प्राप्त\s+करने|तलब\s+करने)" + WORD_END
)
# "… अधिकारियों से निकट संपर्क बनाए रखने और … पालन करने का", "… को प्रकाश व्यवस्था दुरूस्त रखने": an item cut
# on its page right after the verbal noun (or a first letter of the direction) is read as directed.
_CUT_DIRECTED = spelled(
    rf"\s*(?:\([^()]{{0,60}}\)\s*)?(?:को|से)\s+(?:भी\s+)?(?:{_OBJECT_STRETCH}\s)?[\u0900-\u097f]+(?:ने|नें)"
    r"(?:\s+(?:का|के|की)(?:\s+(?:भी\s+)?(?:निर्देश|निर्दे|निर्द|निर्|नि|हिदायत|हिदा|हि|ह))?)?"
    r"\s*(?:\.{2,}|…)?\s*$"
)
# "X के माध्यम से … उपलब्ध करा ली जाएं": the agent through whom it is done, as with द्वारा.
_AGENT = spelled(r"\s*(?:\([^()]{0,60}\)\s*)?(?:महोदय\s+)?(?:(?:के\s+)?द्वारा|के\s+माध्यम\s+से)" + WORD_END)
# "मुख्य सचिव द्वारा दिए गए निदेशों", "विभागों द्वारा क्रियान्वित की जा रही योजनाओं": what the agent did or does.
_DONE_BY = spelled(
    r"[^।,]{0,200}?\s(?:(?:गए|गये|गई|गयी|गया)|जा\s+रह[ीेा]|की\s+हैं?|किया\s+है)(?=\s|[।,]|$)"
    # "सचिवगण द्वारा प्रेषित पत्रों का …": a participle naming what they sent or run
    r"|\s*(?:प्रेषित|प्रदत्त|स्वीकृत|संचालित|निर्मित|उठाए|उठाये)\s+[\u0900-\u097f]+\s+(?:का|की|के|को|में|पर)(?=\s)"
)
# "… को पीएचडी एवं नगर निगम के द्वारा संयुक्त रूप से करने का निर्देश दिया गया": the agent of the verbal noun the
# direction names acts (unlike "X द्वारा … निर्देश दिए गए कि …", where X directs).
_FOR_ACTION = spelled(
    r"(?:(?!\sकि\s)[^।]){0,200}?\s[\u0900-\u097f]+(?:ने|नें)\s+(?:का|के|की)\s+(?:भी\s+)?"
    r"(?:(?:सख्त|स्पष्ट|आवश्यक|कड़े|कड़ा)\s+)?(?:दिशा-?\s*)?(?:निर्देश|निर्देशित|आदेश|हिदायत)"
)
_DATIVE_AFTER = spelled(r"\s*(?:को|से)" + WORD_END)
# Bodies that act only when addressed or quantified (body_heads.tsv rows marked "addressed": schools)
_ADDRESSED_ONLY = frozenset(r[0] for r in rows("body_heads") if r[1:2] == ("addressed",))


def _agents_of_action(candidates: list[_Candidate], decisions: list[bool | None], sentence: str) -> None:
    """The body agent of ``X द्वारा … करने के निर्देश`` acts (with the list it closes), when no addressee
    (``Y को/से``) stands between."""
    for i, c in enumerate(candidates):
        # a body: the issuer finder reads a post before द्वारा as the one who directs ("DM के द्वारा … का निदेश")
        agent = None if decisions[i] or not c.body else _AGENT.match(sentence, c.end)
        m = _FOR_ACTION.match(sentence, agent.end()) if agent else None
        done = _DONE_BY.match(sentence, agent.end()) if agent else None
        if done and m and done.end() <= m.end():
            continue  # "X द्वारा दिए गए … को पूरा करने के निर्देश": what X did before
        if m and not any(c.end < o.start < m.end() and _DATIVE_AFTER.match(sentence, o.end) for o in candidates):
            decisions[i] = True


# "… के लिए विभाग के अधिकारी को निर्देशित करें", "… कर्मचारियों को हिदायत की जाए कि …", "किसानों को उचित सलाह
# दें": a direction or advice the addressee
# is to pass on (imperative or subjunctive): those it names will be told later, they are not told here.
_PASSED_ON_RAW = (
    r"\s*(?:\([^()]{0,60}\)\s*)?को\s+(?:भी\s+)?(?:(?:स्पष्ट|सख्त|आवश्यक|उचित|जरूरी|ज़रूरी)\s+)?(?:दिशा-?\s*)?"
    r"(?:निर्देशित|हिदायत|निर्देश|सलाह)\s+"
    r"(?:करें|करे|दें|दे|(?:की|किया|दी|दिए|दिये)\s+(?:जाए|जाएं|जाय|जाये|जायें))" + WORD_END
)
_PASSED_ON = spelled(_PASSED_ON_RAW)
# "अधिकारियों/कर्मचारियों को हिदायत की जाए": every member of the list it closes
_PASSED_ON_LIST = spelled(r"\s*(?:[,/]|(?:एवं|एवम्?|तथा|और|व)\s)\s*(?:[\u0900-\u097f]+\s*){1,3}?" + _PASSED_ON_RAW)
# "नगरपालिका परिषद् NDMC ने …": the agent's abbreviation in Latin capitals, bracketed or not, before ने
_ERGATIVE_NE = spelled(r"\s*(?:\([^()]{0,60}\)\s*|[A-Z]{2,6}\s+)?ने" + WORD_END)
# "X, Y एवं अन्य वितरण केंद्रों": अन्य (and one modifier after it) joins a member of the same kind; "X/Y को",
# "X एवम Y को": a slash and the spelling एवम join members too.
# ("खंड विकास अधिकारी (BDO) एवं …": a member's bracketed abbreviation before the joiner)
_LIST_GAP = spelled(
    r"\s*(?:\([^()]{1,20}\)\s*)?(?:,|/|एवं|एवम्?|तथा|और|व)\s*(?:(?:सभी|समस्त|संबंधित|सम्बन्धित)\s+)?(?:अन्य\s+(?:(?!(?:का|की|के|को|से|में|पर|ने)\s)"
    rf"{LETTERS}+\s+)?)?"
)
_THAT = spelled(r"\sकि\s")
# "केंद्र के महाप्रबंधक एवं बैंकों के शाखा प्रबंधकों से": the next member is a post of a body named before it.
_GENITIVE_MEMBER = spelled(
    rf"\s*(?:,|(?<![\u0900-\u097f])(?:एवं|एवम्?|तथा|और|व)(?![\u0900-\u097f]))\s*(?:(?:सभी|समस्त)\s+)?"
    rf"(?!(?:का|की|के|को|से|में|पर|ने)\s){LETTERS}+\s+के\s+(?:(?:सभी|समस्त)\s+)?"
)
# "… की जांच की जाए", "… भेजे जाएं": a participle before जाना; "… गांवों में किसानों के बीच जाएं" (go) is no passive.
_PASSIVE_END = spelled(
    r"\s(?!(?:में|से|के|पर|को|ने|तक)\s)[\u0900-\u097f]*(?:ा|ी|े|ए|ई|ीं|एं|ईं)\s+"
    r"(?:जाए|जाएं|जाएँ|जाये|जायें|जाएगा|जाएगी|जाएंगे|जाएंगी)\s*$"
)
# "रहे" is left out: closing the clause of a directive it is the subjunctive of a duty ("कि जिला टास्क फोर्स … सक्रिय
# रहे", "स्टाफ … ड्यूटी पर न रहे", "नियंत्रण कक्ष … चालू रहे तथा …"), not a fact about its subject
_COPULA_END = spelled(r"\s(?:है|हैं|था|थे|थी|होगा|होगी|होंगे|रहा|रही)\s*$")
_NOT_ACTOR_PLACE = spelled(r"\s*(?:\)\s*)?(?:में|पर|हेतु|के\s+लिए|के\s+साथ)" + WORD_END)
# "बैंक प्रतिनिधियों को शाखाओं से समन्वय स्थापित कर …": the partner of a coordination (coordination_nouns.tsv)
_PARTNER = spelled(
    r"\s*(?:से|के\s+साथ)\s+(?:(?:बेहतर|आपसी|पूर्ण|उचित|सतत)\s+)?"
    rf"(?:{alternation(column('coordination_nouns'))})" + WORD_END
)
_DATIVE = spelled(r"\sको\s")


def _partner(sentence: str, c: _Candidate) -> bool:
    """Is the candidate the partner of a coordination the addressee (a dative before it) is told to make?
    "उन्होंने सभी विभागों से आपसी तालमेल बढ़ाकर … का आग्रह किया": with no dative before, से marks the addressee."""
    return bool(_PARTNER.match(sentence, c.end)) and bool(_DATIVE.search(sentence, 0, c.start))


# "निगम को मिली नयी बसों को …": a recipient inside a participle that modifies the object, not an actor.
_RECIPIENT_MODIFIER = spelled(
    r"\s*को\s+(?:(?:पहले\s+से|हाल\s+में)\s+)?(?:मिली|मिले|मिला|मिलीं|आवंटित|प्राप्त\s+(?:हुई|हुए|हुआ))\s+"
    r"(?:[\u0900-\u097f]+\s+){0,2}?[\u0900-\u097f]+(?:ों|ओं|ं)\s+(?:को|काे)" + WORD_END
)
# "मंत्री रमेश कुमार वर्मा का दौरा", "… का 12 मई को प्रस्तावित दौरा", "उप निदेशक उद्यान मोहन लाल की अनुपस्थिति":
# a post, its holder's name (two to four words, no plural, no postposition) and the genitive of their visit.
_HOLDER_EVENT = spelled(
    r"(?P<name>(?:\s+[\u0900-\u097f]+){2,4}?)\s+(?:का|की|के)\s+(?:[^\s,।]+\s+){0,6}?"
    rf"(?:{alternation(column('visit_nouns'))})(?![\u0900-\u0963\u0966-\u097f])(?!\s+(?:कर|करें|करेंगे|किया|करने))"
)
# "… के साथ सहायक अभियंता ही उपस्थित रहें": an emphatic particle right after a bare phrase marks the subject.
_EMPHATIC_SUBJECT = spelled(r"\s*(?:ही|स्वयं|खुद)\s+(?!(?:को|से|का|की|के|ने|में|पर|तक)(?![\u0900-\u0963\u0966-\u097f]))")
_PATIENT = alternation(column("patient_words"))
_PATIENT_VERB = spelled(rf"\s*(?:{_PATIENT})" + WORD_END)
# "लापरवाह कर्मचारियों को नोटिस जारी करने के निर्देश", "नोडल अधिकारी को नामित करने के निर्देश": the dative is
# acted on (patient_words.tsv), however the direction goes on.
_PATIENT_DATIVE = spelled(
    # "किसानों, महिलाओं और कमजोर वर्गों को प्राथमिकता देने …": the list the post opens, then its dative
    r"(?:\s*(?:,|/|(?<=\s)(?:और|तथा|एवं|व)(?=\s))\s*[^\s,।]+(?:\s+[^\s,।]+){0,2}?)*"
    rf"\s*को\s+(?:भी\s+)?(?:{alternation([r[0] for r in rows('patient_words') if r[1:] == ('dative',)])})" + WORD_END
)
# "राजस्व विभाग संबंधी शिकायतों", "पुलिस विषयक मामलों": what the matters are about, not who acts.
_RELATED_TO = spelled(r"\s*(?:संबंधी|सम्बन्धी|सम्बंधी|विषयक)" + WORD_END)
# "(अगर) बीएलओ को कोई समस्या आ रही है तो वह … दे", "… दिक्कत आ रही है तो सुपरवाइजर से सलाह लें": the one a difficulty
# befalls acts in the clause after तो (the pronoun, or the one consulting)
_CONDITION_BEFORE = spelled(
    r"(?:^|^\s*(?:\(?[0-9०-९]{1,3}[.)]|[•\-–*])|\sकि|(?:^|\s)(?:अगर|यदि|जब)(?:\s+(?!(?:को|से|ने)\s)[^\s,।]+){0,4})\s*$"
)
_CONDITIONAL_EXPERIENCER = spelled(
    r"\s*को\s+(?:(?!\sकि\s|\sतो\s)[^।]){0,80}?\s(?:है|हो|हों|होती|होता|होगी)\s*,?\s*तो\s+"
    rf"(?:वह|वे|वो|(?:[^\s,।]+\s+){{1,3}}से\s+(?:{_CONSULTATION}))" + WORD_END
)
# "प्रत्येक प्रभारी चिकित्साधिकारी का दायित्व है कि …", "नोडल अधिकारी की जिम्मेदारी होगी": the one whose duty it is.
_DUTY_OF = spelled(
    r"\s*(?:का|की)\s+(?:यह\s+)?(?:भी\s+)?(?:दायित्व|जिम्मेदारी|ज़िम्मेदारी|कर्तव्य|जवाबदेही)\s+(?:भी\s+)?"
    r"(?:है|होगा|होगी|रहेगा|रहेगी|हो)" + WORD_END
)
# "… टीम गठित की जाए तथा इसकी जिम्मेदारी क्षेत्राधिकारियों की होगी": the duty named first, then whose it is.
_DUTY_NAMED_BEFORE = spelled(r"(?:दायित्व|जिम्मेदारी|ज़िम्मेदारी|जिम्मेवारी|जवाबदेही)\s+(?:भी\s+)?$")
_DUTY_IS_OF = spelled(r"\s*(?:का|की|के)\s+(?:ही\s+)?(?:होगी|होगा|होंगे|रहेगी|रहेगा|है)" + WORD_END)
_APPOSITION_DIRECTED = spelled(
    rf"\s*,\s*(?:{LETTERS}+\s+){{0,4}}?(?:को|से)\s+(?:भी\s+)?(?:[^,।]{{0,160}}?(?:के|का|की|को)\s+(?:भी\s+)?)?"
    r"(?:(?:स्पष्ट|सख्त|कड़े|कड़ी)\s+)?(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा|अपेक्षा|आग्रह|अनुरोध)"
)
_CLAUSE_START = spelled(
    r"(?:^|^\s*(?:\(?[0-9०-९]{1,3}[.)]|[•\-–*])|\sकि|\sतथा|\sऔर|।|,"
    # "डीसी ने कहा अस्पतालों की … समिति … करे": the report's कि left out after its verb
    r"|\sने\s+(?:[\u0900-\u097f]+\s+){0,2}कहा"
    # "जो केंद्र बंद पड़े हैं, उनके प्रभारी … भेजें": the correlative's genitive opens the main clause
    r"|,\s*(?:उनके|उसके|इनके)"
    # "… इसके लिए सभी अंचल अधिकारी … सूची तैयार रखें": a purpose or reason connective opens the clause
    # "इसके अलावा अधीक्षक कारागार में … कराएं", "साथ ही सभी थाना प्रभारी …": one that adds a direction to the last
    r"|(?:^|\s)(?:इसके\s+लिए|इसके\s+लिये|इसलिए|इसलिये|इस\s+हेतु|अतः"
    r"|इसके\s+अलावा|इसके\s+अतिरिक्त|(?:इसके\s+)?साथ\s+ही"
    # "…, जिनका आयोजन जिला उद्योग केंद्र करेगा": a relative genitive and the act it names open the clause of its owner
    r"|(?:जिनका|जिनकी|जिनके|जिसका|जिसकी|जिसके)\s+[\u0900-\u097f]+),?)\s*"
    # 'उन्होंने कहा, "दोनों जिलों के कार्यपालक अभियंता … पूरा करें"': the quotation's subject
    r"(?:[\"“‘']\s*)?"
    # "कि जिले के सभी डीएफओ …": the area they serve before the quantifier
    rf"(?:{_AREA_OF})?"
    # "कि आप सभी पंचायत सचिव … करें": the addressees spoken to
    r"(?:(?:आप|आप\s+लोग)\s+)?(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|सम्बंधित|प्रत्येक|हर)\s+){0,2}$"
    # "यह दल … प्रस्तुत करेगा", "ये टीमें … करें": a demonstrative pointing back at the body named before
    rf"|(?:^|[,।]|\sकि|\sतथा|\sऔर)\s*(?:{alternation(column('demonstratives'))})\s+$"
)
# "सेक्टर मजिस्ट्रेट को बताया गया कि चुनाव के दिन वे … पहुंचें": told that they are to act (the pronoun after कि,
# a subjunctive closing the sentence), an instruction, not news
_TOLD_THAT = spelled(
    r"\s*को\s+(?:(?:यह|भी)\s+){0,2}(?:बताया|समझाया|अवगत\s+कराया)\s+(?:गया|गए|गये)\s+कि\s+"
    r"(?:[^।]{0,80}?\s)?(?:वे|वह)\s"
)
# "डीसी ने कहा अस्पतालों की … समिति … करे": what was said, its कि left out
_SAID_BARE = spelled(r"\sने\s+(?:[\u0900-\u097f]+\s+){0,2}कहा\s+(?!कि\s)")
# 'उन्होंने कहा, "दोनों जिलों के कार्यपालक अभियंता … पूरा करें"': what was said, quoted
_SAID_QUOTED = spelled(r"(?:कहा|बोले|बोलीं|बोली)\s*[,:]?\s*[\"“‘']")
# "कोई भी अधिकारी … न छोड़े", "किसी भी कर्मचारी का अवकाश …": anyone of a post, named by no one
_ANY_ONE_BEFORE = spelled(r"(?<![\u0900-\u097f])(?:कोई|किसी)(?:\s+(?:भी|एक))?\s+$")
# "जो (भी) अधीक्षक … , वे …", "कहा कि जो भी स्वास्थ्य कर्मी … हैं वह …": a relative clause that names its subject, and
# its correlative clause.
_RELATIVE_SUBJECT = spelled(r"(?:^|^\s*(?:\(?[0-9०-९]{1,3}[.)]|[•\-–*])|[,।]|\sकि)\s*(?:जो|जिन)\s+(?:भी\s+)?$")
_CORRELATIVE = spelled(r"[^,।]{0,120}?(?:,\s*|\s(?:हैं|है|हो|हों|करते|करती)\s+)(?:वे|वह|वो)\s")
# "घोषणाओं को सम्बन्धित विभाग … पूर्ण करें", "… पहुंचाने के लिए सभी विभाग … सुनिश्चित करें": the object or
# purpose first, then the quantified subject.
_QUANTIFIED_AFTER_OBJECT = spelled(
    # "… के मद्देनजर सभी संबंधित विभाग … सुनिश्चित करें": after a fronted reason too
    # "10 नवंबर तक सभी बीएलओ … पूरा करें", "…, इसलिए सभी विभाग … सुनिश्चित करें": after a time limit or a reason
    # "कहा कि जिले में सभी अंचल अधिकारी … करें", "मार्ग पर सभी थानाध्यक्ष …": after the place or field they act in
    r"(?:\s|[0-9०-९])(?:को|के\s+लिए|के\s+लिये|हेतु|तक|में|पर|के\s+(?:मद्देनजर|मद्देनज़र|दृष्टिगत))\s+"
    r"(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|सम्बंधित|प्रत्येक|हर)\s+){1,2}$"
    # "… न हो इसका सभी कनीय अभियंता ध्यान रखें": after a pronoun object pointing back at the clause before
    r"|(?:^|[\s,])(?:इसका|इसकी|इसके|इसे|इसमें|इस\s+पर|इन\s+पर|उसका|उसकी|उसके)\s+"
    r"(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|सम्बंधित|प्रत्येक|हर)\s+){1,2}$"
    r"|(?:^|[\s,])(?:इसलिए|इसलिये|अतः|अत:|इसके\s+लिए)\s+(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|सम्बंधित|प्रत्येक|हर)\s+){1,2}$"
    # "… की पहचान हेतु आंगनबाड़ी कार्यकत्रियां … करेंगी": the subject right after a purpose phrase
    r"|\s(?:हेतु|के\s+लिए|के\s+लिये)\s+$"
    # "कि 10 दिसंबर से सभी एयरलाइंस … करें", "1 अप्रैल से सभी विभाग …": after the date an action starts from
    rf"|(?:[0-9०-९]|{alternation(column('months'))})\s+से\s+(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|सम्बंधित|प्रत्येक|हर)\s+){{1,2}}$"
)
# "कि अस्पतालों की प्रबंधन समिति … करे", "अस्पताल का स्टाफ … न रहे", "टास्क फोर्स की टीमें … रखें": the subject
# that opens the clause may carry a genitive (one to three words, a quantifier after it); the clause start is
# read before the genitive.
_GENITIVE_BEFORE = spelled(r"(?:^|\s)(?:का|की|के)\s+(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|सम्बंधित|प्रत्येक|हर)\s+){0,2}$")


# the subjunctive or future that bids the subject of its clause act ("… कार्य करे", "… रखें", "… करेंगे"; a stem in -ा
# takes a bare ए: "… दल अतिक्रमण हटाए")
_BIDDEN_END = spelled(r"(?:[\u0900-\u097f](?:ें|एं|एँ|यें|े|ेंगे|ेंगी|ेगा|ेगी)|ाए)\s*$")


def _opens_after_genitive(before: str) -> bool:
    """Does ``before`` end in a clause start and a genitive modifier of plain words (``कि अस्पतालों की``, ``निर्णय:
    नगर निगम एवं रेलवे सुरक्षा बल का``: a joint team's owners, joined)?"""
    return _genitive_owner(before) is not None


def _genitive_owner(before: str, furthest: bool = False) -> int | None:
    """Where the genitive modifier that ``before`` ends in begins, when a clause start stands before it (the
    furthest such start: ``कि वन विभाग, राजस्व विभाग एवं पुलिस की``)."""
    genitive = _GENITIVE_BEFORE.search(before)
    if genitive is None:
        return None
    head = before[: genitive.start()]
    words = list(re.finditer(r"[^\s\"“”‘’']+", head))  # a quotation's opening mark is no part of its first word
    found = None
    for k in range(1, 7):
        if len(words) < k:
            break
        w = words[-k].group().rstrip(",")
        if w in _JOINED_OWNERS:
            continue  # "पुलिस एवं परिवहन विभाग का संयुक्त दल": owners joined
        if (
            w in _POSTPOSITIONS
            or is_in(w, "np_stop")
            or is_in(w, "phrase_stop")
            or finite_or_participle(w)
            or verbal_noun(w)
            or not re.fullmatch(LETTERS + "+", w)
        ):
            break
        if _CLAUSE_START.search(head[: words[-k].start()]) or _LABEL_OPENING.fullmatch(head[: words[-k].start()]):
            found = words[-k].start()
            if not furthest:
                break
    return found


def _joint_owners(candidates: list[_Candidate], decisions: list[bool | None], sentence: str) -> None:
    """ "नगर निगम एवं रेलवे सुरक्षा बल का संयुक्त दल … हटाए": a body that opens its clause after the genitive of two
    owners joined is written with them (the team of both), and the owners do not act apart."""
    for i, c in enumerate(candidates):
        if not (decisions[i] and c.body) or " " + "का " in f" {c.designation} ":
            continue
        start = _genitive_owner(sentence[: c.start], furthest=True)
        if start is None or not _JOINED_OWNERS & set(sentence[start : c.start].split()):
            continue
        if any(decisions[k] and start <= x.start < c.start for k, x in enumerate(candidates)):
            continue  # an owner already acts on its own
        c.designation = " ".join(sentence[start : c.end].split())
        c.start = start


_JOINED_OWNERS = frozenset({"एवं", "व", "और", "तथा"})
# "निर्णय: …", "3. निर्देश: …": a point's label before the clause
_LABEL_OPENING = spelled(r"\s*(?:\(?[0-9०-९]{1,3}[.)]\s*)?[\u0900-\u097f]{2,12}\s*:\s*")


# "निगम के (सभी) इंजीनियरों": a post of a named body.
_OF_BODY_GAP = spelled(r"\s+के\s+(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|प्रत्येक|हर)\s+)?")
_SECOND_DATIVE = spelled(r"\s*को\s+(?:[\u0900-\u097f]+\s+){0,2}")
_GIVEN_TO = spelled(r"\s*को\s+(?:भी\s+)?(?:दिए|दिये|दिया|दी|सौंपी|सौंपा|सौंपे|सौपी|सौपा|सौपे)" + WORD_END)
# "… के निर्देश (सम्बंधित विभागों के) अधिकारियों को दिए": the direction noun, then whom it was given to.
_DIRECTION_NOUN = spelled(
    r"(?:निर्देश|आदेश|हिदायत|जिम्मेदारी|जिम्मा|दायित्व)\s+(?:भी\s+)?(?:(?:सभी|समस्त|संबंधित|सम्बन्धित|सम्बंधित|संबन्धित)\s+)?"
    r"(?:[\u0900-\u0963\u0966-\u097f]+\s+(?:के|की)\s+)?(?:(?:उपस्थित|मौजूद|संबंधित|सम्बंधित)\s+)?"
    # "जिम्मेदारी भी सफाई निरीक्षक को दी गई": a modifier the phrase finder stops at
    r"(?:(?!(?:का|की|के|को|से|में|पर|ने)\s)[\u0900-\u0963\u0966-\u097f]+\s+)?$"
)
_POSTPOSITIONS = frozenset(r[0] for r in rows("postpositions"))
# the case markers alone, without the agent's द्वारा (postpositions.tsv)
_CASE_MARKERS = alternation([r[0] for r in rows("postpositions") if not r[1:]])
_LEVEL = spelled(r"\s*स्तर(?:ीय)?\s+(?:की|के|का|पर)" + WORD_END)
_DIRECTING_CUE = spelled(r"निर्देश|निर्देशित|हिदायत|आदेश|कहा|अपेक्षा|आग्रह|अनुरोध|आह्वान|पाबंद|ताकीद|प्रेरित|चेतावनी")


# "… के साथ (आयोजित) बैठक / वीडियो कॉन्फ्रेंस की और उन्हें … निर्देश दिया": those the meeting was held with,
# when a pronoun dative after it points back at them (never by themselves: participants are not addressees).
# A direction cue in the subject's own bidden verb: "निर्देश जारी करेंगे", "निर्देशित करें", "निर्देश दें"
_BIDDEN_CUE = spelled(r"(?:\s+(?:भी|ही))?\s*(?:जारी\s+)?(?:करें|करेंगे|करेंगी|करेगा|करेगी|करे|दें|देंगे|देंगी|देगा|देगी|दे)" + WORD_END)
_MET_WITH = spelled(
    r"(?:\s+के\s+साथ\s+(?:[\u0900-\u097f]+\s+){0,2}?(?:बैठक|समीक्षा\s+बैठक|वीडियो\s+कॉन्फ्रेंस|वीडियो\s+कांफ्रेंस|वीडियो\s+कॉन्फ्रेंसिंग|वीसी|समीक्षा)"
    # "… मंत्रिमंडल और वरिष्ठ अधिकारियों की एक बैठक बुलाई और उन्हें …": the meeting of those met
    r"|\s+की\s+(?:एक\s+)?(?:समीक्षा\s+|आपात\s+|विशेष\s+)?बैठक\s+(?:बुलाई|ली|की|आयोजित\s+की))"
    r"[^।]*?\s(?:उन्हें|उन्हे|उनसे|उनको|इन्हें|इन्हे|इनसे)\s"
)
_SLASH = re.compile(r"(?<=[\u0900-\u097f])/(?=[\u0900-\u097f])")
# "RTO-DTO को": a hyphen between posts written in Latin capitals lists them
_LATIN_HYPHEN = re.compile(r"(?<=[A-Z]{2})-(?=[A-Z]{2})")
_EMPHASIS = str.maketrans({"*": " ", "_": " "})
# "निर्देश दिए की सभी ग्राम सेवक …", "कहा की …": the conjunction कि typed as की after a directing verb (same length).
_THAT_AS_KI = re.compile(
    r"(?<![\u0900-\u097f])(?P<verb>(?:दिए|दिये|दिया|किया|किए|किये|कहा|गया|गए|गये)\s+)की"
    r"(?=\s(?!(?:गई|गयी|गए|जाए|जा|है|हैं)(?![\u0900-\u097f])))"
)
# "भवन प्रमंडल के अभियंता तो … फाइल करने का निर्देश दिया गया": को typed as तो before a direction, in a sentence
# with no condition (अगर/यदि/जब … तो) before it (same length: offsets kept).
_TO_AS_KO = spelled(
    r"(?<=[\u0900-\u097f])\s+तो(?=\s+[^।]{0,160}?(?:का|की|के)\s+(?:भी\s+)?(?:दिशा-?\s*)?(?:निर्देश|निर्देशित|आदेश|हिदायत))"
)
_CONDITION = spelled(rf"{WORD_START}(?:अगर|यदि|जब|जहां|जहाँ|जैसे\s+ही){WORD_END}|\sतो\s+(?:भी|ही)\s")


def _to_as_ko(sentence: str) -> str:
    """Read a तो that stands for को (no condition in the sentence) as को."""
    if _CONDITION.search(sentence):
        return sentence
    return _TO_AS_KO.sub(lambda m: m.group().replace("तो", "को"), sentence)


# "सभी बीएलओ को", "जिले के सभी डीएफओ …": an initialism (letter names only) names a post or office.
# "पीएमओ से सौंपी गई जिम्मेदारी": where something given came from, not who must act.
_SOURCE_OF = re.compile(
    r"\s*से\s+(?:सौंपी|सौंपा|सौंपे|दी|दिया|दिए|दिये|प्राप्त|मिली|मिला|मिले|जारी)\s+(?:गई|गयी|गया|गए|गये|हुई|हुआ|हुए)(?![\u0900-\u097f])"
    # "विभिन्न विभागों से प्राप्त रिपोर्टों का मूल्यांकन …": what came from them, however it goes on
    r"|\s*से\s+प्राप्त(?![\u0900-\u097f])"
)
# "मुख्य जिला शिक्षा अधिकारी (समग्र शिक्षा) की ओर से जारी निर्देशों के अनुसार, …": the office the directions
# came from, never their addressee ("विभाग की ओर से कार्रवाई की जाए" still names who acts).
_ISSUED_FROM = spelled(
    r"\s*(?:\([^()]{0,60}\)\s*)?(?:की|के)\s+(?:ओर|तरफ)\s+से\s+"
    r"(?:जारी|दिए|दिये|दी|भेजे|भेजी|भेजा|प्राप्त)(?![\u0900-\u0963\u0966-\u097f])"
)
# "विकास खंड शिक्षा अधिकारी आर के पांडे ने …", "… आर. के. सिंह की अनुपस्थिति …": a post followed by its
# holder's spaced initials and surname, then the ergative or a genitive: the agent or a possessor.
_INITIALS_AGENT = re.compile(
    rf"(?:\s+(?:{alternation(column('letter_names'))})\.?){{1,3}}\s+[\u0900-\u097f]+(?:\s+[\u0900-\u097f]+)?\s+"
    r"(?:ने|नें|की|का|के|द्वारा)(?![\u0900-\u097f])"
)
# It stands as a noun before a postposition, a conjunction or a comma, or after a quantifier; before a
# noun it is that noun's modifier ("टीएल बैठक", "टीएचआर प्लांट").
_INITIALISM_STANDS = re.compile(r"\s*(?:[,/]|(?:को|से|ने|एवं|एवम्?|और|व|तथा|द्वारा)(?![\u0900-\u097f]))")
_QUANTIFIER_BEFORE = spelled(r"(?<![\u0900-\u097f])(?:सभी|समस्त|संबंधित|सम्बन्धित|प्रत्येक|हर)\s+$")
# "बीएलओ घर घर जाकर सत्यापन कर लें", "कि सीडीपीओ … भेजें": an initialism opening the sentence or the clause after कि
# is its subject (whether it acts, the clause decides: a passive's subject does not).
_OPENS_CLAUSE = spelled(r"(?:^\s*(?:\(?[0-9०-९]{1,3}[.)]\s*|[•\-–*]\s*)?|\sकि\s+)$")
# "कि टीएल बैठक में …", "टीएचआर प्लांट से …": an initialism before a noun and its postposition modifies that noun.
_MODIFIER_OF_NEXT = spelled(
    r"\s+[\u0900-\u0963\u0966-\u097f]+\s+(?:में|से|को|का|की|के|पर|ने|तक)(?![\u0900-\u0963\u0966-\u097f])"
)
INITIALISM = re.compile(rf"(?<![\u0900-\u097f])(?:{alternation(column('letter_names'))}){{2,6}}(?![\u0900-\u097f])")
# "कलेक्टर ने SDM और SP को …": the same initialisms typed in Latin capitals.
_LATIN_INITIALISM = re.compile(r"(?<![A-Za-z])[A-Z]{2,6}(?![A-Za-z])")
_NUMBERED = re.compile(r"[-–]\s*[0-9०-९]|\s+[0-9०-९]")  # a number right after a label ("एनएच-4", "NH 44")
# "Director (PS&A) को", "सभी BDOs को", "Electricity Department के Executive Engineer को": a post written in Latin
# words (latin_posts.tsv), its capitalised modifiers, its bracket or "of …", and the Latin office it is of.
_LATIN_POST = re.compile(
    r"(?<![A-Za-z])(?:(?:[A-Z][A-Za-z&]*\s+){0,3}(?:Department|Directorate|Division|Office|Board)\s+(?:के|की|का)\s+)?"
    rf"(?:[A-Z][A-Za-z&]*\s+){{0,3}}?(?P<head>(?:{alternation(column('latin_posts'))})|[A-Z]{{2,6}})(?P<plural>s)?"
    r"(?P<tail>\s*\([^()]{1,40}\)|\s+of\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?(?![A-Za-z])"
)


def _latin_posts(sentence: str) -> list[_Candidate]:
    """Posts written in Latin words, a plural -s dropped (``BDOs`` → ``BDO``)."""
    out = []
    for m in _LATIN_POST.finditer(sentence):
        if re.fullmatch(r"[A-Z]{2,6}", m["head"]) and not m["plural"]:
            continue  # a bare initialism: the initialism rule reads it
        written = sentence[m.start() : m.end("head")] + (m["tail"] or "")
        out.append(_Candidate(m.start(), m.end(), " ".join(written.split()), None, True))
    return out


# "कार्यालय प्रमुखों को", "सभी कार्यालय एवं विभाग प्रमुखों से": प्रमुख as the head of a post (never before a
# noun, as in "प्रमुख सचिव", "प्रमुख योजनाओं"); a bare modifier joined before it shares the head.
_CHIEF = spelled(
    rf"{WORD_START}(?:(?P<a>{LETTERS}+)\s+(?:एवं|और|तथा|व)\s+)?(?P<b>{LETTERS}+)\s+(?P<head>प्रमुखों|प्रमुख)"
    r"(?=\s*(?:,|।|$|(?:को|से|ने|एवं|और|तथा|व|द्वारा)(?![\u0900-\u0963\u0966-\u097f])))"
)


def _chiefs(sentence: str) -> list[_Candidate]:
    """Posts headed by प्रमुख (``विभाग प्रमुख``), each member of ``X एवं Y प्रमुखों``."""
    out: list[_Candidate] = []
    for m in _CHIEF.finditer(sentence):
        words = [w for w in (m["a"], m["b"]) if w]
        if any(w in _POSTPOSITIONS or is_in(w, "np_stop") or is_in(w, "drop_words") for w in words):
            continue
        if m["a"]:
            out.append(_Candidate(m.start("a"), m.end("a"), f"{m['a']} प्रमुख", None, False))
        out.append(_Candidate(m.start("b"), m.end("head"), f"{m['b']} प्रमुख", None, False))
    return out


_ADDRESSED_WORD = re.compile(rf"{WORD_START}(?P<word>{LETTERS}{{5,}})\s+(?:को|से){WORD_END}")


_COORDINATED_PLURAL = spelled(rf"\s+(?:और|एवं|तथा|व)\s+(?P<word>{LETTERS}+(?:ों|ओं))\s+(?:को|से){WORD_END}")
_COORDINATED_PLURAL_BEFORE = spelled(rf"{WORD_START}(?P<word>{LETTERS}+(?:ों|ओं))\s+(?:और|एवं|तथा|व)\s+$")


@dataclass
class _Candidate:
    start: int
    end: int
    designation: str
    name: str | None
    known: bool  # from the gazetteer (a known post), not only an open-class phrase
    body: bool = False  # a body (विभाग, परिषद), not a post


_PLURAL_END = spelled(r"(?:ों|ओं)$")
# "सभी प्रमुख पत्तनों के अध्यक्षों": one to three plain words and the genitive before a post
_CHAIRS_OF = spelled(
    rf"(?<![\u0900-\u097f])(?P<of>(?:(?!(?:{_CASE_MARKERS}|सभी|समस्त|संबंधित|सम्बन्धित)\s){LETTERS}+\s+){{1,3}}के)\s+$"
)


def _candidates(sentence: str, mentions: list[PersonMention], issuer_span: tuple[int, int] | None) -> list[_Candidate]:
    """Gazetteer mentions and open-class phrases, one per span: the longer reading wins."""
    out: list[_Candidate] = []
    for pm in mentions:
        if issuer_span and issuer_span[0] <= pm.start < issuer_span[1]:
            continue
        designation = pm.written or pm.person.designation  # as written: "सीएमओ" stays, "सचिवों" → "सचिव"
        if designation and pm.person.canonical == "अध्यक्ष":
            # "प्रमुख पत्तनों के अध्यक्षों को": chairs in the plural are others, named with what they chair (the
            # meeting has one chair)
            owner = _CHAIRS_OF.search(sentence, 0, pm.start)
            if not _PLURAL_END.search(sentence, pm.start, pm.end):
                continue
            if owner:
                out.append(_Candidate(owner.start("of"), pm.end, f"{owner['of']} {designation}", None, False))
            else:
                out.append(_Candidate(pm.start, pm.end, designation, None, False))
        elif designation:
            name = pm.person.name if pm.person.name and pm.end - pm.start > 0 else None
            out.append(_Candidate(pm.start, pm.end, designation, name, not pm.open_class))
    out.extend(c for c in _latin_posts(sentence) if not any(o.start < c.end and c.start < o.end for o in out))
    for m in [*INITIALISM.finditer(sentence), *_LATIN_INITIALISM.finditer(sentence)]:
        if issuer_span and issuer_span[0] <= m.start() < issuer_span[1]:
            continue
        if any(c.start < m.end() and m.start() < c.end for c in out):
            continue
        if _NUMBERED.match(sentence, m.end()) and (is_in(m.group(), "number_labels") or sentence[m.end()] in "-–"):
            continue  # "एनएच-4 पर", "एसएच 12 पर": a road's label, no post
        stands = bool(_INITIALISM_STANDS.match(sentence, m.end()))
        before = [c for c in out if c.end <= m.start() and not sentence[c.end : m.start()].strip()]
        if before and stands:
            before[0].end, before[0].designation = m.end(), f"{before[0].designation} {m.group()}"
        elif (
            stands
            or _QUANTIFIER_BEFORE.search(sentence, 0, m.start())
            or (_OPENS_CLAUSE.search(sentence, 0, m.start()) and not _MODIFIER_OF_NEXT.match(sentence, m.end()))
        ):
            out.append(_Candidate(m.start(), m.end(), m.group(), None, False))
    for m in _ADDRESSED_WORD.finditer(sentence):
        # "मंत्री ने अधकारियों से …": a misspelt head before को/से stands for the head
        head = fuzzy_head(_singular(m["word"]))
        if head and not any(c.start < m.end("word") and m.start() < c.end for c in out):
            out.append(_Candidate(m.start(), m.end("word"), head, None, False))
    for ph in find_phrases(sentence):
        if issuer_span and issuer_span[0] <= ph.start < issuer_span[1]:
            continue
        if issuer_span and ph.start < issuer_span[0] < ph.end:
            continue  # "गृह सचिव-सह-परिवहन सचिव ने": the issuer's post with its modifier before it
        inside = [c for c in out if c.start < ph.end and ph.start < c.end]
        if not inside:
            out.append(_Candidate(ph.start, ph.end, ph.written, None, False, ph.body))
        elif len(inside) == 1 and ph.end - ph.start > inside[0].end - inside[0].start and ph.end >= inside[0].end:
            c = inside[0]
            c.start, c.end, c.designation = ph.start, ph.end, ph.written
    for c in list(out):
        # "एएनएम और आशाओं को संबोधित करते हुए …": a plural noun joined to a post before the dative shares its slot
        joined = _COORDINATED_PLURAL.match(sentence, c.end) or (
            _COORDINATED_PLURAL_BEFORE.search(sentence, 0, c.start) if _DATIVE_AFTER.match(sentence, c.end) else None
        )
        if (
            joined
            and not any(x.start < joined.end("word") and joined.start("word") < x.end for x in out)
            and not c.body
        ):
            word = joined["word"]
            if not any(is_in(word, t) for t in ("np_stop", "drop_words", "phrase_stop", "patient_words")):
                out.append(_Candidate(joined.start("word"), joined.end("word"), _singular(word), None, False))
    for chief in _chiefs(sentence):
        out = [c for c in out if not (c.start < chief.end and chief.start < c.end)] + [chief]
    for c in out:
        _act_of_relative(c, sentence)
    return _rank_then_head(sorted(out, key=lambda c: c.start), sentence)


# "…, जिनका आयोजन खंड चिकित्सा अधिकारी एवं … करेंगे": the noun after a relative genitive is the act the relative
# clause names (its owners after it), never a modifier of the first post
_RELATIVE_GENITIVE = spelled(r"(?:^|[\s,])(?:जिनका|जिनकी|जिनके|जिसका|जिसकी|जिसके)\s+$")


def _act_of_relative(c: _Candidate, sentence: str) -> None:
    """Drop the act noun that a relative genitive put before a post's own words."""
    first, _, rest = c.designation.partition(" ")
    if rest and sentence.startswith(first, c.start) and _RELATIVE_GENITIVE.search(sentence, 0, c.start):
        gap = sentence[c.start + len(first) :]
        c.start += len(first) + len(gap) - len(gap.lstrip())
        c.designation = rest


def _rank_then_head(candidates: list[_Candidate], sentence: str) -> list[_Candidate]:
    """ "पशु चिकित्सा सहायक शल्यज्ञ": a post ending in a rank (post_ranks.tsv) right before a bare head is one post."""
    out: list[_Candidate] = []
    for c in candidates:
        prev = out[-1] if out else None
        if (
            prev is not None
            and not prev.body
            and not c.body
            and sentence[prev.end : c.start].isspace()
            and is_in(prev.designation.split()[-1], "post_ranks")
            and " " not in c.designation
            and c.name is None
            and prev.name is None
        ):
            prev.end, prev.designation, prev.known = c.end, f"{prev.designation} {c.designation}", prev.known or c.known
            continue
        out.append(c)
    return out


# "गृह सचिव-सह-परिवहन सचिव", "निदेशक परिवहन-सह-एसटीए": one officer holding two posts ("-cum-"), written as one
_CUM = r"\s*-\s*सह\s*-\s*"
_CUM_GAP = re.compile(rf"(?:\s+[\u0900-\u097f]+){{0,2}}{_CUM}(?:[\u0900-\u097f]+\s+){{0,2}}")
_CUM_BEFORE = re.compile(rf"(?:[\u0900-\u097f]+\s+){{0,3}}[\u0900-\u097f]+{_CUM}(?:[\u0900-\u097f]+\s+){{0,2}}$")
_CUM_AFTER = re.compile(
    rf"(?:\s+[\u0900-\u097f]+){{0,2}}{_CUM}(?:[\u0900-\u097f]+\s+){{0,2}}[\u0900-\u097f]+(?=\s+(?:ने|द्वारा)(?!\S))"
)
_AGENT_AFTER = re.compile(r"\s+(?:ने|द्वारा)(?!\S)")


def _cum_span(sentence: str, span: tuple[int, int] | None) -> tuple[int, int] | None:
    """The issuer's span widened over the other half of a "-सह-" post before its ``ने`` (``गृह सचिव-सह-परिवहन सचिव
    ने``): neither half is an addressee."""
    if span is None:
        return None
    start, end = span
    before = _CUM_BEFORE.search(sentence, max(0, start - 80), start) if _AGENT_AFTER.match(sentence, end) else None
    after = _CUM_AFTER.match(sentence, end)
    return (before.start() if before else start, after.end() if after else end)


def _cum_posts(candidates: list[_Candidate], sentence: str) -> list[_Candidate]:
    """Two posts joined by "-सह-" (``निदेशक परिवहन-सह-एसटीए को``) are one officer: one candidate over both."""
    out: list[_Candidate] = []
    for c in candidates:
        prev = out[-1] if out else None
        if prev is not None and not prev.body and not c.body and _CUM_GAP.fullmatch(sentence[prev.end : c.start]):
            prev.end, prev.designation = c.end, sentence[prev.start : c.end]
            prev.name = prev.name or c.name
            continue
        out.append(c)
    return out


# "स्वास्थ्य और शिक्षा विभाग को": a bare modifier joined to a body phrase shares its head.
_SHARED_HEAD_BEFORE = spelled(r"(?<![\u0900-\u097f])(?P<mod>[\u0900-\u097f]+)\s+(?:और|एवं|तथा|व)\s+$")


def _shared_heads(candidates: list[_Candidate], sentence: str) -> list[_Candidate]:
    """ "कृषि और पशुपालन विभाग" → कृषि विभाग, पशुपालन विभाग, unless the whole is one known department."""
    out = list(candidates)
    for c in candidates:
        words = c.designation.split()
        m = _SHARED_HEAD_BEFORE.search(sentence, 0, c.start)
        if not (c.body and len(words) == 2 and m):
            continue
        mod = m["mod"]
        whole = sentence[m.start("mod") : c.end]
        if (
            mod in _POSTPOSITIONS
            or verbal_noun(mod)
            or finite_or_participle(mod)  # "… मर्यादा बनाए रखें और नगर निगम …": the verb ends the clause before
            or mod.endswith(("ों", "ओं"))
            or is_in(mod, "np_stop")
            or is_in(mod, "phrase_stop")
            or any(x.start < c.start and m.start("mod") < x.end for x in candidates)
            or is_in(" ".join(whole.split()[:-1]), "departments")
        ):
            continue
        out.append(_Candidate(m.start("mod"), m.end("mod"), f"{mod} {words[-1]}", None, False, True))
    return sorted(out, key=lambda c: c.start)


def _names_a_scheme(after: str) -> bool:
    """Do the next words (up to a postposition) make the designation part of a scheme or fund name?"""
    if _LIST_NEXT.match(after):
        return False  # "एसडीएम, तहसीलदार व अमीन अभियान …": a list goes on, no name holds the post
    for word in after.split()[:5]:
        word = word.strip(",।")
        first = word.split("-", 1)[0]  # "अपने-अपने", "अपनी-अपनी": a doubled word stops as the word itself does
        if first in _POSTPOSITIONS or (is_in(first, "phrase_stop") and not is_in(word, "scheme_modifiers")):
            return False
        if word.endswith("कर") and len(word) > 3:  # "… मिलकर संयुक्त अभियान चलाएं": a participle, not a name
            return False
        if is_in(word, "name_words"):
            return True
    return False


def _list_of_bodies_follows(rest: list[_Candidate], c: _Candidate, sentence: str) -> bool:
    """ "जिला कृषि अधिकारी, उद्यान विभाग और सहकारी समितियां": the body after the comma opens a list of
    bodies, so it is a member of its own, not the place of the post before it."""
    return bool(rest) and rest[0].body and bool(_LIST_GAP.fullmatch(sentence[c.end : rest[0].start]))


# "उपनिदेशक, मत्स्य …", "परियोजना अधिकारी, डूडा …": a branch or office word after a post and a comma.
# (a comma glued to the word after it stands for a slash between list members: "अधिकारियों/उद्यान निरीक्षकों")
_BRANCH_AFTER = spelled(rf"\s*,(?:\s+|(?<=\s,))(?P<word>{LETTERS}+)(?:-[0-9०-९]+)?(?=\s|[,।]|$)")
# "अपर जिलाधिकारी प्रशासन को", "उपनिदेशक कृषि से": the branch word with no comma, right before a postposition.
# (never a topic: "राजस्व अधिकारी राजस्व से संबंधित प्रकरणों का …")
_BRANCH_BEFORE_CASE = spelled(
    rf"\s+(?P<word>{LETTERS}+)(?=\s+(?:को|से(?!\s+(?:संबंधित|सम्बन्धित|सम्बंधित|संबंधी|जुड़े|जुड़ी))|ने|द्वारा)"
    r"(?![\u0900-\u0963\u0966-\u097f]))"
)


def _with_branch(c: _Candidate, sentence: str, starts: set[int]) -> None:
    """Widen a post over the branch word that follows it after a comma (``post_branches.tsv``), unless
    the word opens the next phrase (``उद्यान विभाग``)."""
    m = _BRANCH_AFTER.match(sentence, c.end) or _BRANCH_BEFORE_CASE.match(sentence, c.end)
    if m and not c.body and is_in(m["word"], "post_branches") and m.start("word") not in starts:
        c.designation = f"{c.designation}{sentence[c.end : m.end()]}".strip()
        c.end = m.end()


# "अधीक्षक, केंद्रीय कारागार, मदुरै को", "राजस्व मंडल अधिकारी, विजयवाड़ा द्वारा": the office or place after a post
# and a comma (one to five words, commas and joiners inside), closed by a case marker or, when the post opens a
# point or clause bidding it, by the first word of the clause's object.
_OFFICE_WORD = rf"{LETTERS}+(?:-[0-9०-९]+)?"
_OFFICE_WORDS = rf"{_OFFICE_WORD}(?:(?:\s*,\s*|\s+(?:{_CONJUNCTION})\s+|\s+){_OFFICE_WORD}){{0,4}}"
_OFFICE_AFTER = spelled(
    rf"\s*,\s+(?P<office>{_OFFICE_WORDS})"
    r"(?=\s+(?P<case>(?:के\s+)?द्वारा|को|से|ने)(?![\u0900-\u0963\u0966-\u097f]))"
)
_OFFICE_OPENING = spelled(
    rf"\s*,\s+(?P<office>{_OFFICE_WORDS}?)"
    # the clause goes on with a quantified or counted object, a date, or a noun with its genitive
    # ("परियोजना अधिकारी, डूडा अपूर्ण 312 आवासों …": a word before the count is the count's)
    rf"(?=\s+(?:(?:सभी|समस्त|प्रत्येक|हर|अपने|अपनी)\s|(?:{LETTERS}+\s+)?[0-9०-९]|{LETTERS}+\s+(?:का|की|के|में|से|को|पर)\s"
    # or with the verb that closes it ("इसके लिए उप अधीक्षक, जिला कारागार समन्वय करेंगे")
    rf"|(?:{LETTERS}+\s+){{1,2}}{LETTERS}+(?:ें|ेंगे|ेंगी|ेगा|ेगी)\s*(?:[।,;.|]|$)))"
)
# "…, इसके लिए उप अधीक्षक, जिला कारागार … समन्वय करेंगे": a purpose connective opens the clause of its subject
_PURPOSE_OPENING = spelled(r"(?:^|[\s,])(?:इसके\s+लिए|इसके\s+लिये|इस\s+हेतु|इसके\s+हेतु)\s+$")
# where the clause after a post's office ends (not the comma of a date: "31 मार्च, 2026 तक")
_CLAUSE_END = spelled(r",(?!\s*[0-9०-९]{4})|[।;]|\s(?:कि|अन्यथा|वरना)\s")
_NOT_OFFICE = spelled(r"[\u0900-\u097f]*(?:ों|ओं)")


def _office_word_ok(word: str) -> bool:
    """May ``word`` be part of the office or place written after a post (not a post, plural, pronoun or verb)?"""
    return not (
        _NOT_OFFICE.fullmatch(word)
        or word in _POSTPOSITIONS
        or any(
            is_in(word, t)
            for t in (
                "designation_heads",
                "np_stop",
                "quantifiers",
                "months",
                "empty_direction_adjectives",
                "manner",
            )
        )
        or (is_in(word, "phrase_stop") and not is_in(word, "scheme_modifiers"))  # "ग्रामीण स्वास्थ्य केंद्र" stays
        or verbal_noun(word)
        or finite_or_participle(word)
    )


def _with_office(c: _Candidate, sentence: str, candidates: list[_Candidate]) -> _Candidate | None:
    """Widen a post over the office or place written after it and a comma (``नियंत्रक, विधिक माप विज्ञान सभी …
    सुनिश्चित करें``, ``तहसीलदार, डिस्किट को``), unless another post or two bodies stand there (a list). Returns
    the body the office holds (``चिकित्सा अधिकारी, ग्रामीण स्वास्थ्य केंद्र, पेरम्बूर``), now part of the post."""
    if c.body:
        return None
    found = [_OFFICE_AFTER.match(sentence, c.end)]
    if _OPENS_CLAUSE.search(sentence, 0, c.start) or _PURPOSE_OPENING.search(sentence, 0, c.start):
        m = _OFFICE_OPENING.match(sentence, c.end)
        clause = _CLAUSE_END.split(sentence[m.end() :], maxsplit=1)[0] if m else ""
        found.append(m if m and _BIDDEN_END.search(clause.rstrip(" ।.|")) else None)
    for m in found:
        if m is None:
            continue
        words = [w for w in re.split(r"[\s,]+", m["office"]) if w and not re.fullmatch(_CONJUNCTION, w)]
        if not words or not all(_office_word_ok(w) for w in words):
            continue
        inside = [x for x in candidates if x is not c and x.start < m.end("office") and m.start("office") < x.end]
        if any(not x.body for x in inside) or len(inside) > 1:
            return None  # a post, or bodies listed, after the comma: members of their own
        c.designation = f"{c.designation}{sentence[c.end : m.end('office')]}".strip()
        c.end = m.end("office")
        return inside[0] if inside else None
    return None


# "सभी डीसी यानी उपायुक्तों को": the second name glosses the first; one post.
# "सभी प्रखंड स्तरीय पदाधिकारी यथा प्रभारी चिकित्सा पदाधिकारी, …": यथा (namely) lists the officers the umbrella means.
_GLOSS = spelled(r"\s*(?:यानी|यानि|याने|अर्थात|अर्थात्|यथा)\s*")


def _drop_glossed(candidates: list[_Candidate], sentence: str) -> list[_Candidate]:
    """Keep the gloss of ``X यानी Y``, not X as well."""
    return [
        c
        for i, c in enumerate(candidates)
        if i + 1 >= len(candidates) or not _GLOSS.fullmatch(sentence[c.end : candidates[i + 1].start])
    ]


def _merge_appositions(candidates: list[_Candidate], sentence: str) -> list[_Candidate]:
    """ "मुख्य कार्यकारी अधिकारी, जिला परिषद सुनिश्चित करेंगे", "अधिशाषी अभियंता लोक निर्माण विभाग को": the body
    after a post places it; "सार्वजनिक निर्माण विभाग के अधिकारियों को": a post of a named body is kept whole."""
    out: list[_Candidate] = []
    for i, c in enumerate(candidates):
        prev = out[-1] if out else None
        gap = sentence[prev.end : c.start] if prev is not None else ""
        if (
            prev is not None
            and c.body
            and not prev.body
            and re.fullmatch(r"\s*,?\s*", gap)
            and not _list_of_bodies_follows(candidates[i + 1 :], c, sentence)
            # "पर्यवेक्षिकाएं आंगनबाड़ी केंद्रों का …": an office after a post names one office; an oblique
            # plural is the genitive of what they act on
            and not sentence[c.start : c.end].endswith(("ों", "ओं"))
        ):
            prev.end = c.end
            prev.designation = sentence[prev.start : c.end] if not gap.strip() else prev.designation
            continue
        if prev is not None and prev.body and not c.body and _OF_BODY_GAP.fullmatch(gap):
            prev.end, prev.body, prev.known = c.end, False, c.known
            prev.designation = f"{prev.designation} के {c.designation}"
            continue
        out.append(c)
    return out


# A word right after a post that is no postposition, conjunction or punctuation: a name goes on.
_NAMED_BY_POST = spelled(rf"\s+(?!(?:का|की|के|को|से|में|पर|ने|तक|द्वारा|एवं|तथा|और|व|भी|ही){WORD_END}){LETTERS}")


def _lends_its_title(sentence: str, c: _Candidate) -> bool:
    """Is a scheme-naming post (``scheme_posts.tsv``) followed by a word of a name (a scheme's or its holder's),
    even one the people finder took for the holder's name?"""
    if not is_in(c.designation, "scheme_posts"):
        return False
    own_end = c.start + len(c.designation) if sentence.startswith(c.designation, c.start) else c.end
    return bool(_NAMED_BY_POST.match(sentence, own_end))


_HYPHEN_PAIR = re.compile(r"-[\u0900-\u0963\u0966-\u097f]+")


def _acts(
    sentence: str, c: _Candidate, directing: bool, head: int | None = None, list_known: bool = False
) -> bool | None:
    """Does the candidate act? None when it depends on the next list member. ``head`` is where the
    list the candidate closes begins (``तहसीलदार, नायब तहसीलदार एवं राजस्व निरीक्षक …``)."""
    # "किसानों-बागवानों की आय …": a hyphened pair is one phrase, read on after its second word
    pair = _HYPHEN_PAIR.match(sentence, c.end)
    end = pair.end() if pair else c.end
    after = sentence[end:]
    agent = _AGENT.match(after)
    named = None if agent else _NAMED_BY_AGENT.match(after)
    if named and _names_a_holder(named["name"]):
        agent = named  # "आयुक्त विशाल सिंह के द्वारा …": the holder's name between the post and द्वारा
    if (
        c.body
        and c.designation.rpartition(" ")[2] in _ADDRESSED_ONLY
        and not _DATIVE_AFTER.match(after)
        and not _QUANTIFIER_BEFORE.search(sentence[: c.start])
    ):
        # "स्कूलों को … का निर्देश", "कि सभी विद्यालय … खुलें" act; "… वहाँ विद्यालय बंद रहें" states how a school stays
        return False
    if _ANY_ONE_BEFORE.search(sentence, 0, c.start):
        return False  # "कि कोई भी अधिकारी … मुख्यालय न छोड़े": anyone of that post, the prohibition's generic subject
    if agent:  # the agent of a passive acts, unless the passive is the direction itself or a done deed
        rest = end + agent.end()
        return not _DIRECTING_VERB.match(sentence, rest) and not _DONE_BY.match(sentence, rest)
    if _PASSED_ON.match(after) or _PASSED_ON_LIST.match(after):
        return False
    if _ERGATIVE_NE.match(after) or _INITIALS_AGENT.match(after) or _SOURCE_OF.match(after) or _named_agent(after):
        return False
    if _ISSUED_FROM.match(after) or _CONSULTED.match(after):
        return False
    if _RECIPIENT_MODIFIER.match(after) or _holder_event(after) or _partner(sentence, c):
        return False
    if _RELATIVE_SUBJECT.search(sentence[: c.start]) and _CORRELATIVE.match(after):
        return True  # "जो अधीक्षक … नहीं करते, वे … करें", "जिन विभागों के … हैं वह …": who the correlative binds
    if _SERVED_NOTICE.match(after):
        return True  # before the patient dative: the notice is served, not directed to be served
    if _EXPLANATION_SOUGHT.match(after):
        return False
    if _PATIENT_DATIVE.match(after) or _RELATED_TO.match(after):
        return False
    if (
        _DUTY_OF.match(after)
        or (_DUTY_IS_OF.match(after) and _DUTY_NAMED_BEFORE.search(sentence[: c.start]))
        or (_CONDITION_BEFORE.search(sentence, 0, c.start) and _CONDITIONAL_EXPERIENCER.match(after))
    ):
        return True
    if c.body and _SENT_TO.match(after):
        return False
    if _TOLD_THAT.match(after) and _BIDDEN_END.search(sentence.rstrip(" ।.|")):
        return True  # "सेक्टर मजिस्ट्रेट को बताया गया कि … वे … पहुंचें": told what they are to do
    if any(
        rx.match(after) for rx in (_DIRECTED_AFTER, _DIRECTED_LATER, _APPOSITION_DIRECTED, _ASKED_LATER, _CUT_DIRECTED)
    ):
        return True
    if _REQUESTED_LATER.match(after) and not _ASKED_OF_BEFORE.search(sentence[: c.start]):
        return True
    if _GIVEN_TO.match(after) and _DIRECTION_NOUN.search(sentence[: c.start]):
        return True  # "… मुक्त कराने के निर्देश सम्बन्धित अधिकारी को दिये"
    if _NOT_ACTOR_AFTER.match(after) or _NOT_ACTOR_PLACE.match(after) or _PATIENT_VERB.match(after):
        return False
    if _LEVEL.match(after):
        return False  # "सचिव स्तर की बैठक": the level of a meeting, not a person
    if _names_a_scheme(after) and (
        head is None or any(is_in(w, "scheme_posts") for w in sentence[head : c.start].split())
    ):
        # "मुख्यमंत्री राहत कोष": a name, not a person; a list of posts ("एसडीएम, तहसीलदार व अमीन अभियान के तहत
        # कार्यवाही करें") is never inside one, unless it is a list of names ("मुख्यमंत्री … निधि और विधायक निधि")
        return False
    if _LIST_NEXT.match(after):
        return None
    if _lends_its_title(sentence, c):
        return False  # "प्रधानमंत्री आवास (ग्रामीण) के …", "मुख्यमंत्री डैशबोर्ड पर": a name the post lends its title to
    if c.known:
        return True
    # an open-class phrase in the nominative acts when it opens the clause: "कि सिंचाई विभाग … करे",
    # not when the clause states a fact about it: "कि सहकारी समितियां … रीढ़ हैं"
    # ("… कैमरे लगवाएं अन्यथा उनके लाइसेंस निलंबित किए जाएंगे": the threat after अन्यथा is a clause of its own)
    clause = re.split(r"[,।;]|\s(?:कि|और|तथा|अन्यथा|वरना)\s", after, maxsplit=1)[0]
    if _COPULA_END.search(clause) or _PASSIVE_END.search(clause):
        return False  # "कि आपातकालीन संचालन केंद्र … क्रियाशील कर दिए जाएं": the passive's subject is acted on
    if _EMPHATIC_SUBJECT.match(after):
        return True
    opens = (
        _CLAUSE_START.search(sentence[: c.start])
        or (head is not None and _CLAUSE_START.search(sentence[:head]))
        or _QUANTIFIED_AFTER_OBJECT.search(sentence[: c.start])
        # "… उपलब्ध कराने के लिए नगर पालिका व नगर पंचायत … पूर्ण कराएं": the list after the purpose phrase
        or (head is not None and _QUANTIFIED_AFTER_OBJECT.search(sentence[:head]))
        # "बकायेदारों पर तहसीलदार, पटवारी व अमीन कार्रवाई करें": a nominative list of known posts is a subject
        or list_known
        # "कि अस्पतालों की प्रबंधन समिति … कार्य करे": a genitive before the subject, its clause bidding it
        or (_BIDDEN_END.search(clause) and _opens_after_genitive(sentence[: head if head is not None else c.start]))
    )
    return bool(opens) and not (
        directing
        and not _THAT.search(sentence)
        and not _SAID_BARE.search(sentence)
        and not _SAID_QUOTED.search(sentence)
    )


# "कलेक्टर एवं जिला निर्वाचन अधिकारी हर्षिका सिंह ने …": a post, its holder's name (one to four words) and the
# ergative: the agent who directs, never an addressee.
_NAMED_BY_AGENT = spelled(
    r"(?P<name>(?:\s+[\u0900-\u097f.]+){1,4}?)\s+(?:\([^()]{0,60}\)\s*)?(?:के\s+)?द्वारा" + WORD_END
)
# "जिला शिक्षा अधिकारी (मुख्यालय) माध्यमिक शिक्षा X Y ने …": a bracketed charge and the branch before the name.
_NAMED_AGENT = spelled(
    r"(?:\s*\([^()]{0,60}\)(?=\s+(?:[\u0900-\u097f.]+\s+){2}))?"
    r"(?P<name>(?:\s+[\u0900-\u097f.]+){1,5}?)\s+(?:\([^()]{0,60}\)\s*)?(?:ने|नें)" + WORD_END
)


def _named_agent(after: str) -> bool:
    """Do a holder's name and the ergative ``ने`` follow the post?"""
    m = _NAMED_AGENT.match(after)
    return m is not None and _names_a_holder(m["name"])


def _names_a_holder(name: str) -> bool:
    """Are these words a person's name: no postposition, oblique plural, conjunction or phrase stop?"""
    return not any(
        w in _POSTPOSITIONS
        or w in {"एवं", "तथा", "और", "व", "भी", "ही"}
        or w.endswith(("ों", "ओं"))
        or is_in(w, "phrase_stop")
        or is_in(w, "np_stop")
        or is_in(w, "name_words")
        or is_in(w, "designation_heads")
        or is_in(w, "body_heads")
        for w in name.split()
    )


def _holder_event(after: str) -> bool:
    """Do a holder's name and the genitive of their visit or absence follow the post?"""
    m = _HOLDER_EVENT.match(after)
    return m is not None and not any(
        w in _POSTPOSITIONS or w.endswith(("ों", "ओं")) or is_in(w, "phrase_stop") for w in m["name"].split()
    )


def _list_head(candidates: list[_Candidate], i: int, sentence: str) -> int | None:
    """Where the list that candidate ``i`` closes begins, or None when it stands alone."""
    j = i
    while j > 0 and _LIST_GAP.fullmatch(sentence[candidates[j - 1].end : candidates[j].start]):
        j -= 1
    return candidates[j].start if j < i else None


def _list_known(candidates: list[_Candidate], head: int | None, c: _Candidate) -> bool:
    """Does the list that ``c`` closes (from ``head``) hold a post the gazetteer knows?"""
    return head is not None and any(x.known for x in candidates if head <= x.start < c.start)


# "सीडीओ को विकास विभागों की और एडीएम को राजस्व विभागों की निगरानी का निर्देश": two addressees, each with its
# own object, joined by a conjunction right before the second.
# A's object is a few words with no verbal noun, participle or finite verb ("को मिलने वाले मानदेय …", "को अलर्ट पर
# रखा गया है और …" are clauses of their own).
_PARALLEL_DATIVE = spelled(
    r"\s*को\s+(?:(?![\u0900-\u097f]+(?:ने|कर|ते|ती)\s|(?:है|हैं|था|थे|गया|गई|गए|गये)\s)[^\s,।]+\s+){1,8}?(?:और|तथा|एवं|व)\s+(?:(?:सभी|समस्त|संबंधित|सम्बन्धित)\s+)?"
)


# What joins a second dative to the first as a member of its own clause ("A को … और B को …").
_JOINS_BEFORE = spelled(r"(?:,|(?:और|तथा|एवं|व)\s+(?:(?:सभी|समस्त|संबंधित|सम्बन्धित)\s+)?)\s*$")
_CLAUSE_BREAK = spelled(r"[,।;]|\sकि\s")


def _recipients_after_addressee(candidates: list[_Candidate], decisions: list[bool | None], sentence: str) -> None:
    """ "बैंकों को … योजनाओं में हितग्राहियों को लोन देने के निर्देश": a second dative in the clause of a
    dative addressee, not joined to it by a conjunction, receives the action; it does not act. A post the
    gazetteer knows stays (a direction to pass on names it: "बीडीओ को सचिवों को निर्देशित करने को कहा")."""
    for i, c in enumerate(candidates):
        if not decisions[i] or c.known or not sentence[c.end :].lstrip().startswith("को"):
            continue
        for j in range(i):
            first = candidates[j]
            gap = sentence[first.end : c.start]
            if (
                decisions[j]
                and gap.lstrip().startswith(("को ", "से "))
                and not _CLAUSE_BREAK.search(gap)
                and not _JOINS_BEFORE.search(gap)
            ):
                decisions[i] = False
                break


def _parallel_datives(candidates: list[_Candidate], decisions: list[bool | None], sentence: str) -> None:
    """An addressee whose clause is coordinated with a later directed addressee's (``A को … और B को …``) acts
    too, and what stands between them is A's object, not a list member."""
    for j, later in enumerate(candidates):
        if not decisions[j] or not sentence[later.end :].lstrip().startswith("को"):
            continue
        for i in range(j - 1, -1, -1):
            if decisions[i] or not _PARALLEL_DATIVE.fullmatch(sentence[candidates[i].end : later.start]):
                continue
            decisions[i] = True
            for k in range(i + 1, j):
                decisions[k] = False
            break


# "विभाग के सचिव, आयुक्त, संचालक स्तर के सभी अधिकारियों को": the officers of the levels listed, not "अधिकारी".
_LEVEL_OF = spelled(r"\s*स्तर(?:ीय)?\s+(?:(?:के|का|की)\s+)?(?:(?:सभी|समस्त)\s+)?")
_GENERIC_OFFICERS = frozenset(r[0] for r in rows("generic_posts") if r[1:] == ("officers",))


def _levels_listed(candidates: list[_Candidate], decisions: list[bool | None], sentence: str) -> None:
    """The posts before ``स्तर के (सभी) अधिकारियों`` act in place of the generic officers."""
    for i in range(1, len(candidates)):
        c = candidates[i]
        if not decisions[i] or c.designation not in _GENERIC_OFFICERS:
            continue
        if not _LEVEL_OF.fullmatch(sentence[candidates[i - 1].end : c.start]):
            continue
        head = _list_head(candidates, i - 1, sentence)
        for k, x in enumerate(candidates[:i]):
            if x is candidates[i - 1] or (head is not None and x.start >= head):
                decisions[k] = True
        decisions[i] = False


# "जिला एवं ब्लॉक स्तरीय अधिकारियों", "जिला, ब्लॉक स्तरीय अधिकारियों": office levels listed before स्तरीय share it
# and the post: the officers of each level act.
_LEVEL_WORD = rf"(?:{alternation(column('office_levels'))}|उपखंड|उपखण्ड|विकासखंड|विकासखण्ड|संभाग|ब्लाक|पंचायत|ग्राम)"
_LEVEL_JOIN = r"(?:\s*,\s*|\s+(?:एवं|व|और|तथा)\s+)"
_LEVELS_IN = spelled(rf"(?P<levels>{_LEVEL_WORD}(?:{_LEVEL_JOIN}{_LEVEL_WORD})+)\s+(?P<rest>स्तरीय\s.+)")
_LEVEL_FIRST = spelled(rf"(?P<level>{_LEVEL_WORD})\s+(?P<rest>स्तरीय\s.+)")
_LEVELS_BEFORE = spelled(rf"{WORD_START}(?P<levels>(?:{_LEVEL_WORD}\s*,\s*)+)$")


def _levels_of(c: _Candidate, sentence: str) -> list[str]:
    """The posts ``c`` names, one per office level listed before its स्तरीय (``जिला स्तरीय अधिकारी``, ``ब्लॉक स्तरीय
    अधिकारी``), or its designation alone."""
    m = _LEVELS_IN.fullmatch(c.designation) or _LEVEL_FIRST.fullmatch(c.designation)
    if m is None:
        return [c.designation]
    levels = re.split(_LEVEL_JOIN, m["levels"]) if "levels" in m.groupdict() else [m["level"]]
    before = _LEVELS_BEFORE.search(sentence, 0, c.start)
    if before:
        levels = [w for w in re.split(r"\s*,\s*", before["levels"]) if w] + levels
    return [f"{level} {m['rest']}" for level in levels]


# "कि राजस्व तथा पुलिस के अधिकारी …": two bare modifiers joined before a genitive share the post.
_SHARED_GENITIVE = spelled(
    rf"{WORD_START}(?P<a>{LETTERS}+)\s+(?:तथा|और|एवं|व)\s+(?P<b>{LETTERS}+)\s+के\s+(?:(?:सभी|समस्त)\s+)?$"
)


def _shared_genitive(candidates: list[_Candidate], sentence: str) -> list[_Candidate]:
    """ "राजस्व तथा पुलिस के अधिकारी" → राजस्व के अधिकारी, पुलिस के अधिकारी (a bare head after the genitive)."""
    out: list[_Candidate] = []
    for c in candidates:
        m = _SHARED_GENITIVE.search(sentence, 0, c.start)
        words = (m["a"], m["b"]) if m else ()
        if (
            m is None
            or " " in c.designation
            or c.body
            or any(w in _POSTPOSITIONS or w.endswith(("ों", "ओं")) or is_in(w, "np_stop") for w in words)
            or any(x.start < c.start and m.start() < x.end for x in candidates)
        ):
            out.append(c)
            continue
        out.append(_Candidate(m.start("a"), m.end("a"), f"{m['a']} के {c.designation}", None, False))
        out.append(_Candidate(m.start("b"), c.end, f"{m['b']} के {c.designation}", None, False))
    return out


def find_responsible(
    sentence: str,
    gazetteer: Gazetteer,
    mentions: list[PersonMention],
    issuer_span: tuple[int, int] | None,
) -> list[dict[str, str | None]]:
    """Addressees of the directive in ``sentence``, as [{name, designation}], in order."""
    sentence = sentence.translate(_EMPHASIS)  # "*प्रदूषण विभाग* को": marks around a name, offsets kept
    sentence = _THAT_AS_KI.sub(r"\g<verb>कि", sentence)  # "निर्देश दिए की सभी …": कि typed as की, offsets kept
    sentence = _to_as_ko(sentence)  # "X तो … का निर्देश दिया गया": को typed as तो, offsets kept
    sentence = _SLASH.sub(",", sentence)  # "अधिकारियों/खान निरीक्षकों को": a slash between words lists them
    sentence = _LATIN_HYPHEN.sub(",", sentence)
    found: list[tuple[int, dict[str, str | None]]] = []
    spans: list[tuple[int, int]] = []

    def add(pos: int, designation: str, name: str | None = None, end: int | None = None) -> None:
        key = designation.strip()
        if not key or any(d["designation"] == key for _, d in found):
            return
        found.append((pos, {"name": name, "designation": key}))
        spans.append((pos, end if end is not None else pos + len(key)))

    issuer_span = _cum_span(sentence, issuer_span)
    candidates = _cum_posts(_candidates(sentence, mentions, issuer_span), sentence)
    starts = {c.start for c in candidates}
    absorbed = [_with_office(c, sentence, candidates) for c in candidates]
    candidates = [c for c in candidates if not any(c is x for x in absorbed)]
    for c in candidates:
        _with_branch(c, sentence, starts)
    candidates = _shared_heads(_drop_glossed(_merge_appositions(candidates, sentence), sentence), sentence)
    candidates = _shared_genitive(candidates, sentence)
    # a cue the subject is bidden to give ("… अभियंता अपने सबस्टेशन में उचित निर्देश जारी करेंगे") frames no direction
    directing = any(not _BIDDEN_CUE.match(sentence, m.end()) for m in _DIRECTING_CUE.finditer(sentence))
    decisions: list[bool | None] = [
        _acts(sentence, c, directing, head, _list_known(candidates, head, c))
        for i, c in enumerate(candidates)
        for head in [_list_head(candidates, i, sentence)]
    ]
    _agents_of_action(candidates, decisions, sentence)
    # a list member ("X, Y एवं Z को …") acts as the list's last member does
    for i in range(len(candidates) - 2, -1, -1):
        if decisions[i] is None:
            gap = sentence[candidates[i].end : candidates[i + 1].start]
            decisions[i] = decisions[i + 1] if _LIST_GAP.fullmatch(gap) or _GENITIVE_MEMBER.fullmatch(gap) else False
    for i, c in enumerate(candidates):
        # "अधिकारियों को … तेजी लाने और योजनाओं को … पूरा करने के निर्देश": the second को names no one
        m = (
            None
            if decisions[i]
            or any(
                rx.match(sentence, c.end)
                for rx in (_SOURCE_OF, _RECIPIENT_MODIFIER, _PATIENT_DATIVE, _EXPLANATION_SOUGHT)
            )
            or _partner(sentence, c)
            else _DIRECTED_LATER_LOOSE.match(sentence, c.end)
        )
        if m and not any(c.end < o.start < m.end() for o in candidates):
            decisions[i] = True
    for i in range(1, len(candidates)):
        # "अधिकारी को भवनविहीन केंद्रों को … भेजने को कहा": a second को right after an addressee is the object
        gap = sentence[candidates[i - 1].end : candidates[i].start]
        if decisions[i] and decisions[i - 1] and _SECOND_DATIVE.fullmatch(gap) and candidates[i].body:
            decisions[i] = False
    _recipients_after_addressee(candidates, decisions, sentence)
    _parallel_datives(candidates, decisions, sentence)
    _levels_listed(candidates, decisions, sentence)
    _joint_owners(candidates, decisions, sentence)
    for c, acts in zip(candidates, decisions, strict=True):
        if acts:
            for designation in _levels_of(c, sentence):
                add(c.start, designation, c.name, c.end)
    if not found and directing:
        # "सभी उपायुक्तों के साथ वीडियो कॉन्फ्रेंस की और उन्हें … निर्देश दिया": the pronoun means the participants
        for i, c in enumerate(candidates):
            if _MET_WITH.match(sentence, c.end):
                head = _list_head(candidates, i, sentence)
                for x in candidates[: i + 1]:
                    if x is c or (head is not None and x.start >= head):
                        add(x.start, x.designation, x.name, x.end)

    for pos, body in _bodies_referred_back(sentence):
        add(pos, body)
    for m in _WALE_SUBJECT.finditer(sentence):
        if _PASSIVE_VERB.search(sentence, m.end("np"), m.end()):
            continue  # "कि खराब सड़क वाले गांव चिन्हित किए जाएं": the passive's subject is acted on
        if not any(s < m.end("np") and m.start("np") < e for s, e in spans):
            add(m.start("np"), m.group("np"))
    for m in _MANAGEMENT_SUBJECT.finditer(sentence):
        if not any(rx.search(sentence, m.end("np"), m.end()) for rx in (_PASSIVE_VERB, _PASSIVE_FUTURE)):
            add(m.start("np"), m.group("np"))
    for m in _BARE_COMMITTEE.finditer(sentence):
        if any(rx.search(sentence, m.end("np"), m.end()) for rx in (_PASSIVE_VERB, _PASSIVE_FUTURE)):
            continue  # "कि समिति गठित की जाए": the committee is formed, not bidden
        if not any(s < m.end("np") and m.start("np") < e for s, e in spans):
            add(m.start("np"), "कमेटी" if m.group("np") == "कमेटी" else "समिति")
    addressees = [(m.start("np"), m.group("np")) for m in _ADDRESSEE.finditer(sentence)]
    addressees += [
        (m.start("np"), m.group("np")) for rx in (_ASKED_OF, _ADVISED, _RELATIVE_NP) for m in rx.finditer(sentence)
    ]
    for start, np in addressees:
        if _places_of_a_post(np, start, sentence, spans, found, gazetteer):
            continue
        offset = 0
        for part in _SPLIT.split(np):
            offset = np.find(part, offset)
            pos = start + max(offset, 0)
            if any(s < pos + len(part) and pos < e for s, e in spans):
                continue  # already read as a designation
            if any(e <= pos and not sentence[e:pos].strip() for _, e in spans):
                continue  # "एस0डी0एम0 सदर को": the word right after a post places it (its circle, its town)
            if _PASSED_ON.match(sentence, start + len(np)) or _CONSULTED.match(sentence, start + len(np)):
                continue
            cleaned = _clean_np(part)
            if not cleaned or is_in(cleaned.split()[-1], "manner"):
                continue
            if gazetteer.find(cleaned) and gazetteer.find(part.split()[-1]) and not part.endswith(("ोें", "ो")):
                continue  # a known post: the candidates above decided on it (a misspelt head or plural they never saw)
            if len(cleaned) > 2:
                add(pos, cleaned)
    _departments_of_officers(sentence, found, spans)
    found.sort(key=lambda x: x[0])
    return [d for _, d in found if not _the_press(d["designation"] or "")]


def _places_of_a_post(
    np: str,
    start: int,
    sentence: str,
    spans: list[tuple[int, int]],
    found: list[tuple[int, dict[str, str | None]]],
    gazetteer: Gazetteer,
) -> bool:
    """ "क्षेत्रीय परिवहन अधिकारी, बेळगावी एवं चिक्कोडी को": words after a post and its comma, none a post or a body,
    are the towns or offices it serves: the post is widened over them (one owner), none is an owner itself."""
    before = [(s, e) for s, e in spans if e <= start and re.fullmatch(r"\s*,\s*", sentence[e:start])]
    if not before or any(gazetteer.find(part) or find_phrases(part) for part in _SPLIT.split(np) if part.strip()):
        return False
    post_start, post_end = before[-1]
    for pos, entry in found:
        if pos == post_start and entry["designation"] == sentence[post_start:post_end].strip():
            entry["designation"] = sentence[post_start : start + len(np)].strip()
    return True


def _the_press(designation: str) -> bool:
    """``पत्रकारों से कहा``, ``आईएएनएस को कहा``: the press a speaker talks to never acts (press_words.tsv)."""
    words = designation.split()
    return bool(words) and (is_in(designation, "press_words") or is_in(words[-1], "press_words"))


# "शिक्षा विभाग, स्वास्थ्य विभाग … सहित विभिन्न विभागों के अधिकारियों को", "… आदि विभागीय अधिकारियों को",
# "लोनिवि व राष्ट्रीय राजमार्ग के अधिकारियों को": the officers of the departments listed are those departments.
_MEMBER = (
    rf"(?<![^\s,])(?:(?!(?:{_CASE_MARKERS}|{alternation(column('member_stop'))})\s)[^\s,।]+\s+){{0,3}}?"
    rf"(?!(?:{_CASE_MARKERS})\s)[^\s,।]+"
)
_DEPARTMENTS_OF_OFFICERS = spelled(
    rf"(?P<list>{_MEMBER}(?:\s*(?:,|(?<=\s){_CONJUNCTION}(?=\s))\s*{_MEMBER})+)\s+"
    r"(?:(?:सहित|आदि)\s+(?:(?:विभिन्न|अन्य|सभी|समस्त|संबंधित|सम्बन्धित)\s+)?(?:विभागों\s+के|विभाग\s+के|विभागीय)|के)\s+"
    r"(?:(?:सभी|समस्त)\s+)?(?P<off>अधिकारियों|पदाधिकारियों|अधिकारी|पदाधिकारी)\s+(?:को|से)(?![\u0900-\u097f])"
)
_CLAUSE_WORDS = frozenset(r[0] for r in rows("clause_words"))
# "जिला व ब्लॉक स्तर के अधिकारियों": levels, not departments (``_levels_listed``)
_NOT_A_DEPARTMENT = spelled(r"(?:स्तर|स्तरीय|स्तरों)$")


_WORD_CONJUNCTION = spelled(rf"\s+{_CONJUNCTION}\s+")


@lru_cache(maxsize=1)
def _joined_department_openings() -> frozenset[str]:
    """The words before the first conjunction of department names joined by one (``महिला`` of ``महिला एवं बाल
    विकास``)."""
    return frozenset(fold(parts[0]) for row in column("departments") if len(parts := _WORD_CONJUNCTION.split(row)) > 1)


def _one_department(listed: str) -> bool:
    """Is ``खाद्य एवं सिविल सप्लाई विभाग`` one department's name: its first words and conjunction open one?"""
    parts = _WORD_CONJUNCTION.split(listed, maxsplit=1)
    if len(parts) < 2 or "," in parts[0]:
        return False
    words = parts[0].split()  # "… प्रस्तुत करने राजस्व एवं कृषि विभाग": the opening's last words
    return any(fold(" ".join(words[-k:])) in _joined_department_openings() for k in range(1, min(3, len(words)) + 1))


def _departments_of_officers(
    sentence: str, found: list[tuple[int, dict[str, str | None]]], spans: list[tuple[int, int]]
) -> None:
    """Read the officers of a list of departments (an addressee already found) as the departments listed."""
    at = 0
    while (m := _DEPARTMENTS_OF_OFFICERS.search(sentence, at)) is not None:
        at = m.start() + 1  # a rejected list may begin a word later ("उन्होंने लोनिवि व …")
        inside = [k for k, (s, e) in enumerate(spans) if m.start() <= s < m.end() and e > m.start("off")]
        if not inside:
            continue  # the officers are no addressee here
        if _one_department(m["list"]):
            continue
        members: list[tuple[int, str, int]] = []
        offset = m.start("list")
        for part in _SPLIT.split(m["list"]):
            pos = sentence.find(part, offset)
            offset = pos + len(part)
            cleaned = _clean_np(part)
            if (
                not cleaned
                or _NOT_A_DEPARTMENT.search(cleaned)
                or cleaned in _GENERIC_OFFICERS
                # "… गंभीर है, उन्होंने विभाग के …": a clause of its own, no list member
                or any(is_in(w, "np_stop") or w in _CLAUSE_WORDS for w in part.split())
            ):
                members = []
                break
            members.append((pos, cleaned, offset))
        if len(members) < 2:
            continue
        drop = {k for k, (s, _e) in enumerate(spans) if m.start() <= s < m.end()}
        kept = [(f, sp) for k, (f, sp) in enumerate(zip(found, spans, strict=True)) if k not in drop]
        found[:] = [f for f, _ in kept]
        spans[:] = [sp for _, sp in kept]
        for pos, designation, end in members:
            if not any(d["designation"] == designation for _, d in found):
                found.append((pos, {"name": None, "designation": designation}))
                spans.append((pos, end))
        at = m.end()


# "सभी जिला अधिकारी … करें": officers of the issuer's rank, not the issuer.
_QUANTIFIED = rf"(?:{alternation(column('quantifiers'))})\s+"


def _plural_of(post: str, sentence: str, issuer_span: tuple[int, int] | None) -> bool:
    """Is ``post`` written in the plural in ``sentence``, outside the words naming the issuer (``जनपद पंचायतों के
    मुख्य कार्यपालन अधिकारियों से कहा``)? One who directs is one person: posts of that title in the plural are others."""
    words = post.split()
    forms = alternation(plural_forms(words[-1])) if words else ""
    if not words or forms == "(?!)":
        return False
    stem = "".join(re.escape(w) + r"\s+" for w in words[:-1])
    return any(
        issuer_span is None or m.end() <= issuer_span[0] or m.start() >= issuer_span[1]
        for m in re.finditer(rf"(?<![\u0900-\u097f]){stem}(?:{forms})(?![\u0900-\u097f])", sentence)
    )


def without_issuer(
    found: list[dict[str, str | None]],
    issuer: Mapping[str, str | None] | None,
    issuer_span: tuple[int, int] | None,
    sentence: str,
) -> list[dict[str, str | None]]:
    """Leave out the issuer's own post: one who directs is never the addressee of the same directive (none of
    the real set's gold items names its issuer's post as responsible). The post written with a quantifier
    (``सभी जिला अधिकारी``) names others of that rank, unless the issuer was found in this very sentence."""
    post = issuer.get("designation") if issuer else None
    if not post or (issuer_span is None and not (issuer or {}).get("name")):
        return found  # the issuer is only presumed (the chair by default): a bare post may be someone else
    if _plural_of(post, sentence, issuer_span):
        return found
    if issuer_span is None and re.search(_QUANTIFIED + re.escape(post), sentence):
        return found
    if issuer_span is not None and not (issuer or {}).get("name"):
        # "पदाधिकारियों द्वारा बैठक कर सभी संबंधित पदाधिकारी और कर्मचारियों को …": an unnamed issuing post
        # addressing others of its rank with a quantifier, outside the words that name the issuer
        for m in re.finditer(_QUANTIFIED + re.escape(post), sentence):
            if m.end() <= issuer_span[0] or m.start() >= issuer_span[1]:
                return found
    return [r for r in found if r["designation"] != post]
