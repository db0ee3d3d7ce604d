"""The department filter (a substring of the meeting's department) has a trigram index on PostgreSQL."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from search.item_queries import all_filtered_ids
from store.db import Database
from store.models import ActionItem, Document
from store.repository import ItemFilter
from tests.helpers.builders import store_text


def _minutes(department: str, task: str) -> str:
    return f"विभाग: {department}\n{task} का कार्य समय से पूर्ण करने के निर्देश दिए।\n"


def test_the_department_filter_finds_a_substring_of_the_department(db: Database) -> None:
    store_text(db, _minutes("कृषि विभाग", "बीज वितरण"), "a", date(2025, 11, 1))
    store_text(db, _minutes("लोक निर्माण विभाग", "सड़क मरम्मत"), "b", date(2025, 11, 1))
    with db.read() as s:
        farm = set(s.scalars(sa.select(ActionItem.id).join(Document).where(Document.department.like("कृषि%"))))
        assert farm
        assert all_filtered_ids(s, ItemFilter(department="कृषि"), date(2025, 11, 2)) == farm
        if db.engine.dialect.name != "postgresql":
            return
        indexes = set(s.scalars(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'documents'")))
        trigrams = s.scalar(sa.text("SELECT count(*) FROM pg_extension WHERE extname = 'pg_trgm'"))
    # 0011 creates pg_trgm where the database owner may; the index follows it
    assert ("ix_documents_department_trgm" in indexes) == bool(trigrams)
