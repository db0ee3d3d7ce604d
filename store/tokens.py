"""API tokens: only a SHA-256 of the token is stored; the plaintext is shown once at creation."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.states import Role
from store.models import ROLES, ApiToken

ROLE_RANK: dict[str, int] = {r: i for i, r in enumerate(ROLES)}  # office < viewer < editor < admin


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(session: Session, role: str, label: str, office_id: int | None = None) -> str:
    """Create a token and return its plaintext (never stored). Role ``office`` needs its ``office_id``."""
    if role not in ROLE_RANK:
        raise ValueError(f"role must be one of {list(ROLES)}")
    if (role == Role.OFFICE) != (office_id is not None):
        raise ValueError("an office token needs its office, and only an office token has one")
    token = "nd_" + secrets.token_urlsafe(32)
    session.add(ApiToken(token_hash=hash_token(token), role=role, label=(label or role)[:100], office_id=office_id))
    session.flush()
    return token


def verify_token(session: Session, token: str) -> ApiToken | None:
    row = session.scalar(select(ApiToken).where(ApiToken.token_hash == hash_token(token)))
    if row is None or row.revoked:
        return None
    row.last_used_at = datetime.now(UTC)
    return row


def list_tokens(session: Session) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).order_by(ApiToken.id)))


def revoke_token(session: Session, token_id: int) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None:
        return False
    row.revoked = True
    return True
