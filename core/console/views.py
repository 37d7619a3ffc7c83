"""Console pages: landing and login/logout; the areas' pages are in core.console.paginas."""

from __future__ import annotations

import secrets
import uuid
from urllib.parse import urlsplit

from authlib.integrations.base_client.errors import OAuthError
from flask import (
    Blueprint,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from sqlalchemy import select

from core.afnemers.models import Afnemer
from core.auth.principal import Principal
from core.console import auth, hulp
from core.console.csrf import check_csrf, csrf_token
from core.console.menu import menu
from core.db import db
from core.gebruikers import service
from core.gebruikers.models import Gebruiker, LidmaatschapStatus
from core.plugins import diensten

bp = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
               static_folder="static")


def console_hooks(blueprint: Blueprint) -> None:
    """What every console blueprint runs before its views (core's, and a plugin's from
    ``core.sdk.console.console_blueprint``): the CSRF check and the logged-in person."""
    blueprint.before_request(check_csrf)
    blueprint.before_request(_load_user)


@bp.app_context_processor
def _helpers():
    return {"csrf_token": csrf_token, "csp_nonce": csp_nonce, "gebruiker": g.get("gebruiker"),
            "menu": menu, "pagina_link": hulp.pagina_link, "csv_url": hulp.csv_url,
            "url_exists": lambda endpoint: endpoint in current_app.view_functions,
            "euro": hulp.euro}


def csp_nonce() -> str:
    """This response's nonce: every inline <script> and <style> of a page carries it."""
    nonce = g.get("csp_nonce")
    if nonce is None:
        nonce = g.csp_nonce = secrets.token_urlsafe(18)
    return nonce


@bp.after_app_request
def _console_koppen(response):
    """A console answer runs only its own scripts (no inline script without this
    response's nonce) and is never kept by a browser or proxy."""
    if request.path != bp.url_prefix and not request.path.startswith(bp.url_prefix + "/"):
        return response
    nonce = csp_nonce()
    issuer = urlsplit(current_app.config["OIDC_ISSUER"])
    response.headers["Content-Security-Policy"] = (
        f"default-src 'self'; script-src 'self' 'nonce-{nonce}'; "
        f"style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; object-src 'none'; "
        f"base-uri 'none'; form-action 'self' {issuer.scheme}://{issuer.netloc}; "
        "frame-ancestors 'none'")
    # Pages are never kept; the static files (CSS, the one script) may be, for an hour.
    response.headers["Cache-Control"] = (
        "public, max-age=3600" if request.path.startswith(bp.url_prefix + "/static/")
        else "no-store")
    return response


def _load_user() -> None:
    gebruiker_id = session.get("gebruiker_id")
    g.gebruiker = db.session.get(Gebruiker, uuid.UUID(gebruiker_id)) if gebruiker_id else None
    g.principal = (
        service.principal_van_gebruiker(g.gebruiker, methode="console")
        if g.gebruiker is not None else None
    )


def _login_required() -> tuple[Gebruiker, Principal]:
    if g.gebruiker is None:
        abort(redirect(url_for("console.index")))
    return g.gebruiker, g.principal


@bp.get("/")
def index():
    if g.gebruiker is None:
        return render_template("console/welkom.html", diensten=diensten().alle())
    principal: Principal = g.principal
    if principal.is_logius_beheerder:
        afnemers = db.session.scalars(select(Afnemer).order_by(Afnemer.naam)).all()
    else:
        ids = list(principal.afnemer_ids())
        afnemers = db.session.scalars(
            select(Afnemer).where(Afnemer.id.in_(ids)).order_by(Afnemer.naam)
        ).all() if ids else []
    rows = [(a, principal.rol_bij(a.id)) for a in afnemers]
    return render_template("console/index.html", afnemers=rows, principal=principal)


@bp.get("/login")
def login():
    return auth.start_login()


@bp.get("/auth/callback")
def callback():
    try:
        userinfo, id_token = auth.finish_login()
    except OAuthError as exc:
        current_app.logger.warning("console login failed: %s", exc)
        abort(400, description="Inloggen is mislukt of verlopen. Probeer het opnieuw.")
    logius = [e for e in current_app.config["LOGIUS_BEHEERDERS"].split(",") if e.strip()]
    gebruiker = service.bij_inloggen(current_app.config["OIDC_ISSUER"], userinfo,
                                     logius_beheerders=logius)
    db.session.commit()
    auth.begin_sessie(str(gebruiker.id), id_token)
    return redirect(url_for("console.index"))


@bp.post("/logout")
def logout():
    id_token = session.get("id_token")
    return auth.clear_session_and_redirect(auth.logout_url(id_token))


console_hooks(bp)

from core.console import paginas  # noqa: E402  (the pages register on bp)

paginas.laad()

__all__ = ["LidmaatschapStatus", "bp"]
