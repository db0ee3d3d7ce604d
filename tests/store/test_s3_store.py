"""The S3-compatible file store against a local S3 server (moto in server mode, started here)."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from core.settings import Settings
from store.files import FileStore, make_file_store
from store.s3files import S3FileStore
from tests.helpers.builders import upload
from tests.helpers.scale_cluster import S3Server


@pytest.fixture(scope="module")
def s3() -> Iterator[S3Server]:
    server = S3Server(bucket="nirdesh-files")
    server.start()
    yield server
    server.stop()


def _store(s3: S3Server, prefix: str = "") -> S3FileStore:
    return S3FileStore(s3.bucket, endpoint_url=s3.endpoint, prefix=prefix)


def test_put_read_exists_use_the_local_stores_keys(s3: S3Server, tmp_path: Any) -> None:
    store = _store(s3, prefix="tenant-a")
    data = "बैठक का कार्यवृत्त\n".encode() * 100
    sha, rel = store.put(data)
    assert sha == hashlib.sha256(data).hexdigest()
    assert rel == FileStore(tmp_path).put(data)[1]  # same content address as the local folder
    assert store.exists(rel) and store.read(rel) == data
    keys = [o["Key"] for o in store.client.list_objects_v2(Bucket=s3.bucket)["Contents"]]
    assert f"tenant-a/{rel}" in keys


def test_put_is_idempotent_and_missing_keys_are_reported(s3: S3Server) -> None:
    store = _store(s3, prefix="idem")
    data = b"same bytes twice"
    first = store.put(data)
    head = store.client.head_object(Bucket=s3.bucket, Key=f"idem/{first[1]}")
    assert store.put(data) == first
    again = store.client.head_object(Bucket=s3.bucket, Key=f"idem/{first[1]}")
    assert again["LastModified"] == head["LastModified"]  # not written a second time
    missing = FileStore.relative_path("0" * 64)
    assert not store.exists(missing)
    with pytest.raises(FileNotFoundError):
        store.read(missing)
    with pytest.raises(ValueError):
        store.read("../etc/passwd")


def test_settings_choose_the_store(s3: S3Server, tmp_path: Any) -> None:
    local = dataclasses.replace(Settings(), data_dir=tmp_path)
    assert isinstance(make_file_store(local), FileStore)
    remote = dataclasses.replace(local, file_store="s3", s3_bucket=s3.bucket, s3_endpoint_url=s3.endpoint)
    assert isinstance(make_file_store(remote), S3FileStore)
    with pytest.raises(ValueError, match="NIRDESH_FILE_STORE"):
        make_file_store(dataclasses.replace(local, file_store="ftp"))
    with pytest.raises(ValueError, match="NIRDESH_S3_BUCKET"):
        make_file_store(dataclasses.replace(local, file_store="s3", s3_bucket=""))


def test_api_stores_and_serves_originals_from_s3(
    s3: S3Server, make_client: Callable[..., Any], settings: Settings
) -> None:
    client = make_client(file_store="s3", s3_bucket=s3.bucket, s3_endpoint_url=s3.endpoint, s3_prefix="api")
    text = "विभाग: लोक निर्माण विभाग\nजिलाधिकारी ने तहसीलदार को निर्देश दिए कि सूची 2025-03-01 तक दें।\n"
    r = upload(client, "minutes.txt", text)
    assert r.status_code == 201, r.text
    doc = r.json()
    sha = hashlib.sha256(text.encode()).hexdigest()
    assert _store(s3, prefix="api").read(FileStore.relative_path(sha)) == text.encode()
    assert not (settings.data_dir / "files").exists()  # nothing written to the local folder
    got = client.get(f"/v1/documents/{doc['id']}/file")
    assert got.status_code == 200 and got.content == text.encode()
    assert got.headers["content-type"].startswith("text/plain")


def test_ready_says_503_when_the_bucket_is_missing(s3: S3Server, make_client: Callable[..., Any]) -> None:
    """Issue 17, finding 13: a missing bucket made every upload 500 while /v1/ready said 200."""
    good = make_client(file_store="s3", s3_bucket=s3.bucket, s3_endpoint_url=s3.endpoint)
    assert good.get("/v1/ready").status_code == 200
    missing = make_client(file_store="s3", s3_bucket="no-such-bucket", s3_endpoint_url=s3.endpoint)
    r = missing.get("/v1/ready")
    assert r.status_code == 503, r.text
    assert r.json()["error"]["code"] == "service_unavailable" and "file store" in r.json()["error"]["message"]


def test_delete_removes_an_original_once(s3: S3Server, tmp_path: Any) -> None:
    """Only the explicit purge of deleted documents' originals calls delete; the local store behaves alike."""
    for store in (_store(s3, prefix="purge"), FileStore(tmp_path)):
        _sha, rel = store.put(b"an original to purge")
        assert store.delete(rel) is True and not store.exists(rel)
        assert store.delete(rel) is False
        with pytest.raises(ValueError):
            store.delete("../outside")
