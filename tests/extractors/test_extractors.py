"""Extraction on documents written for these tests (not taken from any gold set)."""

from datetime import date
from typing import Any

from extractors import extract_document as extract_typed
from extractors.directives import directive_cue
from extractors.recurrence import find_recurrence
from extractors.targets import find_targets
from ingest.document import IngestedDocument, Page, Table

PRESS_NOTE = """जिलाधिकारी ने दिए निर्देश, गांवों में पेयजल आपूर्ति पर जोर

सीतापुर, 4 अगस्त 2025। जनपद सीतापुर में आज जिलाधिकारी रमेश कुमार सिंह की अध्यक्षता में जल जीवन मिशन की समीक्षा बैठक आयोजित की गई।
बैठक में मुख्य विकास अधिकारी श्रीमती कविता यादव, अधिशासी अभियंता जल निगम श्री अजय वर्मा सहित अन्य अधिकारी उपस्थित रहे।
बैठक में योजनाओं की प्रगति पर चर्चा की गई। अधिशासी अभियंता ने अवगत कराया कि 120 गांवों में कार्य पूर्ण हो गया है।
जिलाधिकारी ने निर्देश दिए कि शेष गांवों में पाइपलाइन का कार्य 30 सितंबर 2025 तक शत-प्रतिशत पूरा किया जाए।
उन्होंने अधिशासी अभियंता को निर्देशित किया कि प्रत्येक सप्ताह प्रगति रिपोर्ट प्रस्तुत करें।
डीएम ने कहा कि खंड विकास अधिकारी 15 दिवस में 50 नई पानी की टंकियों का सत्यापन कराएं।
सीडीओ ने सभी ग्राम प्रधानों से अपेक्षा की कि वे जल समितियों की बैठक माह के अंत तक कराएं।
जल जीवन मिशन से ग्रामीणों को बहुत लाभ मिलेगा।
"""


def extract_document(doc: IngestedDocument, meeting_date: date | None = None) -> dict[str, Any]:
    """The result in its JSON form, as the CLI writes it."""
    return extract_typed(doc, meeting_date).to_json()


def _doc(text: str, tables: list[Table] | None = None) -> IngestedDocument:
    return IngestedDocument("note.txt", "txt", [Page(1, text, "txt", tables=tables or [])])


def test_press_note_meeting_facts():
    result = extract_document(_doc(PRESS_NOTE))
    meeting = result["meeting"]
    assert meeting["date"] == "2025-08-04"
    assert meeting["place"] == "सीतापुर"
    assert meeting["chair"] == {"name": "रमेश कुमार सिंह", "designation": "जिलाधिकारी"}
    assert any(a["name"] == "कविता यादव" for a in meeting["attendees"])


def test_press_note_items_and_slots():
    items = extract_document(_doc(PRESS_NOTE))["action_items"]
    texts = [it["text"] for it in items]
    assert len(items) == 4, texts
    assert not any("चर्चा" in t or "अवगत" in t or "लाभ मिलेगा" in t for t in texts)

    first, second, third, fourth = items
    assert first["issued_by"] == {"name": "रमेश कुमार सिंह", "designation": "जिलाधिकारी"}
    assert first["deadline"] == {"text": "30 सितंबर 2025 तक", "date": "2025-09-30", "kind": "by"}
    assert [t["value"] for t in first["targets"]] == [100.0]

    assert second["issued_by"]["name"] == "रमेश कुमार सिंह"  # उन्होंने → the district magistrate
    assert [r["designation"] for r in second["responsible"]] == ["अधिशासी अभियंता"]
    assert second["recurrence"] == "weekly"

    assert third["issued_by"]["designation"] == "जिलाधिकारी"  # डीएम resolved
    assert third["deadline"]["date"] == "2025-08-19"
    assert [r["designation"] for r in third["responsible"]] == ["खंड विकास अधिकारी"]
    assert any(t["text"].startswith("50 नई") for t in third["targets"])

    assert fourth["issued_by"] == {"name": "कविता यादव", "designation": "मुख्य विकास अधिकारी"}
    assert fourth["deadline"]["date"] == "2025-08-31"
    assert [r["designation"] for r in fourth["responsible"]] == ["ग्राम प्रधान"]


