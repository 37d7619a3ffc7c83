"""The afnemer's webhooks: the endpoints (register one, with the signing secret shown once
on the answer to the form; change its URL or type filter, switch it on or off, rotate its
secret, shown once too; replay the events since a moment, with how many were queued;
delete it) and the delivery log (filter by status, a delivery's attempts, redeliver it;
the API's 429 is shown as a message). Everything goes through the API; the
event types offered are the catalogue the API publishes (``x-webhooks``)."""

from __future__ import annotations

import uuid
from datetime import timedelta

from flask import abort, g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.dienstkeuze import invoer_moment, lokaal_moment
from core.console.views import bp
from core.meldingen.typen import SOORTEN, TYPE_FILTERS
from core.tijd import utcnow

#: The statuses of a delivery (the API's enum), for the filter.
BEZORGSTATUSSEN = ("wachtend", "bezorgd", "dood")


def _basis(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}/webhooks"


def type_opties() -> list[tuple[str, str]]:
    """The type filters a webhook takes, each with what it means: the same list the API
    validates against and publishes in ``x-webhooks`` (families as ``aankondiging.*``)."""
    opties = []
    for filter_ in TYPE_FILTERS:
        soort = SOORTEN.get(filter_)
        tekst = (f"{filter_}: {soort.omschrijving}" if soort is not None
                 else f"{filter_} (de hele familie)")
        opties.append((filter_, tekst))
    return opties


