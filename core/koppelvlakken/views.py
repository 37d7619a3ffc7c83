"""Koppelvlakken per dienst, their versions, the check, and what each aansluiting uses.

- ``GET /diensten/{slug}/koppelvlakken``: every specification with its versions;
- ``POST .../{koppelvlak}/versies`` and ``PATCH .../versies/{versie}``: the dienst's
  productteam (or a Logius beheerder) adds versions and sets deprecations and sunsets;
- ``GET .../{koppelvlak}/controle?versie=``: where a version stands, with
  ``Deprecation`` (RFC 9745) and ``Sunset`` (RFC 8594) headers when it is on its way out;
- ``/afnemers/{id}/koppelvlakgebruik``: the afnemer registers the version per aansluiting.
"""

from __future__ import annotations

import uuid
from calendar import timegm
from datetime import date, datetime, time
from email.utils import formatdate

import marshmallow as ma
from flask import url_for
from flask.views import MethodView
from sqlalchemy import select

from core import tijd, voorbeelden
from core.aansluitingen.models import Aansluiting
from core.api import Blueprint, fields
from core.api.etag import check_if_match
from core.api.pagination import PaginaArgs, pagina_schema, paginate, paginate_list
from core.api.responses import commit, met_etag
from core.api.schemas import Schema, WijzigingMixin
from core.auth.middleware import current_principal
from core.auth.principal import Rol
from core.config import API_PREFIX
from core.db import db
from core.errors import Problem, invalid
from core.koppelvlakken import service
from core.koppelvlakken.models import KoppelvlakGebruik, KoppelvlakVersie
from core.plugins import diensten
from core.tenancy import TenantBlueprint, huidige_afnemer, tenant_get_or_404, tenant_select

blp = Blueprint(
    "koppelvlakken", __name__, url_prefix=f"{API_PREFIX}/diensten/<slug>/koppelvlakken",
    description="Koppelvlakspecificaties per dienst en de levenscyclus van hun versies",
)
gebruik = TenantBlueprint(
    "koppelvlakgebruik", __name__, suffix="/koppelvlakgebruik",
    description="Welke koppelvlakversie elke aansluiting van de afnemer gebruikt",
)

#: Sent only for a deprecated or retired version (formats in :mod:`core.api.openapi`).
DEPRECATION_SUNSET = {"Deprecation": {"$ref": "#/components/headers/Deprecation"},
                      "Sunset": {"$ref": "#/components/headers/Sunset"}}

STATUSSEN = [service.Status.ONDERSTEUND, service.Status.VEROUDERD,
             service.Status.UITGEFASEERD, service.Status.ONBEKEND]


class VersieSchema(Schema):
    versie = fields.tekst(40, required=True, attribute="nummer", metadata={
        "description": "Versienummer van het koppelvlak", "example": "3.1"})
    ondersteund_sinds = ma.fields.Date(required=True, metadata={
        "description": "Sinds wanneer de versie wordt bediend"})
    verouderd_sinds = ma.fields.Date(load_default=None, allow_none=True, metadata={
        "description": "Sinds wanneer de versie verouderd is; null als ze dat niet is"})
    sunset_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Vanaf deze datum wordt de versie niet meer bediend"})
    opvolger = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De versie om naar over te stappen",
        "example": "3.1"})
    sunset_aangekondigd_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Datum waarop de sunset is aangekondigd"})
    status = ma.fields.Method("_status", dump_only=True, metadata={"description": "Waar de "
                                                                   "versie staat in haar "
                                                                   "levenscyclus",
                                                                   "enum": STATUSSEN})

    def _status(self, obj) -> str:
        return service.status(obj)


class VersieWijzigingSchema(WijzigingMixin, Schema):
    verouderd_sinds = ma.fields.Date(allow_none=True, metadata={
        "description": "Verouderd verklaren per deze datum; null maakt het ongedaan"})
    sunset_op = ma.fields.Date(metadata={
        "description": "Uitfaseren per deze datum; vraagt de aankondigingstermijn van de "
        "voorwaarden (AV 14.1, AV 13.1) en meldt het aan de afnemers die de versie gebruiken"})
    opvolger = fields.tekst(40, allow_none=True, metadata={
        "description": "De versie om naar over te stappen; null wist haar",
        "example": "3.1"})


class KoppelvlakSchema(Schema):
    id = ma.fields.String(dump_only=True, metadata={
        "description": "Id van het koppelvlak binnen de dienst",
        "example": "berichtenbox"})
    naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van het koppelvlak",
        "example": "Berichtenbox-koppelvlak"})
    artikel = ma.fields.String(dump_only=True, metadata={
        "description": "Het artikel waar het koppelvlak beschreven staat",
        "example": "MO 3.5"})
    versies = ma.fields.List(ma.fields.Nested(VersieSchema), dump_only=True, metadata={
        "description": "De versies van het koppelvlak, met hun levenscyclus"})


