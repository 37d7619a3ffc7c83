"""The API layer: flask-smorest adapted once (:mod:`core.api.smorest`), the base schema
(:mod:`core.api.schemas`), fields, ETags, pagination and the OpenAPI post-processing.

``Api``, ``Blueprint`` and the rest of :mod:`core.api.smorest` are loaded on first use,
so the base schema (which plugins get through :mod:`core.sdk`) can be imported without
flask-smorest, Flask or the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.api.smorest import IF_MATCH, JSON, Api, Blueprint, Parser  # noqa: F401

_SMOREST = frozenset({"IF_MATCH", "JSON", "Api", "Blueprint", "Parser"})


def __getattr__(name: str) -> Any:
    if name in _SMOREST:
        from core.api import smorest

        return getattr(smorest, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
