"""``/diensten/vwo/overeenkomsten``: every gemeente's processing agreements in one list,
for Logius (read only; each agreement changes through its gemeente's own route); and
``/diensten/vwo/gemeenten``: every gemeente, with whether an agreement runs for it.

Filtered in SQL, so a page of the answer is a page of what was asked for: ``compleet``
(Bijlage 1 tabel 1 has a processing that runs, both parties have a contact reachable
outside office hours and the IBD's is set, Bijlage 2 is filled in: the same rule as the
agreement's own ``compleet``), ``lopend`` (not lapsed, VWO 2.3, nor ended, VWO 2.2) and
``afnemerId``. Each row names its gemeente, so a list needs no read per row. The
gemeenten filter on ``lopendeOvereenkomst`` in SQL too (those without one: VWO 1, 2).
"""

from __future__ import annotations

import marshmallow as ma
from flask.views import MethodView
from sqlalchemy import String, and_, cast, exists, false, func, not_, or_, select, true

from core.sdk.api import (
    PaginaArgs,
    Schema,
    afnemerlijst,
    afnemers,
    afnemers_met_contactpersoon,
    alleen_logius,
    dienst_blueprint,
    instellingen,
    pagina_schema,
    paginate,
)

from .. import dienst as d
from .. import weergave
from ..dienst import SLUG
from ..models import Overeenkomst, Verwerking, Verwerkingsversie
from ..schemas import OvereenkomstSchema
from .gedeeld import vandaag

blp = dienst_blueprint(SLUG, __name__, naam="logius-overeenkomsten", pad="/overeenkomsten",
                       description="De verwerkersovereenkomsten van alle gemeenten (alleen "
                                   "Logius-beheerder): welke niet compleet zijn, welke lopen")
gemeenten = dienst_blueprint(SLUG, __name__, naam="logius-gemeenten", pad="/gemeenten",
                             description="Alle gemeenten en of er een verwerkersovereenkomst "
                                         "voor loopt (alleen Logius-beheerder)")


class LogiusOvereenkomstArgs(PaginaArgs):
    compleet = ma.fields.Boolean(metadata={
        "description": "Alleen overeenkomsten die (niet) compleet zijn; zelfde regel als "
                       "compleet in het antwoord (VWO 3.2, 4.1, Bijlage 1 tabel 2)"})
    lopend = ma.fields.Boolean(metadata={
        "description": "true: alleen toekomstige en actieve; false: alleen vervallen en "
                       "beëindigde (VWO 2.2, 2.3)"})
    afnemer_id = ma.fields.List(ma.fields.UUID(), validate=ma.validate.Length(
        max=100, error="Noem er hoogstens 100."), metadata={
        "description": "Alleen de overeenkomsten van deze gemeenten (herhaal de parameter)",
        "example": ["3f2a8c1e-5b7d-4e9a-8c6f-1d2e3f4a5b6c"]})


class LogiusOvereenkomstSchema(OvereenkomstSchema):
    afnemer_id = ma.fields.UUID(dump_only=True, metadata={"description": "De gemeente"})
    afnemer_naam = ma.fields.String(dump_only=True, metadata={
        "description": "Naam van de gemeente", "example": "Gemeente Voorbeeldstad"})


class GemeenteArgs(PaginaArgs):
    lopende_overeenkomst = ma.fields.Boolean(metadata={
        "description": "false: alleen gemeenten zonder toekomstige of actieve "
                       "verwerkersovereenkomst; true: alleen die met een"})


class GemeenteSchema(Schema):
    id = ma.fields.UUID(dump_only=True, metadata={"description": "De gemeente (afnemer-id)"})
    naam = ma.fields.String(dump_only=True, metadata={"description": "Naam van de gemeente",
                                                      "example": "Gemeente Voorbeeldstad"})
    lopende_overeenkomst = ma.fields.Boolean(dump_only=True, metadata={
        "description": "Of er een toekomstige of actieve verwerkersovereenkomst voor de "
                       "gemeente is"})


