"""``nlp.vocab.alternation``: longest entry first, spaces as any whitespace, and nothing matched by no entries."""

from __future__ import annotations

import re

from nlp.vocab import alternation


def test_longest_entry_wins_and_spaces_match_any_whitespace() -> None:
    rx = re.compile(f"(?:{alternation(['समय', 'समय सीमा'])})")
    m = rx.search("निर्धारित समय  सीमा में")
    assert m is not None and m.group(0) == "समय  सीमा"


def test_no_entries_match_nothing() -> None:
    # An empty table must not turn a rule into one that fires on every sentence.
    assert alternation([]) == "(?!)"
    assert re.search(f"(?:{alternation(['', ''])})", "कोई भी वाक्य") is None
    assert re.search(f"क(?:{alternation([])}|ख)", "कख") is not None
