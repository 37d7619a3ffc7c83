"""Afnemersportaal core: tenants, people, access, terms and the plugin contract.

``create_app`` is loaded on first use, so importing a light module of core (the plugin
SDK, :mod:`core.sdk`) does not import the app factory, Flask or the database layer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from core.app import create_app

        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
