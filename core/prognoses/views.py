"""Prognoses per aansluiting and period (AV 2.5), their status, and shared capacity.

- ``/afnemers/{id}/prognoses``: submit (every submission is a new version), list the
  newest per aansluiting and period, and read one version with its history;
- ``/afnemers/{id}/prognoseplicht``: per aansluiting whether a prognosis is due, why,
  by when, and the status (actueel, verwacht, te-laat, niet-verplicht);
- ``/prognoses/overzicht``: Logius' view over every afnemer;
- ``/diensten/{slug}/capaciteit``: for a dienst that declares a shared capacity
  (``dienst_capaciteit``), the sum of the forecasts against it, for Logius;
- ``/diensten/{slug}/prognoseformulier``: what a dienst asks, for integrators: the
  periods that accept a prognosis and the form as a JSON Schema.
"""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask import url_for
from flask.views import MethodView
from sqlalchemy import func, select

from core import voorbeelden
from core.aansluitingen.models import Aansluiting
from core.afnemers.models import Afnemer
from core.api import Blueprint
from core.api.pagination import PaginaArgs, pagina_schema, paginate, paginate_list
from core.api.responses import commit
from core.api.schemas import Schema
from core.auth.middleware import current_principal
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem, flatten_messages, invalid
from core.plugins import diensten
from core.prognoses import capaciteit, service
from core.prognoses.models import Prognose
from core.tenancy import (
    TenantBlueprint,
    alleen_logius,
    huidige_afnemer,
    tenant_get_or_404,
    tenant_select,
)
from core.verbruik.views import zet_voorcalculatie

blp = TenantBlueprint(
    "prognoses", __name__, suffix="/prognoses",
    description="Prognoses van het gebruik per aansluiting en periode (AV 2.5)",
)
plicht = TenantBlueprint(
    "prognoseplicht", __name__, suffix="/prognoseplicht",
    description="Of en wanneer een aansluiting een prognose moet inleveren",
)
formulieren = Blueprint(
    "prognoseformulieren", __name__, url_prefix=f"{API_PREFIX}/diensten",
    description="Het prognoseformulier van een dienst en de perioden waarvoor het geldt",
)
logius = Blueprint(
    "prognoseoverzicht", __name__, url_prefix=f"{API_PREFIX}/prognoses",
    description="Voor Logius: de prognosestatus van alle afnemers",
)
gedeeld = Blueprint(
    "capaciteit", __name__, url_prefix=f"{API_PREFIX}/diensten",
    description="Voor Logius: de capaciteit die de afnemers van een dienst delen, tegen hun "
                "prognoses",
)

# A built-in dienst's form, as the example of a prognosis form in the document.
FORMULIER_VOORBEELD = voorbeelden.PROGNOSEFORMULIER


class PrognoseversieSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    nummer = ma.fields.Integer(dump_only=True, metadata={"description": "1 voor de eerste versie"})
    formulier = ma.fields.Dict(dump_only=True, metadata={
        "description": "Het ingevulde formulier van deze versie",
        "example": FORMULIER_VOORBEELD})
    ingediend_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van inleveren (UTC)"})
    ingediend_door = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van wie inleverde",
        "example": "Fatima el Amrani"})


class PrognoseSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    aansluiting_id = ma.fields.UUID(required=True)
    dienst = ma.fields.String(dump_only=True)
    periode = ma.fields.String(required=True, validate=ma.validate.Length(min=1, max=40),
                               metadata={"example": "2027-04", "description":
                                         "Het id van de periode, zoals de dienst die kent"})
    periode_naam = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "Naam van de periode",
        "example": "Prognose april 2027 (12 maanden vanaf 2027-04-01)"})
    uiterlijk = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Uiterlijke inleverdatum van de periode"})
    formulier = ma.fields.Dict(required=True, metadata={"example": FORMULIER_VOORBEELD,
        "description": "Het prognoseformulier van de dienst, zoals "
                       "GET /diensten/{slug}/prognoseformulier het als JSON Schema geeft"})
    nummer = ma.fields.Integer(dump_only=True, metadata={
        "description": "Versienummer; 1 voor de eerste versie",
        "example": 1})
    aantal_versies = ma.fields.Integer(dump_only=True, metadata={
        "description": "Aantal ingeleverde versies voor deze aansluiting en periode",
        "example": 1})
    ingediend_op = ma.fields.AwareDateTime(dump_only=True, metadata={
        "description": "Tijdstip van inleveren (UTC)"})
    ingediend_door = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van wie inleverde",
        "example": "Fatima el Amrani"})
    waarschuwing = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "example": "Met deze prognose komt de som op 8200: meer dan 80% van de gedeelde 10000.",
        "description": "Bij een dienst met een gedeelde capaciteit "
                       "(GET /diensten/{slug}/capaciteit): deze prognose brengt de som boven "
                       "de waarschuwingsdrempel"})


