"""Is a sentence a directive? Cue rows of Hindi officialese, each with a kind and a confidence.

See ../shared/eval/GUIDELINES.md: a directive is a sentence in which an authority directs someone to do
something in future. Discussion, progress reports, opinions, expected benefits and directions given in
the past are not directives.

``CUE_RULES`` is the table: (kind, pattern, confidence, condition), tried in order; the first row whose
pattern matches and whose condition holds gives the cue. ``BLOCKERS`` are the forms that are never
directives whatever cue they hold. A new form is a row here plus a line in tests/data/directives.tsv.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.recurrence import find_recurrence
from models.designations import find_phrases
from nlp.dates import find_time_expressions
from nlp.patterns import LETTER, LETTERS, WORD_END, WORD_START
from nlp.vocab import alternation, column, spelled

_B = WORD_START
_STEMS = alternation(column("imperative_stems"))
_EMPTY_ADJ = alternation(column("empty_direction_adjectives"))
# "क्रियान्वयन के लिए स्पष्ट निर्देश", "गिरफ्तारी सहित कई आवश्यक दिशा-निर्देश": a direction tied to an action noun.
_ACTION_TIED = (
    rf"{_B}(?:{alternation(column('action_nouns'))})(?:ों|ें|ओं)?\s+(?:के\s+लिए|के\s+लिये|हेतु|सहित|को\s+लेकर|के\s+संबंध\s+में|के|की|का)\s+"
    rf"(?:{LETTERS}+\s+){{0,5}}?(?:दिशा-?\s*)?निर्देश"
)
# "प्रस्तावित दौरे को लेकर अधिकारियों को दिशा-निर्देश दिए", "इससे संबंधित आवश्यक दिशा-निर्देश दिये": a direction
# about a named topic (not a generic one: generic_topics.tsv), nothing but the addressee and adjectives
# between them - a participle in between ("… के बारे में जानकारी देते हुए निर्देश") ties the topic to it.
_GENERIC_TOPIC = alternation(column("generic_topics"))
# (a generic head after a word that names it is a named topic: "अभियोजन कार्यों को लेकर", not "सभी कार्यों को लेकर";
# the addressees between may be a list: "… को लेकर समस्त उपजिलाधिकारी, क्षेत्राधिकारी व थानाध्यक्षों को …")
# or the agent, the day and the addressees: "… मामलों को लेकर डीजीपी … ने बुधवार को सभी एसपी को सख्त निर्देश …", but no
# clause of its own: "… के संबंध में चर्चा की गई तथा … आवश्यक दिशा निर्देश दिए" names no topic of the directions)
# (a demonstrative topic, "इस संबंध में", only with at most four words between)
_NOT_PARTICIPLE = rf"(?!{LETTERS}*(?:कर|हुए|हुये|ते)\s)"
_TOPIC_TIED = (
    rf"{_B}(?!(?:{_GENERIC_TOPIC}|के|की|का|इन|उन|इन्हीं|अन्य){WORD_END}){LETTERS}+\s+(?:(?:{_GENERIC_TOPIC})\s+)?"
    r"(?:को\s+लेकर|के\s+(?:संबंध|सम्बन्ध|सम्बंध|बारे|संदर्भ)\s+(?:में|मे))\s+"
    rf"(?:{_NOT_PARTICIPLE}(?!(?:गई|गयी|गया|गए|गये|हुई|हुआ|हुए){WORD_END}){LETTERS}+,?\s+){{0,20}}?(?:दिशा-?\s*)?निर्देश"
    r"|(?:(?:इससे|इनसे|उससे|उनसे)\s+(?:संबंधित|सम्बन्धित|सम्बंधित|संबंधी)|इस\s+(?:संबंध|सम्बन्ध|सम्बंध|संदर्भ)\s+(?:में|मे))\s+"
    rf"(?:{_NOT_PARTICIPLE}{LETTERS}+\s+){{0,4}}?(?:दिशा-?\s*)?निर्देश"
)
# The end of a clause: punctuation, the end, or a conjunction or purpose word.
_CLAUSE_END = r"(?=\s*(?:[।,;:!?.|…]|$|तथा|और|एवं|ताकि|जिससे|जिसमें|ताकी|अन्यथा|वरना|व\s|कि\s|जिन|जो\s))"
_SENTENCE_END = r"(?=\s*[।!.|…]*\s*$)"
_LIST_ITEM = spelled(r"^\s*(?:\(?[0-9०-९]{1,3}[.)]|\(?[क-ह][.)]|[•\-–*])\s")

_DIRECT = (
    rf"{_B}(?:निर्देश(?:ित)?\s+(?:भी\s+)?(?:दिए|दिये|दिया|दी|किया|किए|किये|करते|देते|दिए\s+गए|दिये\s+गये)"
    r"|निर्देश\s+(?:भी\s+)?जारी\s+(?:किए|किये|किया|की|करते)|निर्देशित\s+(?:भी\s+)?(?:किया|किए|करते|की\s+(?:गई|गयी))"
    r"|(?:का|के)\s+(?:दिया|दिए|दिये)\s+(?:दिशा-?\s*)?निर्देश"
    r"|निर्देश\s+(?:भी\s+)?प्रदान\s+(?:किए|किये|किया|की|करते)|आदेशित\s+(?:भी\s+)?(?:किया|किए|किये|की|करते)"
    # "… करने के लिए पाबंद किया", "… रोक लगाने की ताकीद की"
    r"|पाबंद\s+(?:भी\s+)?(?:किया|किए|किये|करते)|ताकीद\s+(?:भी\s+)?(?:की|किया|करते)"
    # "… दुरुस्त करने की हिदायतें भी दीं" (and its spelling without the nasal, हिदायते)
    r"|(?:हिदायतें|हिदायते|हिदायत|आदेश)\s+(?:भी\s+)?(?:दी|दीं|दिए|दिये|दिया|देते)|आह्वान\s+किया|"
    # "… की हिदायतें जारी कीं", "… के आदेश जारी किए"
    r"(?:हिदायतें|हिदायत|आदेश)\s+(?:भी\s+)?जारी\s+(?:किए|किये|किया|की|कीं|करते)|अपेक्षा\s+(?:की|व्यक्त\s+की|जताई)"
    r"|(?:आग्रह|अनुरोध|अपील)\s+(?:भी\s+)?(?:किया|की)|निर्णय\s+(?:लिया\s+गया|लिया\s+है\s+कि|हुआ|लिए\s+गए)|तय\s+(?:किया\s+गया|हुआ)"
    r"|(?:जिम्मा|जिम्मेदारी|दायित्व)\s+(?:भी\s+)?(?:सौंपा|सौंपी|सौंपे|दिया|दी)|"
    # "… की जिम्मेदारी भी सफाई निरीक्षक को दी गई": a duty assigned to someone named after it
    r"(?:जिम्मा|जिम्मेदारी|दायित्व)\s+(?:भी\s+)?(?:[^।]{0,60}?\s)?को\s+(?:भी\s+)?(?:सौंपा|सौंपी|सौंपे|दिया|दी|दिए)\s+(?:गया|गई|गयी|गए|जाए|जाएगी)|सलाह\s+(?:भी\s+)?दी\s+गई"
    # a headline's verb before the action: "… बैठक में दिया केंद्रों पर उपस्थिति बढ़ाने का निर्देश"
    rf"|(?:दिया|दिए|दिये)\s+(?:{LETTERS}+\s+){{1,12}}?{LETTERS}+(?:ने|नें)\s+(?:का|के)\s+(?:दिशा-?\s*)?निर्देश(?=\s*[।.]?\s*$)"
    # a headline's inverted verb after the verbal noun: "… रहने के लिए किया पाबंद", "… निपटाने की दी हिदायत"
    rf"|{LETTERS}+(?:ने|नें)\s+(?:के\s+लिए|के\s+लिये|हेतु|की|का|के)\s+(?:भी\s+)?(?:(?:किया|किए|किये)\s+(?:पाबंद|निर्देशित|आदेशित)"
    r"|(?:दी|दीं|दिए|दिये)\s+(?:सख्त\s+|कड़ी\s+)?(?:हिदायत|हिदायतें)|की\s+ताकीद)"
    r"|(?:की|का)\s+(?:भी\s+)?बात\s+(?:भी\s+)?(?:कही|कहीं)|सहमति\s+(?:बनी|हुई)|(?:सुनिश्चित|सुनिश्चत)\s+(?:करें|करे|किया\s+जाए|की\s+जाए|कराएं|कराया\s+जाए|करने(?!\s+(?:के\s+(?:प्रयास|उद्देश्य|लिए|क्रम)|हेतु))|करना|कर\s+ली\s+जाए|कर\s+लिया\s+जाए|करेंगे|करेंगी|करेगा|करेगी))"
)
# "… ने राशन कार्डधारियों के लिए ई-केवाईसी कराना अनिवार्य कर दिया है", "… ने सड़क खुदाई पर 31 मार्च तक प्रतिबंध लगा
# दिया है": a rule an authority imposed (made mandatory, banned), binding on those it names.
# (not one imposed long ago, in the pluperfect: "2019 में … पर प्रतिबंध लगाया था, लेकिन …")
_IMPOSED = (
    rf"(?:{_B}(?:अनिवार्य|प्रतिबंधित|वर्जित)\s+(?:कर\s+(?:दिया|दी|दिए)|घोषित\s+(?:किया|कर\s+दिया))"
    rf"|{_B}(?:प्रतिबंध|पाबंदी)\s+(?:भी\s+)?(?:लगा\s+(?:दिया|दी)|लगाया|लगाई))"
    r"(?!\s+(?:गया\s+|गई\s+|गयी\s+)?(?:था|थी|थे|थीं)(?![\u0900-\u0963\u0966-\u097f]))"
)
# "… से/को … करने को कहा (गया)", "… कराने के लिए कहा": the verbal noun binds the request.
_ASKED_TO = (
    # "… उपयोग करने" को कहा": a quotation may close before को
    r"(?:ने|नें)[\"'”’]?\s+(?:के\s+लिए\s+|को\s+|का\s+|हेतु\s+)(?:भी\s+)?कहा"
    # "… प्रकरणों की पुनः समीक्षा के लिए कहा गया": an action noun takes the verbal noun's place
    rf"|{_B}(?:{alternation(column('action_nouns'))}|समीक्षा)\s+(?:के\s+लिए|के\s+लिये|हेतु)\s+(?:भी\s+)?कहा"
    # "… सुधारने की चेतावनी दी", "… पहुंचाने के लिए प्रेरित किया", "… तैयार करने का लक्ष्य दिया"
    r"|(?:ने|नें)\s+(?:की\s+(?:सख्त\s+|कड़ी\s+)?चेतावनी\s+(?:भी\s+)?(?:दी|दिए)|(?:के\s+लिए|हेतु)\s+(?:भी\s+)?प्रेरित\s+(?:किया|किए)"
    r"|का\s+लक्ष्य\s+(?:भी\s+)?(?:दिया|दिए|(?:निर्धारित|तय)\s+(?:किया|कर\s+दिया))"
    # "… सक्रिय करने की सलाह दी", a headline's "… सक्रिय करने की दी सलाह": advice bound to a verbal noun
    # ("… शुरू करने की सलाह देते हुए कहा कि …": the advice's participle, as "… के निर्देश देते हुए")
    r"|की\s+(?:भी\s+)?(?:सलाह\s+(?:भी\s+)?(?:दी|दिया|दिए|देते)|(?:दी|दिया)\s+सलाह))"
)
# "… केंद्र शुरू करने का सुझाव दिया", "… पर विस्तृत रिपोर्ट मांगी": a request, unless reported to the chair.
# "… से दो दिन में ब्यौरा तलब किया", "… की विद्यालयवार लिस्ट मांगी": details or a list demanded, the same request.
_REQUEST = (
    rf"{_B}(?:सुझाव\s+(?:भी\s+)?(?:दिया|दिए|दी|मांगे|माँगे|मांगा|माँगा)|(?:रिपोर्ट|प्रतिवेदन|सूची|लिस्ट)\s+(?:भी\s+)?"
    r"(?:मांगी|माँगी|तलब\s+की)|(?:ब्यौरा|ब्योरा)\s+(?:भी\s+)?(?:मांगा|माँगा|तलब\s+किया))"
)
# "… परिणाम विद्यालयवार एक सप्ताह के भीतर मांगी गई है", "… गोताखोरों की सूची की मांग की गई", "… की रिपोर्ट तीन दिन के
# भीतर मांगी": a demand ending the sentence, passive, active or the noun मांग; with a due time, or naming a list or
# report, it is asked of someone.
_DEMANDED = (
    rf"{_B}(?:(?:मांगी|माँगी|मांगे|माँगे|मांगा|माँगा)(?:\s+(?:गई|गयी|गए|गये|गया))?|(?:रिपोर्ट|प्रतिवेदन|सूची|लिस्ट|ब्यौरा|ब्योरा)\s+की\s+"
    r"(?:भी\s+)?(?:मांग|माँग)\s+(?:की\s+(?:गई|गयी)|की))(?:\s+(?:है|हैं))?\s*[।.|]?\s*$"
)
# a show-cause notice: "… को नोटिस जारी कर तीन दिन में जवाब मांगा है"
_REPLY_DEMANDED = rf"{_B}(?:जवाब|जबाब|स्पष्टीकरण|स्पष्टिकरण)\s+(?:भी\s+)?(?:मांगा|माँगा|मांगे|माँगे|तलब\s+किया)"
# "… प्रस्तुत करने राजस्व विभाग के अधिकारियों को कहा।", "… प्रचार करने कहा।": the verbal noun (not the
# pronoun उन्होंने) before the addressee, the request ending the sentence.
_ASKED_LATE = (
    rf"{_B}(?!उन्हों|इन्हों|जिन्हों|उन्हो|इन्हो|जिन्हो){LETTERS}+(?:ने|नें)\s+(?:(?:{LETTERS}+\s+){{0,10}}?(?:को|से)\s+)?"
    r"(?:भी\s+)?कहा(?:\s+(?:गया|है|गया\s+है))?\s*[।.]?\s*$"
)
# "टीकाकरण पूर्ण करने का निर्देश भी जिलाधिकारी ने दिया": the cue split by its agent.
# "… सेल तैयार करने की भी बात मेयर ने की": a proposal bound to a verbal noun, its agent after it.
_SPLIT_DIRECT = (
    rf"{_B}{LETTERS}+(?:ने|नें)\s+की\s+(?:भी\s+)?बात\s+(?:भी\s+)?(?:{LETTERS}+\.?\s+){{1,4}}?(?:ने|द्वारा)\s+(?:भी\s+)?(?:की|कही|कहीं)"
    r"(?=\s*[।.]?\s*$)|"
    rf"{_B}(?:निर्देश|आदेश|हिदायत)\s+(?:भी\s+)?(?:{LETTERS}+\.?\s+){{1,4}}?(?:ने|द्वारा|को)\s+(?:भी\s+)?"
    r"(?:दिया|दिए|दिये|दी)"
)
# "उन्होंने पंचायत सचिवों को भवनों की सफाई पर भी जोर दिया": emphasis laid on a named addressee.
# The addressees are a plural (सचिवों, कार्यकर्ताओं); "… को जोड़कर …", "… को तैयार करने की … पर जोर दिया":
# the को marks the object of a participle or verbal noun, not them.
_STRESSED_TO = (
    rf"{_B}{LETTERS}+(?:ों|ओं)\s+को\s(?:(?!{LETTERS}+कर\s|{LETTERS}+ने\s+(?:की|का|के)\s)[^।])*?\s(?:पर|को)\s+(?:भी\s+)?(?:विशेष\s+)?"
    r"(?:जोर|ज़ोर|बल)\s+(?:भी\s+)?दिया"
)
# "कहा कि … लाभ हर परिवार तक पहुंचना चाहिए", "… किया जाना है": a verbal noun that must happen.
_SHOULD = (
    rf"{_B}(?!होना|होनी|होने|जाना|जानी|जाने){LETTERS}+(?:ना|नी|ने)\s+चाहिए{_CLAUSE_END}"
    rf"|{_B}(?:किया|की|किए|कराया|कराई)\s+जाना\s+है{_CLAUSE_END}"
)
# "कहा कि … वितरण समय पर होना चाहिए": an action that must happen in a stated manner (on time, regularly,
# without fail); a bare "सबका सहयोग होना चाहिए" stays an opinion.
_HAPPEN_AS_TOLD = (
    rf"{_B}(?:समय\s+पर|समय\s+से|समयबद्ध\s+(?:रूप\s+से|तरीके\s+से)|नियमित(?:\s+रूप\s+से)?|प्रतिदिन|प्रतिमाह|शीघ्र|तत्काल|अनिवार्य\s+रूप\s+से"
    rf"|हर\s+हाल\s+में|सुचारू\s+रूप\s+से|सुचारु\s+रूप\s+से|पारदर्शी\s+(?:ढंग|तरीके)\s+से)\s+"
    # "कहा कि समय पर ही कुर्की-जब्ती की कार्रवाई होनी चाहिए": ही and the action's noun phrase (a few words) between
    rf"(?:ही\s+)?(?:[^\s।,]+\s+){{0,5}}?(?:होना|होनी|होने)\s+चाहिए{_CLAUSE_END}"
)
# "कहा कि दिसंबर तक … लैब क्रियाशील हो जानी चाहिए": a state that must be reached by a due time.
# "… की वसूली वित्तीय वर्ष के अंत तक पूरी होनी चाहिए": a work that must be complete (a state reached, as above).
_BECOME_BY = (
    rf"{_B}(?:हो|बन)\s+(?:जानी|जाना|जाने)\s+चाहिए{_CLAUSE_END}"
    rf"|{_B}(?:पूरा|पूरी|पूरे|पूर्ण|संपन्न|सम्पन्न)\s+(?:होना|होनी|होने)\s+चाहिए{_CLAUSE_END}"
)
_SUBJUNCTIVE = rf"{_B}(?:जाए|जाये|जाएं|जायें|जाएँ|जावे|जावें|जाय){_CLAUSE_END}"
# "… रिपोर्ट दें", "… सलाह लें": देना and लेना take the bare anusvara.
# not after क्या: "क्या करें, क्या न करें की एडवाइजरी" names a list of do's and don'ts
# "… काम की रफ्तार बढ़ाइए", "… निगरानी कीजिए": the polite imperative in -इए/-ीजिए orders whatever its stem.
_IMPERATIVE = (
    rf"{_B}(?<!क्या\s)(?<!क्या\sन\s)(?:(?:{_STEMS})(?:ें|ाएं|ाएँ|ायें|ाये|ाए|ावें|एं|एँ|यें)|दें|लें|{LETTERS}*(?:ाइए|ाइये|ीजिए|ीजिये))"
    rf"{_CLAUSE_END}"
)
# "कहा कि … सावधानी बरतें": inside a directing clause any verb in the polite plural ending the sentence orders,
# whether or not its stem is listed (not the copula हैं, not the postposition में).
# (not a future typed with its nasal on the last syllable, "… साबित होगें", "… निगरानी रखेंगें", "… जायेगें": a
# future, the -गे of its stem's vowel; a stem ending in ग is a polite plural: "… शिविर लगें", "… रिपोर्ट मांगें")
_ANY_POLITE_PLURAL = (
    rf"{_B}(?!(?:हैं|में|हें|सकें|उन्हें|इन्हें|जिन्हें|तुम्हें|हमें|आपमें)\s*[।.!]?\s*$)"
    rf"(?!{LETTERS}*(?:[ेो]ं?|एं?|यें?)गें\s*[।.!]?\s*$)"
    rf"{LETTERS}+(?:ें|एं|एँ|ाएं)\s*[।.!]?\s*$"
)
# "… करा लें", "… भेज दें": a compound imperative.
_COMPOUND_IMPERATIVE = rf"{_B}(?:{_STEMS})\s+(?:लें|दें|डालें|रखें|लिया\s+करें){_CLAUSE_END}"
# "विभाग इस पर ध्यान दे तथा रिपोर्ट हर माह भेजे": a third-person singular subjunctive (a stem in -ा takes a bare
# ए: "विभाग … तेजी लाए", "… दल अतिक्रमण हटाए", "… शिविर लगवाए").
# Bare दे/ले only before a sentence mark or a conjunction: "आपको बता दे कि" is a reporter's aside, and a page cut
# after "… बैठकें ले" is no verb yet.
_SUBJUNCTIVE_SG = (
    rf"{_B}(?<!नहीं\s)(?!हो|रह)(?:(?:{_STEMS})(?:े|ाए|ाये|वाए|(?<=ा)ए|(?<=ा)ये){_CLAUSE_END}"
    r"|(?:दे|ले)(?=\s*(?:[।!?.|]|ताकि\s|तथा\s|और\s|एवं\s|जिससे\s)))"
)
# "… निरस्त नहीं होना चाहिए", "… के बाद ही किया जाना चाहिए", "… का ध्यान रखा जाना चाहिए": a prohibition or an
# explicit passive obligation. A general "should" (``कार्य होना चाहिए``, ``ऐसा नहीं होना चाहिए``) is an opinion.
_OBLIGATION = (
    rf"(?:{_B}(?:नहीं|नही)\s+(?!रहना|रहनी|रहने)(?:{LETTERS}+\s+){{0,2}}|{_B}(?:की|किया|किए|दी|दिया|दिए|कराई|कराया|कराए|लिया|ली|लिए|रखा|रखी|रखे|बरती|बरता)\s+"
    rf"(?:जानी|जाना|जाने)\s+)चाहिए{_CLAUSE_END}"
)
# "जनता को किसी प्रकार की परेशानी न हो": a prohibition in the subjunctive.
_MUST_NOT_HAPPEN = rf"{_B}(?:न|नहीं)\s+(?:हो|हों|होने\s+(?:पाए|पाये|पाएं|पायें)|होने\s+दी\s+जाए)\s*[।.!]?\s*$"
# "… गेहूं किसी भी दशा में न बिके", "कोई पात्र परिवार वंचित न रहे": न with a subjunctive forbids (negation of a
# fact takes नहीं); not before तो (a condition: "यदि … न मिले तो …").
_NEGATIVE_SUBJUNCTIVE = rf"(?<![{LETTER}])न\s+{LETTERS}+(?:े|ें|ए|एं)"
# "आप स्वयं … समीक्षा करेंगे तथा … अवगत कराएंगे": a letter's instruction to its addressee.
_YOU_WILL = r"^\s*(?:आप|आपके\s+द्वारा)\s"
_OPINION = spelled(rf"{_B}(?:ऐसा|जबकि|बल्कि|जरूरत|आवश्यकता\s+है|केवल|सिर्फ|मात्र|सीमित){WORD_END}")
_FUTURE_PASSIVE = rf"{_B}(?:जाएगा|जाएगी|जाएंगे|जाएँगे|जायेगा|जायेगी|जायेंगे|जाएंगी|जाएँगी|जायेंगी){_CLAUSE_END}"
# "… भेजेंगी", "… प्रस्तुत करेंगे", "प्रत्येक प्लॉट धारक … कराएगा": an action verb in the future (not होगा/रहेगा,
# which state facts).
# (not जाना after a participle: "… जारी कर दिए जाएंगे" is a passive, read by _FUTURE_PASSIVE's rows)
_FUTURE_ACTIVE = (
    rf"{_B}(?!हो|रह)(?:(?<![ाेीएई]\s)(?=जा)|(?!जा))(?:{_STEMS})"
    rf"(?:ेंगे|ेंगें|ेंगी|ेगा|ेगी|एंगे|एंगी|ाएंगे|ाएंगी|ायेंगे|एगा|एगी|ाएगा|ाएगी|ायेगा|ायेगी){_CLAUSE_END}"
)
# "कहा कि … लाभ पात्र किसानों तक पहुंचे।": a third-person subjunctive ending the sentence.
# "जो सचिव पीछे हैं, वे … भेजेंगे", "जिन विद्यालयों में …, वहां के प्रधानाध्यापक … भेजेंगे": a relative clause
# picks out who, the correlative clause says what they will do - an instruction, not a forecast.
_CORRELATIVE_FUTURE = (
    r"^\s*(?:\(?[0-9०-९]{1,3}[.)]\s*)?(?:जो|जिन|जिस)\s[^।,]*,\s*(?:वे|वह|वो|उन्हें|उनके|वहां|वहाँ)\s[^।]*?" + _FUTURE_ACTIVE
)
_SUBJUNCTIVE_3SG = rf"{_B}(?:पहुंचे|पहुँचे|मिले|हो|हों|बने|रहे|जुड़े|बढ़े|सुधरे|लगे|आए|आये|निपटे|पड़े|चले|चलें){_SENTENCE_END}"
# "कहा कि … शिकंजा कसना होगा": a verbal noun with होगा, an obligation inside a directing clause.
# (not a noun that merely ends so: "किसानों को आसानी होगी" states a benefit, not_verbal_nouns.tsv)
_MUST = rf"{_B}(?!(?:{alternation(column('not_verbal_nouns'))})\s){LETTERS}+(?:ना|नी|ने)\s+(?:ही\s+)?(?:होगा|होगी|होंगे|होंगी|पड़ेगा|पड़ेगी|पड़ेंगे){_CLAUSE_END}"
# "कहा कि … परिणाम समय पर घोषित करना अनिवार्य है": a verbal noun that is required (not "… जमा कराना आवश्यक है",
# which says what is needed: an opinion in the shared dev set's gold).
# "• … बैठक में प्रतिभाग करना अनिवार्य": a rule's line drops the copula.
_REQUIRED = rf"{_B}{LETTERS}+(?:ना|नी|ने)\s+(?:भी\s+)?अनिवार्य(?:\s+(?:है|होगा|होगी|रहेगा){_CLAUSE_END}|{_SENTENCE_END})"
# "नगर परिषदों में समितियों की बैठकें नियमित रूप से होंगी।": a rule an order lays down, a future bound to a manner
# of duty (regularly, compulsorily, in any case), with no frame.
_RULE_FUTURE = (
    rf"{_B}(?:नियमित\s+रूप\s+से|अनिवार्य\s+रूप\s+से|अनिवार्यतः|अनिवार्यत:|हर\s+हाल\s+में)\s+(?:{LETTERS}+\s+){{0,2}}?"
    r"(?:होंगी|होंगे|होगी|होगा|(?:की|किया|किए|किये|कराई|कराया|कराए)\s+(?:जाएगी|जाएंगी|जाएगा|जाएंगे|जायेगी|जायेंगी|जायेगा|जायेंगे))"
    rf"{_SENTENCE_END}"
)
# "… उचित मूल्य की दुकानें 15 से 21 मार्च तक खुली रहेंगी", "… छुट्टियां 15 जनवरी तक लागू रहेंगी": a state laid down
# for a while (open, closed, in force), the order's rule.
_STATE_RULED = (
    r"(?<![\u0900-\u097f])(?:खुले|खुली|खुला|बंद|लागू|प्रभावी|स्थगित|निलंबित|प्रतिबंधित)\s+(?:भी\s+)?"
    rf"(?:रहेंगे|रहेंगी|रहेगा|रहेगी|रहेगें){_CLAUSE_END}"
)
# "कहा कि 2026 तक सभी गांवों को नल से जोड़ने का लक्ष्य पूरा करना है": a verbal noun that is to be done, an
# obligation inside a directing clause (not "होना है", a state; not an aim or priority: "हमारी प्राथमिकता … करना है").
_TO_BE_DONE = rf"{_B}(?<!\sन\s)(?<!\sनहीं\s)(?!होना|होनी){LETTERS}+(?:ना|नी)\s+(?:ही\s+)?है{_SENTENCE_END}"
_WHAT_TO_DO = spelled(rf"{_B}(?:क्या|किसे|किसको|कौन|कैसे|कहां|कहाँ){WORD_END}")
# "सभी कार्य को ऑनलाइन किया जाना है।": a passive obligation standing alone, said to those who must do it.
# "… सभी सदस्यों का ई-केवाईसी किया जाना अनिवार्य है।": the same, made mandatory.
_TO_BE_DONE_PASSIVE = (
    rf"{_B}(?:किया|की|किए|किये|कराया|कराई|कराए)\s+(?:जाना|जानी|जाने)\s+(?:ही\s+|भी\s+)?(?:अनिवार्य\s+)?है{_SENTENCE_END}"
)
_AIM_OR_WE = spelled(
    rf"{_B}(?:प्राथमिकता|उद्देश्य|मकसद|ध्येय|संकल्प|सपना|प्रयास|कोशिश|इरादा|हम|हमें|हमको|हमारा|हमारी|हमारे|मुझे|मेरा){WORD_END}"
)
# "… सामना करना पड़ेगा": a consequence someone will suffer, not a duty.
# "… ने सभी को नालियों की सफाई करने के लिए निर्देश।": a direction whose verb the writer dropped, its agent named.
# "वन अधिकारियों को नियमित फायर ड्रिल करने के निर्देश।": a bulletin's brief, its addressee named instead.
_AGENT_VERBLESS = (
    rf"(?:\s(?:ने|नें|को)|{_B}(?:उन्होंने|उन्होने))\s[^।]*?{LETTERS}+(?:ने|नें)\s+(?:के\s+लिए|के\s+लिये|हेतु|के|का)\s+"
    rf"(?:(?:{_EMPTY_ADJ})\s+){{0,2}}(?:दिशा-?\s*)?निर्देश\s*[।.]\s*$"
)
# "अब … को रोज़ सड़क पर जाना अनिवार्य है": a duty laid on a dative subject, with no frame.
_DATIVE_REQUIRED = rf"\sको\s[^।]*?{_REQUIRED}"
_SUFFERED = spelled(rf"{_B}सामना\s+करना\s+(?:ही\s+)?(?:होगा|पड़ेगा|पड़ सकता)")
# "• नगर निगम द्वारा नाले की सफाई 30 जून तक।", "• नई पाइपलाइन बिछाने के निर्देश।": a verbless decision.
_VERBLESS = (
    r"(?:\s(?:तक|से\s+पूर्व|से\s+पहले|तत्काल|तुरंत|अविलंब)|(?:के|का)\s+निर्देश"
    # "• लंबित भुगतान का निस्तारण 7 दिवस में।": a period to do it in
    r"|\s(?:दिन|दिवस|दिनों|सप्ताह|पखवाड़े|माह|महीने)\s+(?:में|के\s+(?:भीतर|अंदर|अन्दर))"
    # "• राहत दलों को तैनात रखने के आदेश।", "• ट्रिपिंग रोकने की सख्त हिदायत।": the other nouns of a direction
    rf"|{LETTERS}+(?:ने|नें)\s+(?:के|का)\s+(?:सख्त\s+|कड़े\s+)?(?:आदेश|फैसला|फ़ैसला|निर्णय)|{LETTERS}+(?:ने|नें)\s+की\s+(?:सख्त\s+|कड़ी\s+)?(?:हिदायत|ताकीद))\s*[।.]?\s*$"
)

# "समिति ने … विभाग को भेजने का निर्णय लिया", "… परिषद ने … बढ़ाने का फैसला भी किया": a deliberating body's own
# decision, active and with the body as its subject (a bare "सरकार ने … फैसला लिया" stays news).
_BODY_DECIDED = (
    rf"{_B}(?:समिति|कमेटी|परिषद|परिषद्|बोर्ड|सभा|मंडल|मण्डल|आयोग)\s+(?:ने|नें)\s[^।]*?{LETTERS}+(?:ने|नें)\s+का\s+(?:भी\s+)?"
    r"(?:निर्णय|फैसला|फ़ैसला)\s+(?:भी\s+)?(?:लिया|किया)(?:\s+(?:है|था))?\s*[।.]?\s*$"
)

# "पत्र में कहा गया है कि …", "सर्कुलर में कहा गया है कि …", "आदेश के अनुसार …", "केंद्र की ओर से कहा गया है कि …": the
# content of an order, letter or circular, in the voice of the office that issued it (a sentence that opens with
# "कहा गया कि" too): what it says will be done, or is needed, is its rule (the eleventh-round letter convention).
_DOCUMENT_SAYS = (
    r"^(?:[^।]{0,80}?\s)?(?:(?:पत्र|आदेश|आदेशों|सर्कुलर|परिपत्र|अधिसूचना|निर्देश|निर्देशों|दिशा-?\s*निर्देश|दिशानिर्देश|गाइडलाइन|"
    r"गाइडलाइंस|एडवाइजरी|एडवायजरी)\s+(?:में\s+(?:[^।]{0,40}?\s)?(?:कहा|लिखा)\s+(?:गया\s+)?(?:है\s+)?कि|के\s+अनुसार)"
    r"|(?:की\s+(?:ओर|तरफ)\s+से\s+)कहा\s+गया\s+(?:है\s+)?कि|^\s*कहा\s+गया\s+(?:है\s+)?कि)\s"
)
# what such a document says is needed: "… कदम उठाए जाने की जरूरत है", "… निरीक्षण आवश्यक है", "यह आवश्यक है कि …"
_NEEDED = rf"{_B}(?:(?:आवश्यकता|जरूरत|ज़रूरत)\s+(?:है|हैं|होगी)|आवश्यक\s+(?:है|होगा))(?=\s*(?:[।,;:!?.|…]|$|और|तथा|एवं|कि\s))"
# "… दर 5 प्रतिशत से कम किये जाने की आवश्यकता है": a passive verbal noun that is needed, with no frame.
_PASSIVE_NEEDED = rf"{_B}{LETTERS}+(?:ए|ये|ी|ा|ई)\s+(?:जाने|जाना)\s+की\s+(?:भी\s+)?(?:आवश्यकता|जरूरत|ज़रूरत)\s+(?:है|हैं)(?![\u0900-\u0963\u0966-\u097f])"
# what it says will be done: "… शटडाउन … नहीं लिया जाएगा", "… स्कूल में रहेंगे", "… अदालत 9 से 10 बजे तक खुलेगी"; any
# verb in the future but हो (a fact), सक (a purpose: "… हो सकेगा") and those of an outcome ("… राहत मिलेगी",
# "निवेश बढ़ेगा", "लाभ पहुंचेगा", "समय बचेगा", "सुधार आएगा").
_OUTCOME_STEMS = "हो|सक|आ|मिल|बढ़|घट|सुधर|लग|पहुंच|पहुँच|बच"
_DOCUMENT_FUTURE = (
    rf"{_B}(?!(?:{_OUTCOME_STEMS})(?:गा|गी|ंगे|ंगी|एगा|एगी|एंगे|ेगा|ेगी|ेंगे|ेंगी|येगा|येगी|येंगे)(?![\u0900-\u0963\u0966-\u097f]))"
    rf"{LETTERS}+(?:ेगा|ेगी|ेंगे|ेंगी|एगा|एगी|एंगे|एंगी|येगा|येगी|येंगे|येंगी){_CLAUSE_END}"
)


# (not "… ने कहा था कि …": what was said before, a past statement or direction)
_THAT_CLAUSE = spelled(
    rf"{_B}(?:कहा(?!\s+(?:जाएगा|जाएगी|जायेगा|जाता|जाती|था|थे|थी)(?![\u0900-\u0963\u0966-\u097f]))|बल\s+दिया|जोर\s+दिया|ज़ोर\s+दिया|स्पष्ट\s+किया|दोहराया|निर्देश|हिदायत)"
)
_REPORTED = spelled(
    rf"{_B}(?:चर्चा\s+(?:की\s+गई|हुई|की)|अवगत\s+कराया|बताया\s+(?:कि|गया)|जानकारी\s+दी|प्रस्तुतीकरण|उपस्थित\s+(?:रहे|थे|रहीं)(?![\u0900-\u0963\u0966-\u097f])"
    # "प्रमुख अभियंता ने आश्वस्त किया कि …": a subordinate's promise, not a direction
    r"|आश्वस्त\s+किया|आश्वासन\s+दिया)"
)
_NEGATED_WARNING = spelled(r"(?:बर्दाश्त|बरदाश्त|सहन|क्षम्य)\s+(?:नहीं|नही(?!ं))")
# "… करें ताकि … बना रहे": what follows a purpose word is why, not what, to do.
_PURPOSE = spelled(r"\s(?:ताकि|ताकी|जिससे)\s")


@dataclass(frozen=True)
class DirectiveCue:
    kind: str  # direct | asked | subjunctive | imperative | obligation | decision | future | verbless
    start: int
    end: int
    confidence: float


Condition = Callable[[str, bool], bool]  # (sentence, minutes_context) -> does the row apply?


def _always(sentence: str, minutes: bool) -> bool:
    return True


def _not_reported(sentence: str, minutes: bool) -> bool:
    """A subjunctive or imperative inside a report (``बताया कि … किया जाए``) is not a directive, unless a
    directing clause (``कहा कि``) frames it."""
    return not _REPORTED.search(sentence) or bool(_THAT_CLAUSE.search(sentence))


# "X ने बताया कि …", and "सेक्टर मजिस्ट्रेट को बताया गया कि … पहुंचें": those told are instructed.
_TOLD_THAT = re.compile(rf"{_B}(?:ने|नें)\s+(?:[^।]{{0,40}}?\s)?बताया\s+कि\s|\sको\s+(?:यह\s+)?बताया\s+गया\s+कि\s")


def _imperative_not_reported(sentence: str, minutes: bool) -> bool:
    """An imperative (``… सुनिश्चित बनायें``) is an order even inside an authority's ``X ने बताया कि``: a report
    of facts has no imperative mood; other reports (``अवगत कराया``, ``चर्चा हुई``) still rule it out."""
    if _TOLD_THAT.search(sentence) and not _REPORTED.search(_TOLD_THAT.sub(" ", sentence)):
        return True
    return _not_reported(sentence, minutes)


def _obligation(sentence: str, minutes: bool) -> bool:
    return _not_reported(sentence, minutes) and not _OPINION.search(sentence)


# "इससे वह व्यक्ति इधर-उधर न भटके।", "जिससे किसी को परेशानी न हो।": a sentence opening on its result word goes on with
# the one before it (what the action will spare), not a prohibition of its own.
_RESULT_OPENING = spelled(r"^\s*(?:इससे|जिससे|ताकि|ताकी)\s")


def _prohibition(sentence: str, minutes: bool) -> bool:
    return _obligation(sentence, minutes) and not _RESULT_OPENING.match(sentence)


# "कहा कि जिला प्रशासन हर संभव सहायता प्रदान करेगा": a promise of the speaker's own side;
# "सरकार की मंशा है कि हर गरीब को मकान मिले": an intention. Neither directs anyone.
_OWN_SIDE_OR_INTENT = re.compile(
    rf"\sकि\s+(?:(?:जिला|राज्य|प्रदेश|केंद्र)\s+)?(?:प्रशासन|सरकार|हम|मैं)\s"
    rf"|{_B}(?:मंशा|इच्छा|प्रयास|कोशिश|सपना|संकल्प|उद्देश्य)\s+(?:है|हैं|रहती\s+है|रहा\s+है)\s+कि\s"
)


def _that_clause(sentence: str, minutes: bool) -> bool:
    return (
        bool(_THAT_CLAUSE.search(sentence))
        and not _REPORTED.search(sentence)
        and not _OWN_SIDE_OR_INTENT.search(sentence)
    )


_POSTPOSITION_AFTER = spelled(r"\s*(?:ने|नें|को|से|का|की|के|द्वारा|में|पर)(?![\u0900-\u0963\u0966-\u097f])")
_TIMED_KINDS = frozenset({"by", "within", "immediate", "from", "recurring"})


# "यह दल …", "गठित समिति …", "जांच टीम …": a team set up by the order as the bare subject
_TEAM_SUBJECT = spelled(
    r"^\s*(?:\(?[0-9०-९]{1,3}[.)]\s*)?(?:(?:यह|ये|उक्त|गठित|प्रत्येक|हर|संयुक्त|जांच|जाँच)\s+)?(?:दल|टीम|समिति|कमेटी)\s"
)


def _officer_schedule(sentence: str, minutes: bool) -> bool:
    """ "अधिशासी अभियंता हर पखवाड़े उपभोक्ता शिविर लगाएंगे": an officer as the bare subject, a future
    action and a schedule (a recurrence or a due time) - a duty assigned, not a forecast."""
    if _REPORTED.search(sentence):
        return False
    if _TEAM_SUBJECT.match(sentence):  # "गठित समिति सात दिन में जांच रिपोर्ट सौंपेगी": a team an order sets up
        return any(e.kind in _TIMED_KINDS for e in find_time_expressions(sentence, None))
    start = _LIST_ITEM.match(sentence)
    phrases = find_phrases(sentence)
    if not phrases or phrases[0].body or phrases[0].start > (start.end() if start else 0) + 12:
        return False
    if _POSTPOSITION_AFTER.match(sentence, phrases[0].end):
        return False
    timed = any(e.kind in _TIMED_KINDS for e in find_time_expressions(sentence, None))
    return timed or find_recurrence(sentence) is not None


def _that_clause_timed(sentence: str, minutes: bool) -> bool:
    """A directing clause with a due time in it (``तक``, ``में``): the should has a deadline."""
    timed = any(e.kind in _TIMED_KINDS for e in find_time_expressions(sentence, None))
    return timed and _that_clause(sentence, minutes) and not _OPINION.search(sentence)


def _that_clause_no_opinion(sentence: str, minutes: bool) -> bool:
    return _that_clause(sentence, minutes) and not _OPINION.search(sentence)


_NEGATED_FUTURE = spelled(
    rf"{_B}(?:नहीं|नही(?!ं))\s+(?:{LETTERS}+\s+){{0,2}}(?:जाएगा|जाएगी|जाएंगे|जायेगा|जायेगी|जाएंगी|जायेंगी|जायेंगे)"
)


def _that_clause_not_negated(sentence: str, minutes: bool) -> bool:
    """ "कहा कि … की जाएगी" directs; "कहा कि … लापरवाही … नहीं की जाएगी" warns."""
    return _that_clause(sentence, minutes) and not _NEGATED_FUTURE.search(sentence)


_ERGATIVE = re.compile(rf"(?:\s(?:ने|नें)|{_B}(?:उन्होंने|इन्होंने|जिन्होंने|उन्होने|इन्होने|जिन्होने))(?=\s)")


# the कि of a clause, or "कहा की" (its common misspelling after कहा)
_THAT_SPLIT = re.compile(r"\sकि\s|(?<=कहा)\s+की\s")


def _subjunctive_not_perfective(sentence: str, minutes: bool) -> bool:
    """ "विभाग इस पर ध्यान दे" directs; "अधिकारियों ने अपने सुझाव रखे" reports: an ergative subject in the
    verb's own clause (after the last ``कि``) makes the same form a perfective past."""
    clause = _THAT_SPLIT.split(sentence)[-1]
    return _not_reported(sentence, minutes) and not _ERGATIVE.search(clause)


