"""`|` used as a danda: the directives of such a page are found; a real pipe table is still read as one."""

from __future__ import annotations

import io
from typing import Any

from extractors import extract_document
from extractors.tables import pipe_tables
from ingest import ingest_bytes
from ingest.document import IngestedDocument, Page


def _result(text: str) -> dict[str, Any]:
    doc = IngestedDocument("t.txt", "txt", [Page(1, text, "txt")])
    out: dict[str, Any] = extract_document(doc, None).to_json()
    return out


def test_directives_on_a_page_that_writes_its_danda_as_a_pipe() -> None:
    result = _result(
        "सागर | कलेक्टर अनिल मेहता ने बुधवार को जल जीवन मिशन के कार्यों की समीक्षा की | "
        "उन्होंने अधूरी टंकियों का काम दस दिन में पूरा करने के निर्देश दिए | बैठक में सभी उपयंत्री उपस्थित रहे |\n"
        "कलेक्टर ने कहा कि हर गांव में पानी की जांच कराई जाए | लापरवाही पर कार्रवाई होगी |\n"
    )
    items = result["action_items"]
    assert [it["text"] for it in items] == [
        "उन्होंने अधूरी टंकियों का काम दस दिन में पूरा करने के निर्देश दिए |",
        "कलेक्टर ने कहा कि हर गांव में पानी की जांच कराई जाए |",
    ]
    assert all(it["issued_by"]["name"] == "अनिल मेहता" for it in items)
    assert result["meeting"]["chair"]["name"] == "अनिल मेहता"
    assert pipe_tables(result["pages"][0]["text"]) == []


def test_a_plain_text_pipe_table_still_gives_its_rows() -> None:
    text = (
        "दिनांक 12.03.2025 को मुख्य विकास अधिकारी की अध्यक्षता में बैठक हुई।\n\n"
        "क्रम | निर्देश | उत्तरदायी | समय सीमा\n"
        "1 | सभी गौशालाओं में चारे का भंडारण कराया जाए | मुख्य पशु चिकित्साधिकारी | 31.03.2025\n"
        "2 | अधूरे सामुदायिक शौचालय पूर्ण किए जाएं | जिला पंचायत राज अधिकारी | 15.04.2025\n"
    )
    items = _result(text)["action_items"]
    assert [it["text"] for it in items] == [
        "सभी गौशालाओं में चारे का भंडारण कराया जाए",
        "अधूरे सामुदायिक शौचालय पूर्ण किए जाएं",
    ]
    assert [it["deadline"]["date"] for it in items] == ["2025-03-31", "2025-04-15"]


def _docx_with_table(rows: list[list[str]]) -> bytes:
    import docx  # python-docx, as the DOCX reader uses

    document = docx.Document()
    document.add_paragraph("दिनांक 05.05.2025 को जिलाधिकारी की अध्यक्षता में बाढ़ नियंत्रण की बैठक हुई।")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_a_docx_table_whose_cells_are_written_as_pipe_rows_is_read_once_as_a_table() -> None:
    data = _docx_with_table(
        [
            ["क्र.", "निर्णय", "उत्तरदायी अधिकारी", "लक्ष्य तिथि"],
            ["1", "तटबंधों की मरम्मत पूरी कराई जाए", "अधिशासी अभियंता, बाढ़ खंड", "31.05.2025"],
            ["2", "नावों और गोताखोरों की सूची तैयार की जाए", "अपर जिलाधिकारी", "20.05.2025"],
        ]
    )
    doc = ingest_bytes(data, "minutes.docx")
    items = extract_document(doc, None).to_json()["action_items"]
    assert [it["text"] for it in items] == [
        "तटबंधों की मरम्मत पूरी कराई जाए",
        "नावों और गोताखोरों की सूची तैयार की जाए",
    ]
    assert items[1]["deadline"]["date"] == "2025-05-20"