class PrognoseDetailSchema(PrognoseSchema):
    """One prognosis with its history (the list gives the newest version only)."""

    versies = ma.fields.List(ma.fields.Nested(PrognoseversieSchema), dump_only=True, metadata={
        "description": "Elke versie voor deze aansluiting en periode, oudste eerst"})


class PrognoseArgs(PaginaArgs):
    aansluiting_id = ma.fields.UUID()


class PrognoseplichtSchema(Schema):
    afnemer_id = ma.fields.UUID()
    afnemer_naam = ma.fields.String()
    aansluiting_id = ma.fields.UUID()
    dienst = ma.fields.String()
    omgeving = ma.fields.String(metadata={
        "description": "De omgeving van de aansluiting",
        "example": "productie"})
    verplicht = ma.fields.Boolean(metadata={
        "description": "Er moet een prognose worden ingeleverd"})
    reden = ma.fields.String(metadata={
        "description": "Waarom wel of niet",
        "example": voorbeelden.PROGNOSEPLICHT})
    artikel = ma.fields.String(metadata={
        "description": "Het artikel van de prognoseplicht",
        "example": "AV 2.5"})
    status = ma.fields.String(metadata={"description": "Waar de prognose staat",
                                        "enum": service.STATUSSEN})
    periode = ma.fields.String(allow_none=True, metadata={
        "description": "Id van de periode waarvoor een prognose nodig is",
        "example": "2027-04"})
    periode_naam = ma.fields.String(allow_none=True, metadata={
        "description": "Naam van die periode",
        "example": "Prognose april 2027 (12 maanden vanaf 2027-04-01)"})
    uiterlijk = ma.fields.Date(allow_none=True, metadata={
        "description": "Uiterlijke inleverdatum"})
    laatste_prognose_id = ma.fields.UUID(allow_none=True, metadata={
        "description": "Id van de nieuwste prognose voor die periode"})
    laatste_ingediend_op = ma.fields.AwareDateTime(allow_none=True, metadata={
        "description": "Tijdstip waarop die is ingeleverd (UTC)"})


class PrognoseoverzichtArgs(PaginaArgs):
    status = ma.fields.String(validate=ma.validate.OneOf(service.STATUSSEN), metadata={
        "description": "Alleen aansluitingen waarvan de prognose deze status heeft"})


class CapaciteitsbijdragerSchema(Schema):
    afnemer_id = ma.fields.UUID()
    afnemer_naam = ma.fields.String()
    aansluiting_id = ma.fields.UUID()
    periode = ma.fields.String(metadata={
        "description": "De periode van de prognose",
        "example": "2027-04"})
    waarde = ma.fields.Integer(metadata={
        "description": "Wat deze aansluiting volgens haar nieuwste prognose gebruikt, in de "
                       "eenheid van de capaciteit",
        "example": 300})
    aandeel = ma.fields.Float(metadata={
        "description": "Aandeel in de gedeelde capaciteit (0 tot 1)",
        "example": 0.03})


