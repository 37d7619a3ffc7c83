"""``/afnemers/{afnemerId}/vwo-overeenkomsten``: a gemeente's processing agreements with
Logius (VWO 2), with Bijlage 1 tables 2 and 3 and Bijlage 2, and the printable Bijlage 1.

Only a gemeente has one (409 for any other afnemer). A new agreement replaces the one
that runs, explicitly (``POST .../{overeenkomstId}/vervanging``), and that one lapses
from the new one's start (VWO 2.3); an agreement ends only when processing has stopped
and the data are returned or erased, confirmed (VWO 2.2, 7.1).
Its beheerder and Logius write; every change is audited.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from flask import Response, render_template_string, url_for
from flask.views import MethodView
from sqlalchemy import select

from core.sdk.api import (
    PaginaArgs,
    Problem,
    afnemer_blueprint,
    check_if_match,
    commit,
    db,
    diensten,
    huidige_afnemer,
    pagina_schema,
    paginate,
    tenant_get_or_404,
    tenant_select,
)

from .. import regels, weergave
from .. import register as reg
from ..catalogus import AFHANDELING
from ..dienst import SLUG
from ..models import Overeenkomst, Subverwerker
from ..schemas import (
    BeeindigingSchema,
    Bijlage2Schema,
    OndertekeningSchema,
    OvereenkomstSchema,
    OvereenkomstWijzigingSchema,
)
from . import document
from .gedeeld import EINDIGT, ETAG, alleen_gemeente, door, met_versie, moment, vandaag

blp = afnemer_blueprint(
    SLUG, __name__, pad="/vwo-overeenkomsten", naam="overeenkomsten",
    description="De verwerkersovereenkomsten van een gemeente met Logius (Standaard "
                "Verwerkersovereenkomst Gemeenten 2.5), met Bijlage 1 en 2")

OVEREENKOMST_ID = {"in": "path", "name": "overeenkomst_id",
                   "description": "Id van de verwerkersovereenkomst"}


def _fouten_diensten(gekozen: list[str]) -> list[str]:
    bekend = {slug: naam for slug, naam in diensten().items() if slug != SLUG}
    onbekend = [slug for slug in gekozen if slug not in bekend]
    if onbekend:
        return [f"Onbekende dienst: {', '.join(onbekend)}. Kies uit {', '.join(sorted(bekend))}."]
    if len(set(gekozen)) != len(gekozen):
        return ["Noem elke dienst één keer."]
    return []


def _ondertekening(waarde: dict[str, Any] | None) -> dict[str, Any] | None:
    if not waarde:
        return None
    return {**waarde, "datum": waarde["datum"].isoformat()}


#: The fields of Bijlage 2 that may be left out (then empty).
BIJLAGE2_OPTIONEEL = ("normenstelsel_anders", "laatste_certificering", "eigen_controles",
                      "gedragscode", "laatste_tpm")


def _bijlage2(waarde: dict[str, Any] | None) -> dict[str, Any] | None:
    if waarde is None:
        return None
    waarde = {**dict.fromkeys(BIJLAGE2_OPTIONEEL), **waarde}
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in waarde.items()}


def _controleer_bijlage2(waarde: dict[str, Any] | None, fouten: dict[str, list[str]]) -> None:
    if waarde:
        for naam, redenen in regels.bijlage2_fouten(waarde).items():
            fouten.setdefault(naam, []).extend(redenen)


def antwoord(overeenkomst: Overeenkomst, status: int = 200, **headers: str):
    return met_versie(weergave.overeenkomsten([overeenkomst], vandaag())[0],
                      overeenkomst.versie, status, **headers)


@blp.route("")
class Overeenkomsten(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(OvereenkomstSchema))
    @blp.doc(operationId="vwoOvereenkomstenOpvragen")
    def get(self, args):
        """Verwerkersovereenkomsten van de gemeente, de nieuwste eerst"""
        pagina = paginate(tenant_select(Overeenkomst).order_by(
            Overeenkomst.ingangsdatum.desc(), Overeenkomst.aangemaakt_op.desc(),
            Overeenkomst.id), args)
        pagina["resultaten"] = weergave.overeenkomsten(pagina["resultaten"], vandaag())
        return pagina

    @blp.arguments(OvereenkomstSchema)
    @blp.response(201, OvereenkomstSchema)
    @blp.problems(409)
    @blp.doc(operationId="vwoOvereenkomstAangaan")
    def post(self, data):
        """Verwerkersovereenkomst vastleggen (alleen voor een gemeente)

        Zonder ingangsdatum geldt de datum van de hoofdovereenkomst (VWO 2.1). De
        subverwerkers die nu voor de diensten werken, zijn die bij het aangaan bekend waren
        (VWO 4.5). Een gemeente kan er meer hebben, een per hoofdovereenkomst; een nieuwe
        die een lopende vervangt, gaat met POST .../{overeenkomstId}/vervanging (VWO 2.3).
        """
        alleen_gemeente()
        return _aangaan(data, None)


def _aangaan(data: dict[str, Any], vorige: Overeenkomst | None):
    afnemer = huidige_afnemer()
    ingang = data.get("ingangsdatum") or data["hoofdovereenkomst_datum"]
    fouten: dict[str, list[str]] = {}
    if fout := _fouten_diensten(data["diensten"]):
        fouten["diensten"] = fout
    _controleer_bijlage2(data.get("bijlage2"), fouten)
    if vorige is not None and ingang < vorige.ingangsdatum:
        fouten.setdefault("ingangsdatum", []).append(
            f"De overeenkomst die ze vervangt, gaat in op {vorige.ingangsdatum.isoformat()}; "
            "een vervanging (VWO 2.3) gaat niet eerder in.")
    if fouten:
        raise reg.weiger(fouten)
    nu, wie = moment(), door()
    ondertekening = data.get("ondertekening") or {}
    bekend = [str(s.id) for s in weergave.subverwerkers_voor(
        data["diensten"], list(db.session.scalars(select(Subverwerker))), vandaag())]
    overeenkomst = Overeenkomst(
        id=uuid.uuid4(), afnemer_id=afnemer.id,
        standaard_versie=data.get("standaard_versie", regels.STANDAARD_VERSIE),
        hoofdovereenkomst_naam=data["hoofdovereenkomst_naam"],
        hoofdovereenkomst_datum=data["hoofdovereenkomst_datum"],
        diensten=list(data["diensten"]), ingangsdatum=ingang,
        ondertekening_gemeente=_ondertekening(ondertekening.get("gemeente")),
        ondertekening_verwerker=_ondertekening(ondertekening.get("verwerker")),
        subverwerkers_bij_aangaan=bekend, bijlage2=_bijlage2(data.get("bijlage2")),
        aangemaakt_door=wie)
    db.session.add(overeenkomst)
    db.session.flush()
    if vorige is not None:
        vorige.vervallen_op = ingang
        vorige.vervangen_door_id = overeenkomst.id
        if data.get("register_overnemen", True):
            reg.overnemen(vorige, overeenkomst, door=wie, nu=nu)
    commit()
    return antwoord(overeenkomst, 201, Location=url_for(
        f"{blp.name}.OvereenkomstView", _external=True, afnemer_id=afnemer.id,
        overeenkomst_id=overeenkomst.id))


@blp.route("/<uuid:overeenkomst_id>", parameters=[OVEREENKOMST_ID])
class OvereenkomstView(MethodView):
    @blp.response(200, OvereenkomstSchema)
    @blp.doc(operationId="vwoOvereenkomstLezen")
    def get(self, overeenkomst_id: uuid.UUID):
        """Eén verwerkersovereenkomst, met tabel 2 en 3 van Bijlage 1 en Bijlage 2

        compleet zegt of de overeenkomst af is; ontbreekt noemt precies wat nog mist, met
        het artikel.
        """
        return antwoord(tenant_get_or_404(Overeenkomst, overeenkomst_id))

    @blp.arguments(OvereenkomstWijzigingSchema)
    @blp.response(200, OvereenkomstSchema)
    @blp.if_match()
    @blp.problems(409)
    @blp.doc(operationId="vwoOvereenkomstBijwerken")
    def patch(self, data, overeenkomst_id: uuid.UUID):
        """Hoofdovereenkomst of ingangsdatum van een overeenkomst corrigeren

        Een vervangen of beëindigde overeenkomst verandert niet meer (409). Een overeenkomst
        die een vorige vervangt, gaat niet eerder in dan die vorige; de vorige vervalt op
        de nieuwe ingangsdatum (VWO 2.3).
        """
        overeenkomst = _wijzigbaar(overeenkomst_id)
        if "ingangsdatum" in data and data["ingangsdatum"] != overeenkomst.ingangsdatum:
            vorige = db.session.scalars(select(Overeenkomst).where(
                Overeenkomst.vervangen_door_id == overeenkomst.id)).first()
            if vorige is not None and data["ingangsdatum"] < vorige.ingangsdatum:
                raise reg.weiger({"ingangsdatum": [
                    (f"Deze overeenkomst vervangt er een die ingaat op "
                    f"{vorige.ingangsdatum.isoformat()} (VWO 2.3); ze gaat niet eerder in.")]})
            if vorige is not None:
                vorige.vervallen_op = data["ingangsdatum"]
        for veld, waarde in data.items():
            setattr(overeenkomst, veld, waarde)
        commit()
        return antwoord(overeenkomst)


def _wijzigbaar(overeenkomst_id: uuid.UUID) -> Overeenkomst:
    """The afnemer's agreement, If-Match checked, that may still change."""
    overeenkomst = tenant_get_or_404(Overeenkomst, overeenkomst_id)
    check_if_match(overeenkomst)
    if not weergave.lopend(overeenkomst):
        raise Problem(409, "Deze overeenkomst is vervangen of beëindigd en verandert niet "
                           "meer (VWO 2.2, 2.3).", code="conflict")
    return overeenkomst


