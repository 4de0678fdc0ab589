"""The web app and REST API (``claimgraph serve``; needs the ``[server]`` extra).

* :func:`create_app` builds the FastAPI application from one :class:`ServerConfig`.
* Routes live in modules by concept: ``pages`` (HTML), ``api`` (JSON), ``auth`` (login).
  Other areas (corpus, verification) add routers by appending a module path to
  :data:`claimgraph.server.app.ROUTER_MODULES`; each such module exports ``router``.

Importing this package does not import FastAPI; ``create_app`` does.
"""

from __future__ import annotations

from typing import Any

from .config import ServerConfig

__all__ = ["ServerConfig", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
