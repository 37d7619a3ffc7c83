"""Logius' service desk: every afnemer's change requests (RfC) and questions and
complaints, read and handled through the API as the Logius beheerder.

- ``/console/verzoeken``: the change requests across afnemers (``GET
  /wijzigingsverzoeken``), filtered and paged as the API does, each with its afnemer,
  dienst, status and the maintenance window it is planned in; a request's page shows its
  history and the steps Logius may take from its status (``POST .../statuswijzigingen``
  with the ETag it was read with), accepting into one of the dienst's coming maintenance
  windows (``GET /diensten/{slug}/onderhoudsvensters``).
- ``/console/verzoeken/vragen``: the questions and complaints with the day they must be
  answered by (``beantwoordenUiterlijk``, as the API computes it from the dienst's working
  days; the open ones the earliest deadline first), and answering one (``POST
  /vragen/{id}/antwoord``).

The API judges every step and answer; its refusal is shown beside the field it names.
Moments are shown in Dutch time (:func:`core.console.hulp.moment`).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from flask import render_template, request, url_for

from core.console import dienstkeuze, hulp
from core.console.api import Antwoord
from core.console.views import bp
from core.serviceniveau.vragen.schemas import SOORTEN
from core.tijd import utcnow, vandaag
from core.wijzigingsverzoeken.status import OVERGANGEN, Status

#: How many months of maintenance windows (this one and the next) are offered to plan in.
VENSTER_MAANDEN = 3
WELKE_VRAGEN = (("false", "open"), ("true", "beantwoord"), ("alle", "alle"))


def datum(tekst) -> str:
    """An API date (ISO 8601) as Dutch readers write it: 07-12-2026."""
    if not tekst:
        return ""
    try:
        return f"{date.fromisoformat(str(tekst)):%d-%m-%Y}"
    except ValueError:
        return str(tekst)


def _status_http(antwoord: Antwoord) -> int:
    return 400 if antwoord.status == 422 else max(400, antwoord.status)


# --- change requests -----------------------------------------------------------------


@bp.get("/verzoeken")
def verzoeken_logius():
    dienstkeuze.alleen_logius()
    lijst = hulp.lees("/wijzigingsverzoeken", query=hulp.filters("status", "dienst"),
                      nodig=False)
    open_vragen = hulp.lees("/vragen", query={"beantwoord": "false", "paginaGrootte": 1},
                            nodig=False)
    return render_template(
        "console/logius_verzoeken/verzoeken.html",
        paginatitel="Wijzigingsverzoeken en vragen", lijst=lijst,
        fout=None if lijst.ok else lijst, filters=request.args,
        open_vragen=(open_vragen.body or {}).get("paginering", {}).get("totaalAantal")
        if open_vragen.ok else None,
        diensten=dienstkeuze.diensten(), statussen=[s.value for s in Status],
        moment=hulp.moment), 200 if lijst.ok else _status_http(lijst)


def _vensters(dienst: str) -> list[tuple[str, str]]:
    """The dienst's coming maintenance windows as (id, text in Dutch time), this month
    and the next ones (one API request per month, whatever the number of requests)."""
    deze = vandaag()
    nu = utcnow()
    opties = []
    for stap in range(VENSTER_MAANDEN):
        jaar, maand = divmod(deze.month - 1 + stap, 12)
        antwoord = hulp.lees(f"/diensten/{dienst}/onderhoudsvensters", nodig=False, query={
            "maand": f"{deze.year + jaar:04d}-{maand + 1:02d}"})
        for v in (antwoord.body or {}).get("vensters", []) if antwoord.ok else []:
            if datetime.fromisoformat(v["beginOp"]) > nu:
                opties.append((v["id"], f"{v['omgeving']}: {hulp.moment(v['beginOp'])} tot "
                                        f"{hulp.moment(v['eindeOp'])[-5:]}"))
    return opties


@bp.route("/verzoeken/<uuid:afnemer_id>/<uuid:verzoek_id>", methods=["GET", "POST"])
def logius_verzoek(afnemer_id: uuid.UUID, verzoek_id: uuid.UUID):
    dienstkeuze.alleen_logius()
    pad = f"/afnemers/{afnemer_id}/wijzigingsverzoeken/{verzoek_id}"
    gelezen = hulp.lees(pad)
    antwoord = None
    if request.method == "POST":
        etag = request.form.get("etag", "")
        body = hulp.formulier({"status": "tekst", "onderhoudsvenster": "tekst",
                               "reden": "tekst", "toelichting": "tekst"})
        antwoord = hulp.schrijf("POST", f"{pad}/statuswijzigingen", body,
                                headers={"If-Match": etag} if etag else None)
        klaar = hulp.gelukt(antwoord, f"Het wijzigingsverzoek is nu {body.get('status')}.",
                            url_for("console.logius_verzoek", afnemer_id=afnemer_id,
                                    verzoek_id=verzoek_id))
        if klaar:
            return klaar
        gelezen = hulp.lees(pad)
    verzoek = gelezen.body
    stappen = [s.value for s in OVERGANGEN[Status(verzoek["status"])]]
    return render_template(
        "console/logius_verzoeken/verzoek.html",
        paginatitel=f"Wijzigingsverzoek {verzoek.get('afnemerNaam') or ''}".strip(),
        verzoek=verzoek, etag=gelezen.headers.get("ETag", ""), stappen=stappen,
        vensters=_vensters(verzoek["dienst"]) if Status.GEACCEPTEERD.value in stappen else [],
        antwoord=antwoord, waarden=request.form if antwoord is not None else {},
        moment=hulp.moment), 200 if antwoord is None else _status_http(antwoord)


# --- questions and complaints ------------------------------------------------------------


@bp.get("/verzoeken/vragen")
def logius_vragen():
    dienstkeuze.alleen_logius()
    welke = request.args.get("beantwoord", "false")
    query = hulp.filters("soort", "dienst")
    if welke in ("true", "false"):
        query["beantwoord"] = welke
    if welke == "false":  # the open ones: the earliest deadline first, sorted by the API
        query["sorteer"] = "beantwoordenUiterlijk"
    lijst = hulp.lees("/vragen", query=query, nodig=False)
    return render_template(
        "console/logius_verzoeken/vragen.html", paginatitel="Vragen en klachten",
        lijst=lijst, fout=None if lijst.ok else lijst, filters=request.args, welke=welke,
        welke_opties=WELKE_VRAGEN, soorten=SOORTEN, diensten=dienstkeuze.diensten(),
        moment=hulp.moment, datum=datum), 200 if lijst.ok else _status_http(lijst)


def _moment_of_tekst(tekst: str) -> str:
    """A ``datetime-local`` value as the API's moment (Dutch time); as typed if it is none,
    so the API names the field."""
    try:
        return dienstkeuze.lokaal_moment(tekst)
    except ValueError:
        return tekst


@bp.route("/verzoeken/vragen/<uuid:vraag_id>", methods=["GET", "POST"])
def logius_vraag(vraag_id: uuid.UUID):
    dienstkeuze.alleen_logius()
    pad = f"/vragen/{vraag_id}"
    gelezen = hulp.lees(pad)
    antwoord = None
    if request.method == "POST":
        body = hulp.formulier({"antwoord": "tekst", "beantwoordOp": _moment_of_tekst})
        antwoord = hulp.schrijf("POST", f"{pad}/antwoord", body)
        bericht = "Het antwoord is verstuurd."
        if antwoord.ok and antwoord.body.get("binnenTermijn") is False:
            bericht += " Het viel buiten de reactietermijn."
        klaar = hulp.gelukt(antwoord, bericht, url_for("console.logius_vraag",
                                                       vraag_id=vraag_id))
        if klaar:
            return klaar
        gelezen = hulp.lees(pad)
    vraag = gelezen.body
    return render_template(
        "console/logius_verzoeken/vraag.html",
        paginatitel=f"{vraag['soort'].capitalize()}: {vraag['onderwerp']}", vraag=vraag,
        antwoord=antwoord, waarden=request.form if antwoord is not None else {},
        moment=hulp.moment, datum=datum), 200 if antwoord is None else _status_http(antwoord)
