"""Directives in lines that end without a danda: a pipe for a danda, a comma-ended paragraph, a cut last line."""

from __future__ import annotations

from extractors import extract_document
from ingest.document import IngestedDocument, Page

HEAD = "जिलाधिकारी सुरेश यादव ने विकास कार्यों की समीक्षा की।\n"


def texts(body: str) -> list[str]:
    doc = IngestedDocument("t.txt", "txt", [Page(1, HEAD + body, "txt")])
    return [item["text"] for item in extract_document(doc, None).to_json()["action_items"]]


def test_a_pipe_ends_a_directive_line() -> None:
    got = texts("उन्होंने तालाबों की सफाई कराने का दिया निर्देश |\nबैठक में सभी अधिकारी उपस्थित रहे।\n")
    assert got == ["उन्होंने तालाबों की सफाई कराने का दिया निर्देश |"]


def test_the_cut_last_line_of_a_document_is_read() -> None:
    got = texts("उन्होंने तहसीलदारों को निर्देश दिया कि लंबित दाखिल खारिज के मामलों का निपटारा एक सप्ताह में")
    assert len(got) == 1


def test_a_headline_without_a_danda_is_still_not_an_item() -> None:
    # a line without a danda is a headline: on a whole page whose body restates it, or directs more than twice
    # (summed up by the headline), it is no item of its own
    restated = HEAD + "उन्होंने सड़कों की मरम्मत शीघ्र कराने के निर्देश दिए।\n"
    doc = IngestedDocument("t.txt", "txt", [Page(1, "सड़कों की मरम्मत के निर्देश दिए\n" + restated, "txt")])
    assert [i["text"] for i in extract_document(doc, None).to_json()["action_items"]] == [restated.split("\n")[1]]
    body = HEAD + "उन्होंने नालियों की सफाई कराने को कहा।\nपुलियों की जांच एक सप्ताह में की जाए।\nसभी कार्य समय से पूरे करें।\n"
    doc = IngestedDocument("t.txt", "txt", [Page(1, "सड़कों की मरम्मत के निर्देश दिए\n\n" + body, "txt")])
    assert len(texts_of(doc)) == 3


def texts_of(doc: IngestedDocument) -> list[str]:
    return [item["text"] for item in extract_document(doc, None).to_json()["action_items"]]
