"""Authentication of API requests: one ``before_request`` for all of ``/api/v1``.

Every API endpoint needs a bearer token, except the ones marked :func:`public` (no token
is looked at) and :func:`openbaar` (no token needed, but one that is sent counts).
Two kinds of bearer token are accepted, and both become a :class:`Principal`:

- an afnemer API token (opaque, ``afp_...``), see :mod:`core.auth.tokens`;
- a JWT access token from the configured issuer (RFC 9068), validated against
  its JWKS (:mod:`core.oidc.issuer`). A client-credentials token acts for the
  one afnemer that registered its client id; a person's token carries the roles
  of that gebruiker.

A missing, malformed, unknown, expired or revoked token is a 401 with a
``WWW-Authenticate`` header (RFC 6750); which of these it was is not revealed
to the client (the reason is logged). A token without the scope a method needs
is a 403 with ``error="insufficient_scope"``.
"""

from __future__ import annotations

import requests
from flask import Flask, current_app, g, request

from core import snelheid
from core.auth import tokens
from core.auth.principal import SYSTEEM, Principal
from core.config import API_PREFIX
from core.errors import Problem
from core.oidc.issuer import InvalidToken, Issuer

#: Set by the console for its own in-process API requests (core.console.api).
CONSOLE_PRINCIPAL = "afnemersportaal.console.principal"

ISSUER_EXTENSION = "afnemersportaal.issuer"


def public(view):
    """Mark a view as reachable without a token (only the OpenAPI document)."""
    view._public = True
    return view


def openbaar(view):
    """Mark an operation as reachable without a token that still takes one.

    Without an ``Authorization`` header the request is anonymous: :func:`ingelogd` is
    ``None``. With one, the token is checked as on every other route (401 when it is
    unknown, expired or revoked), and the view may answer its principal more (a status
    page that shows a Logius beheerder the configuration too). The OpenAPI document
    says both (``security: [{}, bearer, oauth2]``). Put it above the other decorators.
    """
    view._openbaar = True
    apidoc = getattr(view, "_apidoc", None)
    if apidoc is None:
        apidoc = view._apidoc = {}
    apidoc["manual_doc"] = {**apidoc.get("manual_doc", {}), "security": [{}]}
    return view


def ingelogd() -> Principal | None:
    """Who is asking, or ``None`` for an anonymous request to an :func:`openbaar` view.

    Decide what an anonymous caller sees with this, never with :func:`current_principal`,
    which answers the system principal (a Logius beheerder) outside an authenticated
    request."""
    return g.get("principal")


def _is_openbaar(view) -> bool:
    klasse = getattr(view, "view_class", None)
    if klasse is None:
        return bool(getattr(view, "_openbaar", False))
    methode = getattr(klasse, "get" if request.method == "HEAD" else request.method.lower(),
                      None)
    return bool(getattr(methode, "_openbaar", False))


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
    console = request.environ.get(CONSOLE_PRINCIPAL)
    if isinstance(console, Principal):
        # The console's own request in this process (core.console.api), as its logged-in
        # person: only code here can set this environ key, never a header.
        principal = console
        g.principal = principal
        snelheid.aangemeld(principal.id)
        if not getattr(current_app.blueprints.get(request.blueprint or ""), "tenant_scoped",
                       False):
            vereis_scope(principal)
        return
    header = request.headers.get("Authorization", "")
    if not header and _is_openbaar(view):
        snelheid.anoniem()
        return  # anonymous: ingelogd() is None
    # An address that spent its budget of failed attempts is not even checked.
    snelheid.voor_aanmelding()
    scheme, _, credential = header.partition(" ")
    if not header:
        snelheid.mislukt()
        raise _unauthenticated("Stuur een token mee: Authorization: Bearer <token>.", None)
    if scheme.lower() != "bearer" or not credential.strip():
        snelheid.mislukt()
        raise _unauthenticated("Alleen het Bearer-schema wordt ondersteund.", "invalid_request")
    credential = credential.strip()
    if credential.count(".") == 2:
        principal = _from_access_token(credential)
    else:
        principal = tokens.resolve(credential)
    if principal is None:
        snelheid.mislukt()
        raise _unauthenticated("Het token is onbekend, verlopen of ingetrokken.")
    g.principal = principal
    snelheid.aangemeld(principal.id)
    blueprint = current_app.blueprints.get(request.blueprint or "")
    if not getattr(blueprint, "tenant_scoped", False):
        # Tenant routes check the scope after the afnemer, so that another afnemer's
        # resources stay a 404 whatever the token (core.tenancy).
        vereis_scope(principal)


def vereis_scope(principal: Principal) -> None:
    """403 ``insufficient_scope`` when the credential does not allow this method."""
    if principal.heeft_scope_voor(request.method):
        return
    nodig = "read" if request.method in {"GET", "HEAD", "OPTIONS"} else "write"
    raise Problem(
        403,
        f"Dit token heeft niet de scope '{nodig}' die deze bewerking vraagt.",
        code="onvoldoende-scope",
        headers={"WWW-Authenticate": f'Bearer realm="afnemersportaal", '
                                     f'error="insufficient_scope", scope="{nodig}"'},
    )


def issuer() -> Issuer:
    """The configured issuer, with its keys cached for the life of the app."""
    found = current_app.extensions.get(ISSUER_EXTENSION)
    if found is None:
        config = current_app.config
        found = Issuer(
            url=config["OIDC_ISSUER"].rstrip("/"),
            audience=config["OIDC_AUDIENCE"],
            algorithms=tuple(a.strip() for a in config["OIDC_ALGORITHMS"].split(",") if a.strip()),
        )
        current_app.extensions[ISSUER_EXTENSION] = found
    return found


def _from_access_token(token: str) -> Principal | None:
    from core.gebruikers import service  # the gebruikers package imports this module

    try:
        claims = issuer().validate(token)
    except InvalidToken as exc:
        current_app.logger.info("access token refused: %s", exc.reason)
        return None
    except requests.RequestException as exc:
        current_app.logger.error("issuer unreachable: %s", exc)
        raise Problem(
            503,
            "De identity provider is niet bereikbaar, dus dit token kan nu niet worden "
            "gecontroleerd. Probeer het later opnieuw.",
            code="issuer-onbereikbaar",
            headers={"Retry-After": "30"},
        ) from None
    scopes = frozenset(str(claims.get("scope", "")).split())
    subject, client_id = claims.get("sub"), claims.get("client_id")
    if subject is not None and subject != client_id:
        return service.principal_van_subject(issuer().url, str(subject), scopes)
    if client_id:
        return service.principal_van_client_id(issuer().url, str(client_id), scopes)
    return None


def init_app(app: Flask) -> None:
    app.before_request(authenticate)
    snelheid.init_app(app)