class CapaciteitSchema(Schema):
    dienst = ma.fields.String(metadata={"example": voorbeelden.DIENST})
    omgeving = ma.fields.String(metadata={
        "description": "De omgeving waarvan de aansluitingen meetellen",
        "example": "productie"})
    veld = ma.fields.String(metadata={
        "description": "Het veld van het prognoseformulier dat wordt opgeteld",
        "example": voorbeelden.CAPACITEITSVELD})
    eenheid = ma.fields.String(metadata={
        "description": "Waarin de limiet en de waarden zijn uitgedrukt",
        "example": "authenticaties per minuut"})
    limiet = ma.fields.Integer(metadata={
        "description": "De capaciteit, gedeeld door alle afnemers",
        "example": 10000})
    totaal = ma.fields.Integer(metadata={
        "description": "Som van de waarden uit de nieuwste prognoses",
        "example": 7400})
    ruimte = ma.fields.Integer(metadata={
        "description": "Limiet min de som; negatief bij overschrijding",
        "example": 2600})
    bezetting = ma.fields.Float(metadata={
        "description": "De som gedeeld door de limiet",
        "example": 0.74})
    waarschuwingsdrempel = ma.fields.Float(metadata={
        "description": "Bezetting vanaf waar Logius gewaarschuwd wordt",
        "example": 0.8})
    waarschuwing = ma.fields.Boolean(metadata={
        "description": "De bezetting is boven de drempel",
        "example": False})
    artikel = ma.fields.String(metadata={
        "description": "Het artikel van de limiet",
        "example": "SNO 1 Geldigheid"})
    waarschuwing_artikel = ma.fields.String(metadata={
        "description": "Het artikel dat het bewaken van de capaciteit regelt",
        "example": "SNO 3 Capaciteitsbeheer"})
    aansluitingen = ma.fields.Integer(metadata={
        "description": "Hoeveel aansluitingen met een prognose meetellen",
        "example": 42})
    grootste_bijdragers = ma.fields.List(ma.fields.Nested(CapaciteitsbijdragerSchema), metadata={
        "description": "De aansluitingen met de hoogste waarden"})


class PrognoseperiodeSchema(Schema):
    id = ma.fields.String(metadata={"description": "Id van de periode",
                                    "example": "2027-04"})
    naam = ma.fields.String(metadata={
        "description": "Naam van de periode",
        "example": "Prognose april 2027 (12 maanden vanaf 2027-04-01)"})
    van = ma.fields.Date(metadata={"description": "Eerste dag waarover de prognose gaat"})
    tot = ma.fields.Date(metadata={"description": "Laatste dag waarover de prognose gaat"})
    uiterlijk = ma.fields.Date(metadata={"description": "Uiterlijke inleverdatum"})


class PrognoseformulierSchema(Schema):
    dienst = ma.fields.String()
    artikel = ma.fields.String(metadata={
        "description": "Het artikel van de prognoseplicht",
        "example": "AV 2.5"})
    perioden = ma.fields.List(ma.fields.Nested(PrognoseperiodeSchema), metadata={
        "description": "De perioden waarvoor nu een prognose kan worden ingeleverd"})
    schema = ma.fields.Dict(metadata={
        "example": {"type": "object",
                    "properties": {voorbeelden.CAPACITEITSVELD: {"type": "integer"}}},
        "description": "Het formulier als JSON Schema: de vorm van `formulier` bij inleveren"})


def _json_schema(schema_cls) -> dict:
    """The form as JSON Schema, converted the way the OpenAPI document converts schemas."""
    from apispec.ext.marshmallow import MarshmallowPlugin
    from flask import current_app

    api = current_app.extensions["flask-smorest"]["apis"][""]["ext_obj"]
    plugin = next(p for p in api.spec.plugins if isinstance(p, MarshmallowPlugin))
    return plugin.converter.schema2jsonschema(schema_cls())  # bound: camelCase names


@formulieren.route("/<string:slug>/prognoseformulier")
class Prognoseformulier(MethodView):
    @formulieren.response(200, PrognoseformulierSchema)
    def get(self, slug: str):
        """Het prognoseformulier van een dienst en de perioden die nu openstaan (AV 2.5)"""
        schema = diensten().prognose_schema(slug) if diensten().get(slug) else None
        if schema is None:
            raise Problem(404, f"De dienst {slug!r} vraagt geen prognoses.",
                          code="niet-gevonden")
        return {"dienst": slug, "artikel": "AV 2.5", "perioden": service.perioden(slug),
                "schema": _json_schema(schema)}


