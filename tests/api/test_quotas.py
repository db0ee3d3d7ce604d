"""Issue 17, finding 11: per-token daily quotas on uploads and on pages of PDFs and images (429 with
Retry-After); other tokens are not affected; a refused upload stores nothing."""

from __future__ import annotations

from typing import Any

from store.tokens import create_token
from tests.helpers.builders import upload
from tests.helpers.hostile import many_pages_pdf


def _editors(client: Any, n: int) -> list[dict[str, str]]:
    with client.app.state.ctx.db.session() as s:
        return [{"Authorization": f"Bearer {create_token(s, 'editor', f'editor-{i}')}"} for i in range(n)]


def test_upload_quota_is_per_token(make_client: Any) -> None:
    client = make_client(require_auth=True, quota_uploads_per_day=2, quota_pages_per_day=0)
    first, second = _editors(client, 2)
    for i in range(2):
        r = upload(client, f"m{i}.txt", f"जिलाधिकारी ने निर्देश दिए कि सर्वे {i} पूरा करें।\n", headers=first)
        assert r.status_code == 201, r.text
    refused = upload(client, "m9.txt", "जिलाधिकारी ने निर्देश दिए कि सर्वे 9 पूरा करें।\n", headers=first)
    assert refused.status_code == 429, refused.text
    assert refused.json()["error"]["code"] == "quota_exceeded" and int(refused.headers["Retry-After"]) > 0
    assert client.get("/v1/documents", headers=first).json()["total"] == 2  # nothing of the refused one
    other = upload(client, "m9.txt", "जिलाधिकारी ने निर्देश दिए कि सर्वे 9 पूरा करें।\n", headers=second)
    assert other.status_code == 201, other.text


def test_page_quota_counts_pages_of_pdfs(make_client: Any) -> None:
    client = make_client(require_auth=True, quota_uploads_per_day=0, quota_pages_per_day=100)
    (editor,) = _editors(client, 1)
    assert upload(client, "a.pdf", many_pages_pdf(60), headers=editor).status_code == 202
    r = upload(client, "b.pdf", many_pages_pdf(61), headers=editor)
    assert r.status_code == 429, r.text
    assert "100 pages" in r.json()["error"]["message"]
    assert upload(client, "c.pdf", many_pages_pdf(40), headers=editor).status_code == 202
