"""The static web UI, mounted at "/" without swallowing API paths.

A plain ``Mount("/")`` matches every path, so a wrong method on an API route (or an unknown ``/v1/...``
path) would reach StaticFiles and get its 405 with ``Allow: GET, HEAD``. This mount declines ``/v1``
paths, so the router answers them itself: 405 with the route's real ``Allow`` header, or 404.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from pathlib import Path
from typing import Any

from fastapi.staticfiles import StaticFiles
from starlette.routing import Match, Mount

API_PREFIX = "/v1"


class UiMount(Mount):
    def matches(self, scope: MutableMapping[str, Any]) -> tuple[Match, MutableMapping[str, Any]]:
        path = scope.get("path", "")
        if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            return Match.NONE, {}
        return super().matches(scope)


def ui_mount(directory: Path) -> UiMount:
    return UiMount("/", app=StaticFiles(directory=directory, html=True), name="static")