def _als_dict(prognose: Prognose, met_versies: bool = False,
             aantal: int | None = None) -> dict:
    """``aantal``: the number of versions, when the caller counted them for a whole list."""
    alle = service.versies(prognose.aansluiting_id, prognose.periode) if (
        met_versies or aantal is None) else []
    periode = service.periode(prognose.dienst, prognose.periode)
    uit = {"id": prognose.id, "aansluiting_id": prognose.aansluiting_id,
           "dienst": prognose.dienst, "periode": prognose.periode,
           "periode_naam": periode.naam if periode else None,
           "uiterlijk": periode.uiterlijk if periode else None,
           "formulier": prognose.formulier, "nummer": prognose.nummer,
           "aantal_versies": len(alle) if aantal is None else aantal,
           "ingediend_op": prognose.ingediend_op,
           "ingediend_door": prognose.ingediend_door}
    if met_versies:
        uit["versies"] = alle
    return uit


def _plicht_dict(stand: service.Stand, afnemer: Afnemer | None = None) -> dict:
    a = stand.aansluiting
    afnemer = afnemer or stand.afnemer or db.session.get(Afnemer, a.afnemer_id)
    return {"afnemer_id": a.afnemer_id, "afnemer_naam": afnemer.naam, "aansluiting_id": a.id,
            "dienst": a.dienst, "omgeving": a.omgeving, "verplicht": stand.plicht.verplicht,
            "reden": stand.plicht.reden, "artikel": stand.plicht.artikel,
            "status": stand.status, "periode": stand.periode.id if stand.periode else None,
            "periode_naam": stand.periode.naam if stand.periode else None,
            "uiterlijk": stand.uiterlijk,
            "laatste_prognose_id": stand.laatste.id if stand.laatste else None,
            "laatste_ingediend_op": stand.laatste.ingediend_op if stand.laatste else None}


@blp.route("")
class Prognoses(MethodView):
    @blp.arguments(PrognoseArgs, location="query")
    @blp.response(200, pagina_schema(PrognoseSchema))
    def get(self, args):
        """De nieuwste prognose per aansluiting en periode"""
        nieuwste = (select(Prognose.aansluiting_id, Prognose.periode,
                           func.max(Prognose.nummer).label("nummer"))
                    .where(Prognose.afnemer_id == huidige_afnemer().id)
                    .group_by(Prognose.aansluiting_id, Prognose.periode).subquery())
        query = (tenant_select(Prognose).join(
            nieuwste, (nieuwste.c.aansluiting_id == Prognose.aansluiting_id)
            & (nieuwste.c.periode == Prognose.periode) & (nieuwste.c.nummer == Prognose.nummer))
            .order_by(Prognose.periode.desc(), Prognose.aansluiting_id))
        if args.get("aansluiting_id"):
            query = query.where(Prognose.aansluiting_id == args["aansluiting_id"])
        pagina = paginate(query, args)
        # Versions are numbered 1, 2, 3... and never removed: the newest's number is
        # the count, so no query per row.
        pagina["resultaten"] = [_als_dict(p, aantal=p.nummer) for p in pagina["resultaten"]]
        return pagina

    @blp.arguments(PrognoseSchema)
    @blp.response(201, PrognoseDetailSchema)
    @blp.problems(403, 409)
    def post(self, data):
        """Een prognose inleveren (een nieuwe versie voor die aansluiting en periode)

        Het formulier hangt af van de dienst; fouten erin komen per veld terug onder
        ``formulier.``. Bij een dienst die vooraf factureert legt de prognose ook de
        voorcalculatie van het jaar vast, met dezelfde regels als de voorcalculatie zelf. Bij
        een dienst met een gedeelde capaciteit krijgt Logius bericht als de som van de
        prognoses de waarschuwingsdrempel passeert.
        """
        aansluiting = db.session.get(Aansluiting, data["aansluiting_id"])
        if aansluiting is None or aansluiting.afnemer_id != huidige_afnemer().id:
            raise invalid("aansluitingId", "Geen aansluiting van deze afnemer.")
        schema = diensten().prognose_schema(aansluiting.dienst)
        if schema is None:
            raise invalid("aansluitingId", f"{aansluiting.dienst} vraagt geen prognoses.")
        periode = service.periode(aansluiting.dienst, data["periode"])
        if periode is None:
            keuze = ", ".join(p.id for p in service.perioden(aansluiting.dienst))
            raise invalid("periode", f"Onbekende periode; {aansluiting.dienst} kent nu: {keuze}.")
        try:
            formulier = schema().load(data["formulier"])
        except ma.ValidationError as exc:
            params = [{"name": name or "formulier", "code": "invalid", "reason": reden}
                      for name, reden in flatten_messages(exc.messages, "formulier")]
            namen = ", ".join(dict.fromkeys(p["name"] for p in params))
            raise Problem(400, f"De invoer is ongeldig in: {namen}.", code="ongeldige-invoer",
                          invalid_params=params) from None
        principal = current_principal()
        volumes = diensten().prognose_voorcalculatie(aansluiting.dienst, periode, formulier)
        if volumes is not None:
            zet_voorcalculatie(aansluiting, periode.van.year,
                               [{"metriek": m, "aantal": a} for m, a in volumes.items()],
                               principal, veld="formulier")
        prognose = Prognose(
            id=uuid.uuid4(), afnemer_id=aansluiting.afnemer_id, aansluiting_id=aansluiting.id,
            dienst=aansluiting.dienst, periode=periode.id,
            nummer=service.volgend_nummer(aansluiting.id, periode.id),
            formulier=schema().dump(formulier), ingediend_door=principal.naam)
        db.session.add(prognose)
        db.session.flush()
        waarschuwing = capaciteit.waarschuwing(prognose)
        commit()
        return {**_als_dict(prognose, met_versies=True), "waarschuwing": waarschuwing}, 201, {
            "Location": url_for("prognoses.PrognoseView", _external=True,
                                afnemer_id=prognose.afnemer_id, prognose_id=prognose.id)}