def test_evidence_points_at_the_sentence():
    result = extract_document(_doc(PRESS_NOTE))
    page_text = result["pages"][0]["text"]
    for item in result["action_items"]:
        ev = item["evidence"]
        assert page_text[ev["start"] : ev["end"]] == item["text"]


def test_meeting_date_given_by_the_caller_resolves_relative_deadlines():
    text = "मंडलायुक्त ने निर्देश दिए कि सभी तहसीलदार एक सप्ताह के भीतर रिपोर्ट भेजें।"
    item = extract_document(_doc(text), meeting_date=date(2026, 1, 10))["action_items"][0]
    assert item["deadline"]["date"] == "2026-01-17"
    assert [r["designation"] for r in item["responsible"]] == ["तहसीलदार"]


def test_action_table_rows_become_items():
    text = (
        "लोक निर्माण विभाग की समीक्षा बैठक का कार्यवृत्त\nदिनांक 10.07.2025 को बैठक मुख्य अभियंता श्री पी. के. राव की अध्यक्षता में हुई।"
    )
    table = Table(
        page=1,
        header=["क्र.सं.", "बिंदु", "निर्देश", "उत्तरदायी अधिकारी", "समय-सीमा"],
        rows=[
            ["1", "सड़क मरम्मत", "गड्ढामुक्ति का कार्य पूर्ण कराया जाए", "अधिशासी अभियंता, लोनिवि", "31.07.2025"],
            ["2", "पुल", "पुल की भार क्षमता की जांच कराई जाए", "सहायक अभियंता", "15 दिवस"],
        ],
    )
    result = extract_document(_doc(text, [table]))
    items = result["action_items"]
    assert [it["text"] for it in items] == ["गड्ढामुक्ति का कार्य पूर्ण कराया जाए", "पुल की भार क्षमता की जांच कराई जाए"]
    assert items[0]["deadline"]["date"] == "2025-07-31"
    assert items[1]["deadline"]["date"] == "2025-07-25"
    assert items[0]["responsible"][0]["designation"] == "अधिशासी अभियंता"
    assert items[0]["issued_by"]["designation"] == "मुख्य अभियंता"


def test_pipe_table_in_plain_text():
    text = (
        "दिनांक 01.09.2025 को जिलाधिकारी की अध्यक्षता में बैठक हुई।\n\n"
        "क्र.सं. | निर्देश | उत्तरदायी अधिकारी | समय-सीमा\n"
        "1 | सभी विद्यालयों में शौचालय की मरम्मत कराई जाए | बेसिक शिक्षा अधिकारी | 30.09.2025\n"
    )
    result = extract_document(_doc(text))
    items = result["action_items"]
    assert len(items) == 1
    ev = items[0]["evidence"]
    assert result["pages"][0]["text"][ev["start"] : ev["end"]] == items[0]["text"]
    assert items[0]["responsible"] == [{"name": None, "designation": "बेसिक शिक्षा अधिकारी"}]
    assert items[0]["deadline"]["date"] == "2025-09-30"


def test_minutes_decisions_and_action_lines():
    text = (
        "कार्यवृत्त\nदिनांक 02.06.2025 को मंडलायुक्त की अध्यक्षता में बैठक सम्पन्न हुई।\n"
        "1. निर्णय लिया गया कि सभी तहसीलों में भूलेख का डिजिटलीकरण किया जाएगा।\n"
        "कार्यवाही: उपजिलाधिकारी\n"
        "2. राजस्व वसूली की प्रगति पर चर्चा हुई।\n"
    )
    items = extract_document(_doc(text))["action_items"]
    assert len(items) == 1
    assert items[0]["responsible"] == [{"name": None, "designation": "उपजिलाधिकारी"}]


def test_directive_cues_and_non_directives():
    assert directive_cue("उन्होंने निर्देश दिए कि सर्वे पूरा किया जाए।")
    assert directive_cue("सभी अधिकारी समय से कार्यालय पहुंचें तथा उपस्थिति दर्ज करें।")
    assert directive_cue("बैठक में सड़कों की स्थिति पर चर्चा की गई।") is None
    assert directive_cue("उन्होंने कहा कि किसी भी स्तर पर लापरवाही बर्दाश्त नहीं की जाएगी।") is None
    assert directive_cue("अधिकारियों ने अवगत कराया कि 80 प्रतिशत कार्य पूर्ण है।") is None
    assert directive_cue("बैठक में आवश्यक दिशा-निर्देश दिए।") is None


