"""The afnemer's wijzigingsmeldingen (AV 2.8): the list, and the form to report a change
of its own service, which says while the realisation date is typed whether reporting
today is on time (the rule the API records, core.wijzigingsmeldingen.service.beoordeel)
and shows the API's refusal of the date beside it."""

from __future__ import annotations

import uuid
from datetime import date

from flask import flash, g, redirect, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp
from core.wijzigingsmeldingen.schemas import WijzigingsmeldingSchema
from core.wijzigingsmeldingen.service import beoordeel


def _basis(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}/wijzigingsmeldingen"


@bp.get("/afnemers/<uuid:afnemer_id>/wijzigingsmeldingen")
def wijzigingsmeldingen(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None,
                        status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(_basis(afnemer_id), query=hulp.filters("teLaat", "dienst"))
    diensten = hulp.lees("/diensten", query={"paginaGrootte": 100}).items
    return render_template(
        "console/wijzigingsmeldingen/lijst.html", afnemer=afnemer, lijst=lijst,
        diensten=[(d["slug"], d["naam"]) for d in diensten], antwoord=antwoord,
        waarden=request.form if antwoord is not None else {},
        paginatitel=f"Wijzigingsmeldingen {afnemer['naam']}",
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/wijzigingsmeldingen")
def wijziging_melden(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    body = hulp.formulier({"omschrijving": "tekst", "dienst": str, "realisatiedatum": str})
    antwoord = hulp.schrijf("POST", _basis(afnemer_id), body)
    if antwoord.ok:
        soort = "ok" if not antwoord.body.get("teLaat") else "let-op"
        flash(f"De wijziging is gemeld. {antwoord.body.get('toelichting', '')}", soort)
        return redirect(url_for("console.wijzigingsmeldingen", afnemer_id=afnemer_id))
    return wijzigingsmeldingen(afnemer_id, antwoord=antwoord,
                               status=400 if antwoord.status == 422 else antwoord.status)


@bp.get("/afnemers/<uuid:afnemer_id>/wijzigingsmeldingen/termijn")
def wijziging_termijn(afnemer_id: uuid.UUID):
    """The live check of the realisation date: an HTML fragment with AV 2.8's verdict on
    reporting it today, or the API schema's objection to the date."""
    hulp.afnemer(afnemer_id)
    tekst = request.args.get("realisatiedatum", "").strip()
    fout = uitkomst = None
    if tekst:
        fouten = WijzigingsmeldingSchema().validate({"realisatiedatum": tekst}, partial=True)
        if fouten.get("realisatiedatum"):
            fout = " ".join(map(str, fouten["realisatiedatum"]))
        else:
            uiterlijk, te_laat, toelichting = beoordeel(date.fromisoformat(tekst))
            uitkomst = {"uiterlijk": uiterlijk, "teLaat": te_laat, "toelichting": toelichting}
    return render_template("console/wijzigingsmeldingen/_termijn.html", fout=fout,
                           uitkomst=uitkomst)
