"""The ``review`` query parameter of every view over tracked work (stats, exports, feeds, reports, lists)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query

ReviewQuery = Annotated[
    Literal["confirmed", "all"] | None,
    Query(
        description="which items count: confirmed (the default: only items a reviewer confirmed) or all "
        "(proposed ones too); rejected items are never included"
    ),
]