@blp.route("/<uuid:overeenkomst_id>/bijlage-2", parameters=[OVEREENKOMST_ID])
class Bijlage2(MethodView):
    @blp.response(200, Bijlage2Schema)
    @blp.doc(operationId="vwoBijlageTweeLezen")
    def get(self, overeenkomst_id: uuid.UUID):
        """Bijlage 2 van een overeenkomst (404 zolang ze niet is ingevuld)"""
        overeenkomst = tenant_get_or_404(Overeenkomst, overeenkomst_id)
        if not overeenkomst.bijlage2:
            raise Problem(404, "Bijlage 2 is nog niet ingevuld.", code="niet-gevonden")
        return met_versie(weergave.bijlage2(overeenkomst.bijlage2), overeenkomst.versie)

    @blp.arguments(Bijlage2Schema)
    @blp.response(200, Bijlage2Schema)
    @blp.if_match()
    @blp.problems(409)
    @blp.doc(operationId="vwoBijlageTweeInvullen")
    def put(self, data, overeenkomst_id: uuid.UUID):
        """Bijlage 2 invullen of vervangen

        If-Match is de ETag van de overeenkomst. Met normenstelsel anders de naam van die
        norm, met gecertificeerd de datum van de laatste certificering, met eigen-controles
        hun beschrijving.
        """
        overeenkomst = _wijzigbaar(overeenkomst_id)
        fouten: dict[str, list[str]] = {}
        _controleer_bijlage2(data, fouten)
        if fouten:
            raise reg.weiger({naam.removeprefix("bijlage2."): redenen
                              for naam, redenen in fouten.items()})
        overeenkomst.bijlage2 = _bijlage2(data)
        commit()
        return met_versie(weergave.bijlage2(overeenkomst.bijlage2), overeenkomst.versie)


