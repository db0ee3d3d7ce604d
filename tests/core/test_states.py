"""The StrEnums are the strings stored before they existed: no data migration, same API answers."""

from __future__ import annotations

import json
from enum import StrEnum

import pytest

from core.states import (
    DeadlineKind,
    DocumentStatus,
    DueDateSource,
    ErrorCode,
    ItemStatus,
    JobKind,
    JobStatus,
    Priority,
    Recurrence,
    ReviewState,
    Role,
)

# The values as the database and the JSON contract held them before the enums (store/models.py,
# store/jobs.py, api/*, the extraction contract). Written out here on purpose: a renamed member
# value would need a data migration, and this test says so.
STORED = {
    DocumentStatus: {"stored", "queued", "processing", "processed", "failed"},
    JobStatus: {"queued", "running", "done", "failed"},
    JobKind: {"extract", "reprocess"},
    DeadlineKind: {"by", "on", "within", "from", "immediate", "soon", "before_next_meeting", "recurring", "unresolved"},
    Recurrence: {"weekly", "fortnightly", "monthly", "quarterly"},
    ItemStatus: {"open", "in_progress", "done", "dropped"},
    ReviewState: {"proposed", "confirmed", "rejected"},
    Priority: {"low", "normal", "high"},
    DueDateSource: {"extracted", "corrected", "manual"},
    Role: {"office", "viewer", "editor", "admin"},  # office: added with migration 0007 (offices)
}


@pytest.mark.parametrize("enum", list(STORED), ids=lambda e: e.__name__)
def test_enum_values_are_the_stored_strings(enum: type[StrEnum]) -> None:
    assert {m.value for m in enum} == STORED[enum]
    for member in enum:
        assert member == member.value and str(member) == member.value
        assert json.dumps(member) == json.dumps(member.value)
        assert enum(member.value) is member


def test_roles_are_in_rank_order() -> None:
    assert [r.value for r in Role] == ["office", "viewer", "editor", "admin"]


def test_error_codes_cover_the_job_failures() -> None:
    assert {"bad_extraction", "extraction_failed", "missing_original", "store_failed", "not_found"} <= {
        c.value for c in ErrorCode
    }