_NOTICE = spelled(r"नोटिस|नोटिश|कारण\s+बताओ")


def _show_cause(sentence: str, minutes: bool) -> bool:
    """A reply demanded by a notice or within a time (``… नोटिस भेजकर तीन दिन में जवाब मांगा``) is asked of its
    addressee; "अनुपस्थित सचिवों से स्पष्टीकरण मांगा गया" reports a penalty (not an item by the gold conventions)."""
    timed = any(e.kind in _TIMED_KINDS for e in find_time_expressions(sentence, None))
    return _not_reported(sentence, minutes) and (timed or bool(_NOTICE.search(sentence)))


_LISTED_DEMAND = spelled(r"(?:रिपोर्ट|प्रतिवेदन|सूची|लिस्ट|ब्यौरा|ब्योरा)\s+की\s+(?:भी\s+)?(?:मांग|माँग)")


def _demand_timed_or_listed(sentence: str, minutes: bool) -> bool:
    """ "… एक सप्ताह के भीतर मांगी गई है", "… सूची की मांग की गई" ask someone; "… यह जानकारी माँगी गई है" with no due
    time only says what was asked for."""
    if not _not_reported(sentence, minutes):
        return False
    timed = any(e.kind in _TIMED_KINDS for e in find_time_expressions(sentence, None))
    return timed or bool(_LISTED_DEMAND.search(sentence))


