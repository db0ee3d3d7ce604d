"""Browser protections: trusted Host names, same-origin changes, and security headers.

The default setup serves an open API on loopback, so any web page the user visits could otherwise
* post to it (CSRF: a cross-origin form upload or reprocess needs no CORS preflight), or
* read it through DNS rebinding (a name of the attacker's that resolves to 127.0.0.1: the browser then
  treats the API as same-origin with the attacker's page, and sends ``Host: attacker.example``).

So every request must name a trusted host, and a change (anything but GET, HEAD, OPTIONS) sent by a
browser must come from the same origin (its ``Origin``, else its ``Referer``, else ``Sec-Fetch-Site``),
or from one listed in ``NIRDESH_ALLOWED_ORIGINS``. Clients that are not browsers send none of these
headers and are not affected. Every answer carries ``nosniff`` and may not be framed; the web UI gets a
Content-Security-Policy that allows only its own scripts, styles and images.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlsplit

from starlette.datastructures import Headers, MutableHeaders

from api.auth import is_loopback

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
WILDCARD_BINDS = frozenset({"0.0.0.0", "::", ""})

UI_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# /docs and /redoc load Swagger UI and ReDoc from their CDN with inline scripts; they only may not be framed.
OTHER_CSP = "frame-ancestors 'none'"
COMMON_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DOC_PATHS = ("/docs", "/redoc", "/openapi.json", "/v1")
#: Load balancers probe these by address, under any Host; they answer nothing worth a rebinding attack.
PROBE_PATHS = frozenset({"/v1/health", "/v1/ready"})


def _split(value: str) -> set[str]:
    return {x.strip().lower() for x in value.split(",") if x.strip()}


def host_name(netloc: str) -> str:
    """The host of a ``Host`` header or URL netloc, lower case, without port or IPv6 brackets."""
    netloc = netloc.strip().lower()
    if netloc.startswith("["):
        return netloc[1 : netloc.find("]")] if "]" in netloc else netloc
    return netloc.rsplit(":", 1)[0] if netloc.count(":") == 1 else netloc


def trusted_hosts(bind_host: str, public_url: str, allowed: str) -> frozenset[str] | None:
    """Host names this server answers to; None = any.

    Loopback names, the bind address and the public URL's host always; ``allowed`` adds names ("*" =
    any). A server bound to every interface with nothing configured answers to any name: it is reached by
    names only its network knows, and there every request needs a token anyway.
    """
    extra = _split(allowed)
    if "*" in extra:
        return None
    public = host_name(urlsplit(public_url).netloc) if public_url else ""
    if bind_host in WILDCARD_BINDS and not public and not extra:
        return None
    names = set(LOOPBACK_NAMES) | extra | ({public} if public else set())
    if bind_host not in WILDCARD_BINDS:
        names.add(host_name(bind_host))
    return frozenset(names)


def _origin_netloc(url: str) -> str | None:
    """``host[:port]`` of an Origin/Referer value, None when it has none (``null``, ``file:``...)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    return host if (parts.port or default) == default else f"{host}:{parts.port}"


def _same_site_netloc(host_header: str, scheme: str) -> str:
    """The request's own ``host[:port]`` in the form ``_origin_netloc`` gives."""
    return _origin_netloc(f"{scheme}://{host_header}") or host_header.lower()


class BrowserGuard:
    """ASGI middleware: 400 for an untrusted Host, 403 for a cross-origin change, security headers always."""

    def __init__(self, app: Any, *, hosts: frozenset[str] | None, origins: set[str], public_url: str = "") -> None:
        self.app = app
        self.hosts = hosts
        self.origins = {n for n in (_origin_netloc(o) for o in origins) if n}
        if public_url and (public := _origin_netloc(public_url)):
            self.origins.add(public)

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        host = headers.get("host", "")
        refusal = self._refusal(scope, headers, host)
        if refusal is not None:
            await _reject(send, *refusal)
            return
        path = scope.get("path", "")
        csp = OTHER_CSP if any(path == p or path.startswith(p + "/") for p in DOC_PATHS) else UI_CSP

        async def secured_send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                for name, value in COMMON_HEADERS.items():
                    out.setdefault(name, value)
                out.setdefault("Content-Security-Policy", csp)
            await send(message)

        await self.app(scope, receive, secured_send)

    def _refusal(self, scope: dict[str, Any], headers: Headers, host: str) -> tuple[int, str, str] | None:
        name = host_name(host)
        trusted = self.hosts is None or name in self.hosts or (name and is_loopback(name))
        if not trusted and not (scope["method"] in SAFE_METHODS and scope.get("path") in PROBE_PATHS):
            return (
                400,
                "untrusted_host",
                f"this server does not answer to the host {host!r}; "
                + ("add it to NIRDESH_ALLOWED_HOSTS or set NIRDESH_PUBLIC_URL"),
            )
        if scope["method"] in SAFE_METHODS:
            return None
        own = _same_site_netloc(host, scope.get("scheme", "http"))
        for header in ("origin", "referer"):
            value = headers.get(header)
            if value is None:
                continue
            netloc = _origin_netloc(value)
            if netloc is not None and (netloc == own or netloc in self.origins):
                return None
            return 403, "cross_origin", f"a change from another origin ({header}: {value[:100]!r}) is refused"
        if headers.get("sec-fetch-site") == "cross-site":
            return 403, "cross_origin", "a change from another site is refused"
        return None


async def _reject(send: Any, status: int, code: str, message: str) -> None:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start_headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    start_headers += [(k.lower().encode(), v.encode()) for k, v in COMMON_HEADERS.items()]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": body})