def test_targets_and_recurrence():
    targets = find_targets("दिसम्बर तक वसूली 2 करोड़ मासिक तथा 80 प्रतिशत और 500 एमटी भंडारण हो", [])
    assert [(t["text"], t["value"]) for t in targets] == [
        ("2 करोड़ मासिक", 20_000_000.0),
        ("80 प्रतिशत", 80.0),
        ("500 एमटी", 500.0),
    ]
    assert find_recurrence("2 करोड़ मासिक तक पहुंचाया जाए") is None
    assert find_recurrence("इसकी पाक्षिक समीक्षा की जाए") == "fortnightly"
    assert find_recurrence("त्रैमासिक रिपोर्ट भेजें") == "quarterly"


def test_addressee_before_an_infinitive_directive_and_at_least_targets():
    text = "सचिव ने उपायुक्तों को कम से कम 20 आपदा मित्र प्रशिक्षित करने के निर्देश दिए।"
    item = extract_document(_doc(text))["action_items"][0]
    assert [r["designation"] for r in item["responsible"]] == ["उपायुक्त"]
    assert [t["text"] for t in item["targets"]] == ["कम से कम 20 आपदा मित्र"]


def test_chair_from_a_minutes_header_and_joint_chair():
    minutes = "कार्यवृत्त\nअध्यक्ष : श्रीमती सुधा नेगी, निदेशक\n\nअध्यक्ष द्वारा निर्देश दिए गए कि सभी अभिलेख अद्यतन किए जाएं।"
    result = extract_document(_doc(minutes))
    assert result["meeting"]["chair"]["name"] == "सुधा नेगी"
    assert result["action_items"][0]["issued_by"]["name"] == "सुधा नेगी"
    joint = "आज जिलाधिकारी अमन राय एवं पुलिस अधीक्षक विनोद पाल की संयुक्त अध्यक्षता में बैठक हुई।"
    assert extract_document(_doc(joint))["meeting"]["chair"]["name"] == "अमन राय"


def _responsible(text: str) -> list[list[str]]:
    items = extract_document(_doc(text), date(2025, 9, 1))["action_items"]
    return [[p["designation"] for p in it["responsible"]] for it in items]


def test_bodies_named_before_and_referred_back_after_ki():
    text = "जिला शिकायत सेल, निगरानी प्रकोष्ठ के संचालन को लेकर उन्होंने निर्देश दिए कि ये सभी प्रकोष्ठ प्रत्येक सप्ताह रिपोर्ट भेजें।\n"
    assert _responsible(text) == [["शिकायत सेल", "निगरानी प्रकोष्ठ"]]


def test_request_addressed_with_se_far_from_its_verb():
    text = "केंद्रीय मंत्री ने राज्यों और स्थानीय निकायों से पोर्टल पर लाभार्थियों का विवरण समय से अपलोड करने का आग्रह किया।\n"
    assert _responsible(text) == [["राज्य", "स्थानीय निकाय"]]
    manner = "उन्होंने कहा कि सभी कार्य समय से पूरे करने का आग्रह किया जाता है।\n"
    assert _responsible(manner) in ([], [[]])


def test_pronoun_subject_takes_the_officer_of_the_sentence_before():
    text = (
        "जिलाधिकारी ने कहा कि पशु चिकित्सा अधिकारी का काम केवल टीकाकरण तक सीमित नहीं होना चाहिए। "
        "वह पशुपालकों को योजनाओं की जानकारी देना भी सुनिश्चित करें।\n"
    )
    assert _responsible(text) == [["पशु चिकित्सा अधिकारी"]]


def test_sentence_cut_by_a_page_break_is_one_item():
    first = "जिलाधिकारी ने बैठक में निर्देश दिए कि सभी तहसीलदार लंबित नामांतरण वादों का निस्तारण"
    second = "30 सितंबर 2025 तक करना सुनिश्चित करें।\nबैठक धन्यवाद के साथ समाप्त हुई।\n"
    doc = IngestedDocument("m.pdf", "pdf", [Page(1, first, "text"), Page(2, second, "text")])
    items = extract_document(doc)["action_items"]
    assert len(items) == 1
    assert items[0]["text"].endswith("सुनिश्चित करें।") and items[0]["deadline"]["date"] == "2025-09-30"
    assert items[0]["evidence"]["page"] == 1
