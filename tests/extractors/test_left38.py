"""Forms of who must act and who issued a directive that the sixth unseen-style set (corpus 194-205) and
earlier real-note rounds left (issue 15, left38), each in sentences written for these tests.

A post may be written with its office or place after a comma (``अधीक्षक, केंद्रीय कारागार, मदुरै को``,
``तहसीलदार, डिस्किट द्वारा``, ``नियंत्रक, विधिक माप विज्ञान सभी … सुनिश्चित करें``): the responsible is the whole
``post, office``, unless another post, a plural or a genitive stands after the comma (a list or the object). A post
after a purpose connective (``इसके लिए X समन्वय करेंगे``) owns the act of the sentence. A joint team of owners joined
(``नगर निगम एवं रेलवे सुरक्षा बल का संयुक्त दल … हटाए``) that opens its clause is bidden, written with its owners. Posts listed in a relative clause that names an act
(``जिनका आयोजन X एवं Y करेंगे``) both own it; chairs in the plural (``प्रमुख पत्तनों के अध्यक्षों को``) are addressees;
whom an explanation is to be sought from is not responsible. A director whose post carries an office of joined words
before ने (``निदेशक, पशु चिकित्सा एवं पशुपालन सेवाएं ने बताया``) is the agent of that report, and "उन्होंने" after it
means him once he is named in the note."""

from __future__ import annotations

import pytest

from tests.extractors.test_forms import extract, rows, slash_lines


@pytest.mark.parametrize(("document", "expected", "form"), rows("left38/responsible.tsv", 3))
def test_responsible_forms_left38(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert [p["designation"] for p in items[-1]["responsible"]] == ([] if expected == "-" else expected.split("|"))


@pytest.mark.parametrize(("document", "expected", "form"), rows("left38/issuers.tsv", 3))
def test_issuer_forms_left38(document: str, expected: str, form: str) -> None:
    items = extract(slash_lines(document))["action_items"]
    assert items, f"no directive read: {document}"
    assert (items[-1]["issued_by"] or {}).get("designation", "") == expected, items[-1]["issued_by"]
