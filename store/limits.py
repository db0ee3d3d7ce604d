"""Length caps on an item's correctable fields (core.limits): extracted values are cut, corrections refused."""

from __future__ import annotations

from typing import Any

from core.limits import FIELD_LIST_ITEMS, FIELD_TEXT_CHARS, ITEM_TEXT_CHARS, cut

LONG_FIELDS = ("text", "action")


def field_limit(field: str) -> int:
    return ITEM_TEXT_CHARS if field in LONG_FIELDS else FIELD_TEXT_CHARS


def check_length(field: str, value: Any) -> None:
    """ValueError (the API's 422) when a corrected value holds a string or a list over its cap."""
    limit = field_limit(field)
    stack = [value]
    while stack:
        v = stack.pop()
        if isinstance(v, str) and len(v) > limit:
            raise ValueError(f"{field}: at most {limit} characters (got {len(v)})")
        if isinstance(v, list | tuple):
            if len(v) > FIELD_LIST_ITEMS:
                raise ValueError(f"{field}: at most {FIELD_LIST_ITEMS} entries (got {len(v)})")
            stack.extend(v)
        elif isinstance(v, dict):
            stack.extend(v.values())


def cap_extracted(field: str, value: Any) -> Any:
    """An extracted value with over-long strings cut and over-long lists shortened (never refused)."""
    limit = field_limit(field)
    if isinstance(value, str):
        return cut(value, limit)
    if isinstance(value, list):
        return [cap_extracted(field, v) for v in value[:FIELD_LIST_ITEMS]]
    if isinstance(value, dict):
        return {k: cap_extracted(field, v) for k, v in value.items()}
    return value