class ControleArgs(Schema):
    versie = fields.tekst(40, required=True, metadata={
        "description": "De versie om te controleren",
        "example": "3.1"})


class ControleSchema(Schema):
    dienst = ma.fields.String(metadata={
        "description": "Slug van de dienst",
        "example": voorbeelden.DIENST_MET_KOPPELVLAKKEN})
    koppelvlak = ma.fields.String(metadata={
        "description": "Id van het koppelvlak",
        "example": "berichtenbox"})
    versie = ma.fields.String(metadata={
        "description": "De gecontroleerde versie",
        "example": "2.0"})
    status = ma.fields.String(metadata={"description": "Waar de versie staat",
                                        "enum": STATUSSEN})
    ondersteund_sinds = ma.fields.Date(allow_none=True, metadata={
        "description": "Sinds wanneer de versie wordt bediend"})
    verouderd_sinds = ma.fields.Date(allow_none=True, metadata={
        "description": "Sinds wanneer de versie verouderd is"})
    sunset_op = ma.fields.Date(allow_none=True, metadata={
        "description": "Vanaf deze datum wordt de versie niet meer bediend"})
    dagen_tot_sunset = ma.fields.Integer(allow_none=True, metadata={
        "description": "Dagen tot de sunset; negatief als die voorbij is",
        "example": 30})
    opvolger = ma.fields.String(allow_none=True, metadata={
        "description": "De versie om naar over te stappen",
        "example": "3.0"})
    toelichting = ma.fields.String(metadata={
        "description": "De stand in gewone taal",
        "example": "Deze versie wordt ondersteund."})


def _mag_beheren(slug: str) -> None:
    if not current_principal().beheert_dienst(slug):
        raise Problem(403, "Alleen het productteam van deze dienst of een Logius-beheerder "
                           "beheert de koppelvlakversies.", code="geen-productteam")


def controle(dienst: str, koppelvlak: str, nummer: str) -> tuple[dict, dict[str, str]]:
    """The check answer and its headers for one version."""
    record = service.versie(dienst, koppelvlak, nummer)
    status = service.status(record)
    body = {"dienst": dienst, "koppelvlak": koppelvlak, "versie": nummer, "status": status,
            "ondersteund_sinds": None, "verouderd_sinds": None, "sunset_op": None,
            "dagen_tot_sunset": None, "opvolger": None}
    headers: dict[str, str] = {}
    if record is not None:
        body.update(ondersteund_sinds=record.ondersteund_sinds,
                    verouderd_sinds=record.verouderd_sinds, sunset_op=record.sunset_op,
                    opvolger=record.opvolger)
        if record.sunset_op is not None:
            body["dagen_tot_sunset"] = (record.sunset_op - tijd.vandaag()).days
    toelichting = {
        service.Status.ONDERSTEUND: "Deze versie wordt ondersteund.",
        service.Status.ONBEKEND: "Deze versie is (nog) niet beschikbaar.",
        service.Status.UITGEFASEERD: "Deze versie is uitgefaseerd en wordt niet meer bediend.",
        service.Status.VEROUDERD: "Deze versie is verouderd; stap tijdig over.",
    }[status]
    if record is not None and status in (service.Status.VEROUDERD, service.Status.UITGEFASEERD):
        sinds = record.verouderd_sinds or record.sunset_aangekondigd_op or tijd.vandaag()
        headers["Deprecation"] = f"@{_epoch(sinds)}"
        if record.sunset_op is not None:
            headers["Sunset"] = formatdate(_epoch(record.sunset_op), usegmt=True)
            toelichting += (f" Uitfasering op {record.sunset_op.isoformat()}, over "
                            f"{body['dagen_tot_sunset']} dagen.") if body["dagen_tot_sunset"] \
                and body["dagen_tot_sunset"] > 0 else ""
        if record.opvolger:
            toelichting += f" Opvolger: versie {record.opvolger}."
    body["toelichting"] = toelichting
    return body, headers


def _epoch(dag: date) -> int:
    """Midnight at the start of ``dag`` in the Netherlands, as a Unix time."""
    return timegm(datetime.combine(dag, time(0), tzinfo=tijd.AMSTERDAM).utctimetuple())


def _dienst_of_404(slug: str) -> None:
    if diensten().get(slug) is None:
        raise Problem(404, "Deze dienst bestaat niet.", code="niet-gevonden")


@blp.route("")
class Koppelvlakken(MethodView):
    @blp.arguments(PaginaArgs, location="query")
    @blp.response(200, pagina_schema(KoppelvlakSchema))
    def get(self, args, slug: str):
        """Koppelvlakken van een dienst, met hun versies"""
        _dienst_of_404(slug)
        items = [{"id": k.id, "naam": k.naam, "artikel": k.artikel,
                  "versies": service.versies(slug, k.id)}
                 for k in service.koppelvlakken(slug).values()]
        commit()  # versions the plugin declares are copied on first use
        return paginate_list(items, args)


