"""The afnemer's contactpersonen (AV 2.4; the processing agreement's Bijlage 1 tabel 2):
the list by role, adding, changing and removing one, with its role and whether it is
reachable 24x7. Through the API, so its rules (a valid telephone number, always one
algemeen contactpersoon) speak beside the fields."""

from __future__ import annotations

import uuid

from flask import g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp

#: The API's roles (core.contactpersonen.schemas.ContactRol), with what they are for.
ROLLEN = (("algemeen", "algemeen (AV 2.4)"), ("technisch", "technisch"),
          ("financieel", "financieel"), ("privacy", "privacy (verwerkersovereenkomst)"),
          ("security", "security"))
BEREIKBAARHEID = (("kantooruren", "kantooruren"), ("24x7", "24x7, ook buiten kantooruren"))
VELDEN = {"naam": "tekst", "functie": "tekst", "email": str, "telefoon": str, "rol": str,
          "bereikbaarheid": str}


def _basis(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}/contactpersonen"


def _status(antwoord: Antwoord) -> int:
    return 400 if antwoord.status == 422 else antwoord.status


@bp.get("/afnemers/<uuid:afnemer_id>/contactpersonen")
def contactpersonen(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None,
                    status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(_basis(afnemer_id), query=hulp.filters("rol"))
    return render_template(
        "console/contactpersonen/lijst.html", afnemer=afnemer, lijst=lijst, rollen=ROLLEN,
        bereikbaarheid=BEREIKBAARHEID, paginatitel=f"Contactpersonen {afnemer['naam']}",
        antwoord=antwoord, waarden=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/contactpersonen")
def contactpersoon_toevoegen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    antwoord = hulp.schrijf("POST", _basis(afnemer_id), hulp.formulier(VELDEN))
    return hulp.gelukt(antwoord, f"{request.form.get('naam')} is toegevoegd.", url_for(
        "console.contactpersonen", afnemer_id=afnemer_id)) or contactpersonen(
        afnemer_id, antwoord=antwoord, status=_status(antwoord))


@bp.get("/afnemers/<uuid:afnemer_id>/contactpersonen/<uuid:contactpersoon_id>")
def contactpersoon(afnemer_id: uuid.UUID, contactpersoon_id: uuid.UUID,
                   antwoord: Antwoord | None = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    huidig = hulp.lees(f"{_basis(afnemer_id)}/{contactpersoon_id}")
    return render_template(
        "console/contactpersonen/wijzigen.html", afnemer=afnemer, c=huidig.body,
        etag=huidig.headers.get("ETag", ""), rollen=ROLLEN, bereikbaarheid=BEREIKBAARHEID,
        paginatitel=f"Contactpersoon {huidig.body['naam']}", antwoord=antwoord,
        waarden=request.form if antwoord is not None else huidig.body,
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/contactpersonen/<uuid:contactpersoon_id>")
def contactpersoon_wijzigen(afnemer_id: uuid.UUID, contactpersoon_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    pad = f"{_basis(afnemer_id)}/{contactpersoon_id}"
    if request.form.get("actie") == "verwijderen":
        antwoord = hulp.schrijf("DELETE", pad, headers={"If-Match": request.form.get("etag", "")})
        bericht = "De contactpersoon is verwijderd."
    else:
        body = hulp.formulier(VELDEN)
        body.setdefault("functie", None)  # an emptied field clears the function
        antwoord = hulp.schrijf("PATCH", pad, body,
                                headers={"If-Match": request.form.get("etag", "")})
        bericht = "De contactpersoon is gewijzigd."
    return hulp.gelukt(antwoord, bericht, url_for(
        "console.contactpersonen", afnemer_id=afnemer_id)) or contactpersoon(
        afnemer_id, contactpersoon_id, antwoord=antwoord, status=_status(antwoord))
