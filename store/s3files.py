"""Originals in an S3-compatible bucket (AWS S3, MinIO, Ceph…), so several machines share one file store.

Keys are the same content-addressed ``files/ab/cdef…`` paths as the local store, so a document row's
``stored_path`` means the same thing whichever store wrote it. boto3 is imported only when this store is
chosen (``NIRDESH_FILE_STORE=s3``); credentials come from the usual AWS environment/config.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.files import FileStore

if TYPE_CHECKING:
    from core.settings import Settings


class S3FileStore:
    def __init__(self, bucket: str, *, endpoint_url: str | None = None, prefix: str = "", client: Any = None) -> None:
        if not bucket:
            raise ValueError("NIRDESH_S3_BUCKET is not set")
        if client is None:
            try:
                import boto3
            except ImportError as e:  # the optional "scale" extra
                raise RuntimeError("the S3 file store needs boto3: pip install 'nirdesh[scale]'") from e
            client = boto3.client("s3", endpoint_url=endpoint_url)
        self.client = client
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    @classmethod
    def from_settings(cls, settings: Settings) -> S3FileStore:
        return cls(settings.s3_bucket, endpoint_url=settings.s3_endpoint_url, prefix=settings.s3_prefix)

    def _key(self, relative: str) -> str:
        if not relative.startswith("files/") or ".." in relative.split("/"):
            raise ValueError("stored path outside the file store")
        return self.prefix + relative

    def put(self, data: bytes) -> tuple[str, str]:
        """Store ``data`` (idempotent: same bytes, same key) and return (sha256, key relative to the prefix)."""
        sha = hashlib.sha256(data).hexdigest()
        rel = FileStore.relative_path(sha)
        if not self.exists(rel):
            # S3 PUTs are atomic: a reader sees the whole object or none; the checksum guards the transfer.
            self.client.put_object(Bucket=self.bucket, Key=self._key(rel), Body=data, ChecksumAlgorithm="SHA256")
        return sha, rel

    def read(self, relative: str) -> bytes:
        try:
            obj = self.client.get_object(Bucket=self.bucket, Key=self._key(relative))
        except self.client.exceptions.NoSuchKey as e:
            raise FileNotFoundError(relative) from e
        return obj["Body"].read()

    def exists(self, relative: str) -> bool:
        from botocore.exceptions import ClientError

        try:
            self.client.head_object(Bucket=self.bucket, Key=self._key(relative))
        except ClientError as e:
            if e.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise
        return True

    def local_path(self, relative: str) -> Path | None:
        return None

    def check(self) -> None:
        """Raises (botocore ClientError) unless the bucket exists and these credentials may use it."""
        self.client.head_bucket(Bucket=self.bucket)

    def delete(self, relative: str) -> bool:
        """Remove an original (only an explicit purge does); True if it existed."""
        existed = self.exists(relative)
        if existed:
            self.client.delete_object(Bucket=self.bucket, Key=self._key(relative))
        return existed
