"""The afnemer's prognoses (AV 2.5): what is due per aansluiting, the submitted ones with
their version history, and a form per aansluiting generated from its dienst's JSON Schema
(``GET /diensten/{slug}/prognoseformulier``, rendered by core.console.jsonformulier).
A submission is a new version (``POST /afnemers/{id}/prognoses``); the API's field errors
land beside the generated fields. Everything goes through the API as the person."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import abort, g, render_template, request, url_for

from core.console import hulp, jsonformulier
from core.console.api import Antwoord
from core.console.views import bp
from core.tijd import vandaag


@dataclass
class Fouten:
    """The API's refusal with its field names mapped onto the generated fields (what the
    ``veld`` and ``foutmelding`` macros read)."""

    antwoord: Antwoord

    @property
    def ok(self) -> bool:
        return self.antwoord.ok

    @property
    def melding(self) -> str:
        return self.antwoord.melding

    @property
    def veldfouten(self) -> dict[str, str]:
        """Read from ``invalidParams`` itself: an item of an array is a field of its own
        here (``Antwoord.veldfouten`` folds items into their list's field)."""
        uit: dict[str, str] = {}
        body = self.antwoord.body if isinstance(self.antwoord.body, dict) else {}
        for param in [] if self.ok else body.get("invalidParams") or []:
            sleutel = jsonformulier.veldnaam(str(param.get("name") or "body"))
            reden = str(param.get("reason") or "")
            uit[sleutel] = (uit[sleutel] + " " if sleutel in uit else "") + reden
        return uit


@bp.get("/afnemers/<uuid:afnemer_id>/prognoses")
def prognoses(afnemer_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    basis = f"/afnemers/{afnemer_id}"
    plicht = hulp.lees(f"{basis}/prognoseplicht", query={"paginaGrootte": 100})
    ingeleverd = hulp.lees(f"{basis}/prognoses", query=hulp.filters("aansluitingId"))
    return render_template(
        "console/prognoses/prognoses.html", afnemer=afnemer,
        paginatitel=f"Prognoses {afnemer['naam']}", plicht=plicht, ingeleverd=ingeleverd,
        mag_beheren=g.principal.mag_beheren(afnemer_id))


@bp.get("/afnemers/<uuid:afnemer_id>/prognoses/<uuid:prognose_id>")
def prognose(afnemer_id: uuid.UUID, prognose_id: uuid.UUID):
    afnemer = hulp.afnemer(afnemer_id)
    versie = hulp.lees(f"/afnemers/{afnemer_id}/prognoses/{prognose_id}").body
    formulier = hulp.lees(f"/diensten/{versie['dienst']}/prognoseformulier", nodig=False)
    labels = _labels(formulier.body["schema"], _periode(formulier, versie["periode"])) \
        if formulier.ok else {}
    rijen = [(labels.get(naam, naam), waarde)
             for naam, waarde in jsonformulier.waarden(versie["formulier"]).items()]
    return render_template(
        "console/prognoses/prognose.html", afnemer=afnemer, versie=versie, rijen=rijen,
        paginatitel=f"Prognose {versie.get('periodeNaam') or versie['periode']}",
        mag_beheren=g.principal.mag_beheren(afnemer_id))


def _labels(schema: dict, periode: dict | None) -> dict[str, str]:
    """Field name to its label with those of its groups ("Authenticaties per maand, april
    2027")."""
    uit: dict[str, str] = {}

    def loop(items, voor: str) -> None:
        for item in items:
            label = f"{voor}, {item.label if item.soort == 'veld' else item.legend}" \
                if voor else (item.label if item.soort == "veld" else item.legend)
            if item.soort == "veld":
                uit[item.naam] = label
            else:
                loop(item.kinderen, label)

    loop(jsonformulier.elementen(schema, periode=periode), "")
    return uit


def _periode(formulier: Antwoord, periode_id: str | None) -> dict | None:
    return next((p for p in formulier.body.get("perioden") or [] if p["id"] == periode_id),
                None)


def _standaardperiode(perioden: list[dict], plicht: dict | None) -> str | None:
    """The period due for this aansluiting, else the first one still open."""
    if plicht and plicht.get("periode") in {p["id"] for p in perioden}:
        return plicht["periode"]
    vandaag_ = vandaag()
    open_ = [p for p in perioden if date.fromisoformat(p["uiterlijk"]) >= vandaag_]
    return (open_ or perioden or [{"id": None}])[0]["id"]


def _formulierpagina(afnemer_id: uuid.UUID, *, fouten: Fouten | None = None,
                     ingevuld: dict[str, Any] | None = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    bron = request.form if request.method == "POST" else request.args
    aansluiting_id = bron.get("aansluitingId", "")
    try:
        uuid.UUID(aansluiting_id)
    except ValueError:
        abort(404)
    aansluiting = hulp.lees(f"/afnemers/{afnemer_id}/aansluitingen/{aansluiting_id}").body
    formulier = hulp.lees(f"/diensten/{aansluiting['dienst']}/prognoseformulier", nodig=False)
    if formulier.status == 404:
        abort(404)
    perioden = formulier.body.get("perioden") or []
    plicht = next((p for p in hulp.lees(f"/afnemers/{afnemer_id}/prognoseplicht",
                                        query={"paginaGrootte": 100}).items
                   if p["aansluitingId"] == aansluiting_id), None)
    periode_id = bron.get("periode") or _standaardperiode(perioden, plicht)
    periode = _periode(formulier, periode_id)
    if ingevuld is None:
        # A new version starts from the newest one of this period, if there is one.
        vorige = next((p for p in hulp.lees(f"/afnemers/{afnemer_id}/prognoses", query={
            "aansluitingId": aansluiting_id, "paginaGrootte": 100}).items
            if p["periode"] == periode_id), None)
        ingevuld = jsonformulier.waarden(vorige["formulier"]) if vorige else {}
    return render_template(
        "console/prognoses/formulier.html", afnemer=afnemer, aansluiting=aansluiting,
        paginatitel=f"Prognose inleveren voor {aansluiting['dienst']}",
        formulier=formulier.body, perioden=perioden, periode=periode, periode_id=periode_id,
        elementen=jsonformulier.elementen(formulier.body["schema"], periode=periode),
        ingevuld=ingevuld, antwoord=fouten, plicht=plicht,
        mag_beheren=g.principal.mag_beheren(afnemer_id)), status


@bp.get("/afnemers/<uuid:afnemer_id>/prognoses/nieuw")
def prognose_invullen(afnemer_id: uuid.UUID):
    return _formulierpagina(afnemer_id)


@bp.post("/afnemers/<uuid:afnemer_id>/prognoses/nieuw")
def prognose_inleveren(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    aansluiting_id = request.form.get("aansluitingId", "")
    try:
        uuid.UUID(aansluiting_id)
    except ValueError:
        abort(404)
    aansluiting = hulp.lees(f"/afnemers/{afnemer_id}/aansluitingen/{aansluiting_id}").body
    formulier = hulp.lees(f"/diensten/{aansluiting['dienst']}/prognoseformulier", nodig=False)
    if not formulier.ok:
        abort(404)
    body = {"aansluitingId": aansluiting_id, "periode": request.form.get("periode", ""),
            "formulier": jsonformulier.lezen(formulier.body["schema"], request.form)}
    antwoord = hulp.schrijf("POST", f"/afnemers/{afnemer_id}/prognoses", body)
    if antwoord.ok:
        bericht = (f"Versie {antwoord.body['nummer']} van de prognose voor "
                   f"{antwoord.body.get('periodeNaam') or antwoord.body['periode']} is "
                   "ingeleverd.")
        if antwoord.body.get("waarschuwing"):
            bericht += " " + antwoord.body["waarschuwing"]
        return hulp.gelukt(antwoord, bericht, url_for(
            "console.prognose", afnemer_id=afnemer_id, prognose_id=antwoord.body["id"]))
    ingevuld = {k: v for k, v in request.form.items() if k.startswith("formulier.")}
    return _formulierpagina(afnemer_id, fouten=Fouten(antwoord), ingevuld=ingevuld,
                            status=antwoord.status if antwoord.status >= 400 else 400)
