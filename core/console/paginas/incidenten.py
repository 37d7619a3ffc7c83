"""Logius' incident queue: the open incidents sorted by the time left before their
resolution deadline (as the API computes it), each with its priority, deadline and
clock as text; an incident's history with its status steps and changes (If-Match with
the ETag it was read with); and a month's norm report as a plot."""

from __future__ import annotations

import uuid
from decimal import Decimal

from flask import render_template, request, url_for

from core.console import dienstkeuze, hulp
from core.console.grafiek import Lijn, uit_rijen
from core.console.views import bp
from core.serviceniveau.incidenten.klok import OVERGANGEN, Status
from core.tijd import vandaag

NIVEAUS = ("hoog", "midden", "laag")


def klok_tekst(incident: dict) -> str:
    """The clock as words: hours left or over, and whether it runs."""
    if incident.get("resterendeUren") is None:
        return "geen oplostijd"
    rest = Decimal(incident["resterendeUren"])
    soort = (incident.get("oplostijd") or {}).get("soort", "uren")
    tekst = (f"nog {rest} {soort}" if rest >= 0 else f"{-rest} {soort} over de termijn")
    if incident.get("klokLoopt") is False and incident.get("opgelostOp") is None:
        tekst += " (klok staat stil: wacht op afnemer)"
    return tekst


@bp.get("/incidenten")
def incidenten():
    dienstkeuze.alleen_logius()
    filters = {k: request.args[k] for k in ("dienst", "omgeving", "status", "prioriteit",
                                            "calamiteit") if request.args.get(k)}
    opgelost = request.args.get("open") == "false"
    # One page from the API: the open ones sorted by time left in the database.
    lijst = hulp.lees("/incidenten", query={
        **filters, "open": "false" if opgelost else "true",
        **({} if opgelost else {"sorteer": "resterendeUren"}), **hulp.filters()})
    return render_template(
        "console/beheer/incidenten.html", paginatitel="Incidenten", rijen=lijst.items,
        paginering=lijst, opgelost=opgelost, filters=filters,
        fout=None if lijst.ok else lijst,
        diensten=dienstkeuze.diensten(), klok=klok_tekst, moment=dienstkeuze.moment,
        statussen=[s.value for s in Status])


def _wijziging(huidig: dict) -> dict:
    """Only what the form changes (the API records every change as a step)."""
    body: dict = {}
    for veld in ("impact", "urgentie", "publiekeOmschrijving"):
        waarde = request.form.get(veld, "")
        if waarde and waarde != (huidig.get(veld) or ""):
            body[veld] = waarde
    if request.form.get("calamiteit") and not huidig.get("calamiteit"):
        body["calamiteit"] = True
    publiek = request.form.get("publiek")
    if publiek in ("ja", "nee") and (publiek == "ja") != bool(huidig.get("publiek")):
        body["publiek"] = publiek == "ja"
    return body


@bp.route("/incidenten/<uuid:incident_id>", methods=["GET", "POST"])
def logius_incident(incident_id: uuid.UUID):
    dienstkeuze.alleen_logius()
    pad = f"/incidenten/{incident_id}"
    huidig = hulp.lees(pad)
    fouten: dict = {}
    if request.method == "POST":
        etag = request.form.get("etag", "")
        kop = {"If-Match": etag} if etag else None
        if request.form.get("actie") == "status":
            body = hulp.formulier({"status": "tekst", "toelichting": "tekst", "op": "tekst"})
            antwoord = hulp.schrijf("POST", f"{pad}/statuswijzigingen", body, headers=kop)
            bericht = f"De status is nu {body.get('status')}."
        else:
            antwoord = hulp.schrijf("PATCH", pad, _wijziging(huidig.body), headers=kop)
            bericht = "Het incident is gewijzigd."
        klaar = hulp.gelukt(antwoord, bericht, url_for("console.logius_incident",
                                                       incident_id=incident_id))
        if klaar:
            return klaar
        fouten[request.form.get("actie") or "wijzigen"] = antwoord
        huidig = hulp.lees(pad)
    incident = huidig.body
    status = 200 if not fouten else max(400, next(iter(fouten.values())).status)
    return render_template(
        "console/beheer/incident.html", paginatitel=f"Incident {incident['dienst']}",
        incident=incident, etag=huidig.headers.get("ETag", ""),
        stappen=[s.value for s in OVERGANGEN[Status(incident["status"])]],
        fout_status=fouten.get("status"), fout_wijzigen=fouten.get("wijzigen"),
        waarden=request.form if fouten else {}, klok=klok_tekst(incident),
        moment=dienstkeuze.moment, niveaus=NIVEAUS), status


@bp.get("/incidenten/normen")
def incident_normen():
    dienstkeuze.alleen_logius()
    slug = dienstkeuze.gekozen(productteam=False)
    deze = vandaag()
    jaar = request.args.get("jaar", deze.year, type=int) or deze.year
    maand = request.args.get("maand", deze.month, type=int) or deze.month
    if not (2000 <= jaar <= 2100 and 1 <= maand <= 12):
        jaar, maand = deze.year, deze.month
    rapport = hulp.lees(f"/diensten/{slug}/normen/{jaar}/{maand}", nodig=False)
    rijen = rapport.body.get("incidenten", []) if rapport.ok else []
    categorieen = [f"{r['omgeving']} P{r['prioriteit']}" for r in rijen]
    reeksen = []
    for naam, sleutel in (("Binnen de oplostijd", "binnenTermijn"),
                          ("Te laat", "buitenTermijn"), ("Lopend", "lopend")):
        reeksen += [(c, naam, r[sleutel]) for c, r in zip(categorieen, rijen, strict=True)]
    grafiek = uit_rijen(f"Incidenten {slug} {maand:02d}-{jaar}: binnen en buiten de oplostijd",
                        reeksen, eenheid="incidenten", categorieen=categorieen)
    normen = sorted({r["norm"] for r in rijen if r.get("norm") is not None})
    aandeel = uit_rijen(
        f"Aandeel binnen de oplostijd {slug} {maand:02d}-{jaar}",
        [(c, "Binnen de oplostijd", Decimal(r["percentage"] or 0))
         for c, r in zip(categorieen, rijen, strict=True)],
        eenheid="%", categorieen=categorieen,
        lijnen=[Lijn(Decimal(n), "Norm", "norm") for n in normen])
    if request.args.get("formaat") == "csv":
        gekozen = aandeel if request.args.get("grafiek") == "aandeel" else grafiek
        return hulp.csv_download(gekozen.csv(), f"normen-{slug}-{jaar}-{maand:02d}.csv")
    return render_template(
        "console/beheer/normen.html", paginatitel=f"Normrapport incidenten {slug}", slug=slug,
        jaar=jaar, maand=maand, rapport=rapport, rijen=rijen, aantallen=grafiek,
        aandeel=aandeel, diensten=dienstkeuze.diensten(), gehaald={
            True: "gehaald", False: "niet gehaald", None: "nog niet te zeggen"})
