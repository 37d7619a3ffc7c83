"""Logius registers an incident or a calamity it detected itself (``POST /incidenten``):
the dienst first, then its functions and what impact and urgency mean there (from its
service level), the moment it was detected (the clock runs from then; default now) and
whether it is a calamity (every afnemer of the dienst is told at once, 24x7 contacts too).
The queue of incidents links here; the API judges everything."""

from __future__ import annotations

from flask import render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.dienstkeuze import alleen_logius, diensten, lokaal_moment
from core.console.views import bp


def _serviceniveau(slug: str) -> dict | None:
    if not slug:
        return None
    antwoord = hulp.lees(f"/diensten/{slug}/serviceniveau", nodig=False)
    return antwoord.body if antwoord.ok else None


def _moment(tekst: str) -> str:
    try:
        return lokaal_moment(tekst)
    except ValueError:
        return tekst  # the API names the field


@bp.route("/incidenten/registreren", methods=["GET", "POST"])
def incident_registreren():
    # Imported here: the pages are imported by core.console.views in turn, and a test
    # that imports the afnemer's incident page first would find this one half made.
    from core.console.paginas.incidenten_afnemer import NIVEAUS, OMGEVINGEN

    alleen_logius()
    antwoord: Antwoord | None = None
    dienst = request.values.get("dienst", "")
    if request.method == "POST":
        body = hulp.formulier({"dienst": str, "omgeving": str, "impact": str,
                               "urgentie": str, "omschrijving": "tekst", "functies": str,
                               "gemeldOp": _moment, "calamiteit": bool},
                              lijsten=("functies",))
        antwoord = hulp.schrijf("POST", "/incidenten", body)
        klaar = hulp.gelukt(
            antwoord, "Het incident is geregistreerd: de klok loopt"
            + (", en elke afnemer van de dienst is geïnformeerd." if antwoord.ok
               and antwoord.body.get("calamiteit") else "."),
            url_for("console.logius_incident", incident_id=(antwoord.body or {}).get("id"))
            if antwoord.ok else "")
        if klaar:
            return klaar
    serviceniveau = _serviceniveau(dienst)
    status = 200 if antwoord is None else (
        antwoord.status if antwoord.status in (403, 409) else 400)
    return render_template(
        "console/incident_registreren/registreren.html",
        paginatitel="Incident registreren", antwoord=antwoord, dienst=dienst,
        serviceniveau=serviceniveau,
        diensten=[(d["slug"], d.get("naam", d["slug"])) for d in diensten()],
        functie_opties=[(f["slug"], f["naam"]) for f in (serviceniveau or {}).get(
            "functies", [])],
        omgevingen=OMGEVINGEN, niveaus=NIVEAUS,
        waarden=request.form if request.method == "POST" else {}), status
