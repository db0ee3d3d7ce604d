"""The dashboard's officers read as the minutes write them: ``/v1/stats`` groups by the matching key
(folded, undotted, Latin lower-cased) and labels each group with the designation of the office
registered under that key, else the post as the newest item writes it."""

from __future__ import annotations

from datetime import date

from core.contract import Extraction
from store.db import Database
from store.officer_labels import officer_labels
from store.offices import create_office
from store.repository import create_document, save_extraction
from store.stats import NONE_LABEL, workload, workload_scan
from tests.helpers.builders import store_confirmed_items

TODAY = date(2026, 6, 1)


def _labels(db: Database) -> dict[str, str]:
    with db.read() as s:
        figures = workload(s, today=TODAY)
        assert figures == workload_scan(s, today=TODAY)
    return {row["officer"]: row["officer_label"] for row in figures["by_officer"]}


def test_a_group_reads_as_the_newest_item_writes_its_post(db: Database) -> None:
    store_confirmed_items(db, [["sdm"], ["अधिशासी अभियंता"], ["SDM"], ["अधिशासी   अभियन्ता"], []])
    assert _labels(db) == {
        "sdm": "SDM",
        "अधिशासी अभियंता": "अधिशासी अभियन्ता",  # spaces collapsed, spelling as written
        NONE_LABEL: NONE_LABEL,
    }


def test_a_registered_office_names_its_group(db: Database) -> None:
    store_confirmed_items(db, [["एस0डी0एम0"], ["एस.डी.एम."], ["जिलाधिकारी"]])
    assert _labels(db)["एसडीएम"] == "एस.डी.एम."
    with db.session() as s:
        create_office(s, designation="उप जिलाधिकारी (एसडीएम)", aliases=["एसडीएम"])
    labels = _labels(db)
    assert labels["एसडीएम"] == "उप जिलाधिकारी (एसडीएम)"
    assert labels["जिलाधिकारी"] == "जिलाधिकारी"


def test_a_blank_designation_falls_back_to_the_name(db: Database) -> None:
    with db.session() as s:
        doc = create_document(
            s, sha256="b" * 64, filename="m.txt", content_type="text/plain", kind="txt", size=1, stored_path="x"
        )
        items = [{"id": "ai-0", "text": "कार्य", "responsible": [{"name": "रमेश कुमार", "designation": None}]}]
        save_extraction(s, doc, Extraction.from_json({"meeting": {}, "action_items": items, "pages": []}))
    with db.read() as s:
        assert officer_labels(s, ["रमेश कुमार", "कोई और"]) == {"रमेश कुमार": "रमेश कुमार", "कोई और": "कोई और"}


def test_hundreds_of_officers_are_labelled_in_chunks(db: Database) -> None:
    posts = [f"पद{i:03d} अधिकारी" for i in range(450)]
    store_confirmed_items(db, [[p] for p in posts])
    labels = _labels(db)
    assert len(labels) == 450
    assert all(labels[p] == p for p in posts)