@blp.route("/<uuid:prognose_id>")
class PrognoseView(MethodView):
    @blp.response(200, PrognoseDetailSchema)
    def get(self, prognose_id: uuid.UUID):
        """Eén versie van een prognose, met alle versies van die aansluiting en periode"""
        return _als_dict(tenant_get_or_404(Prognose, prognose_id), met_versies=True)


@plicht.route("")
class Plicht(MethodView):
    @plicht.arguments(PaginaArgs, location="query")
    @plicht.response(200, pagina_schema(PrognoseplichtSchema))
    def get(self, args):
        """Per aansluiting: is een prognose verplicht, waarom, tot wanneer, en de status"""
        afnemer = huidige_afnemer()
        items = [_plicht_dict(s, afnemer) for s in service.standen(afnemer.id)]
        return paginate_list(items, args)


@logius.route("/overzicht")
class Overzicht(MethodView):
    @logius.arguments(PrognoseoverzichtArgs, location="query")
    @logius.response(200, pagina_schema(PrognoseplichtSchema))
    @logius.problems(403)
    @alleen_logius
    def get(self, args):
        """Alle afnemers: per aansluiting actueel, verwacht, te laat of niet verplicht"""
        items = [_plicht_dict(s) for s in service.standen()
                 if not args.get("status") or s.status == args["status"]]
        return paginate_list(items, args)


@gedeeld.route("/<string:slug>/capaciteit")
class Capaciteit(MethodView):
    @gedeeld.response(200, CapaciteitSchema)
    @gedeeld.problems(403, 404)
    @alleen_logius
    def get(self, slug: str):
        """De gedeelde capaciteit van een dienst tegen de verwachtingen uit de prognoses

        Voor een dienst die een gedeelde capaciteit opgeeft (bijvoorbeeld authenticaties
        per minuut, met het artikel van de limiet): telt uit de nieuwste prognose van
        elke lopende aansluiting in de omgeving het opgegeven formulierveld op, en geeft
        de ruimte die overblijft, de grootste bijdragers en een waarschuwing boven de
        drempel. Een dienst zonder gedeelde capaciteit geeft 404.
        """
        if diensten().get(slug) is None:
            raise Problem(404, f"Er is geen dienst {slug!r}.", code="niet-gevonden")
        opgegeven = capaciteit.van(slug)
        if opgegeven is None:
            raise Problem(404, f"Dienst {slug!r} heeft geen gedeelde capaciteit.",
                          code="niet-gevonden")
        return capaciteit.overzicht(slug, opgegeven)
