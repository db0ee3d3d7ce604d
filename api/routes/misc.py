"""Jobs, statistics and API tokens."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from api.auth import Admin, Ctx, OfficeOrViewer, Viewer
from api.errors import not_found
from api.params import IdPath
from api.review_param import ReviewQuery
from api.schemas import JobOut, TokenCreate, TokenCreated, TokenOut, job_out
from store import jobs as job_store
from store.models import Office
from store.stats import workload
from store.tokens import create_token, list_tokens, revoke_token

router = APIRouter(prefix="/v1")


class MeOut(BaseModel):
    actor: str
    role: str
    office_id: int | None
    office: str | None  # the office's designation, for a token with the role office


@router.get("/me", response_model=MeOut, tags=["tokens"])
def me(ctx: Ctx, who: OfficeOrViewer) -> MeOut:
    """Who the caller is: the web UI picks its screens by the role (an office sees only its own items)."""
    office = None
    if who.office_id is not None:
        with ctx.db.session() as s:
            row = s.get(Office, who.office_id)
            office = row.designation if row else None
    return MeOut(actor=who.actor, role=who.role, office_id=who.office_id, office=office)


@router.get("/jobs/{job_id:int}", response_model=JobOut, tags=["jobs"])
def get_job(job_id: IdPath, ctx: Ctx, _who: Viewer) -> JobOut:
    with ctx.db.session() as s:
        job = job_store.get_job(s, job_id)
        if job is None:
            raise not_found("job", job_id)
        return job_out(job)


@router.get("/stats", tags=["stats"])
def stats(ctx: Ctx, _who: Viewer, review: ReviewQuery = None, tracked: bool | None = None) -> dict:
    """Open items per officer (responsible designation) and per department, with overdue figures.

    Confirmed items only unless ``review=all`` (``tracked=false``, the older spelling, means the same)."""
    scope = review or ("all" if tracked is False else "confirmed")
    with ctx.db.session() as s:
        return workload(s, today=ctx.today(), review=scope)


@router.post("/tokens", response_model=TokenCreated, status_code=201, tags=["tokens"])
def new_token(body: TokenCreate, ctx: Ctx, _who: Admin) -> TokenCreated:
    with ctx.db.session() as s:
        token = create_token(s, body.role, body.label)
    return TokenCreated(token=token, role=body.role, label=body.label)


@router.get("/tokens", response_model=list[TokenOut], tags=["tokens"])
def get_tokens(ctx: Ctx, _who: Admin) -> list[TokenOut]:
    with ctx.db.session() as s:
        return [TokenOut.model_validate(t) for t in list_tokens(s)]


@router.delete("/tokens/{token_id:int}", status_code=204, tags=["tokens"])
def delete_token(token_id: IdPath, ctx: Ctx, _who: Admin) -> None:
    with ctx.db.session() as s:
        if not revoke_token(s, token_id):
            raise not_found("token", token_id)