@blp.route("/<koppelvlak>/versies")
class Versies(MethodView):
    @blp.arguments(VersieSchema)
    @blp.response(201, VersieSchema)
    @blp.problems(403, 409)
    @blp.rollen(Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM)
    def post(self, data, slug: str, koppelvlak: str):
        """Nieuwe versie van een koppelvlak (productteam van de dienst)"""
        service.koppelvlak_of_404(slug, koppelvlak)
        _mag_beheren(slug)
        if service.versie(slug, koppelvlak, data["nummer"]) is not None:
            raise Problem(409, f"Versie {data['nummer']} bestaat al.", code="versie-bestaat-al")
        if data["verouderd_sinds"] and data["verouderd_sinds"] < data["ondersteund_sinds"]:
            raise invalid("verouderdSinds", "Kan niet voor 'ondersteundSinds' liggen.")
        record = KoppelvlakVersie(dienst=slug, koppelvlak=koppelvlak, **data)
        db.session.add(record)
        commit()
        return met_etag(record, 201, Location=url_for(
            "koppelvlakken.VersieView", slug=slug, koppelvlak=koppelvlak, versie=record.nummer,
            _external=True))


@blp.route("/<koppelvlak>/versies/<versie>")
class VersieView(MethodView):
    @blp.response(200, VersieSchema)
    def get(self, slug: str, koppelvlak: str, versie: str):
        """Eén versie opvragen"""
        service.koppelvlak_of_404(slug, koppelvlak)
        record = service.versie(slug, koppelvlak, versie)
        if record is None:
            raise Problem(404, "Deze versie bestaat niet.", code="niet-gevonden")
        commit()
        return met_etag(record)

    @blp.arguments(VersieWijzigingSchema)
    @blp.response(200, VersieSchema)
    @blp.if_match()
    @blp.problems(403)
    @blp.rollen(Rol.LOGIUS_BEHEERDER, Rol.PRODUCTTEAM)
    def patch(self, data, slug: str, koppelvlak: str, versie: str):
        """Versie verouderd verklaren of uitfaseren (sunset), met opvolger

        Een sunset vraagt de aankondigingstermijn van de voorwaarden; een eerdere datum
        wordt geweigerd. De afnemers die de versie gebruiken krijgen bericht, en
        herinneringen 90, 30 en 7 dagen vooraf.
        """
        service.koppelvlak_of_404(slug, koppelvlak)
        _mag_beheren(slug)
        record = service.versie(slug, koppelvlak, versie)
        if record is None:
            raise Problem(404, "Deze versie bestaat niet.", code="niet-gevonden")
        check_if_match(record)
        if "verouderd_sinds" in data:
            if data["verouderd_sinds"] and data["verouderd_sinds"] < record.ondersteund_sinds:
                raise invalid("verouderdSinds", "Kan niet voor 'ondersteundSinds' liggen.")
            record.verouderd_sinds = data["verouderd_sinds"]
        if "sunset_op" in data:
            service.kondig_sunset_aan(record, data["sunset_op"], data.get("opvolger"))
        elif "opvolger" in data:
            if data["opvolger"] is not None and service.versie(slug, koppelvlak,
                                                               data["opvolger"]) is None:
                raise invalid("opvolger", "Geen bekende versie van dit koppelvlak.")
            record.opvolger = data["opvolger"]
        commit()
        return met_etag(record)


@blp.route("/<koppelvlak>/controle")
class Controle(MethodView):
    @blp.arguments(ControleArgs, location="query")
    @blp.response(200, ControleSchema, headers=DEPRECATION_SUNSET)
    def get(self, args, slug: str, koppelvlak: str):
        """Controleren waar een versie staat: ondersteund, verouderd, uitgefaseerd, onbekend"""
        service.koppelvlak_of_404(slug, koppelvlak)
        body, headers = controle(slug, koppelvlak, args["versie"])
        commit()
        return body, 200, headers


class GebruikSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    aansluiting_id = ma.fields.UUID(required=True)
    koppelvlak = fields.tekst(80, required=True, metadata={"description": "Id van het koppelvlak",
                                                           "example": "berichtenbox-berichten"})
    versie = fields.tekst(40, required=True, metadata={"description": "De versie die de "
                                                       "aansluiting gebruikt",
                                                       "example": "3.1"})
    dienst = ma.fields.String(dump_only=True)
    status = ma.fields.String(dump_only=True, metadata={"description": "Waar die versie staat",
                                                        "enum": STATUSSEN})
    sunset_op = ma.fields.Date(dump_only=True, allow_none=True, metadata={
        "description": "Vanaf deze datum wordt de versie niet meer bediend"})
    opvolger = ma.fields.String(dump_only=True, allow_none=True, metadata={
        "description": "De versie om naar over te stappen",
        "example": "3.0"})
    aangemaakt_op = ma.fields.AwareDateTime(dump_only=True)
    gewijzigd_op = ma.fields.AwareDateTime(dump_only=True)


