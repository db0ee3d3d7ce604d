"""Page furniture (banners, repeated letterheads, page numbers) reaches meeting facts as the last resort."""

from __future__ import annotations

from datetime import date

import pytest

from extractors.document import extract_document
from extractors.furniture_facts import banner_date, furniture_facts, letterhead_department
from ingest.document import IngestedDocument, Page

DIRECTIVE = "जिलाधिकारी ने निर्देश दिए कि सड़कों की मरम्मत 15 दिन में पूरी की जाए।"


def _doc(body: str, furniture: list[str], second_page_furniture: list[str] | None = None) -> IngestedDocument:
    pages = [Page(1, body, "text", furniture=furniture)]
    if second_page_furniture is not None:
        pages.append(Page(2, DIRECTIVE, "text", furniture=second_page_furniture))
    return IngestedDocument("m.pdf", "pdf", pages)


@pytest.mark.parametrize(
    "body, furniture, want_date, want_place",
    [
        # a dateline in the body wins over the site's banner
        (f"हरिद्वार, 16 सितंबर 2025\n{DIRECTIVE}", ["अपडेटेड: 18 सितंबर 2025, 10:20 AM"], "2025-09-16", "हरिद्वार"),
        # so does a दिनांक in the body
        (
            f"विकास भवन में दिनांक 12.08.2025 को बैठक हुई।\n{DIRECTIVE}",
            ["Update: 2025-08-14 09:05 GMT"],
            "2025-08-12",
            None,
        ),
        # no date in the body: the banner's publication date stands in; a banner never gives the place
        (f"समीक्षा बैठक\n{DIRECTIVE}", ["Update: 2026-01-07 12:20 GMT"], "2026-01-07", None),
        (f"समीक्षा बैठक\n{DIRECTIVE}", ["- 2 -", "अपडेटेड: 3 मार्च 2024, 06:10 PM"], "2024-03-03", None),
        # a page number is no date
        (f"समीक्षा बैठक\n{DIRECTIVE}", ["2 / 5"], None, None),
        # nothing in the furniture
        (f"समीक्षा बैठक\n{DIRECTIVE}", [], None, None),
    ],
)
def test_meeting_date_and_place_with_furniture(
    body: str, furniture: list[str], want_date: str | None, want_place: str | None
) -> None:
    meeting = extract_document(_doc(body, furniture)).to_json()["meeting"]
    assert (meeting["date"], meeting["place"]) == (want_date, want_place)


def test_banner_date_resolves_relative_deadlines() -> None:
    result = extract_document(_doc(f"समीक्षा बैठक\n{DIRECTIVE}", ["अपडेटेड: 3 मार्च 2024, 06:10 PM"])).to_json()
    (item,) = result["action_items"]
    assert item["deadline"]["date"] == "2024-03-18"  # 15 दिन from the publication date


@pytest.mark.parametrize(
    "body, later_letterhead, want",
    [
        # the body names no department: the letterhead repeated on page 2 does
        (f"समीक्षा बैठक\n{DIRECTIVE}", ["सहकारिता विभाग, उत्तर प्रदेश", "- 2 -"], "सहकारिता विभाग"),
        # the body's department wins
        (
            f"कृषि विभाग की समीक्षा बैठक\n{DIRECTIVE}",
            ["सहकारिता विभाग, उत्तर प्रदेश"],
            "कृषि विभाग",
        ),
        # a banner is no letterhead
        (f"समीक्षा बैठक\n{DIRECTIVE}", ["अपडेटेड: 3 मार्च 2024, 06:10 PM"], None),
    ],
)
def test_department_from_a_letterhead_only_as_fallback(
    body: str, later_letterhead: list[str], want: str | None
) -> None:
    meeting = extract_document(_doc(body, [], later_letterhead)).to_json()["meeting"]
    assert meeting["department"] == want


@pytest.mark.parametrize(
    "lines, published, department",
    [
        (["Update: 2026-01-07 12:20 GMT", "कृषि विभाग, बिहार"], date(2026, 1, 7), "कृषि विभाग"),
        (["कृषि विभाग, बिहार", "पृष्ठ 2 / 4"], None, "कृषि विभाग"),
        (["अपडेटेड: 7 जनवरी 2026, 12:20 PM", "Update: 2026-01-09 08:00 GMT"], date(2026, 1, 7), None),
        (["- 3 -"], None, None),
    ],
)
def test_furniture_lines_read_by_kind(lines: list[str], published: date | None, department: str | None) -> None:
    assert banner_date(lines) == published
    assert letterhead_department(lines) == department
    facts = furniture_facts(IngestedDocument("m.pdf", "pdf", [Page(1, "", "text", furniture=lines)]))
    assert (facts.published_on, facts.department) == (published, department)
