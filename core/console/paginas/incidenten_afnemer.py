"""The afnemer's incidents, change requests and questions: its incidents with their clock
(the resolution deadline the API computes in the priority's kind of hours, the time left
as words), reporting one (the dienst first, then its functions and what impact and urgency
mean at that dienst, from its service level), one incident's history and notices; its
change requests (submit, follow the status and its steps); its questions and complaints
(ask, follow the answer and its deadline). Everything goes through the API."""

from __future__ import annotations

import uuid
from decimal import Decimal, InvalidOperation

from flask import abort, g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.klok import duur_tekst
from core.console.views import bp

OMGEVINGEN = ("productie", "pre-productie")
NIVEAUS = ("hoog", "midden", "laag")
INCIDENTSTATUSSEN = ("gemeld", "in-behandeling", "wacht-op-afnemer", "opgelost", "gesloten")
VERZOEKSTATUSSEN = ("ingediend", "in-beoordeling", "geaccepteerd", "afgewezen")
SOORTEN_VRAAG = ("vraag", "klacht")
#: The kinds of hours of a resolution time, as words.
UURSOORT = {"kantooruren": "binnen werktijd", "klokuren": "klokuren, dag en nacht"}


def klok_tekst(incident: dict) -> str:
    """The incident's clock as the API computes it, in words: the time left (or over) in
    its kind of hours, and whether the clock runs."""
    try:
        rest = Decimal(str(incident.get("resterendeUren")))
    except InvalidOperation:
        return "geen oplostijd"
    soort = UURSOORT.get((incident.get("oplostijd") or {}).get("soort"), "uren")
    if incident.get("opgelostOp"):
        op_tijd = incident.get("binnenTermijn")
        return (f"opgelost op {incident['opgelostOp']}, "
                + ("binnen de oplostijd" if op_tijd else "na de oplostijd"))
    tekst = (f"nog {duur_tekst(rest)} ({soort})" if rest >= 0
             else f"{duur_tekst(rest)} over de oplostijd ({soort})")
    if incident.get("klokLoopt") is False:
        tekst += "; de klok staat stil: Logius wacht op u"
    return tekst


def _basis(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}"


def _serviceniveau(slug: str) -> dict | None:
    if not slug:
        return None
    antwoord = hulp.lees(f"/diensten/{slug}/serviceniveau", nodig=False)
    return antwoord.body if antwoord.ok else None


@bp.get("/afnemers/<uuid:afnemer_id>/incidenten")
def incidenten_afnemer(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None,
                       formulier: str = "", status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    basis = _basis(afnemer_id)
    lijst = hulp.lees(f"{basis}/incidenten", query=hulp.filters("status", "open"))
    verzoeken = hulp.lees(f"{basis}/wijzigingsverzoeken", query={"paginaGrootte": 50})
    vragen = hulp.lees(f"{basis}/vragen", query={"paginaGrootte": 50})
    toon = formulier or request.args.get("formulier", "")
    melddienst = (request.form.get("dienst", "") if formulier == "incident"
                  else request.args.get("meldDienst", "")) if toon == "incident" else ""
    serviceniveau = _serviceniveau(melddienst)
    diensten = hulp.lees("/diensten", query={"paginaGrootte": 100}).items
    return render_template(
        "console/incidenten_afnemer/overzicht.html", afnemer=afnemer, lijst=lijst,
        verzoeken=verzoeken, vragen=vragen, antwoord=antwoord, formulier=formulier,
        paginatitel=f"Incidenten en wijzigingen {afnemer['naam']}", klok=klok_tekst,
        diensten=[(d["slug"], d.get("naam", d["slug"])) for d in diensten],
        melddienst=melddienst, serviceniveau=serviceniveau, toon=toon,
        functie_opties=[(f["slug"], f["naam"]) for f in (serviceniveau or {}).get("functies", [])],
        omgevingen=OMGEVINGEN, niveaus=NIVEAUS, statussen=INCIDENTSTATUSSEN,
        soorten_vraag=SOORTEN_VRAAG, gekozen_status=request.args.get("status", ""),
        waarden=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/incidenten")
def incidenten_afnemer_indienen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    basis = _basis(afnemer_id)
    actie = request.form.get("actie", "")
    if actie == "incident":
        body = hulp.formulier({"dienst": str, "omgeving": str, "impact": str, "urgentie": str,
                               "omschrijving": "tekst", "functies": str},
                              lijsten=("functies",))
        antwoord = hulp.schrijf("POST", f"{basis}/incidenten", body)
        if antwoord.ok:
            return hulp.gelukt(antwoord, "Het incident is gemeld: de klok loopt.", url_for(
                "console.incident_afnemer", afnemer_id=afnemer_id,
                incident_id=antwoord.body["id"]))
    elif actie == "wijzigingsverzoek":
        body = hulp.formulier({"dienst": str, "voorgesteldeWijziging": "tekst",
                               "beoogdeVoordelen": "tekst", "huidigeNadelen": "tekst"})
        indiener = {sleutel: request.form.get(f"indiener.{sleutel}", "").strip()
                    for sleutel in ("naam", "email", "telefoon")}
        body["indiener"] = {k: v for k, v in indiener.items() if v}
        antwoord = hulp.schrijf("POST", f"{basis}/wijzigingsverzoeken", body)
        if antwoord.ok:
            return hulp.gelukt(antwoord, "Het wijzigingsverzoek is ingediend.", url_for(
                "console.incidenten_afnemer", afnemer_id=afnemer_id) + "#wijzigingsverzoeken")
    elif actie == "vraag":
        body = hulp.formulier({"dienst": str, "soort": str, "onderwerp": "tekst",
                               "tekst": "tekst"})
        antwoord = hulp.schrijf("POST", f"{basis}/vragen", body)
        if antwoord.ok:
            return hulp.gelukt(antwoord, "Uw vraag is verstuurd.", url_for(
                "console.incidenten_afnemer", afnemer_id=afnemer_id) + "#vragen")
    else:
        abort(400)
    return incidenten_afnemer(afnemer_id, antwoord, actie,
                              antwoord.status if 400 <= antwoord.status < 500 else 400)


@bp.get("/afnemers/<uuid:afnemer_id>/incidenten/<uuid:incident_id>")
def incident_afnemer(afnemer_id: uuid.UUID, incident_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    incident = hulp.lees(f"{_basis(afnemer_id)}/incidenten/{incident_id}").body
    return render_template(
        "console/incidenten_afnemer/incident.html", afnemer=afnemer, incident=incident,
        klok=klok_tekst(incident), paginatitel=f"Incident {incident['dienst']}")


@bp.get("/afnemers/<uuid:afnemer_id>/incidenten/wijzigingsverzoeken/<uuid:verzoek_id>")
def wijzigingsverzoek_afnemer(afnemer_id: uuid.UUID, verzoek_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    verzoek = hulp.lees(f"{_basis(afnemer_id)}/wijzigingsverzoeken/{verzoek_id}").body
    return render_template(
        "console/incidenten_afnemer/wijzigingsverzoek.html", afnemer=afnemer, verzoek=verzoek,
        paginatitel=f"Wijzigingsverzoek {verzoek['dienst']}")