def _rule_future(sentence: str, minutes: bool) -> bool:
    """ "… बैठकें नियमित रूप से होंगी" lays down a rule; "… कोताही हर हाल में नहीं की जाएगी" assures."""
    return _obligation(sentence, minutes) and not _NEGATED_FUTURE.search(sentence)


def _to_be_done(sentence: str, minutes: bool) -> bool:
    """ "कहा कि … लक्ष्य को पूरा करना है" directs; with no due time, "कहा कि हमें मिलकर काम करना है" exhorts."""
    if not _that_clause_no_opinion(sentence, minutes):
        return False
    timed = any(e.kind in _TIMED_KINDS for e in find_time_expressions(sentence, None))
    clause = _THAT_SPLIT.split(sentence, maxsplit=1)[-1]
    if _WHAT_TO_DO.search(clause):
        return False  # "… को पता होगा कि किसे क्या करना है": an indirect question
    return timed or _AIM_OR_WE.search(clause) is None


def _must(sentence: str, minutes: bool) -> bool:
    """ "सभी तहसीलदारों को हर गुरुवार गांव में रात बितानी होगी": a verbal noun with होगा is a duty even with no
    frame (the dative subject's obligation), unless reported, an opinion or a consequence suffered."""
    return _obligation(sentence, minutes) and not _SUFFERED.search(sentence)


