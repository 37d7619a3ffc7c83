"""Logius: compose an announcement and follow the ones sent.

The composer takes type, dienst, targets (every afnemer of the dienst, or chosen ones)
and dates. Its notice rule is checked as the date is typed: a live check computes the
earliest allowed date with the rule the API applies (core.aankondigingen.regels.vroegst)
and shows the API's own verdict on the date typed. Before sending, a preview shows the
afnemers it will reach (core.aankondigingen.service.doelgroep, whom POST /aankondigingen
reaches) and the e-mail they will get, composed by the worker's own function
(core.meldingen.worker.mail). Sending is POST /aankondigingen; the list is
GET /aankondigingen and each announcement shows every afnemer's reaction.
"""

from __future__ import annotations

import math
import uuid
from datetime import datetime
from types import SimpleNamespace

import marshmallow as ma
from flask import render_template, request, url_for
from werkzeug.datastructures import MultiDict

from core import tijd
from core.aankondigingen import regels
from core.aankondigingen.schemas import AankondigingSchema
from core.aankondigingen.soorten import SOORTEN, VARIABELE_VELDEN, Type
from core.console import hulp
from core.console.api import Antwoord
from core.console.paginas.logius_afnemers import alleen_logius, diensten
from core.console.views import bp
from core.voorwaarden import service as voorwaarden

TYPEN = [t.value for t in Type]
#: Reactions per page on an announcement's page.
PER_PAGINA = 50


@bp.get("/aankondigingen/opstellen")
def aankondiging_opstellen():
    alleen_logius()
    return _opsteller()


@bp.post("/aankondigingen/opstellen")
def aankondiging_versturen():
    alleen_logius()
    body = _body(request.form)
    if request.form.get("actie") == "voorbeeld":
        antwoord = hulp.schrijf("POST", "/aankondigingen/voorbeeld", body)
        if not antwoord.ok:
            return _opsteller(antwoord=antwoord,
                              status=antwoord.status if antwoord.status in (403, 409) else 400)
        return _opsteller(voorbeeld=antwoord.body)
    antwoord = hulp.schrijf("POST", "/aankondigingen", body)
    if antwoord.ok:
        return hulp.gelukt(
            antwoord, f"De aankondiging is verstuurd aan {antwoord.body['aantalOntvangers']} "
                      "afnemers.",
            url_for("console.aankondiging_detail", aankondiging_id=antwoord.body["id"]))
    return _opsteller(antwoord=antwoord,
                      status=antwoord.status if antwoord.status in (403, 409) else 400)


@bp.get("/aankondigingen/controle")
def aankondiging_controle():
    """The live check of the dates: the earliest date the notice rule allows and the
    API's verdict on the date typed, as an HTML fragment."""
    alleen_logius()
    try:
        type_ = Type(request.args.get("type", ""))
    except ValueError:
        return render_template("console/logius/_termijn.html", regel=None, fout=None,
                               datum=None)
    regel = regels.vroegst(type_, document=request.args.get("document") or None,
                           dienst=request.args.get("dienst") or None)
    datum = request.args.get(regel.veld) if regel else None
    fout = _datumfout(type_, regel.veld) if datum else None
    return render_template("console/logius/_termijn.html", regel=regel, fout=fout,
                           datum=datum, type=type_.value)


def _datumfout(type_: Type, veld: str) -> str | None:
    """What the API's rules (core.aankondigingen.regels.fouten) say of the date field
    ``veld`` typed so far; the rest of the form need not be complete yet (its required
    fields count as given)."""
    schema = AankondigingSchema()
    body = _body(request.args)
    data: dict = {"type": type_.value}
    for naam, field in schema.fields.items():
        if field.data_key in ("dienst", "document", "wijzigingsdatum", "beginOp", "eindeOp",
                              "omgeving", "afwijking") and field.data_key in body:
            try:
                data[naam] = field.deserialize(body[field.data_key])
            except ma.ValidationError as fout:
                if field.data_key == veld:
                    return " ".join(map(str, fout.messages))
    gegeven = {k for k in body if k != "afnemers"} | set(SOORTEN[type_].verplicht)
    return " ".join(regels.fouten(data, gegeven).get(veld, [])) or None


@bp.get("/aankondigingen/<uuid:aankondiging_id>")
def aankondiging_detail(aankondiging_id: uuid.UUID):
    alleen_logius()
    aankondiging = hulp.lees(f"/aankondigingen/{aankondiging_id}").body
    ontvangers = aankondiging.get("ontvangers") or []
    try:
        pagina = max(1, int(request.args.get("pagina", 1)))
    except ValueError:
        pagina = 1
    paginas = max(1, math.ceil(len(ontvangers) / PER_PAGINA))
    pagina = min(pagina, paginas)
    deel = ontvangers[(pagina - 1) * PER_PAGINA: pagina * PER_PAGINA]
    paginering = SimpleNamespace(body={"paginering": {
        "pagina": pagina, "totaalPaginas": paginas, "totaalAantal": len(ontvangers)}})
    return render_template("console/logius/aankondiging.html", a=aankondiging, ontvangers=deel,
                           paginering=paginering, paginatitel=aankondiging["titel"])


def _opsteller(*, antwoord: Antwoord | None = None, voorbeeld: dict | None = None,
               status: int = 200):
    waarden = request.form if request.method == "POST" else MultiDict()
    verstuurd = hulp.lees("/aankondigingen", query=hulp.filters("type", "dienst"))
    kandidaten = [(a["id"], f"{a['naam']} ({a['oin']})") for a in hulp.lees(
        "/afnemers", query={"paginaGrootte": 100, "dienst": waarden.get("dienst")}).items]
    documenten = [(d.id, d.titel) for d in voorwaarden.documenten().values()]
    try:
        regel = regels.vroegst(Type(waarden.get("type", "")),
                               document=waarden.get("document") or None,
                               dienst=waarden.get("dienst") or None)
    except ValueError:
        regel = None
    return render_template(
        "console/logius/aankondiging_opstellen.html", paginatitel="Aankondiging opstellen",
        typen=TYPEN, soorten=SOORTEN, diensten=diensten(), documenten=documenten,
        kandidaten=kandidaten, waarden=waarden, antwoord=antwoord, voorbeeld=voorbeeld,
        verstuurd=verstuurd, filter=request.args, regel=regel, type=waarden.get("type")), status


def _moment(tekst: str) -> str:
    """A ``datetime-local`` field (Dutch time) as the API's aware timestamp."""
    try:
        moment = datetime.fromisoformat(tekst)
    except ValueError:
        return tekst  # the API names the field
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=tijd.AMSTERDAM)
    return moment.isoformat()


def _body(formulier) -> dict:
    """The form as the body of POST /aankondigingen: empty fields left out, and only the
    fields of the chosen type (the form shows those of every type)."""
    body: dict = {}
    for naam in ("type", "titel", "omschrijving", *VARIABELE_VELDEN):
        waarde = formulier.get(naam, "")
        if naam == "afwijking":
            if waarde in ("on", "true", "ja"):
                body[naam] = True
            continue
        if waarde.strip():
            body[naam] = _moment(waarde.strip()) if naam in ("beginOp", "eindeOp") else waarde
    if formulier.get("doelgroep") == "gekozen":
        body["afnemers"] = [a for a in formulier.getlist("afnemers") if a.strip()]
    try:
        soort = SOORTEN[Type(body.get("type", ""))]
    except ValueError:
        return body
    return {k: v for k, v in body.items() if k not in VARIABELE_VELDEN or k in soort.velden}
