"""One error shape for every failure: ``{"error": {"code": "...", "message": "..."}}``."""

from __future__ import annotations

import logging
import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from core.states import ErrorCode

log = logging.getLogger("nirdesh.api")

# IngestError.code → HTTP status
INGEST_STATUS: dict[str, int] = {
    ErrorCode.UNSUPPORTED: 415,
    ErrorCode.TOO_LARGE: 413,
    ErrorCode.CORRUPT: 422,
    ErrorCode.ENCRYPTED: 422,
    ErrorCode.EMPTY: 422,
    ErrorCode.UNREADABLE: 422,
}

_HTTP_CODES: dict[int, str] = {
    400: ErrorCode.BAD_REQUEST,
    401: ErrorCode.UNAUTHORIZED,
    403: ErrorCode.FORBIDDEN,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.TOO_LARGE,
    415: ErrorCode.UNSUPPORTED,
    422: ErrorCode.VALIDATION_ERROR,
    500: ErrorCode.INTERNAL_ERROR,
}


class ErrorDetail(BaseModel):
    loc: list[str]
    msg: str


class ErrorBody(BaseModel):
    code: str
    message: str
    details: list[ErrorDetail] | None = None  # only for request validation errors


class ErrorResponse(BaseModel):
    """The body of every 4xx/5xx answer."""

    error: ErrorBody


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a route decorator: these statuses answer with :class:`ErrorResponse`."""
    return {s: {"model": ErrorResponse, "description": _HTTP_CODES.get(s, "error").replace("_", " ")} for s in statuses}


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
    return ApiError(404, ErrorCode.NOT_FOUND, f"{what} {ident} not found")


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError):
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(req: Request, exc: StarletteHTTPException):
        code = _HTTP_CODES.get(exc.status_code, ErrorCode.HTTP_ERROR)
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        headers = getattr(exc, "headers", None)
        if exc.status_code == 405:
            # Starlette names only the first route that matched the path; list every method the path has.
            allowed = _allowed_methods(app, req.url.path)
            if allowed:
                headers = {**(headers or {}), "Allow": ", ".join(allowed)}
        return error_response(exc.status_code, code, message, headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_req: Request, exc: RequestValidationError):
        details = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
        loc: list[str] = details[0]["loc"] if details else []  # type: ignore[assignment]  # built just above
        msg = str(details[0]["msg"]) if details else "invalid request"
        message = f"{'.'.join(loc)}: {msg}" if loc else msg
        return error_response(422, ErrorCode.VALIDATION_ERROR, message, details=details)

    # A backend that is away for a moment (database or broker restart): 503, the client tries again later.
    async def _db_down(_req: Request, exc: Exception):
        log.warning("database unavailable: %s", exc)
        return error_response(
            503, ErrorCode.SERVICE_UNAVAILABLE, "the database is not reachable; try again shortly", {"Retry-After": "5"}
        )

    async def _broker_down(_req: Request, exc: Exception):
        log.warning("job broker unavailable: %s", exc)
        return error_response(
            503,
            ErrorCode.SERVICE_UNAVAILABLE,
            "the job queue (Redis) is not reachable; try again shortly",
            {"Retry-After": "5"},
        )

    for db_error in (OperationalError, InterfaceError):
        app.add_exception_handler(db_error, _db_down)
    for broker_error in _broker_errors():
        app.add_exception_handler(broker_error, _broker_down)

    @app.exception_handler(DataError)
    async def _data_error(_req: Request, exc: DataError):
        # A value the database cannot store (a NUL character, a number out of range) slipped past validation.
        log.warning("database refused a value: %s", exc.orig)
        return error_response(
            422, ErrorCode.VALIDATION_ERROR, "a value is out of range or has characters that cannot be stored"
        )

    @app.exception_handler(Exception)
    async def _unexpected(_req: Request, exc: Exception):
        log.exception("unhandled error", exc_info=exc)
        return error_response(500, ErrorCode.INTERNAL_ERROR, "internal server error")


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


def _path_regex(template: str, item: dict[str, Any]) -> str:
    """A regex for an OpenAPI path template; integer path parameters match digits only (as the routes do)."""
    integers = {
        p["name"]
        for op in item.values()
        if isinstance(op, dict)
        for p in op.get("parameters", [])
        if p.get("in") == "path" and p.get("schema", {}).get("type") == "integer"
    }
    parts = re.split(r"\{([^/{}]+)\}", template)
    return "".join(
        re.escape(part) if i % 2 == 0 else ("[0-9]+" if part in integers else "[^/]+") for i, part in enumerate(parts)
    )


def _allowed_methods(app: FastAPI, path: str) -> list[str]:
    """The methods the OpenAPI spec lists for ``path`` (with HEAD where GET is)."""
    methods: set[str] = set()
    for template, item in app.openapi().get("paths", {}).items():
        if re.fullmatch(_path_regex(template, item), path):
            methods |= {m.upper() for m in item if m in _METHODS}
    if "GET" in methods:
        methods.add("HEAD")
    return sorted(methods)


_ERROR_REF = {"$ref": "#/components/schemas/ErrorResponse"}
#: Operations that answer without a token even when auth is required; every other /v1 one may give 401/403.
PUBLIC_OPERATIONS = {("get", "/v1/health")}
_METHODS = {"get", "post", "put", "patch", "delete"}


def _generic_statuses(method: str, path: str, operation: dict[str, Any]) -> set[int]:
    """Error statuses any operation of this form can answer, read from its own OpenAPI entry."""
    params = operation.get("parameters", [])
    body = "requestBody" in operation
    statuses = {500}
    if any(p.get("in") == "path" for p in params):
        statuses.add(404)
    if body:
        statuses.add(400)  # a body that cannot be parsed (broken JSON or multipart)
    if params or body:
        statuses.add(422)
    if path.startswith("/v1/") and (method, path) not in PUBLIC_OPERATIONS:
        statuses |= {401, 403}
    return statuses


def document_errors(app: FastAPI) -> None:
    """Make ``app.openapi()`` document the error answers every operation can give, all as ErrorResponse.

    Route-specific ones (413, 415, 409) are declared on the routes with :func:`error_responses`; this adds
    400/401/403/404/422/500 as they apply and replaces FastAPI's own HTTPValidationError, which the
    validation handler above never sends.
    """
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = generate()
        components = spec.setdefault("components", {}).setdefault("schemas", {})
        model = ErrorResponse.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(model.pop("$defs", {}))
        components["ErrorResponse"] = model
        for path, item in spec.get("paths", {}).items():
            for method, operation in item.items():
                if method not in _METHODS:
                    continue
                responses = operation.setdefault("responses", {})
                for status in sorted(_generic_statuses(method, path, operation)):
                    responses[str(status)] = {
                        "description": _HTTP_CODES[status].replace("_", " "),
                        "content": {"application/json": {"schema": _ERROR_REF}},
                    }
        if "HTTPValidationError" not in str(spec["paths"]):
            components.pop("HTTPValidationError", None)
            components.pop("ValidationError", None)
        return spec

    app.openapi = openapi  # type: ignore[method-assign]