_DOCUMENT_FRAME = spelled(_DOCUMENT_SAYS)
# "इससे …", "इसके बाद …": what follows from the order, not what it orders
_FROM_THIS = spelled(rf"{_B}(?:इससे|इनसे|इसके\s+(?:बाद|चलते|फलस्वरूप))(?![\u0900-\u0963\u0966-\u097f])")
# "… कि सुबह जिन न्यायालयों में काम होता था, वहां 9 से 10 बजे तक खुलेगा": a relative clause's past picks out where; the
# rule is still the future after it.
_RELATIVE_CLAUSE = spelled(r"(?<![\u0900-\u0963\u0966-\u097f])(?:जो|जिन|जिस|जहां|जहाँ|जिन्हें|जिनके|जिनकी|जिनका)\s[^,।]*,")
_PAST_IN_CLAUSE = spelled(rf"{_B}(?:था|थी|थीं|थे)(?![\u0900-\u0963\u0966-\u097f])")


def _document_says(sentence: str, minutes: bool) -> bool:
    """ "सर्कुलर में कहा गया है कि … नहीं लिया जाएगा": an order's or letter's rule in its own voice, not a report of
    what it said before (``… को निर्देशित किया था कि …``) or of facts (``अवगत कराया``)."""
    return (
        bool(_DOCUMENT_FRAME.search(sentence))
        and not _REPORTED.search(sentence)
        and not _PAST_IN_CLAUSE.search(_RELATIVE_CLAUSE.sub(" ", sentence))
        and not _OWN_SIDE_OR_INTENT.search(sentence)
        and not _FROM_THIS.search(sentence)
    )


def _needed_passive(sentence: str, minutes: bool) -> bool:
    """ "… कम किये जाने की आवश्यकता है": what must be done, in no one's voice; "हमें … करने की जरूरत है" exhorts."""
    return _not_reported(sentence, minutes) and not _AIM_OR_WE.search(sentence)


def _minutes(sentence: str, minutes: bool) -> bool:
    return minutes and not _REPORTED.search(sentence)


def _list_item(sentence: str, minutes: bool) -> bool:
    return bool(_LIST_ITEM.match(sentence)) and not _REPORTED.search(sentence)


# (kind, pattern, confidence, condition): the first row that matches and applies gives the cue.
CUE_RULES: tuple[tuple[str, re.Pattern[str], float, Condition], ...] = (
    ("direct", spelled(_DIRECT), 0.95, _always),
    ("asked", spelled(_ASKED_TO), 0.9, _always),
    ("asked", spelled(_ASKED_LATE), 0.8, _always),
    ("asked", spelled(_REQUEST), 0.7, _not_reported),
    ("asked", spelled(_REPLY_DEMANDED), 0.7, _show_cause),
    ("asked", spelled(_DEMANDED), 0.65, _demand_timed_or_listed),
    ("direct", spelled(_SPLIT_DIRECT), 0.85, _always),
    ("decision", spelled(_IMPOSED), 0.7, _not_reported),
    ("decision", spelled(_BODY_DECIDED), 0.7, _not_reported),
    ("subjunctive", spelled(_SUBJUNCTIVE), 0.85, _not_reported),
    ("imperative", spelled(_IMPERATIVE), 0.8, _imperative_not_reported),
    ("imperative", spelled(_COMPOUND_IMPERATIVE), 0.8, _not_reported),
    ("imperative", spelled(_ANY_POLITE_PLURAL), 0.7, _that_clause),
    ("obligation", spelled(_OBLIGATION), 0.7, _obligation),
    ("obligation", spelled(_MUST_NOT_HAPPEN), 0.6, _prohibition),
    ("obligation", spelled(_NEGATIVE_SUBJUNCTIVE + _SENTENCE_END), 0.6, _prohibition),
    ("obligation", spelled(_NEGATIVE_SUBJUNCTIVE + _CLAUSE_END), 0.6, _that_clause),
    ("subjunctive", spelled(_SUBJUNCTIVE_3SG), 0.65, _that_clause),
    ("obligation", spelled(_SHOULD), 0.6, _that_clause_no_opinion),
    ("direct", spelled(_STRESSED_TO), 0.6, _always),
    ("obligation", spelled(_BECOME_BY), 0.6, _that_clause_timed),
    ("obligation", spelled(_HAPPEN_AS_TOLD), 0.6, _that_clause_no_opinion),
    ("obligation", spelled(_MUST), 0.6, _that_clause),
    ("obligation", spelled(_MUST), 0.55, _must),
    ("obligation", spelled(_REQUIRED), 0.6, _that_clause_no_opinion),
    ("obligation", spelled(_TO_BE_DONE), 0.55, _to_be_done),
    ("future", spelled(_RULE_FUTURE), 0.55, _rule_future),
    ("future", spelled(_STATE_RULED), 0.55, _rule_future),
    ("obligation", spelled(_TO_BE_DONE_PASSIVE), 0.55, _rule_future),
    ("obligation", spelled(_DATIVE_REQUIRED), 0.55, _must),
    ("decision", spelled(_FUTURE_PASSIVE), 0.7, _minutes),
    ("decision", spelled(_FUTURE_ACTIVE), 0.65, _minutes),
    ("future", spelled(_FUTURE_ACTIVE), 0.6, _that_clause),
    ("future", spelled(_CORRELATIVE_FUTURE), 0.6, _not_reported),
    ("future", spelled(_YOU_WILL + r"[^।]*?" + _FUTURE_ACTIVE), 0.6, _not_reported),
    ("future", spelled(_FUTURE_ACTIVE), 0.55, _officer_schedule),
    ("future", spelled(_FUTURE_PASSIVE), 0.6, _that_clause_not_negated),
    ("subjunctive", spelled(_SUBJUNCTIVE_SG), 0.6, _subjunctive_not_perfective),
    ("obligation", spelled(_NEEDED), 0.55, _document_says),
    ("future", spelled(_DOCUMENT_FUTURE), 0.55, _document_says),
    ("obligation", spelled(_PASSIVE_NEEDED), 0.55, _needed_passive),
    ("verbless", spelled(_VERBLESS), 0.55, _list_item),
    ("verbless", spelled(_AGENT_VERBLESS), 0.6, _not_reported),
)

