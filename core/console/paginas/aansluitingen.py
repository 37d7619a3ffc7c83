"""The afnemer's aansluitingen: the list (by dienst and status), the request form (the
dienst first, then its omgevingen and onderdelen as its plugin offers them), and one
aansluiting's page: its history, its onboarding route (complete a step, Logius rejects
one), the koppelvlak versions it uses (with the API's check of a version), withdrawing or
ending it, and for Logius beheerders its lifecycle (activate, suspend with the article
and a reason, resume, end). Everything is read and written through the API."""

from __future__ import annotations

import uuid

from flask import g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp

#: The aansluiting's statuses, in the order of its lifecycle (the API's enum).
STATUSSEN = ("aangevraagd", "actief", "opgeschort", "beeindigd")
#: AV 5.3 (not meeting the requirements) and AV 5.4 (a security incident).
GRONDSLAGEN = (("AV 5.3", "AV 5.3: de afnemer voldoet niet aan de eisen"),
               ("AV 5.4", "AV 5.4: beveiligingsincident (zonder vooraankondiging)"))
#: Route step statuses after which a step is done (Logius may then reject it).
AFGEROND = ("afgerond", "te-laat-afgerond")


def _basis(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}/aansluitingen"


def _diensten() -> list[dict]:
    return hulp.lees("/diensten", query={"paginaGrootte": 100}).items


def _dienst(slug: str | None) -> dict | None:
    """The dienst (with its omgevingen and onderdelen), or None if there is no such one."""
    if not slug:
        return None
    antwoord = hulp.lees(f"/diensten/{slug}", nodig=False)
    return antwoord.body if antwoord.ok else None


