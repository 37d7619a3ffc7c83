"""Maintenance of a dienst: the planned windows of a month (computed by the API from the
service level) with the iCalendar feed, and the recorded unavailability (outages,
planned and emergency maintenance): list, record and correct, with the API's field
errors beside the fields. Moments are typed in Europe/Amsterdam."""

from __future__ import annotations

import uuid

from flask import render_template, request, url_for

from core.config import API_PREFIX
from core.console import dienstkeuze, hulp
from core.console.views import bp
from core.tijd import vandaag

SOORTEN = (("storing", "storing"), ("gepland-onderhoud", "gepland onderhoud"),
           ("spoedonderhoud", "spoedonderhoud"))
VELDEN = {"omgeving": "tekst", "soort": "tekst", "van": dienstkeuze.lokaal_moment,
          "tot": dienstkeuze.lokaal_moment, "functies": "tekst", "omschrijving": "tekst"}


def _niveau(slug: str) -> dict:
    antwoord = hulp.lees(f"/diensten/{slug}/serviceniveau", nodig=False)
    return antwoord.body if antwoord.ok else {}


def _maand() -> str:
    maand = request.args.get("maand", "")
    return maand if len(maand) == 7 and maand[4] == "-" else f"{vandaag():%Y-%m}"


@bp.route("/onderhoud", methods=["GET", "POST"])
def onderhoud():
    dienstkeuze.alleen_logius()
    slug = dienstkeuze.gekozen(productteam=False)
    antwoord, waarden = None, {}
    if request.method == "POST":
        body = hulp.formulier(VELDEN, lijsten=("functies",))
        antwoord = hulp.schrijf("POST", f"/diensten/{slug}/onbeschikbaarheid", body)
        klaar = hulp.gelukt(antwoord, "De onbeschikbaarheid is vastgelegd.",
                            url_for("console.onderhoud", dienst=slug))
        if klaar:
            return klaar
        waarden = {**request.form, "functies": request.form.getlist("functies")}
    niveau = _niveau(slug)
    maand = _maand()
    vensters = hulp.lees(f"/diensten/{slug}/onderhoudsvensters", query={"maand": maand},
                         nodig=False)
    lijst = hulp.lees(f"/diensten/{slug}/onbeschikbaarheid",
                      query=hulp.filters("omgeving", "soort"), nodig=False)
    return render_template(
        "console/beheer/onderhoud.html", paginatitel=f"Onderhoud {slug}", slug=slug,
        maand=maand, vensters=vensters, lijst=lijst, niveau=niveau, antwoord=antwoord,
        waarden=waarden, soorten=SOORTEN, moment=dienstkeuze.moment,
        kalender=f"{API_PREFIX}/diensten/{slug}/onderhoudskalender",
        diensten=dienstkeuze.diensten()
    ), 200 if antwoord is None else max(400, antwoord.status)


@bp.route("/onderhoud/onbeschikbaarheid/<uuid:record_id>", methods=["GET", "POST"])
def onbeschikbaarheid(record_id: uuid.UUID):
    dienstkeuze.alleen_logius()
    slug = dienstkeuze.gekozen(productteam=False)
    pad = f"/diensten/{slug}/onbeschikbaarheid/{record_id}"
    huidig = hulp.lees(pad)
    antwoord = None
    waarden = {**huidig.body, "van": dienstkeuze.invoer_moment(huidig.body.get("van")),
               "tot": dienstkeuze.invoer_moment(huidig.body.get("tot"))}
    if request.method == "POST":
        body = hulp.formulier(VELDEN, lijsten=("functies",))
        if request.form.get("lopend"):
            body["tot"] = None
        etag = request.form.get("etag", "")
        antwoord = hulp.schrijf("PATCH", pad, body,
                                headers={"If-Match": etag} if etag else None)
        klaar = hulp.gelukt(antwoord, "De onbeschikbaarheid is gecorrigeerd.",
                            url_for("console.onderhoud", dienst=slug))
        if klaar:
            return klaar
        waarden = {**request.form, "functies": request.form.getlist("functies")}
    return render_template(
        "console/beheer/onbeschikbaarheid.html", paginatitel="Onbeschikbaarheid corrigeren",
        slug=slug, record=huidig.body, etag=huidig.headers.get("ETag", ""), waarden=waarden,
        antwoord=antwoord, niveau=_niveau(slug), soorten=SOORTEN, moment=dienstkeuze.moment
    ), 200 if antwoord is None else max(400, antwoord.status)
