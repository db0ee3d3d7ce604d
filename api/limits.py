"""Request body limits enforced while the body streams in: uploads before multipart parsing spools them,
every other body (JSON) at ``core.limits.JSON_BODY_BYTES`` before the handler reads it in full."""

from __future__ import annotations

import json
from typing import Any

from api.errors import ApiError
from core.limits import JSON_BODY_BYTES
from core.states import ErrorCode

MULTIPART_OVERHEAD = 64 * 1024  # boundaries, part headers and the small form fields


class UploadLimitMiddleware:
    """Rejects POST bodies to upload paths larger than ``limit`` (+ multipart overhead) with 413, and any
    other request body larger than ``body_limit``.

    A declared Content-Length over the limit is refused before reading; a chunked or lying body is
    cut off as soon as the running count passes the limit. The exact file size is checked again by
    the handler, so the limit is precise for the file itself.
    """

    def __init__(self, app: Any, *, limit: int, paths: tuple[str, ...], body_limit: int = JSON_BODY_BYTES) -> None:
        self.app = app
        self.upload_limit = limit + MULTIPART_OVERHEAD
        self.max_file = limit
        self.paths = paths
        self.body_limit = body_limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        is_upload = scope["method"] == "POST" and scope["path"] in self.paths
        limit = self.upload_limit if is_upload else self.body_limit
        refusal = self._message() if is_upload else f"request body is larger than the limit of {limit} bytes"
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(send, refusal)
            return
        seen = 0
        exceeded = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    exceeded = True
                    raise ApiError(413, ErrorCode.TOO_LARGE, refusal)
            return message

        async def guarded_send(message: dict[str, Any]) -> None:
            # The body parser turns our exception into its own 400; answer 413 instead.
            if not exceeded:
                await send(message)
            elif message["type"] == "http.response.start":
                await self._reject(send, refusal)

        await self.app(scope, counting_receive, guarded_send)

    def _message(self) -> str:
        return f"file is larger than the limit of {self.max_file // (1024 * 1024) or self.max_file} " + (
            "MB" if self.max_file >= 1024 * 1024 else "bytes"
        )

    async def _reject(self, send: Any, message: str) -> None:
        body = json.dumps({"error": {"code": "too_large", "message": message}}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})
