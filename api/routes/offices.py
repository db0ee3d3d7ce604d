"""Offices: registration with aliases, office tokens, unlinked responsibles and bulk assignment, and the
scorecard. An office token reaches only its own office here (``scoped``); everything else needs a role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from api.auth import Admin, Ctx, Editor, OfficeOrViewer, Principal, Viewer
from api.errors import ApiError, error_responses, not_found
from api.params import MAX_ID, IdPath, Text
from core.states import ErrorCode, Role
from store import offices as store
from store.models import Office
from store.repository import get_item
from store.tokens import create_token

router = APIRouter(prefix="/v1/offices", tags=["offices"])

Name = Annotated[Text, Field(max_length=300)]


class OfficeIn(BaseModel):
    designation: Name
    department: Name | None = None
    district: Name | None = None
    email: Annotated[Text, Field(max_length=320)] | None = None
    aliases: list[Name] = Field(default_factory=list, max_length=50)


class OfficeOut(BaseModel):
    id: int
    designation: str
    department: str | None
    district: str | None
    email: str | None
    aliases: list[str]
    items: int


class OfficePatch(BaseModel):
    """Only the fields sent change; an empty department, district or e-mail clears it."""

    designation: Name | None = None
    department: Name | None = None
    district: Name | None = None
    email: Annotated[Text, Field(max_length=320)] | None = None


class AliasesIn(BaseModel):
    aliases: list[Name] = Field(min_length=1, max_length=50)


class AssignIn(BaseModel):
    """Bulk assignment: each responsible (as listed by /unlinked) becomes an alias of the office."""

    office_id: int = Field(ge=1, le=MAX_ID)  # beyond it SQLite cannot bind the id (OverflowError, a 500)
    responsibles: list[Name] = Field(min_length=1, max_length=200)


class AssignOut(BaseModel):
    office_id: int
    aliases_added: list[str]
    items_linked: int


class UnlinkedOut(BaseModel):
    key: str
    label: str
    items: int


class TokenIn(BaseModel):
    label: Annotated[Text, Field(max_length=100)] = ""


class TokenOut(BaseModel):
    office_id: int
    role: str
    token: str = Field(description="shown once; only its hash is stored")


def scoped(who: Principal, office_id: int) -> None:
    """An office token may act for its own office only."""
    if who.role == Role.OFFICE and who.office_id != office_id:
        raise ApiError(403, ErrorCode.FORBIDDEN, "यह टोकन केवल अपने कार्यालय के लिए है (not your office)")


def office_out(office: Office, items: int) -> OfficeOut:
    return OfficeOut(
        id=office.id,
        designation=office.designation,
        department=office.department,
        district=office.district,
        email=office.email,
        aliases=[a.alias for a in office.aliases],
        items=items,
    )


def _bad(e: ValueError) -> ApiError:
    return ApiError(422, ErrorCode.VALIDATION_ERROR, str(e))


@router.get("", response_model=list[OfficeOut])
def list_offices(ctx: Ctx, _who: Viewer) -> list[OfficeOut]:
    with ctx.db.session() as s:
        return [office_out(o, n) for o, n in store.list_offices(s)]


@router.post("", response_model=OfficeOut, status_code=201, responses=error_responses(422))
def create_office(body: OfficeIn, ctx: Ctx, _who: Admin) -> OfficeOut:
    with ctx.db.session() as s:
        try:
            office = store.create_office(s, **body.model_dump())
        except store.OfficeError as e:
            raise _bad(e) from e
        return office_out(office, store.office_item_count(s, office.id))


@router.get("/scorecards", response_model=list[store.Scorecard])
def scorecards(ctx: Ctx, _who: Viewer) -> list[store.Scorecard]:
    """Every office's scorecard (the dashboard panel), in the order of the office list."""
    today = ctx.today()
    with ctx.db.session() as s:
        return store.scorecards(s, today)


@router.get("/unlinked", response_model=list[UnlinkedOut])
def unlinked(ctx: Ctx, _who: Editor) -> list[UnlinkedOut]:
    """Responsibles of items that no office's alias matches, most frequent first."""
    with ctx.db.session() as s:
        return [UnlinkedOut(key=u.key, label=u.label, items=u.items) for u in store.unlinked_responsibles(s)]


