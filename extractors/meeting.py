"""Meeting facts: date, place, chair, department, attendees, title."""

from __future__ import annotations

import re
from datetime import date, timedelta

from extractors.people import PersonMention, lead_agent
from models.gazetteer import load_gazetteer
from nlp.dates import MONTH_WORDS, WEEKDAY_WORDS, WEEKDAYS, TimeExpression, find_time_expressions, month_and_year
from nlp.normalize import ascii_digits, fold
from nlp.patterns import LETTERS
from nlp.vocab import alternation, is_in, rows

_PUBLISHED = re.compile(r"(?:update|updated|published|posted|प्रकाशित|अपडेट|अद्यतन)\s*[:\-]?", re.IGNORECASE)
_MEETING_WORDS = re.compile(r"बैठक|समीक्षा|आयोजित|सम्पन्न|संपन्न|कार्यवृत्त|दिनांक")
# "बरेली, 3 मार्च", "बरेली। अपडेट: 3 मार्च 2024, 06:10 PM", "हरिद्वार | दिनांक 11.07.2024"
_DATELINE = re.compile(
    rf"^\s*(?P<place>{LETTERS}+(?:\s+{LETTERS}+)?)\s*[,।|:-]\s*(?:(?:अपडेट|अद्यतन|प्रकाशित|updated?)\s*[:\-]?\s*)?"
    # "नई दिल्ली, जनवरी 1 --": the month before the day
    rf"(?:दिनांक\s*[:\-]?\s*)?(?:(?:{MONTH_WORDS})\s+)?[0-9०-९]",
    re.IGNORECASE,
)
_PLACE_FIELD = re.compile(r"(?<![\u0900-\u097f])(?:स्थान|स्थल)\s*[:\-–]\s*(?P<place>[^\n।]+)")  # not "राजस्थान –"
_PLACE_LINE = re.compile(rf"^\s*(?P<place>{LETTERS}{{2,}}(?:\s+{LETTERS}{{2,}})?)\s*[।|:,]?\s*$")
# A dateline with no date: "सागर। कलेक्टर …", "मधुबनी. डीएम …", "राजसमन्द (दिव्य शंखनाद)।", "नाहन: …",
# "समस्तीपुर/नवनीत कुमार झा: …" (town, then the reporter), "सुखसागर/बलौदाबाजार : …" (locality, then the town).
_DATELINE_HEAD = re.compile(
    # "JAMMU जम्मू:": the town in capitals before it; "अबतक इंडिया न्यूज बीकानेर,": a desk of three words, then the town
    r"[\s,\-–>\ufffd\ufeff\u200b]*(?:[A-Z][A-Za-z]*\s+){0,2}"
    r"(?P<head>[\u0900-\u0963\u0966-\u097f]{3,}(?:\s+[\u0900-\u0963\u0966-\u097f]+){0,3})\s*"
    r"(?P<sep>[।|:/(,!]|[.ः](?=\s|$)|\s(?=[0-9०-९]{1,2}\s))"
)
# "ग्वालियर, अतुल सक्सेना।", "पटना, निज संवाददाता।": the town, then a byline of two or three words and a danda
# ("जागरण, श्रीनगर।" is a paper, then the town)
_BYLINE_AHEAD = re.compile(r"\s*(?:[\u0900-\u0963\u0966-\u097f]+\s+){1,2}[\u0900-\u0963\u0966-\u097f]+\s*[।.]")
# "बिलासपुर-निगम कमिश्नर …": the town joined by a hyphen to the post that opens the lead
_TOWN_HYPHEN = re.compile(r"^\s*(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s*[-–]\s*(?=[\u0900-\u097f])")
# "भोपाल जिला मध्य प्रदेश": a line naming the district and its state
_DISTRICT_LINE = re.compile(
    r"^\s*(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s+जिला(?:\s+[\u0900-\u0963\u0966-\u097f]+){0,2}\s*$"
)
_DATE_AHEAD = re.compile(r"\s*(?:[0-9०-९]|[\u0900-\u0963\u0966-\u097f]+\s+[0-9०-९])")
_THEN_TOWN = re.compile(r"\s*(?P<town>[\u0900-\u0963\u0966-\u097f]{3,})\s*[:!।]")
# "कोडरमा, अक्टूबर 25 -- मरकच्चो, निज प्रतिनिधि।": the local dateline after the agency's
_LOCAL_DATELINE = re.compile(r"^[^\n]{0,40}?[0-9०-९]{1,2}\s*--\s*(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s*[,।]")
# "कार्यालय मुख्य विकास अधिकारी, बहराइच", "नगर निगम, कानपुर": a letterhead ending in its town
_LETTERHEAD_TOWN = re.compile(
    r"^[^\n]{0,60}?(?:कार्यालय|निगम|परिषद|प्राधिकरण|मंडल|मण्डल)[^\n,]{0,40},\s*(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s*$"
)
_PLACE_IN = re.compile(
    # (the words between never cross a danda: "आयोजित की गई। जिला कार्यालय …")
    r"(?<![\u0900-\u097f])(?P<place>[\u0900-\u0963\u0966-\u097f]+)\s+(?:के|की|स्थित|स्तिथ)\s+(?!अध्यक्षता|समीक्षा|नेतृत्व|साथ|द्वारा|निर्देश)(?:[\u0900-\u0963\u0966-\u097f]+\s+){0,3}?(?:सभागार|सभाकक्ष|कक्ष|भवन|कार्यालय|सचिवालय)"
    r"|(?<![\u0900-\u097f])(?P<place2>सचिवालय|कलेक्ट्रेट|विकास\s+भवन|विधान\s+भवन)\s+(?:में|के)"
    r"|(?:के|में)\s+(?P<place3>[\u0900-\u097f]+)\s+में\s+(?:[\u0900-\u097f]+\s+){0,6}?(?:बैठक|कार्यशाला)"
    # "रजिस्ट्रार कार्यालय, जोधपुर में", "समाहरणालय, दरभंगा में": the town after the building and a comma
    r"|(?:सभागार|सभाकक्ष|कक्ष|भवन|कार्यालय|सचिवालय|समाहरणालय|कलेक्ट्रेट)\s*,\s*(?P<place4>[\u0900-\u097f]+)\s+में"
    # "रांची नगर निगम सभागार में", "जमशेदपुर समाहरणालय सभागार में": the town before the office's hall
    r"|(?<![\u0900-\u097f])(?P<place5>[\u0900-\u097f]{3,})\s+(?:नगर\s+निगम|समाहरणालय|कलेक्ट्रेट|कलेक्टोरेट)\s+(?:सभागार|सभाकक्ष|परिसर)"
)
# "टाउन हॉल त्रिवेणीगंज में", "जिला प्रशासनिक कांप्लेक्स मलिकपुर में", "अवर प्रमंडल, बिक्रमगंज में": a hall or an
# office, then the town it stands in (read only in a sentence about the meeting)
_HALL_TOWN = re.compile(
    r"(?:हॉल|कक्ष|कांप्लेक्स|कॉम्प्लेक्स|काम्प्लेक्स|परिसर|भवन|सभागार|सभाकक्ष|प्रमंडल|अनुमंडल|प्रखंड|प्रखण्ड)\s*,?\s+"
    r"(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s+में(?![\u0900-\u097f])"
)
_ABOUT_MEETING = re.compile(r"बैठक|मीटिंग|समीक्षा")
# "X ने गुरुवार को चंडीगढ़ में विभागीय समीक्षा बैठक की", "राजधानी रायपुर में बैठक ली", "बैठक आज रंगिया में"
_PLACE_HELD = re.compile(
    r"(?:^\s*|(?:\sने|\sको|(?<![\u0900-\u097f])(?:आज|राजधानी))\s+)(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s+में\s+"
    r"(?:[\u0900-\u0963\u0966-\u097f]+\s+){0,6}?(?:बैठक|समीक्षा)"
    r"|बैठक\s+(?:आज\s+)?(?P<place2>[\u0900-\u0963\u0966-\u097f]{3,})\s+में\s"
    # "किन्नौर के उपायुक्त …", "दिल्ली की मेयर …", "जिला शिमला में …", "दैनिक अवंतिका(देवास)"
    r"|(?P<place3>[\u0900-\u0963\u0966-\u097f]{3,})\s+(?:के|की)\s+(?:उपायुक्त|जिलाधिकारी|कलेक्टर|कलक्टर|डीसी|डीएम"
    r"|जिला\s+कलेक्टर|पुलिस\s+अधीक्षक|एसपी|नगर\s+आयुक्त|मेयर|महापौर)(?![\u0900-\u0963\u0966-\u097f])"
    r"|जिला\s+(?P<place4>[\u0900-\u0963\u0966-\u097f]{3,})\s+में\s"
    r"|दैनिक\s+[\u0900-\u0963\u0966-\u097f]+\s*\((?P<place5>[\u0900-\u0963\u0966-\u097f]{3,})\)"
    # "Jammu and Kashmir: जम्मू में विकास और सुरक्षा को लेकर उपराज्यपाल की बैठक": a headline after a site's label
    r"|^[A-Za-z][A-Za-z ]{0,40}:\s*(?P<place6>[\u0900-\u0963\u0966-\u097f]{3,})\s+में\s+"
    r"(?:[\u0900-\u0963\u0966-\u097f]+\s+){0,8}?बैठक",
    re.MULTILINE,
)
# "जम्मू संभागीय आयुक्त रमेश कुमार ने …", "अपर सियांग डीसी …": a lead opening with the town of a district post
_LOCAL_POSTS = (
    r"(?:उपायुक्त|जिलाधिकारी|जिला\s+कलेक्टर|कलेक्टर|कलक्टर|डीसी|डीएम|पुलिस\s+अधीक्षक|एसपी|एसएसपी|नगर\s+आयुक्त"
    r"|संभागीय\s+आयुक्त|मंडलायुक्त|बीडीओ|एसडीएम)\s"
)
_TOWN_POST = re.compile(
    r"^\s*(?P<place>[\u0900-\u0963\u0966-\u097f]{3,}(?:\s+[\u0900-\u0963\u0966-\u097f]{3,})?)\s+" + _LOCAL_POSTS
)
# "… के निर्देश पर सुगौली बीडीओ ने …": a town word before a local post in the lead
_TOWN_WORD_POST = re.compile(r"(?<![\u0900-\u097f])(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s+" + _LOCAL_POSTS)
_LEAD_CHARS = 300
# "राष्ट्रीय (दैनिक कर्मभूमि) लखनऊ,24 फरवरी 2021": a town and a comma right before a full date
_TOWN_COMMA = re.compile(
    r"(?:(?<![\u0900-\u097f])(?P<before>[\u0900-\u0963\u0966-\u097f]+)\s+)?(?P<place>[\u0900-\u0963\u0966-\u097f]{3,})\s*,\s*$"
)
_PLACE_GROUPS = ("place", "place2", "place3", "place4", "place5", "place6")
_CHAIR = re.compile(
    r"(?:(?:की|के)\s+)?(?P<joint>संयुक्त\s+)?(?:(?:अध्यक्षता|सभापतित्व|नेतृत्व)\s+में"
    # "जिलाधिकारी … जी की अध्यक्षता जिला गंगा समिति की हुई बैठक": में left out
    r"|(?<=की\s)अध्यक्षता(?!\s+(?:की|करेंगे|करेंगी|करेगा|करेगी|करते|करती|कर\s)))"
)
# "बैठक की अध्यक्षता सांसद X करेंगे", "X ने … बैठक की अध्यक्षता की": the chair named around a verb of chairing.
# Never "X की अध्यक्षता में मंडल के अधिकारियों की बैठक": the words after "अध्यक्षता में" name those met.
_CHAIRS = re.compile(
    r"अध्यक्षता\s+(?!में\s)(?P<who>[^।]{0,80}?\s)??(?:करेंगे|करेंगी|करेगा|करेगी|की|करते|करती|कर\s+रहे|कर\s+रही)"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
# A notice of a meeting to come: "बैठक की अध्यक्षता [a long title and name] करेंगी", "X … समीक्षा बैठक लेंगे".
_WILL_CHAIR = re.compile(r"अध्यक्षता\s+(?P<who>[^।]{0,160}?\s)(?:करेंगे|करेंगी|करेगा|करेगी)(?![\u0900-\u0963\u0966-\u097f])")
_WILL_HOLD = re.compile(
    r"(?:बैठक|मीटिंग)\s+(?:लेंगे|लेंगी|लेगा|लेगी|करेंगे|करेंगी|करेगा|करेगी)(?![\u0900-\u0963\u0966-\u097f])"
    r"|(?<![\u0900-\u097f])(?:लेंगे|लेंगी)\s+[^।]{0,60}?(?:बैठक|मीटिंग)"
)
_MET_WITH = re.compile(r"\s*(?:के|की)\s+साथ(?![\u0900-\u097f])")
_ORDERED_MEETING = re.compile(
    r"(?:(?!\s(?:गई|गयी|गया|हुई|हुआ)\s)[^।])*?(?:जाए|जाएं|जायें|करें|कराएं|जाएगी|जाएगा|जाएंगी|जाएंगे|रहेगी|रहेगा|रहेंगी|रहेंगे)(?:\s|[।,]|$)"
)
# "X ने … (समीक्षा) बैठक की / ली": X held the meeting.
# Also "X द्वारा (एक) समीक्षात्मक बैठक की गई" and "X ने … उच्चस्तरीय बैठक में … की समीक्षा की".
_HELD = re.compile(
    r"\sने\s[^।]*?(?:(?:समीक्षा\s+)?बैठक\s+(?:की|ली|लेकर|लेते|बुलाई)|बैठक\s+में\s[^।]*?समीक्षा\s+की)"
    r"(?![\u0900-\u0963\u0966-\u097f])"
    # "X द्वारा विभागीय अधिकारियों एवं कर्मचारियों की समीक्षा बैठक ली गई": a few words of who attended between
    # "X द्वारा … थानाधिकारी स्तर के अधिकारियों की अपराध गोष्ठी आयोजित की गई", "… क्राइम मीटिंग लिया गया", "… गोष्ठी का
    # आयोजन किया गया": a police crime meeting (गोष्ठी) and a list of those met, commas and all
    r"|\sद्वारा\s+(?:लिया\s+गया\s+)?(?:(?!कि\s)[\u0900-\u0963\u0966-\u097f]+,?\s+){0,16}?(?:बैठक|मीटिंग|गोष्ठी)"
    r"(?:\s+(?:की|ली|लिया|आयोजित\s+की|आहूत\s+की|का\s+आयोजन\s+किया)\s+(?:गई|गयी|गया)|\s*,)"
)
# "… ने सोमवार को … समीक्षा बैठक की/ली/आयोजित की": the weekday a past meeting was held on.
_WEEKDAY_AT = re.compile(rf"(?P<day>{WEEKDAY_WORDS})\s+को")
_HELD_AFTER = re.compile(
    r"(?P<gap>[^।\n]{0,150}?)(?:(?:समीक्षा\s+)?बैठक\s+"
    r"(?:की|ली|हुई|आयोजित\s+की|बुलाई|संपन्न\s+हुई|सम्पन्न\s+हुई|के\s+दौरान|में\s+(?:दिए|दिये|कहा))"
    # "… ने गुरुवार को … योजनाओं की समीक्षा की।": a review held that day, with no word for a meeting, its clause
    # ending there (not "… समीक्षा की जाएगी", one to come, nor "हर सोमवार को … समीक्षा की रिपोर्ट", a genitive)
    r"|समीक्षा\s+(?:की|ली)(?=\s*(?:[।.,;!]|$|(?:और|तथा|एवं|व)\s)))"
    r"(?![\u0900-\u0963\u0966-\u097f])"
)
_WEEKDAY_LOOK = 1500
# A line of Latin letters, digits and punctuation holding a year: a site's date stamp, not a dateline
_SITE_STAMP = re.compile(r"^[\sA-Za-z0-9,.:|/\-–]*(?:19|20)[0-9]{2}[\sA-Za-z0-9,.:|/\-–]*$")
_YEAR = re.compile(r"(?:19|20|१९|२०)[0-9०-९]{2}")
_HELD_ON = re.compile(r"बैठक\s+[^।\n]{0,40}?\s(?:को|में)\s[^।\n]{0,80}?(?:हुई|संपन्न|सम्पन्न|आयोजित)")
_CHAIR_FIELD = re.compile(r"^\s*(?:अध्यक्षता|अध्यक्ष)\s*[:\-–]\s*")
# "पत्रांक: मत्स्य/समी./2026/118   दिनांक: 14.01.2026", "संदर्भ: इस कार्यालय का पत्र …": a letter's reference line,
# whose date is the letter's (the minutes are issued days after the meeting), then a "दिनांक: …" line under it
_LETTER_REFERENCE = re.compile(
    rf"^\s*(?:{alternation([r[0] for r in rows('letter_reference_labels') if r[1:] != ('any',)])})"
    r"(?![\u0900-\u097f])\s*[:\-–]?\s*[^\s\n]*[/0-9०-९]"
    rf"|^\s*(?:{alternation([r[0] for r in rows('letter_reference_labels') if r[1:] == ('any',)])})\s*[:\-–]"
)
_DATE_FIELD = re.compile(r"^\s*दिनांक\s*[:\-–]?\s*[0-9०-९][^\n।]{0,24}$")  # the field alone, not a sentence
_NOT_TITLES = ("share", "leave a reply", "similar news")


_HEAD_LIMIT = 20_000  # characters read for the meeting date
_DATELINE_LIMIT = 400


def dateline_month(text: str) -> tuple[int, int] | None:
    """The year and month of a dateline that gives no day (``भोपाल, जून 2015/ …``) in the first lines, or None:
    enough to date ``इस वर्ष`` or ``दिसंबर तक`` though the meeting's day is unknown."""
    lines = [line for line in text[:_HEAD_LIMIT].split("\n") if line.strip()][:5]
    return next((found for line in lines if (found := month_and_year(line[:_DATELINE_LIMIT]))), None)


def meeting_date(text: str) -> date | None:
    """The meeting's date: a full date near the top that is not a publication stamp."""
    candidates: list[tuple[int, date]] = []
    stamped: list[date] = []
    site: list[date] = []
    head = text[: min(max(2000, len(text) // 3), _HEAD_LIMIT)]
    head = _METADATA_PREFIX.sub(lambda m: " " * len(m[0]), head)  # the stored page's date: metadata, not text
    previous = ""  # the last line holding text
    for line_no, line in enumerate(head.split("\n")):
        line = line[:_DATELINE_LIMIT]  # a dateline is short; a long line is prose
        above, previous = previous, (line if line.strip() else previous)
        if _LETTER_REFERENCE.match(line) or (_DATE_FIELD.match(line) and _LETTER_REFERENCE.match(above)):
            # the letter's date: the meeting's only when no sentence about the meeting gives one
            candidates += [(-1, date.fromisoformat(e.date)) for e in find_time_expressions(line, None) if e.date]
            continue
        if _PLACE_LINE.match(above) and _bare_date(line) and not _PUBLISHED.search(above):
            # "प्रतापगढ़" and "07.04.2022" on the next line: a dateline broken in two, the meeting's date
            candidates += [(4, date.fromisoformat(e.date)) for e in find_time_expressions(line, None) if e.date]
            continue
        if _SITE_STAMP.match(line):
            # "Tuesday , October 22 2024" above the headline: the site's date, never the meeting's; it only
            # gives the year of a meeting dated without one ("पहली बैठक 18 अक्टूबर को … हुई")
            site += [date.fromisoformat(e.date) for e in find_time_expressions(line, None) if e.date]
            continue
        if _bare_date(line):
            # "17 जनवरी 2025" alone on a line above the dateline: a page's or site's stamp; it gives the year of a
            # dateline without one ("मथुरा, 15 जनवरी।") and is the meeting's date only when nothing else gives one
            bare = [date.fromisoformat(e.date) for e in find_time_expressions(line, None) if e.date]
            site += bare
            stamped += bare
            continue
        if _PUBLISHED.search(line) or _clock_stamp(line):
            # "बरेली। अपडेट: 3 मार्च 2024, 06:10 PM", "Site Admin | जून 12, 2024 7:27 अपराह्न": a stamp, the date
            # only when nothing else gives one
            stamped += [date.fromisoformat(e.date) for e in find_time_expressions(line, None) if e.date]
            continue
        # under a site stamp a dateline without a year takes the stamp's ("कटिहार, 27 मई (हि.स.)।")
        for e in find_time_expressions(line, site[0] if site and _DATELINE.match(line) else None):
            if not e.date or e.kind != "on":
                continue  # "… तक" and "… से" are deadlines, not the meeting
            yearless = not _YEAR.search(e.text)
            if site and yearless and not _just_before(date.fromisoformat(e.date), site[0]):
                continue  # "रतलाम, 12 जून" under a stamp of 26 December: another year, unknown
            score = 0
            if _MEETING_WORDS.search(line):
                score += 2
            if _DATELINE.match(line) or len(line) < 60:
                score += 2
            score -= line_no // 10
            candidates.append((score, _first_day(line, e)))
    if not candidates and site:
        # "23 दिसंबर 2025, मंगलवार" above a story of a meeting held "शनिवार को": that Saturday
        held = _held_without_year(head, site[0])
        return held or (_on_weekday_held(head, stamped[0]) if stamped and stamped[0] in site else None)
    if not candidates:
        return _on_weekday_held(head, stamped[0]) if stamped else None
    dated = max(candidates, key=lambda c: c[0])[1]
    return _coming_meeting(head, dated) or _on_weekday_held(head, dated)


# " date 2025-09-25 …": a stored page's leading metadata stamp
_METADATA_PREFIX = re.compile(r"^\s*date\s+[0-9]{4}-[0-9]{2}-[0-9]{2}(?=\s)")
# a clock time right after a date: "जून 12, 2024 7:27 अपराह्न", "Mar 30, 2021 07:14:02 pm"
_CLOCK_AFTER = re.compile(
    r"\s*,?\s*(?:at\s+)?[0-9०-९]{1,2}:[0-9०-९]{2}(?::[0-9०-९]{2})?(?:\s*(?:अपराह्न|पूर्वाह्न|[AaPp]\.?[Mm]\.?|IST))?"
    r"(?![0-9०-९\u0900-\u097f])"
)


def _clock_stamp(line: str) -> bool:
    """A posting stamp: a full date followed by its clock time, on a line with no Hindi word but the date's and the
    time's (a town's dateline ``रीवा : बुधवार, नवम्बर 19, 2025, 18:42 IST`` is the note's date)."""
    for e in find_time_expressions(line, None):
        clock = _CLOCK_AFTER.match(line, e.end)
        if e.date and clock:
            rest = _STAMP_WORDS.sub(" ", line[: e.start] + " " + line[clock.end() :])
            return not re.search(r"[\u0900-\u0963\u0966-\u097f]", rest)
    return False


_STAMP_WORDS = re.compile(rf"(?:{WEEKDAY_WORDS}|अपराह्न|पूर्वाह्न)")


# "बैठकें दिनांक 04 व 05 जनवरी, 2024 को …": the days before the dated one, joined by "व" / "एवं" / a comma
_EARLIER_DAYS = re.compile(
    r"(?<![0-9०-९])(?P<day>[0-9०-९]{1,2})\s*(?:(?:,|व|एवं|और|तथा)\s*[0-9०-९]{1,2}\s*)*(?:,|व|एवं|और|तथा)\s*$"
)


def _first_day(line: str, e: TimeExpression) -> date:
    """A meeting of several days (``04 व 05 जनवरी, 2024``) is dated by its first day."""
    when = date.fromisoformat(e.date or "")
    m = _EARLIER_DAYS.search(line, max(0, e.start - 30), e.start)
    if m is None:
        return when
    first = int(ascii_digits(m["day"]))
    return when.replace(day=first) if 0 < first < when.day else when


# "… की बैठक 19 फरवरी को … आहूत की गई है / आयोजित की जाएगी": a notice dated before the meeting it announces
_CALLED = re.compile(
    r"(?:बैठक|मीटिंग)[^।\n]{0,200}?(?:आहूत\s+(?:की\s+)?(?:गई|गयी)\s+है|आयोजित\s+(?:की\s+)?(?:जाएगी|जायेगी|होगी)"
    r"|(?<![\u0900-\u097f])होगी(?![\u0900-\u097f]))"
    r"|(?:आहूत|आयोजित)\s+(?:की\s+)?(?:जाएगी|जायेगी|गई\s+है|गयी\s+है)[^।\n]{0,10}?(?=।|$)"
)


_NEXT_MEETING = re.compile(r"(?:अगली|आगामी|अगले)\s+(?:माह\s+की\s+)?(?:बैठक|मीटिंग)")
# "आज यहाँ सचिवालय में … प्रतिनिधियों के साथ मीटिंग के दौरान": a meeting held on the note's own day
_HELD_TODAY = re.compile(
    r"(?<![\u0900-\u0963\u0966-\u097f])आज\s+[^।\n]{0,150}?(?:बैठक|मीटिंग)\s+(?:के\s+दौरान|में\s+[^।\n]{0,80}?(?:ने|द्वारा)\s)"
)


def _coming_meeting(head: str, dated: date) -> date | None:
    """The date of the meeting a notice announces (``बैठक 19 फरवरी को … आहूत की गई है`` in a note of 14 February):
    the first day after the note's date, within a month, named in a sentence that calls a meeting."""
    if _HELD_TODAY.search(head[:_WEEKDAY_LOOK]):
        return None  # "आज यहाँ … के साथ मीटिंग के दौरान बताया कि … मीटिंग 12 जनवरी को होगी": the note is about today's
    for sentence in re.split(r"[।\n]", head[:_WEEKDAY_LOOK]):
        if not _CALLED.search(sentence) or _NEXT_MEETING.search(sentence):
            continue  # "अगली बैठक 8 अगस्त को होगी": the meeting after this one
        for e in find_time_expressions(sentence, dated):
            day = date.fromisoformat(e.date) if e.date and e.kind == "on" else None
            if day and timedelta(0) < day - dated <= timedelta(days=31):
                return day
    return None


# what may stand beside a date on a stamp line: a weekday and punctuation
_STAMP_REST = re.compile(rf"^[\s,.:|/\-–]*(?:(?:{WEEKDAY_WORDS})[\s,.:|/\-–]*)?$")


def _bare_date(line: str) -> bool:
    """A line that holds a full date with a year and nothing else but a weekday (``17 जनवरी 2025``)."""
    found = [e for e in find_time_expressions(line, None) if e.date and e.kind == "on" and _YEAR.search(e.text)]
    if len(found) != 1 or _MEETING_WORDS.search(line):  # "दिनांक 11.07.2025" in minutes is the meeting's
        return False
    return bool(_STAMP_REST.match(line[: found[0].start] + " " + line[found[0].end :]))


def _just_before(day: date, stamp: date) -> bool:
    """Is ``day`` within a month before a site's stamp (a report is published soon after its meeting)?"""
    return timedelta(0) <= stamp - day <= timedelta(days=31)


def _held_without_year(head: str, stamp: date) -> date | None:
    """ "बैठक 18 अक्टूबर को … में हुई" under a site stamp of 22 October 2024: the meeting of 18 October 2024."""
    for m in _HELD_ON.finditer(head[:_WEEKDAY_LOOK]):
        for e in find_time_expressions(m[0], stamp):
            if e.date and e.kind == "on" and _just_before(date.fromisoformat(e.date), stamp):
                return date.fromisoformat(e.date)
    return None


def _on_weekday_held(head: str, dated: date) -> date:
    """ "सावंत ने सोमवार को … समीक्षा बैठक की" in a note dated Tuesday: the meeting was that Monday, the
    latest such weekday on or before the note's date (the weekday nearest a past-tense meeting word)."""
    best: tuple[int, int] | None = None
    text = head[:_WEEKDAY_LOOK]
    for day in _WEEKDAY_AT.finditer(text):  # each weekday in turn: matches may overlap
        m = _HELD_AFTER.match(text, day.end())
        if m and (best is None or len(m["gap"]) < best[0]):
            best = (len(m["gap"]), WEEKDAYS[fold(day["day"])])
    if best is None:
        return dated
    return dated - timedelta(days=(dated.isoweekday() - best[1]) % 7)


# A subjunctive or imperative ("चलाएं", "करें") or an oblique infinitive ("लाने के"): a verb, never a town.
# Also a plural noun ("तैयारियां", "बैठकों") or a past form ("आये", "परखीं"): never a town.
_VERB_FORM = re.compile(r"(?:ें|एं|एँ|[^\s]{2}ने|ियां|ियाँ|ों|ओं|ाये|ाए|ीं)$")


def _a_place(candidate: str | None) -> str | None:
    """``candidate`` without a trailing danda, or None when it names a building, not a town."""
    if not candidate:
        return None
    place = candidate.strip().rstrip("।|:").strip()
    if not place or any(is_in(w, "building_words") for w in place.split()):
        return None
    return place


def _a_town(candidate: str | None, dated: bool = False) -> str | None:
    """A place that is no news desk, state or form label either (nor a common word, unless a date follows:
    "गया, 2 सितंबर 2025।")."""
    place = _a_place(candidate)
    if place is None or any(
        is_in(w, "not_place")
        or is_in(w, "post_ranks")
        or is_in(w, "weekdays")  # "शनिवार, 8 मार्च 2025": a stamp's weekday
        or is_in(w, "months")  # "… 8 जून को": a month
        or _VERB_FORM.search(w)
        or (is_in(w, "not_name") and not dated)
        for i, w in enumerate(place.split())
        if not (i == 0 and w in _TOWN_PREFIXES and " " in place)  # "अपर सियांग": a rank word opening a town's name
    ):
        return None
    if load_gazetteer().find(place):  # "जिलाधिकारी। …" is a post, not a town
        return None
    return place


_TOWN_PREFIXES = frozenset(r[0] for r in rows("town_prefixes") if r[1:] != ("suffix",))
_TOWN_SUFFIXES = frozenset(r[0] for r in rows("town_prefixes") if r[1:] == ("suffix",))


def _town_words(words: list[str], dated: bool = False) -> str | None:
    """The town that ``words`` end with: the last word, with the word before it when that opens a town's name
    (``नई दिल्ली``, ``अपर सियांग``: ``town_prefixes.tsv``)."""
    if len(words) > 1 and words[-1] in _TOWN_SUFFIXES and _a_town(words[-2], dated):
        return f"{words[-2]} {words[-1]}"  # "अंबेडकर नगर"
    town = _a_town(words[-1], dated) if words else None
    if town and len(words) > 1 and words[-2] in _TOWN_PREFIXES:
        return f"{words[-2]} {town}"
    return town


def dateline_place(line: str) -> str | None:
    """The town of a dateline that gives no date ("सागर। कलेक्टर …"), skipping a news desk before it."""
    local = _LOCAL_DATELINE.match(line)
    if local and _a_town(local["place"]):
        return _a_town(local["place"])
    pos = 0
    for _ in range(2):  # "न्यूज़ बी रिपोर्टर, जमशेदपुर :": a byline, then the town
        m = _DATELINE_HEAD.match(line, pos)
        if m is None:
            return None
        words = m["head"].split()
        desk = [i for i, w in enumerate(words) if is_in(w, "not_place")]
        if desk and desk[-1] == len(words) - 2 and m["sep"] in "।.,:!":
            return _a_town(words[-1])  # "सत्यमेव न्यूज खैरागढ़.": the site's name, then the town
        if len(words) == 2 and (words[0] in _TOWN_PREFIXES or words[1] in _TOWN_SUFFIXES) and m["sep"] in "।.,:!":
            return _town_words(words)  # "नई दिल्ली।", "अंबेडकर नगर।"
        if desk:
            pos = m.end()
            continue
        if len(words) > 2 or (m["sep"] == "." and len(words) > 1):  # "… राजागणपति आर. की": an initial
            return None
        if m["sep"] == "," and len(words) == 1 and _BYLINE_AHEAD.match(line, m.end()):
            return _a_town(words[0])  # "ग्वालियर, अतुल सक्सेना।": a reporter's byline after the town
        if m["sep"] == "," and not _DATE_AHEAD.match(line, m.end()):
            return None  # "X, Y …" is a list; a town takes a comma only before its date
        if m["sep"] == "/":
            town = _THEN_TOWN.match(line, m.end())
            return _a_town(town["town"] if town else words[-1])
        # two words only before a danda or a date ("दक्षिण अंडमान, 3 मई"); a headline label is no town ("पोषण माह:")
        return _a_town(words[-1]) if len(words) == 1 or m["sep"] in "।.," else None
    return None


_NAME_NUMBER = re.compile(r"-[0-9०-९]")


def _date_at(line: str, pos: int) -> bool:
    """Does a full date cover ``pos`` of ``line``?"""
    return any(e.date and e.start <= pos < e.end for e in find_time_expressions(line, None))


def meeting_place(text: str) -> str | None:
    head = text[:2500]
    m = _PLACE_FIELD.search(head)
    if m and _a_place(m["place"].split(",")[-1]):
        return _a_place(m["place"].split(",")[-1])
    lines = head.split("\n")[:40]
    for line in lines:
        m = _LOCAL_DATELINE.match(line)  # "कोडरमा, अक्टूबर 25 -- मरकच्चो, …": the local town, not the desk's
        if m and _a_town(m["place"]):
            return _a_town(m["place"])
        m = _DATELINE.match(line)
        if m and _NAME_NUMBER.match(line, m.end("place")) and not _date_at(line, m.end() - 1):
            continue  # "अभियान बसेरा-2 के तहत …", "सेक्टर-5 में …": a name and its number, no dateline
        if m and _town_words(m["place"].split(), dated=True):
            return _town_words(m["place"].split(), dated=True)
    for line in lines:
        m = _LOCAL_DATELINE.match(line) or _LETTERHEAD_TOWN.match(line.strip())
        place = _a_town(m["place"]) if m else dateline_place(line)
        if place:
            return place
    for line in lines[:3]:
        hyphen = _TOWN_HYPHEN.match(line)
        post_after = hyphen and any(f.start == 0 for f in load_gazetteer().find(line[hyphen.end() : hyphen.end() + 40]))
        if hyphen and post_after and _a_town(hyphen["place"]):
            return _a_town(hyphen["place"])
        m = _TOWN_POST.match(line)
        if m and _a_town(m["place"]):
            return _a_town(m["place"])
    for m in _TOWN_WORD_POST.finditer(head[:_LEAD_CHARS]):
        # "अपर जिलाधिकारी", "अतिरिक्त उपायुक्त": a rank of the post, no town
        ranked = is_in(m["place"], "post_ranks") or any(f.start == 0 for f in load_gazetteer().find(m[0]))
        if not ranked and _a_town(m["place"]):
            return _a_town(m["place"])
    for line in head.split("\n")[1:15]:
        m = _PLACE_LINE.match(line) or _DISTRICT_LINE.match(line)
        if m and not _MEETING_WORDS.search(line) and len(m["place"]) < 20 and _a_town(m["place"]):
            return _a_town(m["place"])
    for line in lines[:10]:
        for e in find_time_expressions(line, None):
            m = _TOWN_COMMA.search(line, 0, e.start)
            # "श्री विजय पुरम, 11 दिसम्बर 2025": a two-word town's name (town_prefixes.tsv) before the comma
            town = _town_words([w for w in (m["before"], m["place"]) if w]) if m else None
            if m and e.date and _YEAR.search(e.text) and town:
                return town
    for m in _PLACE_HELD.finditer(head[:_WEEKDAY_LOOK]):
        place = _a_town(next((v for g in _PLACE_GROUPS if (v := m.groupdict().get(g))), None))
        if place:
            return place
    at = 0
    while (m := _PLACE_IN.search(head, at)) is not None:  # one match may hold the start of the next
        place = _a_town(next((v for g in _PLACE_GROUPS if (v := m.groupdict().get(g))), None))
        if place:
            return place
        at = m.start() + 1
    for m in _HALL_TOWN.finditer(head):
        start = max(head.rfind(mark, 0, m.start()) for mark in "।.\n") + 1
        end = min((i for i in (head.find(mark, m.end()) for mark in "।.\n") if i >= 0), default=len(head))
        place = _a_town(m["place"])
        if place and _ABOUT_MEETING.search(head, start, end):
            return place
    return None


def meeting_title(text: str) -> str | None:
    for line in text.split("\n"):
        line = line.strip()
        if len(line) > 8 and not line.lower().startswith(_NOT_TITLES):
            return line[:300]
    return None


# "जिलाधिकारी और पुलिस अधीक्षक की अध्यक्षता में", "डीएम X व एसएसपी Y की अध्यक्षता में": officers joined by a
# conjunction or a comma chair jointly.
_JOINED = re.compile(r"\s*(?:,|(?<![\u0900-\u097f])(?:और|एवं|एवम्|तथा|व)(?![\u0900-\u097f]))\s*")


def _first_of_pair(sentence: str, mentions: list[PersonMention], last: PersonMention) -> PersonMention:
    """The first named of officers joined before a joint chair (the first named leads their meeting)."""
    first = last
    for pm in reversed([pm for pm in mentions if pm.end <= first.start]):
        if not _JOINED.fullmatch(sentence[pm.end : first.start]) or pm.person.generic():
            break
        first = pm
    return first


def chair_from(sentence: str, mentions: list[PersonMention]) -> PersonMention | None:
    """The person before ``की अध्यक्षता में`` (or after ``अध्यक्षता:`` in a minutes header)."""
    m = _CHAIR.search(sentence)
    if m and _ORDERED_MEETING.match(sentence, m.end()):
        # "ग्राम प्रधान की अध्यक्षता में चौपाल लगाई जाए", "… X के नेतृत्व में तैनात रहेगी": what it orders, not this meeting
        return None
    if m:
        before = [pm for pm in mentions if pm.end <= m.start() + 1 and m.start() - pm.end <= 30]
        if before and m["joint"]:  # "X एवं Y की संयुक्त अध्यक्षता में": the first named leads
            joint = [pm for pm in mentions if pm.end <= m.start() + 1 and m.start() - pm.start <= 120]
            return joint[0]
        if before:
            return _first_of_pair(sentence, mentions, before[-1])
    m = _WILL_CHAIR.search(sentence)
    named = [pm for pm in mentions if m and m.start("who") <= pm.start < m.end("who") and not pm.person.generic()]
    if named:  # "बैठक की अध्यक्षता … राज्यमंत्री एवं सांसद X करेंगी": the first post or name among those words
        return named[0]
    m = _WILL_HOLD.search(sentence)
    before = [pm for pm in mentions if m and pm.end <= m.start() and not pm.person.generic()]
    if before and not before[0].ergative:  # "प्रभारी मंत्री X … समीक्षा बैठक लेंगे": the subject named first
        return before[0]
    m = _CHAIRS.search(sentence)
    if m:
        named = [pm for pm in mentions if m["who"] and m.start("who") <= pm.start < m.end("who")]
        # "उपायुक्त … उपमंडल दण्डाधिकारियों के साथ आयोजित बैठक की अध्यक्षता करते हुए": those met are no chair
        before = [
            pm
            for pm in mentions
            if pm.end <= m.start() and not pm.person.generic() and not _MET_WITH.match(sentence, pm.end)
        ]
        agents = [pm for pm in before if pm.ergative]
        if named or agents or before:
            return (named or agents or before)[0 if named else -1]
    m = _HELD.search(sentence)
    if m:  # "डीसी विजया जाधव ने कलेक्ट्रेट सभागार में अधिकारियों के साथ बैठक की"
        # the agent of this ने, not one before it ("सीएमओ द्वारा जारी बयान में कहा गया कि मुख्यमंत्री ने … बैठक की")
        agents = [pm for pm in mentions if pm.ergative and pm.end <= m.start() and not pm.person.generic()]
        if agents:
            return lead_agent(sentence, agents, len(agents) - 1)
    m = _CHAIR_FIELD.search(sentence)
    if m:
        after = [pm for pm in mentions if pm.start >= m.end()]
        if after:
            first = after[0]
            # "अध्यक्षता: श्रीमती रीना शर्मा, निदेशक": the name, then the post it holds
            if first.person.designation is None and len(after) > 1 and after[1].person.name is None:
                first.person.designation = after[1].written or after[1].person.designation
                first.person.canonical = after[1].person.canonical
            return first
    return None
