"""Fuzzing the extractor with hypothesis: documents assembled from the genre's own pieces — every post
the gazetteer knows (as written, run together, dotted letter by letter, zero-marked), cue phrases, dates
of every form, counts, bullets and stray marks — always extract, never raise, and give well-formed
items whose evidence lies inside the page.

One crash of a rule loses a whole document in the service (the job fails), so this is worth a few
seconds: a post written without its space (`मुख्यसचिव`) once raised a KeyError deep in the gazetteer's
fuzzy fallback on a real note. The examples are derandomized so CI sees the same cases every run;
``NIRDESH_FUZZ_EXAMPLES`` runs more.
"""

from __future__ import annotations

import os
from datetime import date

import pytest

hypothesis = pytest.importorskip("hypothesis")  # the dev extra installs it
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from core.contract import Extraction  # noqa: E402
from extractors import extract_document  # noqa: E402
from ingest.document import IngestedDocument, Page  # noqa: E402
from models.gazetteer import letter_spelling, load_gazetteer  # noqa: E402
from nlp.vocab import rows  # noqa: E402

EXAMPLES = int(os.environ.get("NIRDESH_FUZZ_EXAMPLES", "1000"))  # about 15 s
POSTS = sorted(load_gazetteer().surface_to_canonical)

# Written for this test: the pieces a review note is made of, not sentences of any document.
PIECES = [
    "ने",
    "को",
    "से",
    "द्वारा",
    "की अध्यक्षता में बैठक हुई",
    "ने बैठक में निर्देश दिए कि",
    "को निर्देशित किया गया कि",
    "सुनिश्चित करें",
    "करने को कहा",
    "कार्य पूर्ण करें",
    "होना चाहिए",
    "किया जाए",
    "तक",
    "हर माह",
    "साप्ताहिक",
    "अविलंब",
    "आगामी सोमवार तक",
    "30 जून",
    "दिनांक 11.07.2024",
    "31 दिसंबर 2025 तक",
    "15/08/2025",
    "३० सितम्बर",
    "25 नए भवन",
    "100 प्रतिशत",
    "24×7",
    "1,3",
    "राजेश कुमार",
    "सुनीता देवी",
    "जिले में",
    "सभी",
    "संबंधित",
    "विभाग",
    "नगर निगम",
    "DM",
    "S.D.M.",
    "RTO-DTO",
    "CG News :",
    "बरेली।",
    "अपडेट: 3 मार्च 2024, 06:10 PM",
    "आज्ञा से,",
    "भवदीय,",
]
MARKS = ["।", ".", ",", "-", ":", "\n", "\n• ", "\n1. ", "(", ")", "…", '"', "\u200d", "\u200c", "  ", "\t"]


def _run_together(post: str) -> str:
    return post.replace(" ", "")


LETTERS = tuple(sorted({r[0] for r in rows("letter_names") if r and r[0]}, key=len, reverse=True))
# the Devanagari abbreviations cut into the Hindi names of their Latin letters (एसडीएम → एस, डी, एम)
SPELT = sorted(
    tuple(parts)
    for form in load_gazetteer().abbreviations
    if (parts := letter_spelling(form, LETTERS)) and len(parts) >= 2
)


def _letter_marked(parts: tuple[str, ...], mark: str) -> str:
    """An abbreviation written letter by letter, the mark after each letter (`एस.डी.एम.`, `एस0डी0एम0`)."""
    return "".join(letter + mark for letter in parts)


post = st.sampled_from(POSTS)
spelt = st.sampled_from(SPELT)
mutated_post = st.one_of(
    st.sampled_from([p for p in POSTS if " " in p]).map(_run_together),
    post,
    spelt.map(lambda p: _letter_marked(p, ".")),
    spelt.map(lambda p: _letter_marked(p, "0")),
)
piece = st.one_of(mutated_post, st.sampled_from(PIECES), st.sampled_from(MARKS))
# a sentence as notes write them: a post (with its holder's name or not), a postposition, then anything
sentence = st.tuples(
    mutated_post,
    st.sampled_from(["", "राजेश कुमार", "सुनीता देवी"]),
    st.sampled_from(["ने", "को", "से", "द्वारा", "की अध्यक्षता में", ""]),
    st.lists(piece, max_size=8),
    st.sampled_from(["।", ".", "\n", ""]),
).map(lambda parts: " ".join([*parts[:3], *parts[3], parts[4]]))
document = st.lists(st.one_of(sentence, piece), min_size=1, max_size=12).map(" ".join)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=5000,  # ms per example: a runaway regex fails the test
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    database=None,
)


@FUZZ
@given(text=document, meeting=st.sampled_from([None, date(2025, 9, 1)]))
def test_any_document_of_the_genre_extracts(text: str, meeting: date | None) -> None:
    extraction = extract_document(IngestedDocument("fuzz.txt", "txt", [Page(1, text, "txt")]), meeting)
    data = extraction.to_json()
    assert Extraction.from_json(data).to_json() == data  # well-formed by the contract
    for item in extraction.action_items:
        assert item.text.strip()
        assert item.evidence is not None and item.evidence.page == 1
        assert 0 <= item.evidence.start <= item.evidence.end <= len(text)
