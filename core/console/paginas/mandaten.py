"""The afnemer's mandates to intermediairs: the list (filter by status), granting one (the
intermediair found in the register by KvK number or name, the diensten, the kinds of
resource, lezen and/or schrijven, the last day) and revoking one. Everything goes through
the API as the logged-in person; the intermediair and the afnemer get the API's events."""

from __future__ import annotations

import re
import uuid

from flask import abort, g, render_template, request, url_for

from core.console import hulp
from core.console.api import Antwoord
from core.console.views import bp

#: The API's enums of a mandate.
RESOURCES = ("aansluitingen", "incidenten", "koppelvlakgebruik", "prognoses")
RECHTEN = ("lezen", "schrijven")
STATUSSEN = ("actief", "ingetrokken", "verlopen")


def _intermediairs(zoek: str, alle: list[dict]) -> list[dict]:
    """The register, narrowed by a KvK number (the API's filter) or a part of the name."""
    zoek = zoek.strip()
    if re.fullmatch(r"\d{8}", zoek):
        return hulp.lees("/intermediairs", query={"kvkNummer": zoek}).items
    return [i for i in alle if zoek.casefold() in i["naam"].casefold()] if zoek else alle


def _naam(intermediair: dict) -> str:
    return f"{intermediair['naam']} (KvK {intermediair['kvkNummer']})"


@bp.get("/afnemers/<uuid:afnemer_id>/mandaten")
def mandaten(afnemer_id: uuid.UUID, antwoord: Antwoord | None = None, status: int = 200):
    afnemer = hulp.afnemer(afnemer_id)
    lijst = hulp.lees(f"/afnemers/{afnemer_id}/mandaten", query=hulp.filters("status"))
    mag_beheren = g.principal.mag_beheren(afnemer_id)
    zoek = request.values.get("zoek", "")
    # One page of the register names the intermediairs of the list; one not on it (a
    # register past 100) is read by its id.
    alle = hulp.lees("/intermediairs", query={"paginaGrootte": 100}).items
    register = _intermediairs(zoek, alle) if mag_beheren else []
    namen = {i["id"]: _naam(i) for i in (*alle, *register)}
    for mandaat in lijst.items:
        if mandaat["intermediairId"] not in namen:
            gevonden = hulp.lees(f"/intermediairs/{mandaat['intermediairId']}", nodig=False)
            namen[mandaat["intermediairId"]] = (_naam(gevonden.body) if gevonden.ok
                                                else mandaat["intermediairId"])
    diensten = hulp.lees("/diensten", query={"paginaGrootte": 100}).items
    return render_template(
        "console/mandaten/mandaten.html", afnemer=afnemer, lijst=lijst, antwoord=antwoord,
        paginatitel=f"Mandaten {afnemer['naam']}", zoek=zoek, namen=namen,
        intermediair_opties=[(i["id"], namen[i["id"]]) for i in register],
        diensten=[(d["slug"], d.get("naam", d["slug"])) for d in diensten],
        resources=RESOURCES, rechten=RECHTEN, statussen=STATUSSEN,
        gekozen_status=request.args.get("status", ""),
        waarden=request.form if antwoord is not None else {},
        mag_beheren=mag_beheren), status


@bp.post("/afnemers/<uuid:afnemer_id>/mandaten")
def mandaten_wijzigen(afnemer_id: uuid.UUID):
    hulp.afnemer(afnemer_id)
    basis = f"/afnemers/{afnemer_id}/mandaten"
    actie = request.form.get("actie", "")
    if actie == "verlenen":
        body = hulp.formulier({"intermediairId": str, "diensten": str, "resources": str,
                               "rechten": str, "geldigTot": str},
                              lijsten=("diensten", "resources", "rechten"))
        antwoord = hulp.schrijf("POST", basis, body)
        bericht = "Het mandaat is verleend."
    elif actie == "intrekken":
        try:
            mandaat_id = uuid.UUID(request.form.get("id", ""))
        except ValueError:
            abort(400)
        antwoord = hulp.schrijf("DELETE", f"{basis}/{mandaat_id}")
        bericht = "Het mandaat is ingetrokken: het werkt direct niet meer."
    else:
        abort(400)
    return (hulp.gelukt(antwoord, bericht, url_for("console.mandaten", afnemer_id=afnemer_id))
            or mandaten(afnemer_id, antwoord,
                        antwoord.status if 400 <= antwoord.status < 500 else 400))
