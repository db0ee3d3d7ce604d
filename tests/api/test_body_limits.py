"""Issue 17, finding 8 (and the correction caps of finding 1): a JSON body over 1 MB is refused with 413
before it is read in full; over-long corrected text gets a clear 422."""

from __future__ import annotations

import time
from typing import Any

from core.limits import ITEM_TEXT_CHARS, JSON_BODY_BYTES
from tests.helpers.builders import upload

TEXT = "जिलाधिकारी ने तहसीलदार को सर्वे पूरा करने के निर्देश दिए।\n"


def _item(client: Any) -> int:
    return int(upload(client, "m.txt", TEXT).json()["items"][0]["id"])


def test_an_oversized_json_body_gets_413(client: Any) -> None:
    item = _item(client)
    body = b'{"note": "' + b"x" * (JSON_BODY_BYTES + 10) + b'"}'
    start = time.monotonic()
    r = client.patch(f"/v1/action-items/{item}", content=body, headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text
    assert r.json()["error"]["code"] == "too_large"
    assert time.monotonic() - start < 5


def test_a_chunked_oversized_body_gets_413(client: Any) -> None:
    item = _item(client)

    def chunks() -> Any:
        yield b'{"note": "'
        for _ in range(JSON_BODY_BYTES // 65536 + 2):
            yield b"x" * 65536
        yield b'"}'

    r = client.patch(f"/v1/action-items/{item}", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413, r.text


def test_an_overlong_correction_is_refused_with_422(client: Any) -> None:
    item = _item(client)
    too_long = "क" * (ITEM_TEXT_CHARS + 1)
    r = client.post(f"/v1/action-items/{item}/review", json={"decision": "correct", "fields": {"text": too_long}})
    assert r.status_code == 422, r.text
    assert str(ITEM_TEXT_CHARS) in r.json()["error"]["message"]
    r = client.post(
        f"/v1/action-items/{item}/review",
        json={"decision": "correct", "fields": {"responsible": [{"designation": "अ" * 600}]}},
    )
    assert r.status_code == 422, r.text
    ok = client.post(f"/v1/action-items/{item}/review", json={"decision": "correct", "fields": {"text": "ठीक पाठ।"}})
    assert ok.status_code == 200, ok.text