@blp.route("/<uuid:overeenkomst_id>/ondertekening", parameters=[OVEREENKOMST_ID])
class Ondertekening(MethodView):
    @blp.response(200, OndertekeningSchema)
    @blp.doc(operationId="vwoOndertekeningLezen")
    def get(self, overeenkomst_id: uuid.UUID):
        """Wie namens elke partij tekende"""
        overeenkomst = tenant_get_or_404(Overeenkomst, overeenkomst_id)
        return met_versie(weergave.ondertekening(overeenkomst), overeenkomst.versie)

    @blp.arguments(OndertekeningSchema)
    @blp.response(200, OndertekeningSchema)
    @blp.if_match()
    @blp.problems(409)
    @blp.doc(operationId="vwoOndertekeningVastleggen")
    def put(self, data, overeenkomst_id: uuid.UUID):
        """Vastleggen wie namens elke partij tekende (naam, functie, plaats, datum)

        If-Match is de ETag van de overeenkomst. Een partij die u weglaat of leeg stuurt,
        heeft (nog) niet getekend.
        """
        overeenkomst = _wijzigbaar(overeenkomst_id)
        overeenkomst.ondertekening_gemeente = _ondertekening(data.get("gemeente"))
        overeenkomst.ondertekening_verwerker = _ondertekening(data.get("verwerker"))
        commit()
        return met_versie(weergave.ondertekening(overeenkomst), overeenkomst.versie)


