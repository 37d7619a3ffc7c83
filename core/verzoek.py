"""One app context per request, never shared: the guard that keeps it so.

Flask pushes a fresh app context for a request only when none is active. If one is
already pushed when a request begins (a server started inside ``with
app.app_context()``, or a worker forked with one pushed), Flask reuses it, and
everything kept in ``g`` (the database session, the principal, the afnemer, the
``Link`` header) then lives from one request into the next: another afnemer's ids
in a 401, stale reads after a write, a stale ``If-Match`` accepted.

Flask has no public way to ask this, so the guard reads the context variable it
keeps the app context in (``flask.globals._cv_app``, stable since Flask 2.3).

:class:`EigenContext` wraps the WSGI app and refuses such a request with a 500 and
an error in the log, so this can never come back silently.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from typing import Any

from flask import Flask
from flask.globals import _cv_app

log = logging.getLogger(__name__)

_PROBLEEM = {
    "type": "about:blank",
    "title": "Internal Server Error",
    "status": 500,
    "detail": "De server verwerkt dit verzoek niet: er was al een app-context actief, "
              "zodat gegevens van een eerder verzoek zichtbaar zouden worden.",
    "code": "gedeelde-context",
}


class GedeeldeContext(RuntimeError):
    """An app context was active before the request began."""


def context_actief(app: Flask | None = None) -> bool:
    """Whether an app context is pushed (of ``app``, when given)."""
    context = _cv_app.get(None)
    return context is not None and (app is None or context.app is app)


class EigenContext:
    """WSGI middleware: a request may only begin when no app context is active."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.wsgi_app: Callable[..., Iterable[bytes]] = app.wsgi_app

    def __call__(self, environ: dict[str, Any], start_response) -> Iterable[bytes]:
        # Another app's context (one app calling another in a test) is not reused:
        # Flask pushes a new one for this app then.
        if context_actief(self.app):
            log.error("request %s %s refused: an app context was already active, so it "
                      "would share g and the database session with earlier requests",
                      environ.get("REQUEST_METHOD"), environ.get("PATH_INFO"))
            body = json.dumps(_PROBLEEM).encode()
            start_response("500 INTERNAL SERVER ERROR", [
                ("Content-Type", "application/problem+json"),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
            ])
            return [body]
        return self.wsgi_app(environ, start_response)
