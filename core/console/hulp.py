"""What every console page needs: the logged-in person, the afnemer of the page (read
through the API, so its scoping is the API's), a form turned into the API's JSON, a
write sent to the API with its refusal kept for the form, and CSV downloads.

A page reads with :func:`lees` and writes with :func:`schrijf`. A refused write
re-renders the form with the API's problem (:class:`core.console.api.Antwoord`), whose
``veldfouten`` the ``veld`` macro shows beside each field; a write that succeeds
redirects (POST/redirect/GET) with a message.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import Any

from flask import Response, abort, flash, g, redirect, request, url_for

from core.auth.principal import Principal
from core.console.api import Antwoord, vraag
from core.console.grafiek import Grafiek


def ingelogd() -> Principal:
    """The logged-in person's principal; otherwise to the welcome page (and back here
    after login)."""
    if g.get("principal") is None:
        abort(redirect(url_for("console.index")))
    return g.principal


def lees(pad: str, *, query: dict | None = None, nodig: bool = True) -> Antwoord:
    """GET from the API. With ``nodig``, a 404 or 403 of the API is the page's own."""
    antwoord = vraag("GET", pad, query=query)
    if nodig and antwoord.status in (403, 404):
        abort(antwoord.status)
    return antwoord


def afnemer(afnemer_id: uuid.UUID) -> dict:
    """The page's afnemer, as the API shows it to this person (404 if they may not)."""
    ingelogd()
    gelezen = lees(f"/afnemers/{afnemer_id}").body
    g.console_afnemer = gelezen  # the menu judges its items on it (menu.getoond)
    return gelezen


def schrijf(method: str, pad: str, body: Any = None, *, headers: dict | None = None
            ) -> Antwoord:
    """Send a change to the API as the logged-in person."""
    ingelogd()
    return vraag(method, pad, json_body=body, headers=headers)


def gelukt(antwoord: Antwoord, bericht: str, naar: str) -> Response | None:
    """After a write: on success a message and a redirect, else None (show the form)."""
    if antwoord.ok:
        flash(bericht, "ok")
        return redirect(naar)
    return None


def formulier(velden: dict[str, Callable[[str], Any] | str], *,
              lijsten: Iterable[str] = ()) -> dict[str, Any]:
    """The form as the API's JSON: ``velden`` maps each form field (the API's camelCase
    name) to a converter (``int``, ``str``, ``bool`` or a callable) or the literal
    ``"tekst"``. An empty field is left out, so the API's own rule on it speaks; a value
    that does not convert is sent as typed, and the API names the field."""
    body: dict[str, Any] = {}
    for naam, omzetten in velden.items():
        if naam in lijsten:
            waarden = [w for w in request.form.getlist(naam) if w.strip()]
            if waarden:
                body[naam] = waarden
            continue
        waarde = request.form.get(naam, "")
        if omzetten is bool:
            body[naam] = waarde in {"on", "true", "ja", "1"}
            continue
        if waarde.strip() == "":
            continue
        if omzetten in ("tekst", str):
            body[naam] = waarde
            continue
        try:
            body[naam] = omzetten(waarde.strip())  # type: ignore[operator]
        except (TypeError, ValueError):
            body[naam] = waarde
    return body


def pagina_link(pagina: int) -> str:
    """This page's URL, with its filters, at another page of its list."""
    args = {**request.args, "pagina": pagina}
    return url_for(request.endpoint or "console.index", **(request.view_args or {}), **args)


def filters(*namen: str) -> dict[str, str]:
    """The page's filter and paging parameters, passed on to the API as they are."""
    return {naam: request.args[naam] for naam in (*namen, "pagina", "paginaGrootte")
            if request.args.get(naam)}


def csv_download(inhoud: str, bestandsnaam: str) -> Response:
    return Response(inhoud, mimetype="text/csv; charset=utf-8", headers={
        "Content-Disposition": f'attachment; filename="{bestandsnaam}"'})


def grafiek_of_csv(grafiek: Grafiek, bestandsnaam: str) -> Response | None:
    """``?formaat=csv`` on a page with a plot downloads the plot's data."""
    if request.args.get("formaat") == "csv":
        return csv_download(grafiek.csv(), bestandsnaam)
    return None


def csv_url() -> str:
    return url_for(request.endpoint or "console.index", **(request.view_args or {}),
                   **{**request.args, "formaat": "csv"})


def euro(bedrag) -> str:
    """An amount as Dutch readers write it: € 8.800,00."""
    from decimal import Decimal

    tekst = f"{Decimal(str(bedrag)):,.2f}"
    return "€ " + tekst.replace(",", "X").replace(".", ",").replace("X", ".")


def in_amsterdam(tekst):
    """An API moment (ISO 8601) as a datetime in Europe/Amsterdam; the text as it is when
    it is no moment, None when empty."""
    from datetime import datetime

    from core.tijd import AMSTERDAM

    if not tekst:
        return None
    try:
        waarde = datetime.fromisoformat(str(tekst))
    except ValueError:
        return str(tekst)
    return waarde.astimezone(AMSTERDAM) if waarde.tzinfo is not None else waarde


def moment(tekst) -> str:
    """An API moment (ISO 8601) as Dutch readers write it, in Europe/Amsterdam."""
    waarde = in_amsterdam(tekst)
    return waarde if isinstance(waarde, str) else f"{waarde:%d-%m-%Y %H:%M}" if waarde else ""