@router.post("/assign", response_model=AssignOut, responses=error_responses(404, 422))
def assign(body: AssignIn, ctx: Ctx, _who: Admin) -> AssignOut:
    with ctx.db.session() as s:
        office = s.get(Office, body.office_id)
        if office is None:
            raise not_found("office", body.office_id)
        before = store.office_item_count(s, office.id)
        try:
            added = store.add_aliases(s, office, list(body.responsibles))
        except store.OfficeError as e:
            raise _bad(e) from e
        return AssignOut(
            office_id=office.id, aliases_added=added, items_linked=store.office_item_count(s, office.id) - before
        )


def _office(ctx: Ctx, office_id: int) -> OfficeOut:
    with ctx.db.session() as s:
        office = s.get(Office, office_id)
        if office is None:
            raise not_found("office", office_id)
        return office_out(office, store.office_item_count(s, office_id))


@router.get("/{office_id:int}", response_model=OfficeOut)
def get_office(office_id: IdPath, ctx: Ctx, who: OfficeOrViewer) -> OfficeOut:
    scoped(who, office_id)
    return _office(ctx, office_id)


def _change(ctx: Ctx, office_id: int, change: Callable[[Session, Office], object]) -> OfficeOut:
    """Apply ``change`` to the office (404 if there is none; an OfficeError answers 422) and return it."""
    with ctx.db.session() as s:
        office = s.get(Office, office_id)
        if office is None:
            raise not_found("office", office_id)
        try:
            change(s, office)
        except store.OfficeError as e:
            raise _bad(e) from e
    return _office(ctx, office_id)


@router.patch("/{office_id:int}", response_model=OfficeOut, responses=error_responses(404, 422))
def edit_office(office_id: IdPath, body: OfficePatch, ctx: Ctx, _who: Admin) -> OfficeOut:
    return _change(ctx, office_id, lambda s, o: store.update_office(s, o, body.model_dump(exclude_unset=True)))


@router.post("/{office_id:int}/aliases", response_model=OfficeOut, responses=error_responses(404, 422))
def add_aliases(office_id: IdPath, body: AliasesIn, ctx: Ctx, _who: Admin) -> OfficeOut:
    return _change(ctx, office_id, lambda s, o: store.add_aliases(s, o, list(body.aliases)))


@router.post("/{office_id:int}/tokens", response_model=TokenOut, status_code=201)
def make_token(office_id: IdPath, body: TokenIn, ctx: Ctx, _who: Admin) -> TokenOut:
    """A token with the role ``office`` bound to this office (shown once)."""
    with ctx.db.session() as s:
        office = s.get(Office, office_id)
        if office is None:
            raise not_found("office", office_id)
        token = create_token(s, Role.OFFICE, body.label or office.designation, office_id=office.id)
    return TokenOut(office_id=office_id, role=Role.OFFICE, token=token)


@router.put("/{office_id:int}/items/{item_id:int}", status_code=204)
def assign_item(office_id: IdPath, item_id: IdPath, ctx: Ctx, _who: Admin) -> None:
    """Assign one item to the office by hand."""
    with ctx.db.session() as s:
        office = s.get(Office, office_id)
        if office is None:
            raise not_found("office", office_id)
        item = get_item(s, item_id)
        if item is None:
            raise not_found("action item", item_id)
        store.assign_item(s, office, item)


@router.delete("/{office_id:int}/items/{item_id:int}", status_code=204)
def unassign_item(office_id: IdPath, item_id: IdPath, ctx: Ctx, _who: Admin) -> None:
    with ctx.db.session() as s:
        if not store.unassign_item(s, office_id, item_id):
            raise not_found("office item", f"{office_id}/{item_id}")


@router.get("/{office_id:int}/scorecard", response_model=store.Scorecard)
def scorecard(office_id: IdPath, ctx: Ctx, who: OfficeOrViewer) -> store.Scorecard:
    """Assigned, closed on time, closed late, overdue, open and median days to close (confirmed items)."""
    scoped(who, office_id)
    with ctx.db.session() as s:
        if s.get(Office, office_id) is None:
            raise not_found("office", office_id)
        return store.scorecard(s, office_id, ctx.today())