@bp.get("/afnemers/<uuid:afnemer_id>/webhooks")
def webhooks(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(_basis(afnemer_id), query=hulp.filters())
    return render_template(
        "console/webhooks/lijst.html", afnemer=afnemer, lijst=lijst, antwoord=antwoord,
        paginatitel=f"Webhooks {afnemer['naam']}", typen=type_opties(),
        waarden=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/webhooks")
def webhook_registreren(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    body = hulp.formulier({"url": str, "omschrijving": "tekst", "typen": str},
                          lijsten=("typen",))
    antwoord = hulp.schrijf("POST", _basis(afnemer_id), body)
    if not antwoord.ok:
        return webhooks(afnemer_id, antwoord, _fout_status(antwoord))
    # Shown once: on this answer only, never kept in the session or anywhere else.
    return render_template(
        "console/webhooks/geheim.html", afnemer=afnemer, webhook=antwoord.body,
        geheim=antwoord.body["geheim"], nieuw=True, paginatitel="Webhook geregistreerd"), 201


@bp.get("/afnemers/<uuid:afnemer_id>/webhooks/<uuid:webhook_id>")
def webhook(afnemer_id: uuid.UUID, webhook_id: uuid.UUID, antwoord: Antwoord | None = None,
            status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    endpoint = hulp.lees(f"{_basis(afnemer_id)}/{webhook_id}")
    return render_template(
        "console/webhooks/webhook.html", afnemer=afnemer, webhook=endpoint.body,
        etag=endpoint.headers.get("ETag", ""), antwoord=antwoord, typen=type_opties(),
        paginatitel=f"Webhook {endpoint.body['url']}",
        gekozen=(request.form.getlist("typen") if antwoord is not None
                 else endpoint.body.get("typen") or []),
        # A refused URL or replay keeps what was typed; else the current URL and a day ago.
        waarden={"url": endpoint.body["url"],
                 "vanaf": invoer_moment((utcnow() - timedelta(days=1)).isoformat()),
                 **(request.form if antwoord is not None else {})},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/webhooks/<uuid:webhook_id>")
def webhook_wijzigen(afnemer_id: uuid.UUID, webhook_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    pad = f"{_basis(afnemer_id)}/{webhook_id}"
    actie = request.form.get("actie", "")
    if_match = {"If-Match": request.form.get("etag", "")}
    if actie == "typen":
        # An empty selection is the API's "every type": sent as an empty list.
        body = {"typen": [t for t in request.form.getlist("typen") if t.strip()]}
        antwoord = hulp.schrijf("PATCH", pad, body, headers=if_match)
        bericht = "Het typefilter is opgeslagen."
    elif actie == "url":
        antwoord = hulp.schrijf("PATCH", pad, hulp.formulier({"url": str}), headers=if_match)
        bericht = "Het adres is opgeslagen; wat nog bezorgd moet worden, gaat naar het nieuwe."
    elif actie == "herhalen":
        antwoord = hulp.schrijf("POST", f"{pad}/herhalen",
                                hulp.formulier({"vanaf": lokaal_moment}))
        aantal = antwoord.body.get("aantal") if antwoord.ok else 0
        bericht = (f"{aantal} gebeurtenis staat opnieuw in de wachtrij." if aantal == 1 else
                   f"{aantal} gebeurtenissen staan opnieuw in de wachtrij.")
    elif actie in ("aan", "uit"):
        antwoord = hulp.schrijf("PATCH", pad, {"actief": actie == "aan"}, headers=if_match)
        bericht = "De webhook staat aan." if actie == "aan" else "De webhook staat uit."
    elif actie == "verwijderen":
        antwoord = hulp.schrijf("DELETE", pad, headers=if_match)
        bericht = "De webhook is verwijderd."
        gelukt = hulp.gelukt(antwoord, bericht, url_for("console.webhooks",
                                                        afnemer_id=afnemer_id))
        return gelukt or webhook(afnemer_id, webhook_id, antwoord, _fout_status(antwoord))
    elif actie == "roteren":
        body = hulp.formulier({"overlapUren": int})
        antwoord = hulp.schrijf("POST", f"{pad}/geheimrotatie", body)
        if antwoord.ok:
            endpoint = hulp.lees(pad).body
            return render_template(
                "console/webhooks/geheim.html", afnemer=afnemer, webhook=endpoint,
                geheim=antwoord.body["geheim"], nieuw=False,
                vorig_tot=antwoord.body.get("vorigGeheimGeldigTot"),
                paginatitel="Nieuw geheim")
    else:
        abort(400)
    return (hulp.gelukt(antwoord, bericht, url_for("console.webhook", afnemer_id=afnemer_id,
                                                   webhook_id=webhook_id))
            or webhook(afnemer_id, webhook_id, antwoord, _fout_status(antwoord)))


@bp.get("/afnemers/<uuid:afnemer_id>/webhooks/bezorgingen")
def bezorgingen_afnemer(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None,
                        status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(f"/afnemers/{afnemer_id}/bezorgingen",
                      query=hulp.filters("status", "kanaal"))
    return render_template(
        "console/webhooks/bezorgingen.html", afnemer=afnemer, lijst=lijst, antwoord=antwoord,
        statussen=BEZORGSTATUSSEN, gekozen=request.args.get("status", ""),
        paginatitel=f"Bezorgingen {afnemer['naam']}",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.get("/afnemers/<uuid:afnemer_id>/webhooks/bezorgingen/<uuid:bezorging_id>")
def bezorging_afnemer(afnemer_id: uuid.UUID, bezorging_id: uuid.UUID,
                      antwoord: Antwoord | None = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    pad = f"/afnemers/{afnemer_id}/bezorgingen/{bezorging_id}"
    bezorging = hulp.lees(pad)
    pogingen = hulp.lees(f"{pad}/pogingen", query=hulp.filters())
    return render_template(
        "console/webhooks/bezorging.html", afnemer=afnemer, bezorging=bezorging.body,
        pogingen=pogingen, antwoord=antwoord, paginatitel="Bezorging",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/webhooks/bezorgingen/<uuid:bezorging_id>")
def bezorging_opnieuw(afnemer_id: uuid.UUID, bezorging_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    antwoord = hulp.schrijf("POST", f"/afnemers/{afnemer_id}/bezorgingen/{bezorging_id}/opnieuw")
    return (hulp.gelukt(antwoord, "De bezorging staat opnieuw in de wachtrij.",
                        url_for("console.bezorging_afnemer", afnemer_id=afnemer_id,
                                bezorging_id=bezorging_id))
            or bezorging_afnemer(afnemer_id, bezorging_id, antwoord, _fout_status(antwoord)))


def _fout_status(antwoord: Antwoord) -> int:
    """The page's status for a refused write: the API's own (400, 403, 409, 412, 429...)."""
    return antwoord.status if 400 <= antwoord.status < 500 else 400
