"""CSRF protection for every console form: a per-session token in a hidden field.

The token is made at login and kept with the session on the server.

Every POST to the console must carry ``csrf_token`` equal to the session's token
(compared in constant time); otherwise the answer is 400 and nothing changes.
SameSite=Lax on the session cookie is a second line, not the only one.
"""

from __future__ import annotations

import hmac
import secrets

from flask import abort, request, session

SESSION_KEY = "_csrf"


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def csrf_token() -> str:
    token = session.get(SESSION_KEY)
    if token is None:
        token = session[SESSION_KEY] = nieuw_token()
    return token


def check_csrf() -> None:
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return
    expected = session.get(SESSION_KEY)
    sent = request.form.get("csrf_token", "")
    if not expected or not hmac.compare_digest(str(expected), sent):
        abort(400, description="Het formulier is verlopen of ongeldig (CSRF). Laad de pagina "
                               "opnieuw en probeer het nog eens.")
