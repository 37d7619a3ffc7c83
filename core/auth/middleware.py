"""Authentication of API requests: one ``before_request`` for all of ``/api/v1``.

Every API endpoint needs a bearer token, except the ones marked :func:`public`.
A missing, malformed, unknown, expired or revoked token is a 401 with a
``WWW-Authenticate`` header (RFC 6750); which of these it was is not revealed.
"""

from __future__ import annotations

from flask import Flask, current_app, g, request

from core.auth import tokens
from core.auth.principal import SYSTEEM, Principal
from core.config import API_PREFIX
from core.errors import Problem

_PUBLIC_ENDPOINTS: set[str] = set()


def public(view):
    """Mark a view as reachable without a token (only the OpenAPI document)."""
    view._public = True
    return view


def current_principal() -> Principal:
    return g.get("principal") or SYSTEEM


def _unauthenticated(detail: str, error: str | None = "invalid_token") -> Problem:
    challenge = 'Bearer realm="afnemersportaal"'
    if error:
        challenge += f', error="{error}"'
    return Problem(401, detail, code="niet-geauthenticeerd", headers={"WWW-Authenticate": challenge})


def authenticate() -> None:
    if not request.path.startswith(API_PREFIX + "/") or request.method == "OPTIONS":
        return
    view = current_app.view_functions.get(request.endpoint or "")
    if view is None or getattr(view, "_public", False) or getattr(
        getattr(view, "view_class", None), "_public", False
    ):
        return  # unknown routes fall through to the 404/405 handlers
    header = request.headers.get("Authorization", "")
    scheme, _, credential = header.partition(" ")
    if not header:
        raise _unauthenticated("Stuur een token mee: Authorization: Bearer <token>.", None)
    if scheme.lower() != "bearer" or not credential.strip():
        raise _unauthenticated("Alleen het Bearer-schema wordt ondersteund.", "invalid_request")
    principal = tokens.resolve(credential.strip())
    if principal is None:
        raise _unauthenticated("Het token is onbekend, verlopen of ingetrokken.")
    g.principal = principal


def init_app(app: Flask) -> None:
    app.before_request(authenticate)
