"""For every API route (read from the app, so a new endpoint is covered automatically): an office token
can neither read nor change another office's items. Each route is called with office A's token,
its path ids naming office B's office, document, item, report and attachment; the answer must be a
refusal (401/403/404). Routes that take office A's own id and no other id answer only A's data."""

from __future__ import annotations

import re
from typing import Any

from fastapi.routing import APIRoute

from tests.helpers.offices import TwoOffices, two_offices

PARAM = re.compile(r"{(\w+)(?::\w+)?}")
# Routes without auth that carry no item data: liveness and readiness.
PUBLIC = {("GET", "/v1/health"), ("GET", "/v1/ready")}
# Routes that answer the caller about itself: with office A's token they must name office A and nothing of B.
SELF = {("GET", "/v1/me")}
REFUSED = {401, 403, 404}


def api_routes(app: Any) -> dict[str, set[str]]:
    """Path template → methods of every API route: the routers included in the app walked recursively
    (FastAPI keeps an included router as one entry), and every path of the OpenAPI schema as a check."""
    found: dict[str, set[str]] = {}

    def walk(routes: list[Any], prefix: str) -> None:
        for r in routes:
            if isinstance(r, APIRoute):
                found.setdefault(prefix + r.path, set()).update((r.methods or set()) - {"HEAD", "OPTIONS"})
            elif hasattr(r, "original_router"):
                walk(r.original_router.routes, prefix + r.include_context.prefix)

    walk(app.routes, "")
    for path, ops in app.openapi()["paths"].items():
        # the schema drops ":int" convertors; match them back to the template found by the walk
        same = [p for p in found if re.sub(r":\w+}", "}", p) == path]
        assert same, f"{path} is in the OpenAPI schema but was not found among the app's routes"
        for p in same:
            assert {m.upper() for m in ops} <= found[p], path
    return found


def _ids(w: TwoOffices, office: int) -> dict[str, Any]:
    return {
        "office_id": office,
        "document_id": w.doc_b,
        "item_id": w.item_b,
        "report_id": w.report_b,
        "attachment_id": w.attachment_b,
        "job_id": 1,
        "token_id": 1,
        "kind": "officer",
        "key": "सचिव",
    }


def _path(template: str, ids: dict[str, Any]) -> str:
    return PARAM.sub(lambda m: str(ids.get(m.group(1), 1)), template)


def _call(client: Any, method: str, path: str, headers: dict[str, str]) -> Any:
    body: dict[str, Any] | None = {} if method in ("POST", "PUT", "PATCH") else None
    return client.request(method, path, json=body, headers=headers)


def test_office_token_cannot_reach_another_offices_items_on_any_route(client) -> None:
    w = two_offices(client)
    routes = api_routes(client.app)
    tried: list[tuple[str, str, int]] = []
    leaks: list[str] = []
    for template, methods in sorted(routes.items()):
        params = set(PARAM.findall(template))
        for method in sorted(methods):
            if (method, template) in PUBLIC:
                continue
            if (method, template) in SELF:
                resp = _call(client, method, template, w.token_a)
                tried.append((method, template, resp.status_code))
                if resp.status_code != 200 or resp.json().get("office_id") != w.a or "सचिव" in resp.text:
                    leaks.append(f"{method} {template} -> {resp.status_code} {resp.text[:200]} (self)")
                continue
            # 1. every id names office B's things
            resp = _call(client, method, _path(template, _ids(w, w.b)), w.token_a)
            tried.append((method, template, resp.status_code))
            if resp.status_code not in REFUSED:
                leaks.append(f"{method} {template} -> {resp.status_code} (B's ids)")
            # 2. office A's own id, but B's item / report / attachment
            if "office_id" in params and params - {"office_id"}:
                resp = _call(client, method, _path(template, _ids(w, w.a)), w.token_a)
                tried.append((method, template + " (own office)", resp.status_code))
                if resp.status_code not in REFUSED:
                    leaks.append(f"{method} {template} -> {resp.status_code} (A's office, B's item)")
            # 3. only A's own office id: whatever it answers holds none of B's items
            elif params == {"office_id"}:
                resp = _call(client, method, _path(template, _ids(w, w.a)), w.token_a)
                tried.append((method, template + " (own office)", resp.status_code))
                if resp.status_code < 300 and (str(w.item_b) in _ids_in(resp) or "शौचालय" in resp.text):
                    leaks.append(f"{method} {template} -> B's item in A's answer")
    print(f"\noffice scoping: {len(tried)} route x id combinations for the office role over {len(routes)} routes")
    assert not leaks, "\n".join(leaks)
    assert len({(m, p.split(" ")[0]) for m, p, _ in tried}) == sum(len(m) for m in routes.values()) - len(PUBLIC)
    assert len(routes) > 30  # the walk found the routers' routes, not just the app's own
    # B's things are untouched: its report is still pending with one attachment, its item open
    report = client.get(f"/v1/reports/{w.report_b}").json()
    assert report["review"] == "pending" and len(report["attachments"]) == 1
    assert client.get(f"/v1/action-items/{w.item_b}").json()["status"] == "open"


def _ids_in(resp: Any) -> str:
    """The item ids of an answer, as text ("" when it has none)."""
    try:
        body = resp.json()
    except ValueError:
        return ""
    items = body.get("items") if isinstance(body, dict) else None
    return " ".join(str(i.get("id")) for i in items) if isinstance(items, list) else ""


def test_roles_below_editor_cannot_manage_offices_or_review(client) -> None:
    from tests.helpers.offices import bearer

    w = two_offices(client)
    from store.tokens import create_token

    with client.app.state.ctx.db.session() as s:
        viewer, editor = bearer(create_token(s, "viewer", "v")), bearer(create_token(s, "editor", "e"))
    cases = [
        ("POST", "/v1/offices", {"designation": "x"}, {"office": 403, "viewer": 403, "editor": 403}),
        ("POST", f"/v1/offices/{w.a}/tokens", {}, {"office": 403, "viewer": 403, "editor": 403}),
        (
            "POST",
            "/v1/offices/assign",
            {"office_id": w.a, "responsibles": ["x"]},
            {"office": 403, "viewer": 403, "editor": 403},
        ),
        ("POST", f"/v1/reports/{w.report_b}/review", {"decision": "accept"}, {"office": 403, "viewer": 403}),
        ("GET", "/v1/offices/unlinked", None, {"office": 403, "viewer": 403}),
    ]
    headers = {"office": w.token_b, "viewer": viewer, "editor": editor}
    n = 0
    for method, path, body, expected in cases:
        for role, status in expected.items():
            assert client.request(method, path, json=body, headers=headers[role]).status_code == status, (role, path)
            n += 1
    print(f"\nrole checks on office management: {n} endpoint x role combinations")
