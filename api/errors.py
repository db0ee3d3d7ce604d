"""One error shape for every failure: ``{"error": {"code": "...", "message": "..."}}``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("nirdesh.api")

# IngestError.code → HTTP status
INGEST_STATUS = {
    "unsupported": 415,
    "too_large": 413,
    "corrupt": 422,
    "encrypted": 422,
    "empty": 422,
    "unreadable": 422,
}

_HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported",
    422: "validation_error",
    500: "internal_error",
}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None, **extra: Any):
    body: dict[str, Any] = {"code": code, "message": message, **extra}
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def not_found(what: str, ident: Any) -> ApiError:
    return ApiError(404, "not_found", f"{what} {ident} not found")


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_req: Request, exc: StarletteHTTPException):
        code = _HTTP_CODES.get(exc.status_code, "http_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return error_response(exc.status_code, code, message, getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req: Request, exc: RequestValidationError):
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        message = f"{'.'.join(first['loc'])}: {first['msg']}" if first["loc"] else first["msg"]
        return error_response(422, "validation_error", message, details=details)

    # A backend that is away for a moment (database or broker restart): 503, the client tries again later.
    async def _db_down(_req: Request, exc: Exception):
        log.warning("database unavailable: %s", exc)
        return error_response(503, "service_unavailable", "the database is not reachable; try again shortly",
                              {"Retry-After": "5"})

    async def _broker_down(_req: Request, exc: Exception):
        log.warning("job broker unavailable: %s", exc)
        return error_response(503, "service_unavailable", "the job queue (Redis) is not reachable; try again shortly",
                              {"Retry-After": "5"})

    for db_error in (OperationalError, InterfaceError):
        app.add_exception_handler(db_error, _db_down)
    for broker_error in _broker_errors():
        app.add_exception_handler(broker_error, _broker_down)

    @app.exception_handler(Exception)
    async def _unexpected(_req: Request, exc: Exception):
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, "internal_error", "internal server error")


def _broker_errors() -> tuple[type[Exception], ...]:
    """Connection errors of redis and kombu, when those optional packages are installed."""
    found: list[type[Exception]] = []
    try:
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError

        found += [RedisConnectionError, RedisTimeoutError]
    except ImportError:
        pass
    try:
        from kombu.exceptions import OperationalError as KombuOperationalError

        found.append(KombuOperationalError)
    except ImportError:
        pass
    return tuple(found)
