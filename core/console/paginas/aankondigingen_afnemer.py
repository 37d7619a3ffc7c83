"""The announcements that reached the afnemer: the list (by type and reaction status),
one announcement, and accepting or rejecting one that asks for an answer. Before a
rejection is confirmed the page shows what it sets in motion, as the API computes it
(``gevolgenVanAfwijzen``: the end of delivery and the aansluitingen it ends, AV 13.2 and
MO 8.2, or the consultation of AV 14.2)."""

from __future__ import annotations

import uuid

from flask import g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp

TYPEN = ("voorwaardenwijziging", "dienstwijziging", "uitfasering", "onderhoud",
         "koppelvlakwijziging", "opschorting", "storing")
STATUSSEN = ("open", "geaccepteerd", "afgewezen", "consultatie", "ter-kennisname")


def _basis(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}/aankondigingen"


@bp.get("/afnemers/<uuid:afnemer_id>/aankondigingen")
def aankondigingen_afnemer(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(_basis(afnemer_id), query=hulp.filters("type", "status"))
    return render_template(
        "console/aankondigingen_afnemer/lijst.html", afnemer=afnemer, lijst=lijst,
        typen=TYPEN, statussen=STATUSSEN, paginatitel=f"Aankondigingen {afnemer['naam']}")


@bp.get("/afnemers/<uuid:afnemer_id>/aankondigingen/<uuid:aankondiging_id>")
def aankondiging_afnemer(afnemer_id: uuid.UUID, aankondiging_id: uuid.UUID,
                         antwoord: Antwoord | None = None, status: int = 200,
                         afwijzen: bool = False):
    afnemer = hulp.afnemer(afnemer_id)
    a = hulp.lees(f"{_basis(afnemer_id)}/{aankondiging_id}").body
    # ?besluit=afwijzen (or a refused confirmation): the consequences, then the confirmation.
    afwijzen = afwijzen or request.args.get("besluit") == "afwijzen"
    return render_template(
        "console/aankondigingen_afnemer/detail.html", afnemer=afnemer, a=a,
        gevolgen=a.get("gevolgenVanAfwijzen"), afwijzen=afwijzen, antwoord=antwoord,
        waarden=request.form if antwoord is not None else {},
        paginatitel=a["titel"], mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/aankondigingen/<uuid:aankondiging_id>/reactie")
def aankondiging_reactie(afnemer_id: uuid.UUID, aankondiging_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    body = hulp.formulier({"besluit": str, "toelichting": "tekst"})
    antwoord = hulp.schrijf("POST", f"{_basis(afnemer_id)}/{aankondiging_id}/reactie", body)
    bericht = "U hebt de aankondiging geaccepteerd." if body.get("besluit") == "accepteren" \
        else "U hebt de aankondiging afgewezen."
    return hulp.gelukt(antwoord, bericht, url_for(
        "console.aankondiging_afnemer", afnemer_id=afnemer_id,
        aankondiging_id=aankondiging_id)) or aankondiging_afnemer(
        afnemer_id, aankondiging_id, antwoord=antwoord,
        status=400 if antwoord.status == 422 else antwoord.status,
        afwijzen=body.get("besluit") == "afwijzen")
