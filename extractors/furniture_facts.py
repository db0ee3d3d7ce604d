"""Meeting facts from page furniture, the lowest-priority source.

Ingest keeps furniture lines out of the page text (``Page.furniture``: news-site banners, page numbers,
letterheads repeated on later pages). They still say something about the meeting, read here as such:

- a banner (``अपडेटेड: 3 मार्च 2024``, ``Update: 2026-01-07 12:20 GMT``) gives the publication date, the
  meeting date only when the body gives none (a dateline or ``दिनांक`` there wins), and never a place;
- a letterhead line may name the department when the body names none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from extractors.departments import meeting_department
from ingest.document import IngestedDocument
from ingest.furniture import furniture_kind
from nlp.dates import find_time_expressions


@dataclass(frozen=True)
class FurnitureFacts:
    published_on: date | None = None  # the first banner date
    department: str | None = None  # from letterhead lines


def banner_date(lines: list[str]) -> date | None:
    """The first full date on a banner line."""
    for line in lines:
        if furniture_kind(line) != "banner":
            continue
        for expr in find_time_expressions(line, None):
            if expr.date:
                return date.fromisoformat(expr.date)
    return None


def letterhead_department(lines: list[str]) -> str | None:
    letterheads = "\n".join(line for line in lines if furniture_kind(line) == "letterhead")
    return meeting_department(letterheads, letterhead=True)


def furniture_facts(doc: IngestedDocument) -> FurnitureFacts:
    lines = [line for page in doc.pages for line in page.furniture]
    if not lines:
        return FurnitureFacts()
    return FurnitureFacts(published_on=banner_date(lines), department=letterhead_department(lines))
