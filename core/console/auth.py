"""Console login through the OpenID Provider: authorization code flow with PKCE.

authlib generates ``state``, ``nonce`` and the PKCE verifier, checks them on the
way back and validates the ID token. E-mail and name come from the userinfo
endpoint. The session is kept on the server (core.console.sessies). Logout ends our
session and then the provider's (RP-initiated logout).
"""

from __future__ import annotations

from urllib.parse import urlencode

from authlib.integrations.flask_client import OAuth
from flask import Flask, current_app, redirect, session, url_for

from core.console.csrf import SESSION_KEY as CSRF_SLEUTEL
from core.console.csrf import nieuw_token
from core.console.sessies import SessieOpslag

EXTENSION = "afnemersportaal.oauth"


def init_app(app: Flask) -> None:
    app.session_interface = SessieOpslag()
    oauth = OAuth(app)
    oauth.register(
        "issuer",
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config["OIDC_CLIENT_SECRET"],
        server_metadata_url=app.config["OIDC_ISSUER"].rstrip("/")
        + "/.well-known/openid-configuration",
        client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
    )
    app.extensions[EXTENSION] = oauth


def client():
    return current_app.extensions[EXTENSION].issuer


def start_login():
    return client().authorize_redirect(url_for("console.callback", _external=True))


def finish_login() -> tuple[dict, str | None]:
    """Exchange the code; return (userinfo, id_token). Raises on a bad state or token."""
    token = client().authorize_access_token()
    userinfo = dict(client().userinfo(token=token))
    return userinfo, token.get("id_token")


def begin_sessie(gebruiker_id: str, id_token: str | None) -> None:
    """The session of a login: a new id (no fixation) with a new CSRF token; the ID
    token stays on the server, for the logout's ``id_token_hint``."""
    session.clear()
    session.vernieuw()
    session["gebruiker_id"] = gebruiker_id
    session["id_token"] = id_token
    session[CSRF_SLEUTEL] = nieuw_token()


def logout_url(id_token: str | None) -> str:
    """Where to send the browser to end the session at the provider too."""
    end_session = client().load_server_metadata().get("end_session_endpoint")
    back = url_for("console.index", _external=True)
    if not end_session:
        return back
    params = {"post_logout_redirect_uri": back, "client_id": current_app.config["OIDC_CLIENT_ID"]}
    if id_token:
        params["id_token_hint"] = id_token
    return f"{end_session}?{urlencode(params)}"


def clear_session_and_redirect(url: str):
    session.clear()  # deletes the session's row before the answer leaves
    return redirect(url)
