"""Begeleiding bij het aansluiten op Digipoort (DP tabel 1), for one afnemer: what a
period costs before choosing (the API's quote, nothing stored), the choice per Digipoort
aansluiting, and the periods of individuele begeleiding. Logius records a startmail; the
afnemer's beheerder asks for the next period while the current one runs (the API decides
which of the two a write is, and refuses what does not fit). The API answers for every
afnemer, so the page is there for every afnemer. Everything goes through the API as the
logged-in person."""

from __future__ import annotations

import uuid
from typing import Any

from flask import g, render_template, request, url_for

from core.sdk.console import ConsoleBijdrage, Menuitem, console_blueprint, hulp

from .begeleiding import BASIS, INDIVIDUEEL

bp = console_blueprint("digipoort", __name__)

#: Every choice of an afnemer fits on one page of the API (newest first), so the current
#: choice of each aansluiting is read from a single request.
KEUZES_PER_PAGINA = 100
BEEINDIGD = "beeindigd"
NAMEN = {BASIS: "Basis aansluitondersteuning", INDIVIDUEEL: "Individuele begeleiding"}


def aansluiting_tekst(aansluiting: dict) -> str:
    """An aansluiting as its reader knows it: omgeving, onderdelen, status."""
    onderdelen = ", ".join(aansluiting.get("onderdelen") or ())
    return (f"{aansluiting['omgeving']}{f' ({onderdelen})' if onderdelen else ''}, "
            f"{aansluiting['status']}")


def _aansluitingen(afnemer_id: uuid.UUID):
    return hulp.lees(f"/afnemers/{afnemer_id}/aansluitingen",
                     query={"dienst": "digipoort", "paginaGrootte": 100})


def _context(afnemer_id: uuid.UUID, aansluitingen) -> dict[str, Any]:
    """What both pages show of the aansluitingen, and who may write."""
    teksten = {a["id"]: aansluiting_tekst(a) for a in aansluitingen.items}
    return {"aansluitingen": aansluitingen, "aansluiting_tekst": teksten,
            "aansluiting_opties": [(a["id"], teksten[a["id"]]) for a in aansluitingen.items
                                   if a["status"] != BEEINDIGD],
            "namen": NAMEN, "moment": hulp.moment, "waarden": request.form,
            "mag_beheren": g.principal.mag_beheren(afnemer_id),
            "is_logius": g.principal.is_logius_beheerder}


def _pad(afnemer_id: uuid.UUID) -> str:
    return f"/afnemers/{afnemer_id}/digipoort-begeleidingen"


@bp.get("/afnemers/<uuid:afnemer_id>/digipoort/begeleiding")
def begeleiding(afnemer_id: uuid.UUID, antwoord: Any = None, status: int = 200,
                offerte: dict | None = None):
    """The Digipoort aansluitingen with their current choice, the choices made, and (for
    who may manage the afnemer) one form: the keuze's cost first, then confirm it."""
    afnemer = hulp.afnemer(afnemer_id)
    keuzes = hulp.lees(f"{_pad(afnemer_id)}/keuzes",
                       query={"paginaGrootte": KEUZES_PER_PAGINA})
    huidige: dict[str, dict] = {}
    for keuze in keuzes.items:  # newest first: the first of an aansluiting holds
        huidige.setdefault(keuze["aansluitingId"], keuze)
    return render_template(
        "digipoort/begeleiding.html", afnemer=afnemer, huidige=huidige, keuzes=keuzes,
        antwoord=antwoord, offerte=offerte, **_context(afnemer_id, _aansluitingen(afnemer_id)),
        paginatitel=f"Digipoort-begeleiding {afnemer['naam']}"), status


def _foutstatus(antwoord) -> int:
    return antwoord.status if 400 <= antwoord.status < 500 else 400


@bp.post("/afnemers/<uuid:afnemer_id>/digipoort/begeleiding/offerte")
def begeleiding_offerte(afnemer_id: uuid.UUID):
    """The quote is the answer itself: shown on this response, nothing is stored."""
    hulp.afnemer(afnemer_id)
    antwoord = hulp.schrijf("POST", f"{_pad(afnemer_id)}/offertes",
                            hulp.formulier({"keuze": str, "jaar": int}))
    if antwoord.ok:
        return begeleiding(afnemer_id, offerte=antwoord.body)
    return begeleiding(afnemer_id, antwoord, _foutstatus(antwoord))


@bp.post("/afnemers/<uuid:afnemer_id>/digipoort/begeleiding")
def begeleiding_kiezen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    antwoord = hulp.schrijf("POST", f"{_pad(afnemer_id)}/keuzes",
                            hulp.formulier({"aansluitingId": str, "keuze": str}))
    if antwoord.ok:
        kosten = antwoord.body.get("kostenPerPeriode") or {}
        bericht = f"De keuze {antwoord.body['keuze']} is vastgelegd."
        if kosten:
            bericht += (f" Een periode kost {hulp.euro(kosten['bedragInclBtw'])} inclusief btw"
                        f" ({kosten['artikel']}).")
        return hulp.gelukt(antwoord, bericht, url_for(".begeleiding", afnemer_id=afnemer_id))
    return begeleiding(afnemer_id, antwoord, _foutstatus(antwoord))


@bp.get("/afnemers/<uuid:afnemer_id>/digipoort/begeleiding/perioden")
def begeleiding_perioden(afnemer_id: uuid.UUID, antwoord: Any = None, status: int = 200):
    """The periods of individuele begeleiding, and the form: Logius records a startmail,
    the afnemer's beheerder asks for the next period (the API tells which it may)."""
    afnemer = hulp.afnemer(afnemer_id)
    perioden = hulp.lees(f"{_pad(afnemer_id)}/perioden", query=hulp.filters("aansluitingId"))
    return render_template(
        "digipoort/perioden.html", afnemer=afnemer, perioden=perioden, antwoord=antwoord,
        gekozen=request.args.get("aansluitingId", ""),
        **_context(afnemer_id, _aansluitingen(afnemer_id)),
        paginatitel=f"Begeleidingsperioden Digipoort {afnemer['naam']}"), status


@bp.post("/afnemers/<uuid:afnemer_id>/digipoort/begeleiding/perioden")
def begeleiding_periode_vastleggen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    antwoord = hulp.schrijf("POST", f"{_pad(afnemer_id)}/perioden",
                            hulp.formulier({"aansluitingId": str, "startmail": str}))
    if antwoord.ok:
        p = antwoord.body
        return hulp.gelukt(antwoord, f"De periode {p['startmail']} t/m {p['tot']} is "
                                     f"vastgelegd ({p['artikel']}).",
                           url_for(".begeleiding_perioden", afnemer_id=afnemer_id))
    return begeleiding_perioden(afnemer_id, antwoord, _foutstatus(antwoord))


BIJDRAGE = ConsoleBijdrage(bp, (
    Menuitem("afnemer", "digipoort-console.begeleiding", "Digipoort-begeleiding"),
))
