"""Logius: every afnemer. Search by name or OIN, filter by type and by dienst (a lopende
aansluiting on it), paginated; register one, its OIN checked while it is typed (the
API's own OIN rule, and whether the OIN is registered already); each row leads to the
afnemer's dashboard. Reads and writes go through the API as the person."""

from __future__ import annotations

from flask import abort, render_template, request, url_for

from core.afnemers.schemas import AfnemerFilterSchema
from core.console import hulp
from core.console.views import bp
from core.types import Afnemertype

TYPEN = [t.value for t in Afnemertype]
#: The registration form: API field to converter (hulp.formulier).
VELDEN = {"naam": "tekst", "oin": str, "type": str, "kvkNummer": str}


def alleen_logius() -> None:
    """A page of Logius beheerders; anyone else gets 403 (their API calls would too)."""
    if not hulp.ingelogd().is_logius_beheerder:
        abort(403)


def diensten() -> list[dict]:
    return hulp.lees("/diensten", query={"paginaGrootte": 100}).items


@bp.get("/afnemers")
def afnemers():
    alleen_logius()
    return _pagina()


@bp.post("/afnemers")
def afnemer_registreren():
    alleen_logius()
    antwoord = hulp.schrijf("POST", "/afnemers", hulp.formulier(VELDEN))
    if antwoord.ok:
        return hulp.gelukt(antwoord, f"{antwoord.body['naam']} is geregistreerd.",
                           url_for("console.dashboard", afnemer_id=antwoord.body["id"]))
    return _pagina(antwoord=antwoord, waarden=request.form,
                   status=antwoord.status if antwoord.status in (403, 409) else 400)


def _pagina(*, antwoord=None, waarden=None, status: int = 200):
    lijst = hulp.lees("/afnemers", query=hulp.filters("zoek", "type", "dienst"))
    return render_template(
        "console/logius/afnemers.html", paginatitel="Afnemers", lijst=lijst, typen=TYPEN,
        diensten=diensten(), antwoord=antwoord, waarden=waarden or {},
        filter=request.args), status


@bp.get("/afnemers/oin-controle")
def afnemer_oin_controle():
    """The live check of the OIN field: an HTML fragment saying whether the OIN is valid
    by the API's rule (core.api.fields.oin) and whether an afnemer has it already."""
    alleen_logius()
    oin = request.args.get("oin", "").strip()
    fout, bestaand = None, None
    if oin:
        fouten = AfnemerFilterSchema().validate({"oin": oin})
        fout = " ".join(fouten.get("oin", [])) or None
        if fout is None:
            gevonden = hulp.lees("/afnemers", query={"oin": oin}).items
            bestaand = gevonden[0] if gevonden else None
    return render_template("console/logius/_oin.html", oin=oin, fout=fout, bestaand=bestaand)