@bp.get("/afnemers/<uuid:afnemer_id>/aansluitingen")
def aansluitingen(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(_basis(afnemer_id), query=hulp.filters("dienst", "status"))
    keuze = (request.form.get("dienst") if antwoord is not None
             else request.args.get("aanvraagDienst"))
    return render_template(
        "console/aansluitingen/lijst.html", afnemer=afnemer, lijst=lijst,
        paginatitel=f"Aansluitingen {afnemer['naam']}", diensten=_diensten(),
        statussen=STATUSSEN, gekozen=_dienst(keuze), antwoord=antwoord,
        waarden=request.form if antwoord is not None else {},
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.post("/afnemers/<uuid:afnemer_id>/aansluitingen")
def aansluiting_aanvragen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    body = hulp.formulier({"dienst": str, "omgeving": str, "onderdelen": str,
                           "aanvraagOndertekendOp": str}, lijsten=("onderdelen",))
    antwoord = hulp.schrijf("POST", _basis(afnemer_id), body)
    if antwoord.ok:
        return hulp.gelukt(antwoord, "De aansluiting is aangevraagd.", url_for(
            "console.aansluiting", afnemer_id=afnemer_id, aansluiting_id=antwoord.body["id"]))
    return aansluitingen(afnemer_id, antwoord=antwoord, status=_status(antwoord))


def _status(antwoord: Antwoord) -> int:
    """The page's status after a refused write: the API's (400 for its 422)."""
    return 400 if antwoord.status == 422 else antwoord.status


def _detail(afnemer_id: uuid.UUID, aansluiting_id: uuid.UUID, *, mislukt: str | None = None,
            antwoord: Antwoord | None = None, status: int = 200, controle: dict | None = None):
    """The aansluiting's page; ``mislukt`` names the form whose write the API refused."""
    afnemer = hulp.afnemer(afnemer_id)
    pad = f"{_basis(afnemer_id)}/{aansluiting_id}"
    aansluiting = hulp.lees(pad)
    historie = hulp.lees(f"{pad}/statuswijzigingen", query={"paginaGrootte": 100})
    route = hulp.lees(f"{pad}/route", nodig=False)
    gebruik = hulp.lees(f"/afnemers/{afnemer_id}/koppelvlakgebruik",
                        query={"paginaGrootte": 100})
    eigen_gebruik = [r for r in gebruik.items if r["aansluitingId"] == str(aansluiting_id)]
    dienst = aansluiting.body["dienst"]
    koppelvlakken = hulp.lees(f"/diensten/{dienst}/koppelvlakken",
                              query={"paginaGrootte": 100}, nodig=False).items
    principal = g.principal
    return render_template(
        "console/aansluitingen/detail.html", afnemer=afnemer, a=aansluiting.body,
        paginatitel=f"Aansluiting {dienst} ({aansluiting.body['omgeving']})",
        etag=aansluiting.headers.get("ETag", ""), historie=historie,
        route=route.body if route.ok else None, gebruik=eigen_gebruik,
        koppelvlakken=koppelvlakken, overgangen=_overgangen(aansluiting.body["status"]),
        grondslagen=GRONDSLAGEN, afgerond=AFGEROND, mislukt=mislukt, antwoord=antwoord,
        waarden=request.form if antwoord is not None else {}, controle=controle,
        mag_beheren=principal.mag_beheren(afnemer_id),
        is_logius=principal.is_logius_beheerder), status


def _overgangen(status: str) -> dict[str, list[tuple[str, str]]]:
    """The lifecycle's transitions from ``status`` (core.aansluitingen.lifecycle), as
    (new status, what the button says), split by who makes them."""
    afnemer = {"aangevraagd": [("beeindigd", "Aanvraag intrekken")],
               "actief": [("beeindigd", "Aansluiting beëindigen")],
               "opgeschort": [("beeindigd", "Aansluiting beëindigen")]}
    logius = {"aangevraagd": [("actief", "Activeren")],
              "actief": [("opgeschort", "Opschorten")],
              "opgeschort": [("actief", "Hervatten")]}
    return {"afnemer": afnemer.get(status, []), "logius": logius.get(status, [])}


@bp.get("/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>")
def aansluiting(afnemer_id: uuid.UUID, aansluiting_id: uuid.UUID):
    return _detail(afnemer_id, aansluiting_id)


def _na_schrijven(afnemer_id, aansluiting_id, antwoord: Antwoord, formulier: str,
                  bericht: str):
    naar = url_for("console.aansluiting", afnemer_id=afnemer_id,
                   aansluiting_id=aansluiting_id)
    return hulp.gelukt(antwoord, bericht, naar) or _detail(
        afnemer_id, aansluiting_id, mislukt=formulier, antwoord=antwoord,
        status=_status(antwoord))


@bp.post("/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>/status")
def aansluiting_status(afnemer_id: uuid.UUID, aansluiting_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    body = hulp.formulier({"status": str, "grondslag": str, "reden": "tekst"})
    antwoord = hulp.schrijf(
        "POST", f"{_basis(afnemer_id)}/{aansluiting_id}/statuswijzigingen", body,
        headers={"If-Match": request.form.get("etag", "")})
    return _na_schrijven(afnemer_id, aansluiting_id, antwoord, "status-" + body.get(
        "status", ""), f"De status is nu {body.get('status')}.")


@bp.post("/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>/route/<stap>/"
         "<any(afronden, afwijzen):actie>")
def routestap(afnemer_id: uuid.UUID, aansluiting_id: uuid.UUID, stap: str, actie: str):
    hulp.afnemer(afnemer_id)
    velden = {"bewijs": "tekst", "toelichting": "tekst"} if actie == "afronden" else {
        "reden": "tekst"}
    antwoord = hulp.schrijf(
        "POST", f"{_basis(afnemer_id)}/{aansluiting_id}/route/{stap}/{actie}",
        hulp.formulier(velden))
    bericht = (f"De stap {stap} is afgerond." if actie == "afronden"
               else f"De stap {stap} is afgewezen.")
    return _na_schrijven(afnemer_id, aansluiting_id, antwoord, f"{actie}-{stap}", bericht)


@bp.post("/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>/koppelvlak")
def koppelvlak_registreren(afnemer_id: uuid.UUID, aansluiting_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    body = {"aansluitingId": str(aansluiting_id),
            **hulp.formulier({"koppelvlak": str, "versie": str})}
    antwoord = hulp.schrijf("POST", f"/afnemers/{afnemer_id}/koppelvlakgebruik", body)
    if not antwoord.ok:
        return _detail(afnemer_id, aansluiting_id, mislukt="koppelvlak", antwoord=antwoord,
                       status=_status(antwoord))
    # The registration stands; the page says at once where that version stands (the
    # API's check), a version past its sunset included.
    return _detail(afnemer_id, aansluiting_id, controle=_controle(
        antwoord.body["dienst"], antwoord.body["koppelvlak"], antwoord.body["versie"]))


def _controle(dienst: str, koppelvlak: str, versie: str) -> dict | None:
    if not (koppelvlak and versie):
        return None
    antwoord = hulp.lees(f"/diensten/{dienst}/koppelvlakken/{koppelvlak}/controle",
                         query={"versie": versie}, nodig=False)
    return antwoord.body if antwoord.ok else None


@bp.get("/afnemers/<uuid:afnemer_id>/aansluitingen/<uuid:aansluiting_id>/koppelvlak/controle")
def koppelvlak_controle(afnemer_id: uuid.UUID, aansluiting_id: uuid.UUID):
    """The live check of a koppelvlak version as one types it: an HTML fragment."""
    hulp.afnemer(afnemer_id)
    a = hulp.lees(f"{_basis(afnemer_id)}/{aansluiting_id}").body
    controle = _controle(a["dienst"], request.args.get("koppelvlak", ""),
                         request.args.get("versie", "").strip())
    return render_template("console/aansluitingen/_controle.html", controle=controle)
