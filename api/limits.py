"""Upload size limit enforced while the body streams in, before multipart parsing spools it."""

from __future__ import annotations

import json
from typing import Any

from api.errors import ApiError
from core.states import ErrorCode

MULTIPART_OVERHEAD = 64 * 1024  # boundaries, part headers and the small form fields


class UploadLimitMiddleware:
    """Rejects POST bodies to upload paths larger than ``limit`` (+ multipart overhead) with 413.

    A declared Content-Length over the limit is refused before reading; a chunked or lying body is
    cut off as soon as the running count passes the limit. The exact file size is checked again by
    the handler, so the limit is precise for the file itself.
    """

    def __init__(self, app: Any, *, limit: int, paths: tuple[str, ...]) -> None:
        self.app = app
        self.limit = limit + MULTIPART_OVERHEAD
        self.max_file = limit
        self.paths = paths

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await self._reject(send)
            return
        seen = 0
        exceeded = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    exceeded = True
                    raise ApiError(413, ErrorCode.TOO_LARGE, self._message())
            return message

        async def guarded_send(message: dict[str, Any]) -> None:
            # The body parser turns our exception into its own 400; answer 413 instead.
            if not exceeded:
                await send(message)
            elif message["type"] == "http.response.start":
                await self._reject(send)

        await self.app(scope, counting_receive, guarded_send)

    def _message(self) -> str:
        return f"file is larger than the limit of {self.max_file // (1024 * 1024) or self.max_file} " + (
            "MB" if self.max_file >= 1024 * 1024 else "bytes"
        )

    async def _reject(self, send: Any) -> None:
        body = json.dumps({"error": {"code": "too_large", "message": self._message()}}).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})