def _met_status(items: list[KoppelvlakGebruik]) -> list[dict]:
    """Each registration with the status of its version: two queries for any number."""
    if not items:
        return []
    dienst_van = dict(db.session.execute(
        select(Aansluiting.id, Aansluiting.dienst)
        .where(Aansluiting.id.in_({i.aansluiting_id for i in items}))).all())
    for dienst in sorted(set(dienst_van.values())):
        service.synchroniseer(dienst)
    records = {(r.dienst, r.koppelvlak, r.nummer): r for r in db.session.scalars(
        select(KoppelvlakVersie).where(KoppelvlakVersie.dienst.in_(set(dienst_van.values()))))}
    uit = []
    for item in items:
        dienst = dienst_van[item.aansluiting_id]
        record = records.get((dienst, item.koppelvlak, item.nummer))
        uit.append({
            "id": item.id, "aansluiting_id": item.aansluiting_id, "koppelvlak": item.koppelvlak,
            "versie": item.nummer, "dienst": dienst, "status": service.status(record),
            "sunset_op": record.sunset_op if record else None,
            "opvolger": record.opvolger if record else None,
            "aangemaakt_op": item.aangemaakt_op, "gewijzigd_op": item.gewijzigd_op})
    return uit


@gebruik.route("")
class Gebruik(MethodView):
    @gebruik.arguments(PaginaArgs, location="query")
    @gebruik.response(200, pagina_schema(GebruikSchema))
    def get(self, args):
        """Welke koppelvlakversies de aansluitingen gebruiken, met hun status"""
        pagina = paginate(tenant_select(KoppelvlakGebruik).order_by(
            KoppelvlakGebruik.aangemaakt_op, KoppelvlakGebruik.id), args)
        pagina["resultaten"] = _met_status(pagina["resultaten"])
        commit()  # versions a plugin declared may have been copied in
        return pagina

    @gebruik.arguments(GebruikSchema)
    @gebruik.response(200, GebruikSchema)
    @gebruik.problems(403)
    def post(self, data):
        """De gebruikte versie van een koppelvlak registreren (of bijwerken)

        Eén registratie per aansluiting en koppelvlak: opnieuw registreren vervangt de versie.
        """
        aansluiting = db.session.get(Aansluiting, data["aansluiting_id"])
        if aansluiting is None or aansluiting.afnemer_id != huidige_afnemer().id:
            raise invalid("aansluitingId", "Geen aansluiting van deze afnemer.")
        if data["koppelvlak"] not in service.koppelvlakken(aansluiting.dienst):
            raise invalid("koppelvlak", f"Dienst {aansluiting.dienst} kent dit koppelvlak niet.")
        if service.versie(aansluiting.dienst, data["koppelvlak"], data["versie"]) is None:
            raise invalid("versie", "Geen bekende versie van dit koppelvlak.")
        item = db.session.execute(
            tenant_select(KoppelvlakGebruik).where(
                KoppelvlakGebruik.aansluiting_id == aansluiting.id,
                KoppelvlakGebruik.koppelvlak == data["koppelvlak"])).scalar_one_or_none()
        if item is None:
            item = KoppelvlakGebruik(afnemer_id=aansluiting.afnemer_id,
                                     aansluiting_id=aansluiting.id, koppelvlak=data["koppelvlak"],
                                     nummer=data["versie"])
            db.session.add(item)
        else:
            item.nummer = data["versie"]
        commit()
        return _met_status([item])[0]


@gebruik.route("/<uuid:gebruik_id>")
class GebruikView(MethodView):
    @gebruik.response(200, GebruikSchema, headers=DEPRECATION_SUNSET)
    def get(self, gebruik_id: uuid.UUID):
        """Eén registratie, met de status van de versie (en Deprecation/Sunset)"""
        item = tenant_get_or_404(KoppelvlakGebruik, gebruik_id)
        body = _met_status([item])[0]
        _controle, headers = controle(body["dienst"], item.koppelvlak, item.nummer)
        commit()
        return body, 200, headers

    @gebruik.response(204)
    @gebruik.problems(403)
    def delete(self, gebruik_id: uuid.UUID):
        """Registratie verwijderen"""
        db.session.delete(tenant_get_or_404(KoppelvlakGebruik, gebruik_id))
        commit()


__all__ = ["blp", "gebruik", "select"]
