"""Property-based API fuzzing with schemathesis against the app's own OpenAPI spec.

Every operation gets a bounded number of generated requests (valid and invalid) against an app with
the FakeExtractor; no answer may be a 500, every answer must match the documented status codes and
schemas, and every error must have the one documented shape ``{"error": {"code", "message"}}``.

The spec is read once at import (schemathesis parametrizes tests per operation at collection); the
requests go to an app built by a fixture on a temporary data directory. (``schemathesis.pytest.
from_fixture`` would avoid that split, but it breaks on pytest >= 9.2.)
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

schemathesis = pytest.importorskip("schemathesis")  # the dev extra installs it
from hypothesis import HealthCheck, settings  # noqa: E402

from core.settings import Settings  # noqa: E402
from tests.helpers.builders import PG_ENV, SKIP_PG_ENV, FakeExtractor, reset_pg  # noqa: E402

MAX_EXAMPLES = int(os.environ.get("NIRDESH_FUZZ_EXAMPLES", "30"))  # per operation; ~25 s for both databases


#: Checks that cannot hold for an operation, and why:
#: - a correction's values are validated per field by store.fields (a deadline needs an ISO date, ...)
#:   beyond the JSON schema, so a schema-valid correction may rightly get a 422;
#: - an If-Match header (PATCH, review) that names another version of the item rightly gets a 412;
#: - an upload's bytes must be a non-empty PDF, image, TXT or DOCX file (a 422/415 for schema-valid bytes),
#:   and schemathesis's "invalid" multipart file parts (e.g. the JSON null) arrive as ordinary bytes;
#: - an office's designation must hold a letter and an alias names one office only (store.offices), so a
#:   schema-valid blank designation (at registration or by an edit) or an alias already given to another
#:   office rightly gets a 422;
#: - the list's ``after`` is an opaque cursor (the ``next_after`` of a page): a schema-valid string that is
#:   no cursor of the requested sort is rightly a 422 (tests/store/test_keyset.py, tests/api/test_keyset_api.py).
SKIPPED_CHECKS = {
    "GET /v1/action-items": ("positive_data_acceptance",),
    "POST /v1/offices": ("positive_data_acceptance",),
    "POST /v1/offices/assign": ("positive_data_acceptance",),
    "POST /v1/offices/{office_id}/aliases": ("positive_data_acceptance",),
    "PATCH /v1/offices/{office_id}": ("positive_data_acceptance",),
    "PATCH /v1/action-items/{item_id}": ("positive_data_acceptance",),
    "POST /v1/action-items/{item_id}/review": ("positive_data_acceptance",),
    "POST /v1/documents": ("positive_data_acceptance", "negative_data_rejection"),
}


def _settings(data_dir: Path) -> Settings:
    return dataclasses.replace(
        Settings(),
        data_dir=data_dir,
        max_upload_bytes=256 * 1024,
        sync_max_bytes=64 * 1024,
        job_workers=1,
        require_auth=False,
        host="127.0.0.1",
    )


def _spec() -> dict[str, Any]:
    from api.app import create_app

    with tempfile.TemporaryDirectory(prefix="nirdesh-spec-") as tmp:
        app = create_app(_settings(Path(tmp)), extract=FakeExtractor(), database_url="sqlite://")
        spec = app.openapi()
        app.state.ctx.db.dispose()
    return spec


schema = schemathesis.openapi.from_dict(_spec())


def error_shape(ctx: Any, response: Any, case: Any) -> bool | None:
    """A schemathesis check: any 4xx/5xx answer is JSON ``{"error": {"code": str, "message": str}}``."""
    if response.status_code < 400:
        return None
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"error"}, f"not the error shape: {body!r}"
    err = body["error"]
    assert isinstance(err.get("code"), str) and err["code"], f"error without a code: {body!r}"
    assert isinstance(err.get("message"), str) and err["message"], f"error without a message: {body!r}"
    return True


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def api_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """One app per database for the module, seeded with a document that has an action item (so id 1 exists).

    PostgreSQL matters here: it refuses values SQLite stores (NUL characters, integers over 32 bits).
    """
    from fastapi.testclient import TestClient

    from api.app import create_app

    tmp = tmp_path_factory.mktemp("openapi-fuzz")
    url = f"sqlite:///{tmp / 'fuzz.db'}"
    if request.param == "postgresql":
        url = os.environ.get(PG_ENV, "")
        if not url:
            if os.environ.get(SKIP_PG_ENV) == "1":
                pytest.skip(f"PostgreSQL skipped: {SKIP_PG_ENV}=1")
            pytest.fail(f"{PG_ENV} is not set (or set {SKIP_PG_ENV}=1)", pytrace=False)
        reset_pg(url)
    app = create_app(_settings(tmp / "data"), extract=FakeExtractor(), database_url=url)
    with TestClient(app) as client:  # runs the lifespan (the job queue) for the whole module
        text = "बैठक।\nजिलाधिकारी ने निर्देश दिए कि तहसीलदार 2030-01-31 तक सर्वे पूरा करें।\n"
        assert client.post("/v1/documents", files={"file": ("seed.txt", text.encode())}).status_code == 201
        yield app
    app.state.ctx.db.dispose()


@schema.parametrize()
@settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_fuzz(case: Any, api_app: Any) -> None:
    from schemathesis.specs.openapi import checks

    excluded = [getattr(checks, name) for name in SKIPPED_CHECKS.get(case.operation.label, ())]
    case.call_and_validate(app=api_app, additional_checks=[error_shape], excluded_checks=excluded)
