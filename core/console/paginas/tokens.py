"""API access of an afnemer: its API tokens (make one with a name, role, scopes and expiry,
the token itself shown once on the answer to the form; revoke one) and its machine clients
(bind a client id of the identity provider with the proof ``bewijs`` the API asks of an
afnemer, revoke one). Everything goes through the API as the logged-in person."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from flask import abort, g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp

#: The API's scopes and token roles.
SCOPES = (("read", "read: lezen"), ("write", "write: wijzigen"))
ROLLEN = (("afnemer-beheerder", "afnemer-beheerder (lezen en wijzigen)"),
          ("afnemer-medewerker", "afnemer-medewerker (alleen lezen)"))
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def _einde_van_de_dag(waarde: str) -> str:
    """A date from the form as the last minute of that day, Dutch time (the API takes a
    moment with its offset)."""
    return datetime.combine(date.fromisoformat(waarde), time(23, 59),
                            tzinfo=AMSTERDAM).isoformat()


@bp.get("/afnemers/<uuid:afnemer_id>/api-toegang")
def tokens(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None, formulier: str = "",
           status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    basis = f"/afnemers/{afnemer_id}"
    lijst = hulp.lees(f"{basis}/api-tokens", query=hulp.filters())
    clients = hulp.lees(f"{basis}/machine-clients", query={"paginaGrootte": 100})
    return render_template(
        "console/tokens/tokens.html", afnemer=afnemer, lijst=lijst, clients=clients,
        paginatitel=f"API-toegang {afnemer['naam']}", scopes=SCOPES, rollen=ROLLEN,
        antwoord=antwoord, formulier=formulier,
        # One form at a time (their fields share names): the one asked for or refused.
        toon=formulier or request.args.get("formulier", ""),
        waarden=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/api-toegang")
def tokens_wijzigen(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    basis = f"/afnemers/{afnemer_id}"
    terug = url_for("console.tokens", afnemer_id=afnemer_id)
    actie = request.form.get("actie", "")
    if actie == "token":
        body = hulp.formulier({"naam": "tekst", "rol": str, "scopes": str,
                               "verlooptOp": _einde_van_de_dag}, lijsten=("scopes",))
        antwoord = hulp.schrijf("POST", f"{basis}/api-tokens", body)
        if antwoord.ok:
            # Shown once: on this answer only, never kept in the session or anywhere else.
            return render_template(
                "console/tokens/nieuw.html", afnemer=afnemer, token=antwoord.body,
                paginatitel="API-token aangemaakt"), 201
    elif actie == "client":
        body = hulp.formulier({"clientId": str, "naam": "tekst", "bewijs": str, "scopes": str},
                              lijsten=("scopes",))
        antwoord = hulp.schrijf("POST", f"{basis}/machine-clients", body)
        if antwoord.ok:
            return hulp.gelukt(antwoord, "De machine client is geregistreerd.", terug)
    elif actie in ("token-intrekken", "client-intrekken"):
        soort = "api-tokens" if actie == "token-intrekken" else "machine-clients"
        try:
            ident = uuid.UUID(request.form.get("id", ""))
        except ValueError:
            abort(400)
        antwoord = hulp.schrijf("DELETE", f"{basis}/{soort}/{ident}")
        if antwoord.ok:
            return hulp.gelukt(antwoord, "Ingetrokken: het werkt direct niet meer.", terug)
    else:
        abort(400)
    return tokens(afnemer_id, antwoord, actie,
                  antwoord.status if 400 <= antwoord.status < 500 else 400)