# Forms that are never directives, whatever cue they hold.
BLOCKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "अधिकारियों को सख्त निर्देश दिए।", "… ने सभी जिलों के लिए आदेश जारी किए।": a direction that names no action.
    (
        "empty_direction",
        spelled(
            rf"^(?!.*{LETTERS}(?:ने|नें)\s+(?:का|के|की|हेतु|को\s+लेकर)\s)(?!.*(?:{_ACTION_TIED}|{_TOPIC_TIED}))(?:(?!\sकि\s).)*?(?:(?:ने|को|से|हुए|हुये|(?<=के\s)लिए|(?<=के\s)लिये)\s+|\s(?!(?:के|का|की)\s){LETTERS}+\s+(?:(?:{_EMPTY_ADJ})\s+){{1,3}}"
            # "… फीडबैक लिया, आवश्यक दिशा निर्देश भी जारी किए": after a clause of its own
            rf"|,\s*(?:(?:{_EMPTY_ADJ})\s+){{1,3}})"
            r"(?:(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s+(?:भी\s+)?(?:दिए|दिये|दिया|जारी\s+(?:किए|किये|किया|की|कीं))"
            # "अधिकारियों को आवश्यक हिदायतें दीं।"
            r"|(?:हिदायतें|हिदायते|हिदायत)\s+(?:भी\s+)?(?:दी|दीं|दिए|दिये|जारी\s+(?:की|कीं|किए|किये)))\s*(?:गए|गये|गया|गयी|गई)?"
            r"\s*(?:है|हैं)?\s*[।.]?\s*$"
        ),
    ),
    # "सभी उपखंड अधिकारियों को निर्देशित किया गया।", "… ने कार्मिकों को पाबंद किया।": the verb of a direction with only
    # its addressee, no action (not "… रहने के लिए पाबंद किया", "… रहने पाबंद किया", "… को लेकर निर्देशित किया").
    (
        "empty_direction_verb",
        spelled(
            rf"^(?!.*(?:{LETTERS}(?:ने|नें)\s+(?:(?:के|का|की|हेतु|को)\s|(?:भी\s+)?(?:पाबंद|निर्देशित|आदेशित))|{_B}(?:हेतु|लिए|लिये|लेकर|संबंध|सम्बन्ध|संबंधी|बारे|कि)\s))"
            r".*?\sको\s+(?:भी\s+)?(?:पाबंद|निर्देशित|आदेशित)\s+(?:भी\s+)?(?:किया|किए|किये)(?:\s+(?:गया|गए|गये))?\s*(?:है|हैं)?\s*[।.]?\s*$"
        ),
    ),
    # "… दायित्वों को याद दिलाते हुए जिम्मेदारी सौंपीं।", "उन्हें विभागवार जिम्मेदारी सौंपी जाएगी।": a duty handed over
    # with nothing said of what it is (not "… गश्त की जिम्मेदारी सौंपी", "… की अहम जिम्मेदारी दी").
    (
        "empty_assignment",
        spelled(
            r"(?<!की)(?<!का)(?<!के)(?<!हेतु)(?<!पूरी)(?<!अहम)(?<!बड़ी)(?<!अतिरिक्त)(?<!संपूर्ण)(?<!सम्पूर्ण)(?<!महत्वपूर्ण)\s+"
            r"(?:जिम्मेदारी|जिम्मेदारियां|जिम्मेदारियाँ|जिम्मेवारी|दायित्व)\s+(?:भी\s+)?(?:सौंपा|सौंपी|सौंपीं|सौंपे|दी|दीं)"
            r"(?:\s+(?:गई|गयी|गया|गए|जाएगी|जायेगी|जाएंगी|जायेंगी))?\s*(?:है|हैं)?\s*[।.]?\s*$"
        ),
    ),
    # "बैठक में कई निर्णय लिए गए।": decisions only counted, none of them said (those listed after it are items).
    (
        "empty_decision",
        spelled(
            rf"{_B}(?:(?:{_EMPTY_ADJ}|अहम|महत्त्वपूर्ण)\s+){{1,3}}(?:निर्णय|फैसले|फ़ैसले)\s+(?:भी\s+)?(?:लिए|लिये)\s+(?:गए|गये)"
            r"\s*(?:है|हैं)?\s*[।.]?\s*$"
        ),
    ),
    # "… को निर्देशित करते हुए कहा कि प...": the frame cut off (a page or a teaser ends), no action after it.
    # "… को निर्देश दिया कि […]": the same, the cut marked in brackets.
    ("cut_frame", spelled(rf"\sकि(?:\s+{LETTERS}{{1,3}})?\s*[\[(]?\s*(?:\.{{2,}}|…)\s*[\])]?\s*$")),
    # "… बैठक के दौरान यह निर्देश दिए।": a direction named only by a demonstrative, given elsewhere.
    (
        "demonstrative_direction",
        # (यह/ये a word of its own: "… पूरा करने के लिये निर्देश दिए" names its action)
        spelled(
            # ("… मुख्य सचिव ने यह आदेश दिया है।", "… ने एक निर्देश जारी किया है।": an order named, its content elsewhere)
            r"(?<![\u0900-\u097f])(?:यह|ये|इस\s+आशय\s+के|एक)\s+(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s+(?:भी\s+)?"
            r"(?:दिए|दिये|दिया|जारी\s+(?:किया|किए|किये|की))(?:\s+(?:गए|गये|गया|गई|गयी))?(?:\s+(?:है|हैं))?\s*[।.]?\s*$"
        ),
    ),
    # "बैठक में अधीक्षण यंत्री, कार्यपालन यंत्री … उपस्थित रहें।", "… बैठक की गयी जहां … अधिकारी मौजूद रहें ।": who attended,
    # the past रहे typed with a nasal; not an order to attend ("कहा कि … उपस्थित रहें", "आगामी बैठक में …")
    (
        "attendance_reported",
        spelled(
            r"^(?![^।]*(?:कहा|निर्देश|आदेश|अनुसार|आगामी|अगली|अनिवार्य|(?<![\u0900-\u097f])कि(?![\u0900-\u097f])))"
            # (a notice's "बैठक में सभी संबंधित अधिकारी समय से उपस्थित रहें" orders attendance: only posts named, nothing
            # of all, time or self, after a bare "बैठक में")
            r"\W*(?:बैठक\s+में\s(?![^।]*(?:सभी|समस्त|संबंधित|सम्बन्धित|समय|स्वयं|अपने|आवश्यक|साथ))"
            r"|[^।]*?\s(?:की\s+(?:गई|गयी|गयीं)|हुई|हुआ|थे|थी)\s)[^।]*(?:उपस्थित|मौजूद|शामिल)\s+रहें\s*[।.]?\s*$"
        ),
    ),
    # "… स्टाफ को दिशा निर्देश दिया जाता है जिससे …", "… आवश्यक दिशा निर्देश जारी किए जाते हैं।": directions given as a
    # habit, none of them said (not the letter's "… को निर्देशित किया जाता है कि …", which says it after कि)
    (
        "habitual_direction",
        spelled(
            r"(?<![\u0900-\u097f])(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s+(?:भी\s+)?(?:जारी\s+)?(?:दिया|दिए|दिये|किए|किये)\s+"
            r"(?:जाता|जाते)\s+(?:हैं|है)(?![\u0900-\u0963\u0966-\u097f])(?!\s*,?\s*कि(?![\u0900-\u0963\u0966-\u097f]))"
        ),
    ),
    # "निर्देश दिया कि … वसूली लक्ष्य के अनुरूप नहीं हो रहा है।", "निर्णय लिया गया कि … उपलब्धता नहीं हुई है।": a
    # fact stated after a directing frame, nothing to do.
    (
        "fact_after_frame",
        spelled(
            # (a polite plural before the fact is the order: "… कि वे उन कर्मचारियों को बदलें जिन्हें … हुआ है")
            r"(?:निर्देश\s+(?:दिया|दिए|दिये)|निर्णय\s+लिया\s+गया)\s+कि\s+(?:(?!जाए|जाये|करें|करे\s|सुनिश्चित|चाहिए"
            r"|(?<![\u0900-\u097f])(?!(?:में|हैं|हें|उन्हें|इन्हें|जिन्हें|तुम्हें|हमें)\s)[\u0900-\u097f]+(?:ें|एं|एँ)\s)[^।])*?"
            r"\s(?:हो\s+रहा\s+है|हो\s+रही\s+है|हो\s+रहे\s+हैं|हुई\s+है|हुआ\s+है|हुए\s+हैं|रहा\s+है|रही\s+है|रहे\s+हैं)\s*[।.]?\s*$"
        ),
    ),
    # "इस निर्णय का उद्देश्य यह सुनिश्चित करना है कि …": the purpose of a measure, not a direction.
    ("purpose_statement", spelled(r"(?:उद्देश्य|मकसद|लक्ष्य)\s+(?:यह\s+)?(?:सुनिश्चित\s+करना|है)\s")),
    # "… सरकार का उद्देश्य केवल … विकास करना नहीं, बल्कि … सुनिश्चित करना है।": an aim stated.
    ("aim_statement", spelled(r"(?:उद्देश्य|मकसद)\s[^।]*?\s(?:करना|कराना)\s+(?:है|हैं)\s*[।.]?\s*$")),
    # "लक्ष्य तभी पूरा होगा जब सभी विभाग मिलकर काम करें": a condition stated, not a direction.
    ("condition", spelled(r"(?<![\u0900-\u097f])तभी\s[^।]*?\sजब(?![\u0900-\u097f])")),
    # "… समीक्षा करते हुए निम्नलिखित निर्णय लिए गए:": the heading of the decisions listed after it.
    ("list_heading", spelled(r"(?:निम्नलिखित|निम्नानुसार|निम्न|निम्नांकित)\s+(?:दिशा-?\s*)?(?:निर्णय|निर्देश)")),
    # "कहा कि लापरवाही बरतने वालों के विरुद्ध कार्रवाई की जाएगी": a threat of what the authority will do, no
    # action asked of anyone; only the threat after the frame (``कहा कि``, ``हिदायत दी कि``, a list number).
    (
        "threat",
        spelled(
            r"^\s*(?:\(?[0-9०-९]{1,3}[.)]\s*)?(?:[^।]{0,80}?\s(?:कहा|हिदायत\s+दी|चेतावनी\s+दी|स्पष्ट\s+किया|(?:निर्देश|आदेश)\s+(?:दिए|दिये|दिया)"
            # "पाबंद किया कि …", "ताकीद की कि …", "निर्देशित किया गया कि …": the Rajasthan, Haryana and MP frames
            r"|(?:पाबंद|निर्देशित|आदेशित)\s+(?:किया|किए|किये)(?:\s+(?:गया|गए|गये))?|ताकीद\s+की(?:\s+(?:गई|गयी))?)\s+कि\s+)?"
            rf"(?:(?!\s(?:तथा|और|एवं|व)\s|[,;]|जाए|करें)[^।]){{0,160}}?"
            # against whom, or on what condition ("लापरवाही मिलने पर", "अनियमितता पर")
            rf"(?:(?:विरुद्ध|विरूद्ध|विरुध्द|विरूध्द|खिलाफ|खिलाफ़)|(?:{LETTERS}+ने|लापरवाही|शिथिलता|उदासीनता|अनियमितता|ढिलाई|वालों|वाले)\s+पर"
            # "… लापरवाही पाई गई तो सख्त कार्रवाई …": a condition closed by तो
            r"|(?<![\u0900-\u097f])तो)\s+"
            rf"(?:{LETTERS}+\s+){{0,4}}?"
            # "… कार्रवाई अमल में लाई जाएगी", "… एफआईआर दर्ज कराई जाएगी": the same threat in other words
            r"(?:(?:कार्रवाई|कार्यवाही|कार्यवाई|कार्रवाही)(?:\s+अमल\s+में\s+लाई)?|(?:जिम्मेदारी|जिम्मेवारी|जवाबदेही)\s+(?:भी\s+)?तय"
            r"|(?:एफआईआर|प्राथमिकी|मुकदमा|मुकदमे)\s+(?:भी\s+)?दर्ज\s+(?:कराई|कराया|कराए|की|किया|किए))"
            r"\s+(?:भी\s+)?(?:की\s+)?(?:जाएगी|जायेगी|होगी|जाएगा|जायेगा|जाएंगे|जायेंगे)\s*[।.]?\s*$"
        ),
    ),
    # "कहा कि अक्टूबर में राज्य स्तर पर कॉन्फ्रेंस आयोजित की जाएगी": the announcement of a later meeting.
    (
        "announcement",
        spelled(
            r"^(?!.*(?:निर्देश|हिदायत))[^।]*(?:बैठक|बैठकें|कॉन्फ्रेंस|कान्फ्रेंस|कांफ्रेंस|सम्मेलन|कार्यशाला|समारोह)\s+(?:भी\s+)?"
            r"(?:आयोजित\s+(?:की|किया|किए)\s+(?:जाएगी|जाएगा|जाएंगे|जायेगी|जायेगा)|होगी|होगा|होंगी)\s*[।.]?\s*$"
        ),
    ),
    # "आगामी बैठक मार्च माह के द्वितीय सप्ताह में आयोजित की जाएगी।": when the next meeting is, its date between.
    (
        "next_meeting",
        spelled(
            r"^\s*(?:\(?[0-9०-९]{1,3}[.)]\s*)?(?:समिति\s+की\s+)?(?:आगामी|अगली|अगले|आगे\s+की)\s+(?:बैठक|बैठकें|समीक्षा\s+बैठक)\s"
            r"(?:(?!निर्देश|हिदायत|तक\s)[^।,]){0,80}?(?:आयोजित\s+(?:की|किया|किए)\s+(?:जाएगी|जाएगा|जाएंगे|जायेगी|जायेगा)|होगी|होगा|होंगी)"
            r"\s*[।.]?\s*$"
        ),
    ),
    # "… कचरा फेंकने वाले प्रतिष्ठानों पर 5,000 रुपये तक का जुर्माना लगाया जाएगा": a fine threatened on whoever offends,
    # nothing asked of anyone (not when the sentence orders something too: "… जाए तथा … जुर्माना लगाया जाएगा")
    (
        "threat_of_fine",
        spelled(
            r"^(?![^।]*(?:जाए(?![गं])|जाये(?![गं])|जाएं|करें|कराएं|सुनिश्चित|चाहिए))[^।]*(?:वाले|वालों)\s+(?:[^\s।]+\s+){0,3}?पर\s+"
            r"(?:[^।]+\s+)?(?:जुर्माना|जुर्माने|अर्थदंड|अर्थदण्ड|दंड|दण्ड)\s+(?:भी\s+)?(?:लगाया|वसूला|आरोपित\s+किया)\s+"
            r"(?:जाएगा|जायेगा)\s*[।.]?\s*$"
        ),
    ),
    # "कहा कि मिलावट पाए जाने पर लाइसेंस निलंबित कर दिया जाएगा", "… खोदने वाली मशीनें जब्त की जाएंगी", "… न देने वाले
    # घरों का चालान किया जाएगा", "इस आदेश का उल्लंघन करने वालों की अनुमति निलंबित करने की कार्यवाही की जाएगी": a
    # sanction threatened on whoever offends, nothing asked of anyone (not a decision of minutes, nor a sentence that
    # orders something too)
    (
        "threat_of_sanction",
        spelled(
            # ("इस आदेश का उल्लंघन करने वाले …": the order itself named, no frame)
            r"^(?![^।]*(?:निर्णय|निर्देश|(?<!इस\s)(?<!उक्त\s)आदेश|जाए(?![गं])|जाये(?![गं])|जाएं(?!ग)|करें|कराएं|सुनिश्चित|चाहिए))"
            r"[^।]*(?:वाले|वाली|वालों|(?:होने|पाए\s+जाने|पाये\s+जाने|मिलने)\s+पर)\s[^।]*?"
            r"(?:निलंबित|निलम्बित|निरस्त|रद्द|जब्त|ज़ब्त|सील|चालान)\s+(?:भी\s+)?"
            # "… अनुमति निलंबित करने की कार्यवाही की जाएगी": the sanction as the action taken
            r"(?:(?:कर\s+(?:दिया|दी|दिए|दिये|लिया|ली|लिए|लिये)|किया|की|किए|किये"
            r"|करने\s+की\s+(?:कार्यवाही|कार्रवाई|कार्यवाई)\s+(?:भी\s+)?की)\s+)?(?:जाएगा|जायेगा|जाएगी|जायेगी|जाएंगे|जायेंगे|जाएंगी|जायेंगी)"
            r"\s*[।.]?\s*$"
        ),
    ),
    # "… ई-केवाईसी नहीं कराने पर नाम राशन कार्ड से हटा दिया जाएगा", "… न होने की स्थिति में लाइसेंस निरस्त कर दिया
    # जाएगा": what befalls whoever fails to comply, nothing asked of anyone (not when the sentence orders something too)
    (
        "consequence_of_failure",
        spelled(
            r"^(?![^।]*(?:जाए(?![गं])|जाये(?![गं])|जाएं|करें|कराएं|सुनिश्चित|चाहिए|निर्देश|आदेश\s+(?:दिए|दिया)))[^।]*?"
            rf"(?<![{LETTER}])(?:नहीं|नही|न)\s+(?:{LETTERS}+(?:ने|नें)\s+पर|होने\s+(?:पर|की\s+(?:स्थिति|दशा)\s+में))\s"
            r"[^।]*?(?:दिया|दी|दिए|किया|की|किए|लिया|ली)\s+(?:जाएगा|जाएगी|जायेगा|जायेगी|जाएंगे|जायेंगे|जाएंगी)\s*[।.]?\s*$"
        ),
    ),
    # "कहा कि जो अधिकारी … कोताही बरतेगा, उसके खिलाफ कार्रवाई की जाएगी": a threat to whoever fails, nothing asked.
    (
        "threat_to_whoever",
        spelled(
            r"\sकि\s+(?:जो|जिस)\s[^।]*?,\s*(?:उसके|उनके|उन|उस|ऐसे)\s+(?:[^\s,।]+\s+){0,3}?(?:खिलाफ|खिलाफ़|विरुद्ध|पर)\s+"
            r"(?:[^\s,।]+\s+){0,4}?(?:कार्रवाई|कार्यवाही|कार्यवाई)\s+(?:भी\s+)?(?:की\s+)?(?:जाएगी|जायेगी|होगी)\s*[।.]?\s*$"
        ),
    ),
    # "जिससे कार्य में कोई परेशानी न हो।", "ताकि …": a purpose clause cut off from the directive it serves.
    ("purpose_clause", spelled(r"^\s*(?:जिससे|ताकि|ताकी|इससे\s+कि|जिससे\s+कि)\s")),
    # "उक्त बातें X ने … निर्देश देते हुए कहीं।", "ये निर्देश X ने बैठक में दिए।": who said what is quoted above.
    (
        "attribution",
        spelled(
            r"^\s*(?:उक्त|उपरोक्त|ये|यह|यही)\s+(?:बातें|बात|निर्देश)\s[^।]*(?:ने|द्वारा)\s[^।]*"
            r"(?:कही|कहीं|कहा|दिए|दिये|दियें|दिएं|दिया)(?:\s+(?:गए|गये|गई|है|हैं))?\s*[।.]?\s*$"
        ),
    ),
    # "निर्देश दिया गया है कि … लापरवाही बर्दाश्त नहीं की जाएगी।": a warning after the frame, nothing to do (not after
    # an order before it in the clause, any polite plural: "… कि अधिकारी पूरी तैयारी से आयें, … शिथिलता बर्दाश्त नहीं …")
    (
        "warning_only",
        spelled(
            # (not after an order named before the frame: "… डेटा अपलोड कराने के निर्देश देते हुए कहा कि … बर्दाश्त नहीं …")
            r"^(?![^।]*?[\u0900-\u097f]ने\s+(?:के|का|की)\s+(?:(?:कड़े|सख्त|सख़्त)\s+)?(?:निर्देश|आदेश|हिदायत))[^।]*?"
            r"\sकि\s+(?:(?!जाए|जाये|करें|करे\s|सुनिश्चित|चाहिए"
            # (a verb closing its clause, before a comma or conjunction: not a plural noun, "… कि शिकायतें मिलने पर …")
            r"|(?<![\u0900-\u097f])(?!(?:में|हैं|हें|उन्हें|इन्हें|जिन्हें|तुम्हें|हमें)[\s,])[\u0900-\u097f]+(?:ें|एं|एँ)"
            r"\s*(?:,|(?:और|तथा|एवं|व)\s))[^।])*?"
            r"(?:बर्दाश्त|बरदाश्त|सहन|क्षम्य)\s+नहीं\s+"
            r"(?:की\s+जाएगी|किया\s+जाएगा|होगी|होगा|की\s+जायेगी)\s*[।.]?\s*$"
        ),
    ),
    # "… यह सुनिश्चित करना सबकी प्राथमिकता होनी चाहिए।": what everyone's priority or duty should be, a value.
    (
        "duty_statement",
        spelled(
            r"(?:सबकी|सब\s+की|सभी\s+की|हमारी|हम\s+सबकी|हम\s+सब\s+की)\s+(?:पहली\s+|प्रथम\s+|सर्वोच्च\s+)?"
            r"(?:प्राथमिकता|जिम्मेदारी|जिम्मेवारी|दायित्व|कर्तव्य)\s+(?:होनी\s+चाहिए|है)\s*[।.]?\s*$"
        ),
    ),
    # "… पहुंचना सुनिश्चित करना जलदाय विभाग का उत्तरदायित्व है।": whose duty something is, a statement.
    (
        "whose_duty",
        spelled(
            r"(?:करना|कराना)\s[^।]*?(?:का|की)\s+(?:उत्तरदायित्व|दायित्व|जिम्मेदारी|जिम्मेवारी|कर्तव्य)\s+(?:है|हैं)\s*[।.]?\s*$"
        ),
    ),
    # "इस ख़बर को शेयर करें", "एक टिप्पणी भेजें": a news site's buttons, not an order to anyone.
    ("site_furniture", spelled(rf"^\s*(?:{LETTERS}+\s+){{0,5}}?(?:{alternation(column('site_furniture'))}){WORD_END}")),
    # "… ग्रुप से जुड़ने के लिए यहां क्लिक करें", a lone "ऐप डाउनलोड करें" line: a page's prompts, wherever the button word.
    (
        "site_prompt",
        spelled(
            r"(?:यहाँ|यहां|यहा|इस\s+लिंक\s+पर|लिंक\s+पर)\s+(?:क्लिक|टैप)\s+करें"
            rf"|^\W*(?:{LETTERS}+\s+)?(?:डाउनलोड|इंस्टॉल|इंस्टाल)\s+करें\W*$"
        ),
    ),
    # "… की बैठक में ये आदेश जारी किए गए हैं।": a sentence pointing back at orders already reported, nothing new.
    (
        "pointing_back",
        spelled(
            r"\s(?:ये|यह|उक्त|उपरोक्त|उपर्युक्त)\s+(?:सभी\s+|सब\s+)?(?:दिशा-?\s*)?(?:आदेश|निर्देश)\s+(?:भी\s+)?"
            r"(?:जारी\s+)?(?:किए|किये|दिए|दिये)(?:\s+(?:गए|गये))?(?:\s+(?:है|हैं|थे))?\s*[।.!]?\s*$"
        ),
    ),
    # "आवश्यक दिशा निर्देश दिए।" alone (a hard-wrapped line whose addressee stood on the line before): no action.
    (
        "bare_directions",
        spelled(
            rf"^\W*(?:(?:{_EMPTY_ADJ})\s+){{0,3}}(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s+(?:भी\s+)?"
            r"(?:दिए|दिये|दिया|दियें|दिएं)(?:\s+(?:गए|गये|गया))?(?:\s+(?:है|हैं))?\s*[।.!]?\s*$"
        ),
    ),
    # "… 27 सितंबर को … प्रकरणों की समीक्षा की जाएगी", "आगामी … को एक और समीक्षा बैठक की जाएगी जिसमें … होगी": the
    # chair's own coming review, announced; nothing asked of anyone (a cue word anywhere keeps the sentence). Only
    # when said or set (कहा/बताया कि, बैठक में, a day with को): a board's bare decision "… की समीक्षा किया जाएगा" stays.
    (
        "review_announced",
        spelled(
            r"^(?=[^।]*?(?:(?:कहा|बताया)\s+कि\s|बैठक\s+में\s|\sको\s))"
            r"(?:(?!करें|करे\s|जाए|जाये|चाहिए|चाहिये|निर्देश|निर्देशित|आदेश|कहा\s+गया|सुनिश्चित\s+कर[ेें])[^।])*?"
            r"समीक्षा\s+(?:बैठक\s+)?(?:भी\s+)?(?:की|किया)\s+(?:जाएगी|जायेगी|जाएगा|जायेगा)"
            r"(?:\s+(?:और|तथा|जिसमें|जिसमे)\s(?:(?!करें|जाए\s|जाये\s|चाहिए|चाहिये|निर्देश|आदेश|सुनिश्चित)[^।])*)?"
            r"\s*[।.!]?\s*$"
        ),
    ),
    # "… की बैठक लेकर आवश्यक दिशा निर्देश दिए", "… को लेकर आयोजित बैठक में दिशा-निर्देश दिए गए": the direction's
    # only complement is the meeting it was given in (whose topic is the meeting's, not an action).
    (
        "meeting_only",
        spelled(
            # "… निस्तारण को लेकर भी बैठक में निर्देश दिए": a topic before a bare "बैठक में" is the directions' own;
            # so is an action named as the topic ("… पहुंच सुनिश्चित करने को लेकर … बैठक लेकर निर्देश दिए")
            rf"^(?!.*{LETTERS}(?:ने|नें)\s+(?:को\s+लेकर|के\s+लिए|के\s+लिये|हेतु)\s).*?"
            r"(?:(?:आयोजित|हुई|संपन्न|साथ|की|ने)\s+बैठक\s+में|(?:बैठक|बैठकों|समीक्षा)\s+(?:ली|की|कर|करके|लेकर|के\s+दौरान))\s+"
            # "… की समीक्षा की गयी तथा अधिकारियों को आवश्यक दिशा-निर्देश दिये गये": the officers told, nothing else
            r"(?:(?:गयी|गई|गए|गये)\s+)?(?:(?:और|तथा|एवं)\s+)?"
            r"(?:(?:सभी|संबंधित|सम्बन्धित)\s+)?(?:(?:अधिकारियों|पदाधिकारियों|अफसरों|अधिकारी|पदाधिकारी)\s+को\s+)?"
            rf"(?:(?:{_EMPTY_ADJ})\s+){{0,3}}(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s+(?:भी\s+)?"
            r"(?:दिए|दिये|दिया|जारी\s+(?:किए|किये|किया|की|कीं))(?:\s+(?:गए|गये|गया|गयी|गई))?\s*(?:है|हैं)?\s*[।.!]?\s*$"
        ),
    ),
    # "… पर सख्त कार्रवाई करने की चेतावनी दी है।": a warning of what the authority will do, nothing asked.
    (
        "warning_of_action",
        spelled(
            rf"(?:कार्रवाई|कार्यवाही)\s+(?:करने|किए\s+जाने|की\s+जाने)\s+की\s+(?:{LETTERS}+\s+)?चेतावनी\s+(?:भी\s+)?"
            r"(?:दी|दिए|दिया)(?:\s+(?:गई|गयी))?\s*(?:है|हैं)?\s*[।.]?\s*$"
        ),
    ),
    # "जिलाधिकारी ने अधीनस्थों को निर्देश देते हुए कहा।": the frame alone, its words cut off by the danda.
    ("empty_frame", spelled(r"(?:ने|को)\s+(?:निर्देश|निर्देशित)\s+(?:देते|करते)\s+हुए\s+कहा\s*[।.]?\s*$")),
    # "बैठकों के माध्यम से यह सुनिश्चित किया जाता है कि …": what is done as a rule (habitual), not a direction.
    ("habitual_frame", spelled(r"(?:सुनिश्चित|तय)\s+(?:किया|की)\s+(?:जाता|जाती)\s+है\s+कि\s")),
    # "पिछली बैठक में निर्देशित किया गया था कि …", "… को निर्देश दिए थे कि …": a direction given in the past, with its
    # clause (not when a direction of this meeting follows it: "… पुनः निर्देशित किया गया कि …").
    (
        "past_frame",
        spelled(
            r"(?:(?:निर्देशित|आदेशित|पाबंद)\s+(?:किया|किए|किये)|(?:निर्देश|आदेश|हिदायत)\s+(?:दिए|दिये|दिया|दी))(?:\s+(?:गया|गए|गये|गई|गयी))?"
            r"\s+(?:था|थे|थी)\s+कि\s(?![^।]*(?:निर्देश|निर्देशित|हिदायत|आदेश|कहा|पुनः|दोबारा))"
        ),
    ),
    # "बैठक में यह निर्णय लिया गया।": a decision named only by a demonstrative, stated elsewhere.
    (
        "demonstrative_decision",
        spelled(
            r"(?<![\u0900-\u097f])(?:यह|ये)\s+(?:निर्णय|फैसला|फ़ैसला)\s+(?:भी\s+)?(?:लिया|लिए|लिये)(?:\s+(?:गया|गए|गये))?\s*(?:है|हैं)?\s*[।.]?\s*$"
        ),
    ),
    # "अवैध खनन को किस प्रकार रोका जाए।": a question about how, not a direction (no कि-clause frames it).
    (
        "question",
        spelled(
            r"^(?:(?!\sकि\s)[^।])*?(?<![\u0900-\u097f])(?:किस\s+(?:प्रकार|तरह|तरीके\s+से)|कैसे)\s[^।,]*?(?:जाए|जाये|जाएं|करें|हो)\s*(?:[,?।.]|$)"
        ),
    ),
    # "… कई तरह के निर्देश भी दिए।": directions only counted, none of them said.
    (
        "counted_directions",
        spelled(
            r"(?:कई|विभिन्न|अनेक|तमाम)\s+(?:तरह|प्रकार)\s+के\s+(?:(?:आवश्यक|जरूरी|महत्वपूर्ण)\s+)?(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s+(?:भी\s+)?"
            r"(?:दिए|दिये|दिया|जारी\s+(?:किए|किये|किया|की|कीं))(?:\s+(?:गए|गये|गया|गई))?\s*(?:है|हैं)?\s*[।.]?\s*$"
        ),
    ),
    # "चर्चा … सुनिश्चित करने … पर केंद्रित रही।": what a discussion was about, a report.
    (
        "topic_report",
        spelled(r"^\s*(?:चर्चा|बातचीत|बैठक|समीक्षा)\s[^।]*\s(?:पर|पे)\s+(?:केंद्रित|केन्द्रित)\s+(?:रही|रहा|थी|था|रहीं)"),
    ),
    # "पिछले सप्ताह … निर्देश दिए गए थे।", "… निर्देश दिए थे।": a direction given in the past.
    # "… निर्देश दिए गए थे, जिसके अनुपालन में …", "… का निर्देश दिया था, जिनमें से 9 पूर्ण हो चुकी हैं।": the same past
    # direction with what came of it in a relative clause, or its shortfall after किंतु ("… निर्देश दिए गए थे, किंतु अब तक
    # केवल 11 में …"), either asking nothing new.
    (
        "past",
        spelled(
            r"(?:गए|गये|गई|गयी|गया|दिए|दिये|दी|दिया|किया|किए)\s+(?:थे|थी|था)\s*"
            r"(?:[।.]?\s*$|,\s*(?:जिस|जिन|(?:किंतु|किन्तु|परंतु|परन्तु|लेकिन|मगर)\s)"
            r"(?:(?!जाए|जाये|करें|कराएं|सुनिश्चित|चाहिए|निर्देश)[^।])*[।.]?\s*$)"
        ),
    ),
    # "पूर्व बैठक के निर्देशों पर हुई कार्यवाही से अवगत कराया गया।": a report about earlier directions.
    ("report_on_directions", spelled(r"निर्देशों\s+(?:पर|के\s+(?:अनुपालन|क्रम))[^।]*(?:अवगत|बताया|जानकारी)")),
    # "… बैठक में जिलाधीशों को कई अहम निर्देश दिए जा सकते हैं।": a guess at directions that may come.
    (
        "possible_direction",
        spelled(
            r"(?:निर्देश|आदेश|हिदायत|हिदायतें)\s+(?:भी\s+)?(?:दिए|दिये|दी|दिया|जारी\s+(?:किए|किये|की|किया))\s+"
            r"(?:भी\s+)?जा\s+(?:सकते|सकती|सकता)(?:\s+(?:हैं|है))?\s*[।.]?\s*$"
        ),
    ),
    # "बैठक में … अधिकारियों को आवश्यक दिशा-निर्देश भी दिए जाएंगे।": what a coming meeting will do, its directions
    # not yet given (not "… को निर्देश दिए जाएंगे कि …", which says them).
    (
        "coming_directions",
        spelled(
            r"^(?=.*(?:बैठक|बैठकों|समीक्षा|दौरे|दौरा|निरीक्षण)\s).*(?:निर्देश|आदेश|हिदायत|हिदायतें)\s+(?:भी\s+)?"
            r"(?:दिए|दिये|दी|जारी\s+(?:किए|किये|की))\s+(?:जाएंगे|जाएंगें|जायेंगे|जायेंगें|जाएँगे|जाएंगी|जायेंगी|जाएगी|जायेगी)"
            r"\s*[।.]?\s*$"
        ),
    ),
    # "… लिखा कि क्यों न आपके विरुद्ध कार्रवाई की जाए।": a show-cause notice's threat put as a question.
    (
        "why_not_question",
        spelled(r"(?<![\u0900-\u097f])क्यों\s+(?:न|ना|नहीं)\s[^।]*?(?:कार्रवाई|कार्यवाही|कार्यवाई|दंडित|निलंबित)"),
    ),
    # "… निर्णयों की विस्तृत जानकारी विभागों द्वारा अलग से साझा की जाएगी।": the writer announces what the reader
    # will be told later, no duty.
    (
        "details_to_follow",
        spelled(
            r"(?:जानकारी|विवरण|ब्यौरा|ब्योरा)\s[^।]*?(?:अलग\s+से|बाद\s+में)\s+(?:साझा|जारी)\s+(?:की|किया|किए)\s+"
            r"(?:जाएगी|जायेगी|जाएगा|जायेगा|जाएंगे|जायेंगे)\s*[।.]?\s*$"
        ),
    ),
)


