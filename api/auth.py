"""Bearer-token auth with roles viewer < editor < admin.

When auth is not required (loopback bind without NIRDESH_REQUIRE_AUTH) requests without a token act
as a local admin; a token that is sent is still checked, so a wrong token is never ignored silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from ipaddress import ip_address
from typing import Annotated

from fastapi import Depends, Request

from api.context import ServiceContext, get_ctx
from api.errors import ApiError
from core.states import ErrorCode, Role
from store.tokens import ROLE_RANK, verify_token


@dataclass(frozen=True)
class Principal:
    actor: str
    role: str
    office_id: int | None = None  # role office: the only office whose items it may see and report on


LOCAL = Principal(actor="local", role=Role.ADMIN)


def is_loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return host == "localhost"
    try:
        return ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def auth_required_for(host: str, require_auth: bool) -> bool:
    return require_auth or not is_loopback(host)


def _authenticate(request: Request, ctx: ServiceContext) -> Principal:
    header = request.headers.get("authorization")
    if not header:
        if ctx.auth_required:
            raise ApiError(401, ErrorCode.UNAUTHORIZED, "an API token is required", {"WWW-Authenticate": "Bearer"})
        return LOCAL
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            401, ErrorCode.UNAUTHORIZED, "use 'Authorization: Bearer <token>'", {"WWW-Authenticate": "Bearer"}
        )
    with ctx.db.session() as s:
        row = verify_token(s, token.strip())
        if row is None:
            raise ApiError(401, ErrorCode.UNAUTHORIZED, "invalid or revoked token", {"WWW-Authenticate": "Bearer"})
        return Principal(actor=f"{row.label}#{row.id}", role=row.role, office_id=row.office_id)


def require(role: str) -> Callable[..., Principal]:
    """Dependency: the caller, who must hold at least ``role``."""

    def dependency(request: Request, ctx: Annotated[ServiceContext, Depends(get_ctx)]) -> Principal:
        who = _authenticate(request, ctx)
        if ROLE_RANK[who.role] < ROLE_RANK[role]:
            raise ApiError(403, ErrorCode.FORBIDDEN, f"this needs the {role} role; the token has {who.role}")
        return who

    return dependency


viewer = require(Role.VIEWER)
office_or_viewer = require(Role.OFFICE)  # an office token, or anyone who may read everything
editor = require(Role.EDITOR)
admin = require(Role.ADMIN)

Ctx = Annotated[ServiceContext, Depends(get_ctx)]
Viewer = Annotated[Principal, Depends(viewer)]
Editor = Annotated[Principal, Depends(editor)]
Admin = Annotated[Principal, Depends(admin)]
OfficeOrViewer = Annotated[Principal, Depends(office_or_viewer)]
