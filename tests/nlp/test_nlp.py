"""Language layer: normalisation, sentence splitting, numbers and the date grammar."""

from datetime import date

import pytest

from nlp.dates import find_time_expressions, parse_meeting_date
from nlp.normalize import clean_text, fold
from nlp.numbers import parse_number
from nlp.sentences import split_sentences

MEETING = date(2025, 9, 16)


def test_fold_merges_spelling_variants():
    assert fold("दिसम्बर") == fold("दिसंबर")
    assert fold("कम्प्यूटर") == fold("कंप्यूटर")
    assert fold("सड़क") == fold("सडक")
    assert fold("हाँ") == fold("हां")
    assert fold("३१") == "31"
    assert fold("नवम्बर") != fold("दिसम्बर")


def test_clean_text_keeps_lines_and_drops_invisibles():
    assert clean_text("क\u200bख  ग\r\nघ\u00a0ङ") == "कख ग\nघ ङ"


def test_sentences_survive_dotted_abbreviations_and_numbered_points():
    text = (
        "बैठक में प्रमुख सचिव श्री के.पी. वर्मा, डॉ. सीमा राय उपस्थित रहे। "
        "आई.टी. सेल का गठन किया जाए।\n1. निर्णय लिया गया कि सड़क 15.08.2025 तक ठीक की जाएगी।\n2. अगला बिंदु"
    )
    sents = [s.text for s in split_sentences(text)]
    assert sents == [
        "बैठक में प्रमुख सचिव श्री के.पी. वर्मा, डॉ. सीमा राय उपस्थित रहे।",
        "आई.टी. सेल का गठन किया जाए।",
        "1. निर्णय लिया गया कि सड़क 15.08.2025 तक ठीक की जाएगी।",
        "2. अगला बिंदु",
    ]


def test_sentence_offsets_point_into_the_text():
    text = "पहला वाक्य है। दूसरा वाक्य यहाँ है।\n\nतीसरा?"
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text


def test_wrapped_pdf_lines_are_joined_but_headlines_are_not():
    text = (
        "जिलाधिकारी ने दिए निर्देश\n"
        "जिलाधिकारी ने सभी खंड विकास अधिकारियों को निर्देश दिए कि गांवों में\n"
        "पेयजल की आपूर्ति का सत्यापन प्रत्येक सप्ताह किया जाए और रिपोर्ट भेजी\n"
        "जाए। बैठक में मुख्य विकास अधिकारी तथा परियोजना निदेशक भी उपस्थित रहे और\n"
        "उन्होंने प्रगति की जानकारी दी।"
    )
    sents = [s.text for s in split_sentences(text)]
    assert sents[0] == "जिलाधिकारी ने दिए निर्देश"
    assert sents[1].startswith("जिलाधिकारी ने सभी") and sents[1].endswith("रिपोर्ट भेजी जाए।")


def test_pipe_table_rows_are_not_prose():
    assert split_sentences("क्र.सं. | निर्देश | समय-सीमा\n1 | सर्वे करें | 15 दिवस") == []


@pytest.mark.parametrize(
    ("phrase", "text", "iso", "kind"),
    [
        ("कार्य 31 दिसंबर, 2025 तक पूरा हो", "31 दिसंबर, 2025 तक", "2025-12-31", "by"),
        ("1 जनवरी, 2026 से लागू", "1 जनवरी, 2026 से", "2026-01-01", "from"),
        ("माह के अंत तक करें", "माह के अंत तक", "2025-09-30", "by"),
        ("अगले माह के अंत तक करें", "अगले माह के अंत तक", "2025-10-31", "by"),
        ("दिसम्बर तक पहुंचाएं", "दिसम्बर तक", "2025-12-31", "by"),
        ("मार्च तक पूरा करें", "मार्च तक", "2026-03-31", "by"),
        ("30 सितंबर को बैठक", "30 सितंबर को", "2025-09-30", "on"),
        ("5 जनवरी तक भेजें", "5 जनवरी तक", "2026-01-05", "by"),
        ("15 दिवस में भेजें", "15 दिवस में", "2025-10-01", "within"),
        ("पंद्रह दिन के भीतर", "पंद्रह दिन के भीतर", "2025-10-01", "within"),
        ("एक सप्ताह के भीतर", "एक सप्ताह के भीतर", "2025-09-23", "within"),
        ("दो माह में पूरा", "दो माह में", "2025-11-16", "within"),
        ("दिनांक 05-10-2025 तक", "दिनांक 05-10-2025 तक", "2025-10-05", "by"),
        ("१५.०८.२०२६ तक", "१५.०८.२०२६ तक", "2026-08-15", "by"),
        ("३१ मार्च २०२६ तक", "३१ मार्च २०२६ तक", "2026-03-31", "by"),
        ("वित्तीय वर्ष के अंत तक", "वित्तीय वर्ष के अंत तक", "2026-03-31", "by"),
        ("रिपोर्ट तत्काल भेजें।", "तत्काल", "2025-09-16", "immediate"),
        ("शीघ्र दूर करें", "शीघ्र", None, "soon"),
        ("आगामी बैठक से पूर्व", "आगामी बैठक से पूर्व", None, "before_next_meeting"),
    ],
)
def test_time_expressions(phrase, text, iso, kind):
    found = find_time_expressions(phrase, MEETING)
    assert [(e.text, e.date, e.kind) for e in found] == [(text, iso, kind)]


def test_relative_dates_need_a_meeting_date_but_absolute_ones_do_not():
    assert find_time_expressions("माह के अंत तक", None)[0].date is None
    assert find_time_expressions("दिसम्बर तक", None)[0].date is None
    assert find_time_expressions("31 मार्च 2026 तक", None)[0].date == "2026-03-31"


def test_financial_year_end_in_the_first_quarter():
    assert find_time_expressions("वित्तीय वर्ष के अंत तक", date(2026, 2, 10))[0].date == "2026-03-31"


def test_meeting_date_from_a_dateline():
    assert parse_meeting_date("लखनऊ, 12 अगस्त 2025। आज बैठक हुई।") == date(2025, 8, 12)


def test_numbers():
    assert parse_number("1,200") == 1200
    assert parse_number("२.५") == 2.5
    assert parse_number("पंद्रह") == 15
    assert parse_number("कई") is None


def test_sentence_splitter_keeps_dotted_abbreviations_whole():
    text = "श्री डी.पी. आहूजा ने आई.टी. सेल की समीक्षा की। डॉ. वर्मा ने रिपोर्ट दी।"
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == ["श्री डी.पी. आहूजा ने आई.टी. सेल की समीक्षा की।", "डॉ. वर्मा ने रिपोर्ट दी।"]


def test_ocr_danda_repairs():
    from ingest.ocr import fix_ocr_dandas

    assert fix_ocr_dandas("हरिद्वार, 16 सितंबर 20251\nआगे") == "हरिद्वार, 16 सितंबर 2025।\nआगे"
    assert fix_ocr_dandas("कार्य पूरा करें |") == "कार्य पूरा करें।"
    assert fix_ocr_dandas("कुल 20251 रुपये") == "कुल 20251 रुपये"  # not at a line end: maybe a real number
    assert fix_ocr_dandas("क्र | निर्देश | समय") == "क्र | निर्देश | समय"