def blocked(sentence: str) -> str | None:
    """The name of the blocker that rules ``sentence`` out, or None."""
    for name, rx in BLOCKERS:
        if rx.search(sentence):
            return name
    return None


# "उन्होंने … मानकों को बनाए रखने पर भी जोर दिया।": emphasis with no one named to act and no कि-clause.
_EMPHASIS_END = spelled(r"\sपर\s+(?:भी\s+)?(?:विशेष\s+)?(?:जोर|ज़ोर|बल)\s+(?:भी\s+)?(?:दिया|दिए|दी)\s*[।.]?\s*$")
_EMPHASIS_THAT = spelled(r"\sकि\s")
# "… एएनएम और आशाओं को संबोधित करते हुए … पर बल दिया": those spoken to are told.
_SPOKEN_TO = spelled(r"\sको\s+संबोधित\s+(?:करते|करती)\s+हुए")
_ADDRESSED_AFTER = spelled(r"\s*(?:को|से)(?![\u0900-\u0963\u0966-\u097f])")


def bare_emphasis(sentence: str) -> bool:
    """A bare ``… पर जोर दिया`` (not an item by the gold conventions): no post or body is told (``X को``)."""
    if not _EMPHASIS_END.search(sentence) or _EMPHASIS_THAT.search(sentence) or _SPOKEN_TO.search(sentence):
        return False
    return not any(_ADDRESSED_AFTER.match(sentence, ph.end) for ph in find_phrases(sentence))