def _compleet():
    """The agreement's ``compleet`` (regels.ontbreekt) as a SQL condition."""
    waarden = instellingen(d.SLUG)
    verwerker = bool(waarden[d.LOGIUS_CONTACT_NAAM] and (waarden[d.LOGIUS_CONTACT_TELEFOON]
                                                        or waarden[d.LOGIUS_CONTACT_EMAIL]))
    ibd = bool(waarden[d.IBD_TELEFOON] or waarden[d.IBD_EMAIL])
    verwerking = exists().where(
        Verwerking.overeenkomst_id == Overeenkomst.id,
        Verwerkingsversie.verwerking_id == Verwerking.id,
        Verwerkingsversie.nummer == Verwerking.laatste_versie,
        Verwerkingsversie.beeindigd.is_(False))
    # A JSON column holds None as SQL NULL or as JSON null, by how the row was written.
    bijlage2 = func.coalesce(cast(Overeenkomst.bijlage2, String), "null") != "null"
    return and_(true() if verwerker and ibd else false(), verwerking, bijlage2,
                Overeenkomst.afnemer_id.in_(afnemers_met_contactpersoon("24x7")))


def _lopend(dag):
    """Status toekomstig or actief (weergave.status) as a SQL condition."""
    return and_(or_(Overeenkomst.beeindigd_op.is_(None), Overeenkomst.beeindigd_op > dag),
                or_(Overeenkomst.vervallen_op.is_(None), Overeenkomst.vervallen_op > dag))


@blp.route("")
class LogiusOvereenkomsten(MethodView):
    @alleen_logius
    @blp.arguments(LogiusOvereenkomstArgs, location="query")
    @blp.response(200, pagina_schema(LogiusOvereenkomstSchema))
    @blp.problems(403)
    @blp.doc(operationId="vwoAlleOvereenkomstenOpvragen")
    def get(self, args):
        """De verwerkersovereenkomsten van alle gemeenten (alleen Logius-beheerder)

        Per gemeente de nieuwste eerst; elke rij noemt haar gemeente (afnemerNaam).
        """
        query = select(Overeenkomst)
        if args.get("compleet") is not None:
            query = query.where(_compleet() if args["compleet"] else not_(_compleet()))
        if args.get("lopend") is not None:
            query = query.where(_lopend(vandaag()) if args["lopend"]
                                else not_(_lopend(vandaag())))
        if args.get("afnemer_id"):
            query = query.where(Overeenkomst.afnemer_id.in_(args["afnemer_id"]))
        pagina = paginate(query.order_by(Overeenkomst.afnemer_id,
                                         Overeenkomst.ingangsdatum.desc(),
                                         Overeenkomst.id), args)
        rijen = pagina["resultaten"]
        namen = afnemers(o.afnemer_id for o in rijen)
        pagina["resultaten"] = [
            {**rij, "afnemer_id": o.afnemer_id,
             "afnemer_naam": namen[o.afnemer_id].naam if o.afnemer_id in namen else None}
            for o, rij in zip(rijen, weergave.overeenkomsten(rijen, vandaag()), strict=True)]
        return pagina


@gemeenten.route("")
class LogiusGemeenten(MethodView):
    @alleen_logius
    @gemeenten.arguments(GemeenteArgs, location="query")
    @gemeenten.response(200, pagina_schema(GemeenteSchema))
    @gemeenten.problems(403)
    @gemeenten.doc(operationId="vwoGemeentenOpvragen")
    def get(self, args):
        """Alle gemeenten, op naam, met of er een overeenkomst loopt (alleen Logius-beheerder)"""
        query, afnemer_id = afnemerlijst("gemeente")
        lopend = exists().where(Overeenkomst.afnemer_id == afnemer_id, _lopend(vandaag()))
        query = query.add_columns(lopend.label("lopend"))
        if args.get("lopende_overeenkomst") is not None:
            query = query.where(lopend if args["lopende_overeenkomst"] else not_(lopend))
        pagina = paginate(query, args, scalars=False)
        pagina["resultaten"] = [{"id": rij.id, "naam": rij.naam,
                                 "lopende_overeenkomst": bool(rij.lopend)}
                                for rij in pagina["resultaten"]]
        return pagina
