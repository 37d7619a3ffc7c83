"""The routes of the test dienst ``proef``."""

from __future__ import annotations

import uuid

import marshmallow as ma
from flask.views import MethodView

from core.sdk.api import (
    PaginaArgs,
    Schema,
    aangemaakt,
    afnemer_blueprint,
    check_if_match,
    commit,
    db,
    dienst_blueprint,
    huidige_afnemer,
    instellingen,
    met_etag,
    pagina_schema,
    paginate,
    publiceer,
    tekst,
    tenant_get_or_404,
    tenant_select,
)
from tests.plugins.proef.models import Notitie

notities = afnemer_blueprint("proef", __name__, pad="/proef-notities",
                             description="Notities bij de proefdienst")
info = dienst_blueprint("proef", __name__, naam="info", pad="/info",
                        description="Wat de proefdienst over zichzelf zegt")


class NotitieSchema(Schema):
    id = ma.fields.UUID(dump_only=True)
    tekst = tekst(200, required=True)
    uiterlijk = ma.fields.Date(allow_none=True)


class NotitieWijzigingSchema(Schema):
    tekst = tekst(200)


class InfoSchema(Schema):
    maximum = ma.fields.Integer(dump_only=True)


@notities.route("")
class Notities(MethodView):
    @notities.arguments(PaginaArgs, location="query")
    @notities.response(200, pagina_schema(NotitieSchema))
    def get(self, args):
        """Notities opvragen"""
        return paginate(tenant_select(Notitie).order_by(Notitie.tekst, Notitie.id), args)

    @notities.arguments(NotitieSchema)
    @notities.response(201, NotitieSchema)
    def post(self, data):
        """Notitie plaatsen"""
        notitie = Notitie(afnemer_id=huidige_afnemer().id, **data)
        db.session.add(notitie)
        db.session.flush()
        publiceer(type="proef.notitie-geplaatst", afnemer_id=notitie.afnemer_id,
                  onderwerp="Notitie geplaatst", tekst=notitie.tekst,
                  data={"notitieId": str(notitie.id)})
        commit()
        return aangemaakt(notitie, "proef.NotitieView", afnemer_id=notitie.afnemer_id,
                          notitie_id=notitie.id)


@notities.route("/<uuid:notitie_id>")
class NotitieView(MethodView):
    @notities.response(200, NotitieSchema)
    def get(self, notitie_id: uuid.UUID):
        """Eén notitie"""
        return met_etag(tenant_get_or_404(Notitie, notitie_id))

    @notities.arguments(NotitieWijzigingSchema)
    @notities.response(200, NotitieSchema)
    @notities.if_match()
    def patch(self, data, notitie_id: uuid.UUID):
        """Notitie wijzigen"""
        notitie = tenant_get_or_404(Notitie, notitie_id)
        check_if_match(notitie)
        for key, value in data.items():
            setattr(notitie, key, value)
        commit()
        return met_etag(notitie)


@info.route("")
class Info(MethodView):
    @info.response(200, InfoSchema)
    def get(self):
        """Instellingen van de proefdienst"""
        return {"maximum": instellingen("proef")["maximum"]}