# "बता दें कि …", "आपको बता दें कि …": a reporter's aside to the reader, no order to anyone.
_ASIDE = spelled(r"^\s*(?:आपको\s+|आप\s+को\s+)?(?:बता\s+दें|बता\s+दे|बताते\s+चलें)\s+कि\s")


# "… सात दिन में सुनिश्चित करें, यह निर्देश भी दिए गए।", "… रखा जाए, ऐसे निर्देश उपायुक्त द्वारा दिए गए।": the
# directing frame after the clause it points back to (a demonstrative and the bare direction, with at most its
# agent or addressee between). The clause before it is read on its own.
_POSTPOSED_FRAME = spelled(
    r"\s*[,;]?\s*[\"'”’]?\s*(?<![\u0900-\u097f])(?:यह|ये|ऐसे|ऐसा|इस\s+आशय\s+के|इस\s+प्रकार\s+के)\s+(?:भी\s+)?(?:दिशा-?\s*)?"
    r"(?:निर्देश|आदेश|हिदायत|हिदायतें)\s+(?:भी\s+)?(?:[^।,;]{0,60}?\s)?(?:ने|द्वारा|को)?\s*(?:भी\s+)?"
    r"(?:दिए|दिये|दिया|दी|दीं|जारी\s+(?:किए|किये|किया|की|कीं))(?:\s+(?:गए|गये|गया|गई|गयी))?\s*(?:है|हैं)?\s*[।.!]?\s*$"
)
# "सभी विद्यालय सात बजे खुलेंगे, यह निर्णय बैठक में लिया गया।": a decision written after the clause it names.
_POSTPOSED_DECISION = spelled(
    r"\s*[,;]\s*(?<![\u0900-\u097f])(?:यह|ये|ऐसा)\s+(?:भी\s+)?(?:निर्णय|फैसला|फ़ैसला)\s+(?:भी\s+)?(?:[^।,;]{0,60}?\s)?"
    r"(?:लिया|लिए|लिये)(?:\s+(?:गया|गए|गये))?\s*(?:है|हैं)?\s*[।.!]?\s*$"
)


_FUTURE_VERB = rf"{LETTERS}+(?:ेंगे|ेंगी|ेगा|ेगी|एंगे|एंगी|एगा|एगी){_SENTENCE_END}"
_DECIDED_FUTURE = spelled(rf"{_B}(?!हो|रह){_FUTURE_VERB}")
# after a direction's frame a future of being is directed too ("… कार्यालय में उपस्थित रहेंगे, ऐसे निर्देश …")
_DIRECTED_FUTURE = spelled(rf"{_B}{_FUTURE_VERB}")


def _decided_future(clause: str, directed: bool) -> DirectiveCue | None:
    m = (_DIRECTED_FUTURE if directed else _DECIDED_FUTURE).search(clause)
    return DirectiveCue("decision", m.start(), m.end(), 0.7) if m else None


# "मुख्यमंत्री 15 अगस्त को दौरा करेंगे, यह निर्णय लिया गया": a post above any chair plans its own programme.
_OWN_PROGRAMME = spelled(
    rf"^\s*(?:\(?[0-9०-९]{{1,3}}[.)]\s*)?(?:(?:माननीय|मा\.)\s+)?(?:{alternation(column('self_directing_posts'))}){WORD_END}"
)


def _postposed_cue(sentence: str, minutes_context: bool) -> DirectiveCue | None:
    """The cue of the clause before a postposed frame (``…, यह निर्देश भी दिए गए``): a direction when that
    clause directs by itself (``… सुनिश्चित करें``, ``… रखा जाए``); the frame alone stays an empty direction."""
    frame = next((m for m in _POSTPOSED_FRAME.finditer(sentence) if m.start() > 0), None)
    decision = None if frame else next((m for m in _POSTPOSED_DECISION.finditer(sentence) if m.start() > 0), None)
    frame = frame or decision
    if frame is None or not sentence[: frame.start()].strip():
        return None
    # after the frame a future is a duty, as in minutes, whatever its verb ("… सात बजे खुलेंगे, यह निर्णय लिया गया")
    clause = sentence[: frame.start()] + "।"
    inner = directive_cue(clause, minutes_context=True)
    if inner is None and not blocked(clause):
        inner = _decided_future(clause, directed=decision is None)
    if inner is None or (inner.kind in ("decision", "future") and _OWN_PROGRAMME.match(clause)):
        return None
    return DirectiveCue("direct", inner.start, inner.end, max(inner.confidence, 0.9))


# "… तैयारियों को लेकर सभी तहसीलदारों को दिए आवश्यक दिशा निर्देश।": a headline's order, the verb before the
# direction after its addressee; read in the body's order ("… को आवश्यक दिशा निर्देश दिए।", the same length), so
# that a direction naming no action stays empty.
_INVERTED_DIRECTION = spelled(
    r"\s(?:को|से)\s+(दिए|दिये|दिया|दी)\s"
    rf"((?:(?:{_EMPTY_ADJ})\s+){{0,3}}(?:दिशा-?\s*)?(?:निर्देश|आदेश|हिदायत|हिदायतें))(?=\s*[।.]?\s*$)"
)


def _body_order(sentence: str) -> str:
    inverted = _INVERTED_DIRECTION.search(sentence)
    if inverted is None:
        return sentence
    verb, direction = inverted.span(1), inverted.span(2)
    return f"{sentence[: verb[0]]}{inverted.group(2)} {inverted.group(1)}{sentence[direction[1] :]}"


# "… खुले में कूड़ा ना फेंके", "… लंबित ना रहे": the particle न written ना, a word of its own before a verb (not the
# verbal noun's ending, "करना", nor a hyphened "ना-नुकुर").
_NA_PARTICLE = re.compile(rf"(?<![{LETTER}\-])ना(?=\s+[{LETTER}])")


def negation_spelled(sentence: str) -> str:
    """``sentence`` with the particle ना read as न (the same length: "न " and one more space, so that a cue's offsets
    still index the sentence as written)."""
    return _NA_PARTICLE.sub("न ", sentence)