@blp.route("/<uuid:overeenkomst_id>/beeindiging", parameters=[OVEREENKOMST_ID])
class Beeindiging(MethodView):
    @blp.arguments(BeeindigingSchema)
    @blp.response(200, OvereenkomstSchema, headers=ETAG)
    @blp.if_match()
    @blp.problems(409)
    @blp.doc(operationId="vwoOvereenkomstBeeindigen", **EINDIGT)
    def post(self, data, overeenkomst_id: uuid.UUID):
        """Overeenkomst beëindigen (VWO 2.2, 7.1)

        Alleen met de dag waarop de verwerking stopte en de bevestiging dat de gegevens
        zijn teruggegeven of gewist; daarna verandert de overeenkomst niet meer, en de
        geheimhouding loopt door (VWO 7.2). If-Match is de ETag van de overeenkomst.
        """
        overeenkomst = _wijzigbaar(overeenkomst_id)
        fouten: dict[str, list[str]] = {}
        if data["bevestigd_op"] < data["verwerking_gestopt_op"]:
            fouten.setdefault("bevestigdOp", []).append(
                "Teruggeven of wissen wordt bevestigd nadat de verwerking stopte.")
        if data["bevestigd_op"] > vandaag():
            fouten.setdefault("bevestigdOp", []).append(
                "Een bevestiging ligt niet in de toekomst: beëindig de overeenkomst als "
                "teruggeven of wissen bevestigd is (VWO 2.2).")
        if data["bevestigd_op"] < overeenkomst.ingangsdatum:
            fouten.setdefault("bevestigdOp", []).append(
                "De overeenkomst eindigt niet voor ze ingaat.")
        if fouten:
            raise reg.weiger(fouten)
        overeenkomst.verwerking_gestopt_op = data["verwerking_gestopt_op"]
        overeenkomst.gegevens_afhandeling = data["gegevens"]
        overeenkomst.beeindigd_op = data["bevestigd_op"]
        commit()
        return antwoord(overeenkomst)


@blp.route("/<uuid:overeenkomst_id>/bijlage-1", parameters=[OVEREENKOMST_ID])
class Bijlage1(MethodView):
    @blp.response(200, content_type="text/html", description=(
        "Bijlage 1 (tabel 1, 2 en 3) en Bijlage 2 van de overeenkomst als afdrukbare "
        "HTML-pagina, gemaakt uit de gegevens"))
    @blp.doc(operationId="vwoBijlagenAfdrukken")
    def get(self, overeenkomst_id: uuid.UUID):
        """Bijlage 1 en 2 als afdrukbare pagina"""
        overeenkomst = tenant_get_or_404(Overeenkomst, overeenkomst_id)
        gegevens = weergave.overeenkomsten([overeenkomst], vandaag())[0]
        verwerkingen = [reg.weergave(v, versie, vandaag()) for v, versie in
                        db.session.execute(reg.nieuwste(overeenkomst.id)
                                           .order_by(reg.Verwerkingsversie.naam))
                        if not versie.beeindigd]
        html = render_template_string(document.SJABLOON, o=gegevens, gemeente=huidige_afnemer(),
                                      verwerkingen=verwerkingen, afhandeling=AFHANDELING,
                                      **document.context())
        return Response(html, 200, mimetype="text/html")


@blp.route("/<uuid:overeenkomst_id>/vervanging", parameters=[OVEREENKOMST_ID])
class Vervanging(MethodView):
    @blp.arguments(OvereenkomstSchema)
    @blp.response(201, OvereenkomstSchema)
    @blp.if_match()
    @blp.problems(409)
    @blp.doc(operationId="vwoOvereenkomstVervangen", **EINDIGT)
    def post(self, data, overeenkomst_id: uuid.UUID):
        """Een overeenkomst vervangen door een nieuwe (VWO 2.3)

        De nieuwe gaat niet eerder in dan de oude; de oude vervalt op de ingangsdatum van
        de nieuwe. Met registerOvernemen (standaard) neemt de nieuwe de lopende
        verwerkingen van Bijlage 1 tabel 1 over. If-Match is de ETag van de oude; Location
        wijst naar de nieuwe.
        """
        vorige = _wijzigbaar(overeenkomst_id)
        return _aangaan(data, vorige)
