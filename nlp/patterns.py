"""Devanagari word boundaries and letter classes, defined once for every regex of the project.

Python's ``\\b`` and ``\\w`` do not treat every Devanagari sign as part of a word (matras and the virama
are combining marks), so word edges are written as look-arounds over the Devanagari letters and signs
(U+0900-U+0963, U+0966-U+097F: everything but the danda and double danda). Every pattern that opens with a
run of letters must start with ``WORD_START``: otherwise a long run without spaces is tried from each of
its positions and the match costs quadratic time.
"""

from __future__ import annotations

LETTER = "\u0900-\u0963\u0966-\u097f"  # Devanagari letters, signs and digits, no danda
LETTERS = f"[{LETTER}]"
ANY_DEVANAGARI = "[\u0900-\u097f]"  # with the danda, for runs that may hold one
WORD_START = f"(?<![{LETTER}])"
WORD_END = f"(?![{LETTER}])"
WORD_START_W = rf"(?<![\w{LETTER}])"  # also after a Latin letter or digit
WORD_END_W = rf"(?![\w{LETTER}])"
# The longest sentence the rules read; a longer run without a sentence mark is cut into pieces.
MAX_SENTENCE = 1200