def directive_cue(sentence: str, *, minutes_context: bool = False) -> DirectiveCue | None:
    """The strongest directive cue in ``sentence``, or None if it is not a directive.

    ``minutes_context`` is true inside formal minutes, where numbered decisions in the future tense
    ("… किया जाएगा", "… भेजेंगी") are directives too. A reporter's aside opening the sentence is read as
    blank (same length: the cue's offsets still index ``sentence``).
    """
    sentence = negation_spelled(sentence)
    aside = _ASIDE.match(sentence)
    if aside:
        sentence = " " * aside.end() + sentence[aside.end() :]
    sentence = _body_order(sentence)
    postposed = _postposed_cue(sentence, minutes_context)
    if postposed is not None:
        return postposed
    if blocked(sentence) or bare_emphasis(sentence):
        return None
    direct = CUE_RULES[0][1].search(sentence)
    if (
        not direct
        and _NEGATED_WARNING.search(sentence)
        and not any(rx.search(sentence) for kind, rx, _, _ in CUE_RULES if kind in ("subjunctive", "imperative"))
    ):
        return None
    purpose = _PURPOSE.search(sentence)
    head = sentence[: purpose.start()] + "।" if purpose else sentence  # the clause before the purpose ends there
    for kind, rx, confidence, applies in CUE_RULES:
        m = rx.search(head)
        if m and applies(sentence, minutes_context):
            return DirectiveCue(kind, m.start(), m.end(), confidence)
    return None


# "… सभी पंपों पर जनरेटर चालू हालत में होना चाहिए।", "… फाइलों का निपटारा सात दिन में करना अनिवार्य है।": an
# obligation standing alone, with no frame. Right after a directive it goes on with the directions.
_STANDALONE_OBLIGATION = spelled(
    rf"(?:{_SHOULD}|{_HAPPEN_AS_TOLD}|{_BECOME_BY}|{_OBLIGATION}|{_MUST_NOT_HAPPEN}"
    rf"|{_B}(?:होना|होनी|होने)\s+चाहिए{_CLAUSE_END}"
    rf"|{_B}(?:करना|कराना|रखना|देना|भेजना)\s+(?:अनिवार्य|आवश्यक)\s+(?:है|होगा){_CLAUSE_END})"
)


# Right after a directive, the moods that go on with the directions though no frame stands before them: a bare
# subjunctive ("… शिकायतों का त्वरित निराकरण हो।", "… उपलब्ध हों।"), a polite plural ending the sentence ("… भरोसा
# जीतें।", "… नहीं रुकें।"), a verbal noun that is to be done ("… नामांकित करना है।") and a future of the
# officers told ("… निगरानी रखेंगे।", "… विभाग द्वारा ठीक किया जाएगा।", not a negated one: an assurance).
_TOP_POSTS = alternation(column("self_directing_posts"))
_CONTINUED: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("obligation", _STANDALONE_OBLIGATION),
    ("subjunctive", spelled(rf"{_B}(?:हो|हों|रहें){_SENTENCE_END}")),
    # "… जिला पूरे प्रदेश के लिए मॉडल बने।", "… लाभ हर पात्र तक पहुंचे।": a wish for what is to come about
    ("subjunctive", spelled(rf"{_B}(?<!ने\s)(?:बने|बनें|पहुंचे|पहुँचे|पहुंचें|सुधरे|सुधरें){_SENTENCE_END}")),
    # "… सफाई व्यवस्था चुस्त-दुरुस्त रहे।", not the past of attendance ("… उपस्थित रहे") or of a habit ("… करते रहे")
    (
        "subjunctive",
        spelled(rf"{_B}(?<!उपस्थित\s)(?<!मौजूद\s)(?<!शामिल\s)(?<!जुड़े\s)(?<!सम्मिलित\s)(?<!ते\s)(?<!ती\s)रहे{_SENTENCE_END}"),
    ),
    ("imperative", spelled(_ANY_POLITE_PLURAL)),
    # not "होना है" (a state), a negated one ("… सूचना न मिलना है": a fact), an indirect question ("… पता होगा कि
    # क्या करना है") nor an aim ("हमारी प्राथमिकता … पहुंचाना है")
    (
        "obligation",
        spelled(
            rf"^(?!.*{_B}(?:क्या|प्राथमिकता|उद्देश्य|मकसद|ध्येय|संकल्प|सपना|इरादा){WORD_END}).*?{_B}(?<!\sन\s)(?<!\sनहीं\s)(?!होना|होनी){LETTERS}+(?:ना|नी)\s+(?:ही\s+)?है{_SENTENCE_END}"
        ),
    ),
    # a future with its doer: an active one, or a passive with its agent ("… X द्वारा ठीक किया जाएगा"); a passive
    # with none announces or threatens ("… समीक्षा की जाएगी", "… के खिलाफ कार्रवाई की जाएगी")
    ("future", spelled(rf"^(?!\s*(?:(?:अब|वहीं|साथ\s+ही|इसके\s+बाद)\s+)?(?:{_TOP_POSTS}){WORD_END}).*{_FUTURE_ACTIVE}")),
    ("future", spelled(rf"{_B}द्वारा\s(?!.*(?:कार्रवाई|कार्यवाही)).*{_FUTURE_PASSIVE}")),
)


# "… सफाई का काम भी हमारी प्राथमिकता में होना चाहिए": what a priority is, a value (not "प्राथमिकता के आधार पर …",
# a manner of doing)
_PRIORITY_STATED = spelled(
    r"(?:प्राथमिकता|प्राथमिकताओं)\s+(?:में|है|हैं|होनी|होना|होगी|रहनी|रहेगी)(?![\u0900-\u0963\u0966-\u097f])"
)


def continued_obligation(sentence: str) -> DirectiveCue | None:
    """The cue of a directive with no frame (``… होना चाहिए``, ``… करना अनिवार्य है``, ``… उपलब्ध हों``, ``… सतर्क
    रहेंगे``), read as a directive only where it follows one: not a statement of priority, an opinion, a report,
    a past direction or a negated future (``… कमी नहीं होने दी जाएगी``: an assurance)."""
    sentence = negation_spelled(sentence)
    if (
        blocked(sentence)
        or _OPINION.search(sentence)
        or _REPORTED.search(sentence)
        or _NEGATED_WARNING.search(sentence)
        or _PRIORITY_STATED.search(sentence)
    ):
        return None
    purpose = _PURPOSE.search(sentence)
    head = sentence[: purpose.start()] + "।" if purpose else sentence
    for kind, rx in _CONTINUED:
        m = rx.search(head)
        if m and not (kind == "future" and _NEGATED_FUTURE.search(head)):
            if _RESULT_OPENING.match(sentence) and (
                _MUST_NOT_HAPPEN_RX.search(head) or _NEGATED_BEFORE.search(head, 0, m.start())
            ):
                return (
                    None  # "इससे किसी को परेशानी न हो।", "इससे … चक्कर न लगाने पड़ें।": the result of the directive before it
                )
            return DirectiveCue(kind, m.start(), m.end(), 0.55)
    return None


# a negation in the clause before its verb (at most two words before it: "… न लगाने पड़ें")
_NEGATED_BEFORE = re.compile(rf"(?<![{LETTER}])(?:न|नहीं)\s+(?:[{LETTER}]+\s+){{0,2}}$")
_MUST_NOT_HAPPEN_RX = spelled(rf"(?:{_MUST_NOT_HAPPEN}|{_NEGATIVE_SUBJUNCTIVE}{_SENTENCE_END})")
_LINE_RULES = (("verbless", spelled(_VERBLESS)), ("subjunctive", spelled(_SUBJUNCTIVE_3SG)))


def line_cue(line: str) -> DirectiveCue | None:
    """A point of a list with no mark or sentence end: a verbless decision (``… निपटाने के निर्देश``,
    ``… 30 जून तक``) or a bare subjunctive (``… 15 दिन में पूरा हो``) directs as a numbered point does."""
    line = negation_spelled(line)
    if blocked(line) or _REPORTED.search(line):
        return None
    for kind, rx in _LINE_RULES:
        m = rx.search(line)
        if m:
            return DirectiveCue(kind, m.start(), m.end(), 0.55)
    return None


def _prefixes(words: tuple[str, ...], shortest: int = 2) -> str:
    """An alternation of every beginning (``shortest`` letters or more) of ``words``: what a page cut leaves of them."""
    return alternation(frozenset(w[:i] for w in words for i in range(shortest, len(w) + 1)))


_CUT_END = r"\s*(?:\.{2,}|…)?\s*$"
# A cue the page cut inside its word, the action written before it: "… निरस्त करने के निर्द", "… पूर्ण की जाना
# सुन".
# (right after the verbal noun's postposition one letter is enough: "… सुधार लाने की ह")
# "… उपलब्ध कराने का निर्देश भी अपर सचिव द्": the cue written, its agent and verb cut (a few words at most after it);
# "… निस्तारण हेतु … सभी विवेचकों को निर्देशित": the purpose and the addressee written, the auxiliary cut.
_CUT_CUE = spelled(
    rf"{_B}{LETTERS}+(?:ने|नें)\s+(?:के|का|की|हेतु)\s+(?:भी\s+)?(?:{_prefixes(('निर्देश', 'निर्देशित', 'निदेश', 'आदेश', 'हिदायत'), 1)})"
    rf"{_CUT_END}"
    rf"|{_B}(?:की|किया|किए|कराई|कराया)\s+(?:जाना|जाने|जाए|जाये)\s+(?:{_prefixes(('सुनिश्चित',))}){_CUT_END}"
    # "… कहा कि … जागरूक करने के प्रयास किये जां", "… का सौंदर्यीकरण किया ज": the passive cut inside जाए
    rf"|{_B}(?:की|किया|किए|किये|कराई|कराया|कराए|कराये|करवाया|करवाई)\s+(?:{_prefixes(('जाए', 'जाएं', 'जाये', 'जायें', 'जांए'), 1)}){_CUT_END}"
    rf"|{_B}{LETTERS}+(?:ने|नें)\s+(?:के|का)\s+(?:भी\s+)?(?:दिशा-?\s*)?(?:निर्देश|आदेश)\s+(?:भी\s+)?(?:{LETTERS}+\.?\s+){{0,4}}{LETTERS}+{_CUT_END}"
    rf"|{_B}(?:हेतु|के\s+लिए|के\s+लिये)\s[^।]{{0,80}}?\sको\s+(?:भी\s+)?(?:निर्देशित|आदेशित|पाबंद){_CUT_END}"
)
# Or an addressee told, the cue not reached: "उन्होंने अधिकारियों को … व्यवस्था दुरूस्त रखने" (an agent, then को,
# then a verbal noun ending the text; found in three linear steps).
# "… सभी अधिकारियों से … पालन करने का": the verbal noun and its postposition, the cue not reached
_CUT_VERBAL_NOUN = spelled(rf"{_B}{LETTERS}+(?:ने|नें)(?:\s+(?:का|के|की|हेतु))?{_CUT_END}")
_CUT_AGENT = spelled(rf"(?:\s(?:ने|नें)|{_B}उन्होंने|{_B}उन्होने)\s")
_CUT_TOLD = re.compile(r"\s(?:को|से)\s")


def cut_cue(sentence: str) -> DirectiveCue | None:
    """The cue of a directive that a page's cut end broke off after its action (the gold convention: a cut
    directive counts when its action is written before the cut). Only for a text's last, unfinished sentence."""
    if blocked(sentence) or _REPORTED.search(sentence):
        return None
    m = _CUT_CUE.search(sentence)
    if m:
        return DirectiveCue("direct", m.start(), m.end(), 0.5)
    noun = _CUT_VERBAL_NOUN.search(sentence)
    agent = _CUT_AGENT.search(sentence, 0, noun.start()) if noun else None
    if noun and agent and _CUT_TOLD.search(sentence, agent.end() - 1, noun.start()):
        return DirectiveCue("direct", agent.start(), noun.end(), 0.5)
    # "उन्होंने विभाग को … मुक्त रखने के लिए आवश्यक कार्यवाही क": the addressee told, an action noun, its verb cut
    action = _CUT_ACTION_NOUN.search(sentence)
    agent = _CUT_AGENT.search(sentence, 0, action.start()) if action else None
    if action and agent and _CUT_TOLD.search(sentence, agent.end() - 1, action.start()):
        return DirectiveCue("direct", agent.start(), action.end(), 0.5)
    # "उन्होंने अतिक्रमण के विरुद्ध अभियान चलाने, खाद्य पदार्थों की नियमित सै": a list of actions (verbal nouns) cut
    # in its next entry; the last comma closes a verbal noun, a short entry after it reaches the cut.
    comma = sentence.rfind(",")
    listed = _LISTED_VERBAL_NOUN.search(sentence[:comma]) if comma > 0 else None
    if listed and _CUT_LIST_TAIL.fullmatch(sentence, comma + 1):
        agent = _CUT_AGENT.search(sentence, 0, listed.start())
        # (not inside a that-clause: "कहा कि किसानों को … बैठने, पेयजल की" names what to arrange, the head noun cut)
        if agent is not None and not _CUT_FRAME.search(sentence, agent.end(), listed.start()):
            return DirectiveCue("direct", agent.start(), comma, 0.5)
    return None


_CUT_ACTION_NOUN = spelled(
    rf"{_B}(?:{alternation(column('action_nouns'))})\s+(?:{_prefixes(('करने', 'कराने', 'किए', 'की', 'करें', 'कराएं'), 1)}){_CUT_END}"
)
_CUT_FRAME = spelled(r"कहा|(?<![\u0900-\u0963\u0966-\u097f])कि(?![\u0900-\u0963\u0966-\u097f])")
_LISTED_VERBAL_NOUN = spelled(rf"{_B}{LETTERS}+(?:ने|नें)\s*$")
_CUT_LIST_TAIL = spelled(rf"[^।,]{{1,80}}?{_CUT_END}")
