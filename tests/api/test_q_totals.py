"""Issue 18, ``q=`` within 2x: over the API the total and the items of ``q=`` (counted and paged from
the words of the texts on PostgreSQL, migration 0020; the FTS5 trigram path on SQLite) are exactly the
items whose text contains the needle, before and after a reviewer corrects a text."""

from __future__ import annotations

from typing import Any

from tests.helpers.builders import upload

TEXT_A = (
    "विभाग: जल निगम\n"
    "अधिशासी अभियंता जल निगम को हैंडपंपों की जांच 2026-02-10 तक पूर्ण करने के निर्देश दिए।\n"
    "जिलाधिकारी ने हैंडपंप (रीबोर) का कार्य 2026-02-15 तक कराने के निर्देश दिए।\n"
)
TEXT_B = (
    "विभाग: लोक निर्माण\n"
    "अधिशासी अभियंता लोक निर्माण को Road-side नालियों की सफाई 2026-03-01 तक कराने के निर्देश दिए।\n"
    "जिलाधिकारी ने हैंडपंपों की मरम्मत 50% पूरी करने के निर्देश दिए।\n"
)
NEEDLES = ["हैंडपंपों", "हैंडपंप", "पंप", "road", "ROAD-S", "50%", "%", "नालियों", "हैंडपंपों की", "zzz"]


def _q(client: Any, needle: str, **params: Any) -> tuple[int, list[int]]:
    resp = client.get("/v1/action-items", params={"q": needle, "limit": 500, **params})
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert body["total_exact"] is True
    return body["total"], [i["id"] for i in body["items"]]


def _expected(client: Any, needle: str) -> list[int]:
    every = client.get("/v1/action-items", params={"limit": 500}).json()["items"]
    return [i["id"] for i in every if needle.lower() in i["text"].lower()]  # newest first, as the list


def test_q_totals_and_items_are_the_texts_containing_the_needle(client: Any) -> None:
    for name, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B)):
        assert upload(client, name, text, meeting_date="2026-01-02").status_code in (200, 201)
    assert len(_expected(client, "हैंडपंपों")) == 2 and len(_expected(client, "पंप")) == 3
    for needle in NEEDLES:
        expected = _expected(client, needle)
        assert _q(client, needle) == (len(expected), expected), needle
        assert _q(client, needle, exact_total="true") == (len(expected), expected), needle
        one = client.get("/v1/action-items", params={"q": needle, "limit": 1}).json()
        assert one["total"] == len(expected) and [i["id"] for i in one["items"]] == expected[:1], needle

    item = _expected(client, "हैंडपंप (")[0]
    fixed = client.post(
        f"/v1/action-items/{item}/review",
        json={"decision": "correct", "fields": {"text": "जिलाधिकारी ने नलकूपों का कार्य कराने के निर्देश दिए।"}},
    )
    assert fixed.status_code == 200, fixed.text
    for needle in (*NEEDLES, "नलकूपों"):
        expected = _expected(client, needle)
        assert _q(client, needle) == (len(expected), expected), needle
    assert _q(client, "नलकूपों") == (1, [item])


def _expected_with(client: Any, needle: str, params: dict[str, Any]) -> list[int]:
    """The items the list gives for ``params`` without ``q``, whose text contains the needle."""
    every = client.get("/v1/action-items", params={"limit": 500, **params}).json()["items"]
    return [i["id"] for i in every if needle.lower() in i["text"].lower()]


def test_q_with_other_filters_and_spaces_is_the_texts_containing_the_needle(client: Any) -> None:
    # on PostgreSQL these take the words' candidates (q= + a filter, a needle with a space): round 29
    for name, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B)):
        assert upload(client, name, text, meeting_date="2026-01-02").status_code in (200, 201)
    first = _expected(client, "हैंडपंपों की जांच")[0]
    assert client.patch(f"/v1/action-items/{first}", json={"status": "done"}).status_code == 200
    filters: list[dict[str, Any]] = [
        {},
        {"department": "जल निगम"},
        {"status": "open"},
        {"responsible": "अधिशासी"},
        {"department": "लोक", "status": "open"},
    ]
    needles = [*NEEDLES, "की जांच", "की  जांच", "हैंडपंपों की मरम्मत", "ROAD-SIDE नालियों", "को हैंडपंपों"]
    for params in filters:
        for needle in needles:
            expected = _expected_with(client, needle, params)
            assert _q(client, needle, **params) == (len(expected), expected), (needle, params)
            one = client.get("/v1/action-items", params={"q": needle, "limit": 1, "offset": 1, **params}).json()
            assert one["total"] == len(expected) and [i["id"] for i in one["items"]] == expected[1:2], needle
    assert _expected_with(client, "हैंडपंपों", {"status": "open"}) == _expected(client, "हैंडपंपों की मरम्मत")


def test_q_with_one_officer_walked_by_date_is_the_texts_containing_the_needle(
    client: Any, db_url: str, monkeypatch: Any
) -> None:
    # round 36: on PostgreSQL q= + one officer sorted by date walks the officer's people rows in date order
    # (migration 0024) whenever it has at least OFFICER_WALK_MIN matches: 1 here, so that it always does
    from store import repository

    monkeypatch.setattr(repository, "OFFICER_WALK_MIN", 1)
    walked: list[Any] = []
    officer_page = repository.officer_page

    def spy(*args: Any, **kwargs: Any) -> Any:
        walked.append(officer_page(*args, **kwargs))
        return walked[-1]

    monkeypatch.setattr(repository, "officer_page", spy)
    for name, text in (("a.txt", TEXT_A), ("b.txt", TEXT_B)):
        assert upload(client, name, text, meeting_date="2026-01-02").status_code in (200, 201)
    for sort in ("-created_at", "created_at"):
        for needle in ("हैंडपंपों", "निर्माण", "पंप", "ROAD-S", "%", "zzz"):
            params = {"responsible": "अधिशासी", "sort": sort}
            every = client.get("/v1/action-items", params={"limit": 500, **params}).json()["items"]
            expected = [i["id"] for i in every if needle.lower() in i["text"].lower()]
            assert _q(client, needle, **params) == (len(expected), expected), (needle, sort)
            one = client.get("/v1/action-items", params={"q": needle, "limit": 1, "offset": 1, **params}).json()
            assert one["total"] == len(expected) and [i["id"] for i in one["items"]] == expected[1:2], needle
    assert any(ids is not None for ids in walked) == db_url.startswith("postgresql")
