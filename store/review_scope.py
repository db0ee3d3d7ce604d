"""Which review states count as tracked work.

Extracted items arrive ``proposed``; only a reviewer's confirmation makes them tracked work. Every view
that reports on work (dashboard, overdue lists, reminders, exports, feeds, the compliance report)
therefore shows confirmed items by default, takes ``review=all`` to add the proposed ones, and never
shows rejected items: those stay on the review screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Literal

from store.repository import ItemFilter

ReviewScope = Literal["confirmed", "all"]
REVIEW_SCOPES: tuple[str, ...] = ("confirmed", "all")
DEFAULT_SCOPE: ReviewScope = "confirmed"


def scope_states(scope: str) -> tuple[str, ...]:
    """The review states a scope covers (``rejected`` is in none)."""
    if scope == "confirmed":
        return ("confirmed",)
    if scope == "all":
        return ("proposed", "confirmed")
    raise ValueError(f"review must be one of {list(REVIEW_SCOPES)}, not {scope!r}")


def gate(f: ItemFilter, scope: str | None) -> ItemFilter:
    """``f`` restricted to tracked work.

    ``scope`` None (not given): confirmed items, unless the caller picked review states explicitly
    (``review_state`` or ``tracked``), in which case those apply among proposed and confirmed ones.
    Rejected items are dropped in every case.
    """
    explicit = f.review_state is not None or f.tracked is not None
    chosen = scope or ("all" if explicit else DEFAULT_SCOPE)
    allowed = scope_states(chosen)
    wanted: Sequence[str] = f.review_state if f.review_state is not None else allowed
    return replace(f, review_state=[s for s in wanted if s in allowed])
